/**
 * From a config file (or none) plus `--set` overrides to the resolved Config.
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { isAlias, isMap, isSeq, parseDocument, parse as parseYaml, YAMLParseError } from 'yaml';
import { ConfigError, describeValue, isConfigError } from './errors.js';
import { fallbackErrorMap, issuesToError } from './issues.js';
import { jsonErrorOffset, jsonPathOffset } from './json-position.js';
import { applyOverrides } from './overrides.js';
import { type Config, configSchema, isPlainObject } from './schema.js';

const CONFIG_EXTENSIONS = ['.yaml', '.yml', '.json'] as const;

/**
 * The parsed content of a `.yaml`, `.yml` or `.json` config file, not yet
 * validated (pass it to `resolveConfig`). An empty YAML file gives null,
 * which resolves to the default config.
 */
export async function loadConfigFile(path: string): Promise<unknown> {
  return (await readConfigFile(path)).raw;
}

async function readConfigFile(path: string): Promise<{ raw: unknown; text: string; json: boolean }> {
  const ext = extname(path).toLowerCase();
  if (!(CONFIG_EXTENSIONS as readonly string[]).includes(ext)) {
    throw new ConfigError('', `config file ${path} must end in .yaml, .yml or .json`);
  }
  const text = stripBom(await readText(path, 'config file'));
  const json = ext === '.json';
  return { raw: json ? parseJson(text, path) : parseYamlText(text, path), text, json };
}

/**
 * `resolveConfig` of a config file: an error about a key the file holds
 * (and no override set) starts with `file:line:column:` of that key.
 */
export async function resolveConfigFile(path: string, overrides: readonly string[] = []): Promise<Config> {
  const { raw, text, json } = await readConfigFile(path);
  try {
    return resolveConfig(raw, overrides);
  } catch (error) {
    if (!isConfigError(error) || error.field === '' || setByOverride(error.field, overrides)) throw error;
    const keys = pathOf(error.field);
    const offset = json ? jsonPathOffset(text, keys) : yamlPathOffset(text, keys);
    if (offset < 0) throw error;
    const { line, column } = lineColumn(text, offset);
    throw new ConfigError(error.field, `${path}:${line}:${column}: ${error.message}`, { cause: error });
  }
}

/** `model.hidden[1]` → ['model', 'hidden', 1]. */
function pathOf(field: string): (string | number)[] {
  return [...field.matchAll(/\[(\d+)\]|([^.[\]]+)/g)].map((m) => (m[1] === undefined ? m[2] : Number(m[1])));
}

/** Whether an override sets `field` or a key around it: the file's text is then not what was checked. */
function setByOverride(field: string, overrides: readonly string[]): boolean {
  return overrides.some((override) => {
    const key = override.slice(0, Math.max(0, override.indexOf('='))).trim();
    return key === field || field.startsWith(`${key}.`) || key.startsWith(`${field}.`);
  });
}

/** The offset of the key at `path` (for a list index: of the item) in YAML `text`, or -1. */
function yamlPathOffset(text: string, path: readonly (string | number)[]): number {
  const doc = parseDocument(text, { logLevel: 'error' });
  let node: unknown = doc.contents;
  for (let k = 0; k < path.length; k++) {
    if (isAlias(node)) node = node.resolve(doc);
    const key = path[k];
    let start: number | undefined;
    if (isMap(node)) {
      const pair = node.items.find(
        (p) => String((p.key as { value?: unknown } | null)?.value ?? p.key) === String(key),
      );
      start = (pair?.key as { range?: [number, number, number] } | null)?.range?.[0];
      node = pair?.value;
    } else if (isSeq(node) && typeof key === 'number') {
      node = node.items[key];
      start = (node as { range?: [number, number, number] } | null)?.range?.[0];
    } else return -1;
    if (start === undefined) return -1;
    if (k === path.length - 1) return start;
  }
  return -1;
}

/**
 * Validate `raw` (a parsed config file; undefined or null = the embedded
 * default config) after applying `--set path=value` overrides, filling in
 * every default. Throws ConfigError naming the first offending key.
 */
export function resolveConfig(raw: unknown, overrides: readonly string[] = []): Config {
  const base = raw === undefined || raw === null ? {} : raw;
  if (!isPlainObject(base)) {
    throw new ConfigError('', `the config must be a mapping of keys (got ${describeValue(base)})`);
  }
  const input = overrides.length > 0 ? applyOverrides(base, overrides) : base;
  const result = configSchema.safeParse(input, { reportInput: true, error: fallbackErrorMap });
  if (!result.success) throw issuesToError(result.error.issues, input);
  return result.data;
}

/** Read a whole text file, mapping fs errors to ConfigErrors. */
export async function readText(path: string, what: string, field = ''): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const prefix = field ? `${field}: ` : '';
    if (code === 'ENOENT') throw new ConfigError(field, `${prefix}${what} not found: ${path}`, { cause: error });
    if (code === 'EISDIR') throw new ConfigError(field, `${prefix}${what} ${path} is a directory`, { cause: error });
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConfigError(field, `${prefix}cannot read ${what} ${path}: ${reason}`, { cause: error });
  }
}

export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * JSON.parse with the error located as file:line:column (V8's messages do
 * not always carry a position, so json-position.ts finds it).
 */
export function parseJson(text: string, path: string, field = ''): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // V8 quotes the source around the error ('..."name": }" is not valid JSON'); the position says more.
    const reason = message
      .replace(/, ".*" is not valid JSON$/s, '')
      .replace(/\s*\(line \d+ column \d+\)/, '')
      .replace(/ in JSON at position \d+/, '');
    const offset = jsonErrorOffset(text);
    const { line, column } = lineColumn(text, offset < 0 ? text.length : offset);
    const prefix = field ? `${field}: ` : '';
    throw new ConfigError(field, `${prefix}${path}:${line}:${column}: invalid JSON: ${reason}`, { cause: error });
  }
}

function parseYamlText(text: string, path: string): unknown {
  try {
    // logLevel 'error': errors throw, warnings (e.g. unknown tags) are not printed.
    return parseYaml(text, { logLevel: 'error', prettyErrors: false });
  } catch (error) {
    if (error instanceof YAMLParseError) {
      const at = error.linePos?.[0];
      const { line, column } = at ? { line: at.line, column: at.col } : lineColumn(text, error.pos[0]);
      const reason = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
      throw new ConfigError('', `${path}:${line}:${column}: invalid YAML: ${reason}`, { cause: error });
    }
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new ConfigError('', `${path}: invalid YAML: ${reason}`, { cause: error });
  }
}

/** 1-based line and column of a character offset. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: end - start + 1 };
}

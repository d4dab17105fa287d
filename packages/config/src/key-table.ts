/**
 * The config key table of docs/reference.md, derived from the zod schema so
 * that keys, defaults and rules have one source. The schema is walked, not
 * parsed: every leaf becomes a row with its dotted key, its default and its
 * rule, the rule being the message the schema gives for a wrong value.
 *
 * The table's last column ("meaning") is prose kept in the doc itself:
 * `syncKeyTable` rewrites the generated columns and keeps each key's meaning,
 * so a new key shows up with an empty meaning for a person to fill in.
 */
import type { z } from 'zod';
import { configSchema } from './schema.js';

export interface KeyRow {
  /** Dotted path, e.g. `sweep.eta.count`. */
  readonly key: string;
  /** The variant the key belongs to (`kind: random`, `range form`), or null. */
  readonly variant: string | null;
  /** The default as written in a config, or `required` / `absent`. */
  readonly defaultValue: string;
  /** What a value must satisfy, in the schema's own words. */
  readonly rule: string;
}

/** Marks the generated table in docs/reference.md. */
const KEY_TABLE_BEGIN =
  '<!-- config-keys:begin — generated from packages/config/src/schema.ts; regenerate with `npm run docs:config-keys` -->';
const KEY_TABLE_END = '<!-- config-keys:end -->';

interface Def {
  readonly type: string;
  readonly shape?: Record<string, z.ZodType>;
  readonly innerType?: z.ZodType;
  readonly defaultValue?: unknown;
  readonly options?: readonly z.ZodType[];
  readonly discriminator?: string;
  readonly in?: z.ZodType;
  readonly out?: z.ZodType;
  readonly values?: readonly unknown[];
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** Every leaf key of the config schema, in schema order. */
export function configKeys(): KeyRow[] {
  const rows: KeyRow[] = [];
  walk(configSchema, '', null, undefined, rows);
  return rows;
}

/** `fallback`: the default a parent supplies (undefined: none; a prefault object supplies its members' defaults). */
function walk(schema: z.ZodType, key: string, variant: string | null, fallback: unknown, rows: KeyRow[]): void {
  const def = defOf(schema);
  switch (def.type) {
    case 'default':
    case 'prefault': {
      const value = typeof def.defaultValue === 'function' ? def.defaultValue() : def.defaultValue;
      walk(def.innerType as z.ZodType, key, variant, value, rows);
      return;
    }
    case 'optional':
      walk(def.innerType as z.ZodType, key, variant, fallback === undefined ? ABSENT : fallback, rows);
      return;
    case 'pipe':
      // a preprocess (e.g. the default `kind`) in front of the schema that holds the keys
      walk(def.out as z.ZodType, key, variant, fallback, rows);
      return;
    case 'object':
      if (fallback === ABSENT) {
        // an optional block: absent unless given, its keys' defaults apply once it is
        rows.push({ key, variant, defaultValue: formatDefault(ABSENT), rule: 'a mapping of the keys below' });
        fallback = undefined;
      }
      if (fallback === undefined || isObject(fallback)) {
        for (const [name, member] of Object.entries(def.shape ?? {})) {
          const inherited = isObject(fallback) && name in fallback ? fallback[name] : undefined;
          walk(member, join(key, name), variant, inherited, rows);
        }
        return;
      }
      break;
    case 'union':
      if (def.discriminator !== undefined) {
        discriminated(schema, def, key, rows);
        return;
      }
      if ((def.options ?? []).every((option) => defOf(unwrap(option)).type === 'object')) {
        forms(def, key, fallback, rows);
        return;
      }
      break;
  }
  rows.push({ key, variant, defaultValue: formatDefault(fallback), rule: ruleOf(schema) });
}

const ABSENT = Symbol('absent');

/** `data` and `init`: a `kind` key, then each variant's own keys; a node without `kind` takes the first variant. */
function discriminated(schema: z.ZodType, def: Def, key: string, rows: KeyRow[]): void {
  const tag = def.discriminator as string;
  const kinds = (def.options ?? []).map((option) => literalOf(defOf(option).shape?.[tag]));
  rows.push({
    key: join(key, tag),
    variant: null,
    defaultValue: formatDefault(kinds[0]),
    rule: ruleOf(schema, { [tag]: null }),
  });
  for (const [i, option] of (def.options ?? []).entries()) {
    for (const [name, member] of Object.entries(defOf(option).shape ?? {})) {
      if (name !== tag) walk(member, join(key, name), `${tag}: ${kinds[i]}`, undefined, rows);
    }
  }
}

/** `sweep.eta`: alternative mappings told apart by their keys; the parent's default picks the first. */
function forms(def: Def, key: string, fallback: unknown, rows: KeyRow[]): void {
  for (const [i, option] of (def.options ?? []).entries()) {
    const names = Object.keys(defOf(unwrap(option)).shape ?? {});
    const form = names.length === 1 ? `${names[0]} form` : 'range form';
    walk(option, key, form, i === 0 ? fallback : undefined, rows);
  }
}

function unwrap(schema: z.ZodType): z.ZodType {
  const def = defOf(schema);
  if (def.type === 'default' || def.type === 'prefault' || def.type === 'optional') {
    return unwrap(def.innerType as z.ZodType);
  }
  if (def.type === 'pipe') return unwrap(def.out as z.ZodType);
  return schema;
}

function literalOf(schema: z.ZodType | undefined): string {
  return schema === undefined ? '?' : String(defOf(schema).values?.[0]);
}

/**
 * The schema's message for a value of the wrong type, followed by its message
 * for an absurdly large number where that differs (the sanity limits).
 */
function ruleOf(schema: z.ZodType, wrong: unknown = null): string {
  const messages = [messageFor(schema, wrong)];
  const huge = messageFor(schema, 1e300);
  if (huge !== '' && !messages.includes(huge)) messages.push(huge);
  return messages.filter((m) => m !== '').join('; ');
}

function messageFor(schema: z.ZodType, value: unknown): string {
  const result = unwrap(schema).safeParse(value);
  return result.success ? '' : (result.error.issues[0]?.message ?? '');
}

function formatDefault(value: unknown): string {
  if (value === undefined) return 'required';
  if (value === ABSENT) return 'absent';
  return formatValue(value);
}

function formatValue(value: unknown): string {
  if (typeof value === 'number') return formatNumber(value);
  if (Array.isArray(value)) return `[${value.map(formatValue).join(', ')}]`;
  if (isObject(value)) {
    return `{${Object.entries(value)
      .map(([k, v]) => `${k}: ${formatValue(v)}`)
      .join(', ')}}`;
  }
  return String(value);
}

/** 1e-10 and 1e6 as a person writes them; other numbers as JavaScript prints them. */
function formatNumber(x: number): string {
  if (x !== 0 && (Math.abs(x) >= 1e5 || Math.abs(x) < 1e-3)) {
    const [mantissa, exponent] = x.toExponential().split('e');
    return `${mantissa}e${Number(exponent)}`;
  }
  return String(x);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function join(parent: string, name: string): string {
  return parent === '' ? name : `${parent}.${name}`;
}

const HEADER = '| key | default | rule | meaning |\n|---|---|---|---|';

/** Table cells with `|` escaped, so that a rule such as `linear | log` stays in one cell. */
const cell = (text: string) => text.replaceAll('|', '\\|');

function keyCell(row: KeyRow): string {
  return row.variant === null ? `\`${row.key}\`` : `\`${row.key}\` (${row.variant})`;
}

/** The table's rows as markdown, each with its meaning from `meanings` (by key cell). */
export function renderKeyTable(rows: readonly KeyRow[], meanings: ReadonlyMap<string, string>): string {
  const lines = rows.map((row) => {
    const key = keyCell(row);
    return `| ${cell(key)} | \`${cell(row.defaultValue)}\` | ${cell(row.rule)} | ${meanings.get(key) ?? ''} |`;
  });
  return `${HEADER}\n${lines.join('\n')}`;
}

/** The meaning column of an existing table, by key cell. */
function meaningsOf(table: string): Map<string, string> {
  const meanings = new Map<string, string>();
  for (const line of table.split('\n')) {
    const cells = line
      .slice(1, -1)
      .split(/(?<!\\)\|/)
      .map((c) => c.trim());
    if (cells.length === 4 && cells[0].startsWith('`')) meanings.set(cells[0].replaceAll('\\|', '|'), cells[3]);
  }
  return meanings;
}

export interface SyncedDoc {
  /** The document with its key table regenerated. */
  readonly text: string;
  /** Keys whose meaning is still empty. */
  readonly undescribed: readonly string[];
}

/** Regenerates the key table between the markers of `doc`, keeping every key's meaning. */
export function syncKeyTable(doc: string): SyncedDoc {
  const begin = doc.indexOf(KEY_TABLE_BEGIN);
  const end = doc.indexOf(KEY_TABLE_END);
  if (begin < 0 || end < begin)
    throw new Error(`the key table markers are missing: ${KEY_TABLE_BEGIN} … ${KEY_TABLE_END}`);
  const inner = doc.slice(begin + KEY_TABLE_BEGIN.length, end);
  const meanings = meaningsOf(inner);
  const rows = configKeys();
  const table = renderKeyTable(rows, meanings);
  return {
    text: `${doc.slice(0, begin)}${KEY_TABLE_BEGIN}\n${table}\n${doc.slice(end)}`,
    undescribed: rows.map(keyCell).filter((key) => !meanings.get(key)),
  };
}

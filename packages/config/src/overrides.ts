/**
 * `--set path=value` overrides, applied to the raw config before validation.
 * The value is YAML (a scalar or a flow collection), so `sweep.trajectories=200`,
 * `sweep.eta.values=[0.5, 1]` and `record.weights=true` carry their types.
 *
 * Paths are checked against the schema here, so a typo is reported as the
 * path the user typed. Setting a key that selects a variant (`data.kind`,
 * `init.kind`, `sweep.eta.values` vs `sweep.eta.from`) drops the keys that
 * belong only to the other variants, as Hydra does when a config group
 * changes: `--set data.kind=random --set data.dIn=3 …` works on a config
 * whose data is a point.
 */
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { ConfigError, describeValue, formatPath } from './errors.js';
import { configSchema, isPlainObject } from './schema.js';
import { nearestKey } from './suggest.js';

type Schema = z.core.$ZodType;

interface Variant {
  /** The discriminator's value for this variant, when the union has one. */
  readonly tag?: unknown;
  readonly keys: ReadonlySet<string>;
}

type KeyNode =
  | { readonly type: 'leaf'; readonly string: boolean }
  | {
      readonly type: 'object';
      readonly children: ReadonlyMap<string, KeyNode>;
      readonly variants: readonly Variant[];
      readonly discriminator?: string;
    };

/** Strip wrappers that do not change which keys a node has. */
function unwrap(schema: Schema): Schema {
  for (;;) {
    const def = schema._zod.def as { type: string; innerType?: Schema; in?: Schema; out?: Schema };
    if (def.innerType !== undefined) schema = def.innerType;
    else if (def.type === 'pipe' && def.in !== undefined && def.out !== undefined) {
      schema = def.in._zod.def.type === 'transform' ? def.out : def.in;
    } else return schema;
  }
}

/** The tree of keys a config may have, read off the zod schema. */
function keyTree(schema: Schema): KeyNode {
  const inner = unwrap(schema);
  const def = inner._zod.def as {
    type: string;
    shape?: Record<string, Schema>;
    options?: readonly Schema[];
    discriminator?: string;
  };
  if (def.type === 'object' && def.shape !== undefined) {
    const children = new Map(Object.entries(def.shape).map(([key, child]) => [key, keyTree(child)]));
    return { type: 'object', children, variants: [{ keys: new Set(children.keys()) }] };
  }
  if (def.type === 'union' && def.options !== undefined) {
    const options = def.options.map(unwrap);
    const shapes = options.map((o) => (o._zod.def as { shape?: Record<string, Schema> }).shape);
    if (shapes.every((shape) => shape !== undefined)) {
      const children = new Map<string, KeyNode>();
      const variants: Variant[] = [];
      for (const shape of shapes as Record<string, Schema>[]) {
        for (const [key, child] of Object.entries(shape)) if (!children.has(key)) children.set(key, keyTree(child));
        const discriminant = def.discriminator === undefined ? undefined : shape[def.discriminator];
        const tag =
          discriminant === undefined ? undefined : (discriminant._zod.def as { values?: unknown[] }).values?.[0];
        variants.push({ tag, keys: new Set(Object.keys(shape)) });
      }
      return { type: 'object', children, variants, discriminator: def.discriminator };
    }
  }
  return { type: 'leaf', string: def.type === 'string' };
}

let configTree: KeyNode | undefined;

function tree(): KeyNode {
  configTree ??= keyTree(configSchema);
  return configTree;
}

/**
 * `unknown key "sweep.trajectores"; did you mean "sweep.trajectories"?` for the key at the end of `path`,
 * suggesting the nearest key the schema has beside it (list indices on the way are stepped over); `context`
 * goes after the name.
 */
export function unknownKeyMessage(path: readonly PropertyKey[], context = ''): string {
  let node: KeyNode | undefined = tree();
  for (const key of path.slice(0, -1)) {
    if (typeof key === 'number') continue;
    node = node?.type === 'object' ? node.children.get(String(key)) : undefined;
  }
  const name = formatPath(path);
  const last = path[path.length - 1];
  const near = node?.type === 'object' && typeof last === 'string' ? nearestKey(last, node.children.keys()) : undefined;
  const hint = near === undefined ? '' : `; did you mean ${JSON.stringify(formatPath([...path.slice(0, -1), near]))}?`;
  return `unknown key ${JSON.stringify(name)}${context}${hint}`;
}

/** A deep copy of plain objects and arrays (own keys only, `__proto__` kept as data). */
export function cloneRaw(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(cloneRaw);
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, cloneRaw(v)]));
  return value;
}

/** `raw` with every override applied in order; `raw` itself is not modified. */
export function applyOverrides(raw: Record<string, unknown>, overrides: readonly string[]): Record<string, unknown> {
  const out = cloneRaw(raw) as Record<string, unknown>;
  for (const override of overrides) applyOverride(out, override);
  return out;
}

function applyOverride(root: Record<string, unknown>, override: string): void {
  const eq = override.indexOf('=');
  if (eq < 0) {
    throw new ConfigError(override, `--set expects path=value, got ${JSON.stringify(override)}`);
  }
  const path = override.slice(0, eq).trim();
  const text = override.slice(eq + 1);
  const segments = path.split('.');
  if (segments.some((s) => s === '')) {
    throw new ConfigError(path, `--set ${JSON.stringify(path)}: not a key path (keys joined by dots)`);
  }

  let node = tree();
  let target = root;
  for (let i = 0; i < segments.length; i++) {
    const key = segments[i];
    const here = segments.slice(0, i + 1).join('.');
    if (node.type !== 'object') {
      throw new ConfigError(path, `cannot set ${path}: ${segments.slice(0, i).join('.')} is not a mapping`);
    }
    const child = node.children.get(key);
    if (child === undefined) throw new ConfigError(here, unknownKeyMessage(segments.slice(0, i + 1)));
    if (i === segments.length - 1) {
      const value = parseValue(text, child, path);
      selectVariant(target, node, key, value);
      target[key] = value;
      return;
    }
    let next = target[key];
    if (next === undefined || next === null) {
      next = {};
      target[key] = next;
    } else if (!isPlainObject(next)) {
      throw new ConfigError(path, `cannot set ${path}: ${here} is ${describeValue(next)}, not a mapping`);
    }
    target = next as Record<string, unknown>;
    node = child;
  }
}

function parseValue(text: string, node: KeyNode, path: string): unknown {
  let value: unknown;
  try {
    value = parseYaml(text, { logLevel: 'error' });
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new ConfigError(path, `--set ${path}: the value is not valid YAML: ${reason}`);
  }
  // A name or a file path is text even when it looks like a number (`name=2024`).
  if (node.type === 'leaf' && node.string && typeof value !== 'string') return text.trim();
  return value;
}

/**
 * Drop the keys that belong only to the variants the new value rules out.
 * Keys of no variant stay, so validation still reports the typo.
 */
function selectVariant(target: Record<string, unknown>, node: KeyNode, key: string, value: unknown): void {
  if (node.type !== 'object' || node.variants.length < 2) return;
  let chosen: Variant | undefined;
  if (node.discriminator !== undefined) {
    if (key !== node.discriminator || target[key] === value) return;
    chosen = node.variants.find((v) => v.tag === value);
  } else {
    const holders = node.variants.filter((v) => v.keys.has(key));
    if (holders.length === 1) chosen = holders[0];
  }
  if (chosen === undefined) return;
  for (const existing of Object.keys(target)) {
    if (node.children.has(existing) && !chosen.keys.has(existing)) delete target[existing];
  }
}

/**
 * A stable fingerprint of a resolved config, written to run.json before any
 * work starts; `--resume` refuses a run directory whose hash differs
 * (Optuna/Hydra practice: never mix results of two configs).
 */
import { createHash } from 'node:crypto';
import type { Config } from './schema.js';

/**
 * JSON with object keys sorted (recursively), no whitespace: equal values
 * give equal text whatever order their keys were written in. Follows
 * JSON.stringify otherwise (toJSON is honoured; undefined object entries are
 * skipped, undefined array entries become null), but refuses what JSON
 * cannot represent faithfully: NaN, ±Infinity, bigint, functions, symbols.
 */
export function canonicalJson(value: unknown): string {
  return write(value, new Set());
}

function write(value: unknown, seen: Set<object>): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${value} has no JSON representation`);
      return JSON.stringify(value);
    case 'object':
      break;
    default:
      throw new TypeError(`canonicalJson: a ${typeof value} has no JSON representation`);
  }
  const object = value as object;
  if (typeof (object as { toJSON?: unknown }).toJSON === 'function') {
    return write((object as { toJSON(): unknown }).toJSON(), seen);
  }
  if (seen.has(object)) throw new TypeError('canonicalJson: circular structure');
  seen.add(object);
  let out: string;
  if (Array.isArray(object) || (ArrayBuffer.isView(object) && !(object instanceof DataView))) {
    const items = Array.from(object as ArrayLike<unknown>, (item) => (item === undefined ? 'null' : write(item, seen)));
    out = `[${items.join(',')}]`;
  } else {
    const entries = Object.keys(object)
      .sort()
      .filter((key) => (object as Record<string, unknown>)[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${write((object as Record<string, unknown>)[key], seen)}`);
    out = `{${entries.join(',')}}`;
  }
  seen.delete(object);
  return out;
}

/** sha256 (hex) of the canonical JSON of a resolved config. */
export function configHash(config: Config): string {
  return createHash('sha256').update(canonicalJson(config)).digest('hex');
}

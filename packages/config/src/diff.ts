/**
 * Which keys of two resolved configs differ, for an error that says what
 * changed rather than that two hashes differ.
 */
import { formatPath } from './errors.js';
import { canonicalJson } from './hash.js';
import { isPlainObject } from './schema.js';

export interface ConfigDifference {
  /** Dotted path, e.g. `sweep.trajectories`; a list is compared whole. */
  readonly key: string;
  /** Canonical JSON of each side's value; `absent` when the key is missing there. */
  readonly a: string;
  readonly b: string;
}

/** Every leaf where `a` and `b` differ, in key order (mappings are compared key by key, lists whole). */
export function configDifferences(a: unknown, b: unknown): ConfigDifference[] {
  const out: ConfigDifference[] = [];
  walk(a, b, [], out);
  return out;
}

function walk(a: unknown, b: unknown, path: string[], out: ConfigDifference[]): void {
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const key of keys) walk(a[key], b[key], [...path, key], out);
    return;
  }
  const left = a === undefined ? 'absent' : canonicalJson(a);
  const right = b === undefined ? 'absent' : canonicalJson(b);
  if (left !== right) out.push({ key: formatPath(path), a: left, b: right });
}

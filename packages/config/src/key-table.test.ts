import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { configKeys, renderKeyTable, syncKeyTable } from './key-table.js';
import { resolveConfig } from './load.js';

const referencePath = new URL('../../../docs/reference.md', import.meta.url);

/** Dotted paths of the leaves of a resolved config (arrays are leaves). */
function leaves(value: unknown, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) {
      for (const [path, leaf] of leaves(v, prefix === '' ? k : `${prefix}.${k}`)) out.set(path, leaf);
    }
  } else {
    out.set(prefix, value);
  }
  return out;
}

describe('the config key table', () => {
  const rows = configKeys();

  it('has a row for every key of the default config, with its default', () => {
    const defaults = leaves(resolveConfig(undefined));
    for (const [path, value] of defaults) {
      // a key of several variants: the default belongs to the first
      const row = rows.find((r) => r.key === path);
      expect(row, path).toBeDefined();
      // the table writes defaults as YAML (1e-10, [2, 4, 8, 16]): read back, each is the schema's
      expect(parse(row?.defaultValue ?? ''), path).toEqual(value);
    }
  });

  it('lists the keys of every variant, and marks the ones without a default as required', () => {
    const key = (k: string, variant: string | null) => rows.find((r) => r.key === k && r.variant === variant);
    expect(key('data.dIn', 'kind: random')?.defaultValue).toBe('required');
    expect(key('data.whiten', 'kind: random')?.defaultValue).toBe('false');
    expect(key('init.radius', 'kind: uniform')?.defaultValue).toBe('1');
    expect(key('sweep.eta.values', 'values form')?.defaultValue).toBe('required');
    expect(key('model.depth', null)?.rule).toBe('must be a positive integer; must be at most 64 (sanity limit)');
  });

  it('keeps the meaning column and escapes | inside cells', () => {
    const table = renderKeyTable(
      [{ key: 'a', variant: null, defaultValue: 'x', rule: 'p | q' }],
      new Map([['`a`', 'why']]),
    );
    expect(table.split('\n')[2]).toBe('| `a` | `x` | p \\| q | why |');
  });

  it('in docs/reference.md is the one the schema gives, every key described (npm run docs:config-keys)', () => {
    const doc = readFileSync(referencePath, 'utf8');
    const synced = syncKeyTable(doc);
    expect(synced.undescribed).toEqual([]);
    expect(synced.text === doc, 'docs/reference.md is out of date: run `npm run docs:config-keys`').toBe(true);
  });
});

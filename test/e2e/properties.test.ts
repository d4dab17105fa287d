import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eosSweep, tempDir, writeConfig } from './cli.js';

const dir = tempDir('eos-props-');
let counter = 0;

/** Small valid configs: every data kind but files, both inits, both grid forms. */
const validConfig = fc.record({
  seed: fc.nat({ max: 1000 }),
  model: fc.record({ depth: fc.integer({ min: 1, max: 3 }), hidden: fc.integer({ min: 1, max: 3 }) }),
  data: fc.oneof(
    fc.record({
      kind: fc.constant('point'),
      x: fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: 1, maxLength: 2 }),
      y: fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: 1, maxLength: 2 }),
    }),
    fc.record({
      kind: fc.constant('random'),
      dIn: fc.integer({ min: 1, max: 3 }),
      dOut: fc.integer({ min: 1, max: 2 }),
      n: fc.integer({ min: 3, max: 10 }),
      whiten: fc.boolean(),
      noise: fc.double({ min: 0, max: 0.5, noNaN: true }),
      seed: fc.nat({ max: 100 }),
    }),
  ),
  init: fc.oneof(
    fc.record({
      kind: fc.constant('gaussian'),
      std: fc.oneof(fc.double({ min: 0.1, max: 2, noNaN: true }), fc.constant('he')),
    }),
    fc.record({ kind: fc.constant('uniform'), radius: fc.double({ min: 0.1, max: 2, noNaN: true }) }),
  ),
  sweep: fc.record({
    eta: fc.oneof(
      fc.record({ values: fc.array(fc.double({ min: 1e-3, max: 3, noNaN: true }), { minLength: 1, maxLength: 3 }) }),
      fc.record({
        from: fc.constant(0.05),
        to: fc.double({ min: 0.1, max: 2, noNaN: true }),
        count: fc.integer({ min: 1, max: 3 }),
        spacing: fc.constantFrom('linear', 'log'),
      }),
    ),
    trajectories: fc.integer({ min: 1, max: 12 }),
    maxSteps: fc.integer({ min: 1, max: 300 }),
  }),
});

const badValue = fc.constantFrom<unknown>('NaN', '.inf', -1, 0, 'abc', [], {}, 1e12, null, true, -0.5, 'Infinity');

function leafPaths(value: unknown, prefix: string[] = []): string[][] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => leafPaths(v, [...prefix, k]));
}

function setPath(obj: Record<string, unknown>, path: string[], value: unknown): void {
  let node = obj;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[path[path.length - 1]] = value;
}

function runConfig(config: unknown): { status: number; stderr: string; out: string } {
  const name = `c${counter++}`;
  const path = writeConfig(dir, `${name}.json`, JSON.stringify({ name, ...(config as object) }));
  const out = join(dir, `${name}-out`);
  const r = eosSweep(['run', path, '--out', out, '--workers', '1', '--quiet']);
  return { status: r.status, stderr: r.stderr, out };
}

describe('random configs through the CLI', () => {
  it('valid configs run to completion', () => {
    fc.assert(
      fc.property(validConfig, (config) => {
        const r = runConfig(config);
        expect(r.stderr).not.toMatch(/internal error/);
        expect(r.status).toBe(0);
        expect(existsSync(join(r.out, 'summary.parquet'))).toBe(true);
      }),
      { numRuns: 6, seed: 20261129 },
    );
  });

  it('mutated configs either run or are refused with exit 2, one line, and no output', () => {
    fc.assert(
      fc.property(validConfig, fc.nat(), badValue, (config, pick, bad) => {
        const paths = leafPaths(config);
        setPath(config as Record<string, unknown>, paths[pick % paths.length], bad);
        const r = runConfig(config);
        expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
        expect([0, 2]).toContain(r.status);
        if (r.status === 2) {
          expect(r.stderr.trim().split('\n')).toHaveLength(1);
          expect(existsSync(r.out) ? readdirSync(r.out) : []).toEqual([]);
        }
      }),
      { numRuns: 10, seed: 42 },
    );
  });
});

import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Rng } from '@eos-sweep/core';
import { afterAll, describe, expect, it } from 'vitest';
import { ExternalMedian } from './external-median.js';

const root = mkdtempSync(join(tmpdir(), 'eos-median-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let files = 0;

/** The external median of `values` with `capacity` values in memory, and whether it used its spill file. */
function externalMedian(values: ArrayLike<number>, capacity: number): { median: number; spilled: boolean } {
  const path = join(root, `.median-${files++}.tmp-${process.pid}`);
  const m = new ExternalMedian(path, capacity);
  try {
    for (let i = 0; i < values.length; i++) m.push(values[i]);
    expect(m.length).toBe(values.length);
    return { median: m.median(), spilled: existsSync(path) };
  } finally {
    m.dispose();
    expect(existsSync(path)).toBe(false);
  }
}

/** The in-memory reference the aggregator used before it streamed: sort everything, take the middle. */
function sortedMedian(values: ArrayLike<number>): number {
  const n = values.length;
  if (n === 0) return Number.NaN;
  const v = Float64Array.from(values).sort();
  const mid = n >> 1;
  return n % 2 === 1 ? v[mid] : 0.5 * (v[mid - 1] + v[mid]);
}

function bitsOf(v: number): string {
  const words = new Uint32Array(Float64Array.of(v).buffer);
  return `${v} (0x${words[1].toString(16).padStart(8, '0')}${words[0].toString(16).padStart(8, '0')})`;
}

/** Equal as Parquet would store them: the same bits, or both NaN (written as null). */
function expectSame(actual: number, expected: number, what: string): void {
  expect(Object.is(actual, expected), `${what}: ${bitsOf(actual)} ≠ ${bitsOf(expected)}`).toBe(true);
}

// value generators, seeded so that every run sees the same data
const generators: Record<string, (rng: Rng) => number> = {
  // any bit pattern: every sign, exponent, subnormals, ±Infinity, NaN of either sign with any payload
  'raw bits': (rng) => new Float64Array(Uint32Array.of(rng.nextUint32(), rng.nextUint32()).buffer)[0],
  'mixed signs': (rng) => (rng.nextDouble() - 0.5) * 10 ** Math.floor(rng.nextDouble() * 20 - 10),
  // few distinct values: long runs of ties, as steps (small integers) have
  ties: (rng) => Math.floor(rng.nextDouble() * 7) - 3,
  'signed zeros': (rng) => [-0, 0, -0, 0, 1e-310, -1e-310][Math.floor(rng.nextDouble() * 6)],
  'close doubles': (rng) => 2 + Math.floor(rng.nextDouble() * 5) * Number.EPSILON,
  'some NaN': (rng) => (rng.nextDouble() < 0.3 ? Number.NaN : rng.nextNormal()),
  'all NaN': () => Number.NaN,
  infinities: (rng) => [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY, -1, 1][Math.floor(rng.nextDouble() * 4)],
};

describe('ExternalMedian', () => {
  it('equals the sorted median, bit for bit, in memory and spilled', () => {
    let seed = 0;
    for (const [name, draw] of Object.entries(generators)) {
      for (const n of [1, 2, 3, 4, 5, 10, 11, 100, 257, 1000, 4097]) {
        const rng = new Rng(7, seed++);
        const values = Float64Array.from({ length: n }, () => draw(rng));
        const expected = sortedMedian(values);
        for (const capacity of [1, 3, 64, 5000]) {
          const got = externalMedian(values, capacity);
          expect(got.spilled, `${name}, n = ${n}, capacity ${capacity}`).toBe(n > capacity);
          expectSame(got.median, expected, `${name}, n = ${n}, capacity ${capacity}`);
        }
      }
    }
  });

  it('orders −0 before +0 and NaN after +Infinity, as Float64Array sort does', () => {
    expectSame(externalMedian([0, -0, -0], 2).median, -0, '−0, −0, +0');
    expectSame(externalMedian([0, -0, 0], 2).median, 0, '−0, +0, +0');
    expectSame(externalMedian([0, -0], 1).median, 0, 'the mean of −0 and +0');
    expectSame(externalMedian([-0, -0], 1).median, -0, 'the mean of −0 and −0');
    expectSame(
      externalMedian([Number.NaN, Number.POSITIVE_INFINITY, 1], 1).median,
      Number.POSITIVE_INFINITY,
      'NaN last',
    );
    // a NaN with the sign bit set (what x86 produces for 0/0) still sorts last
    const negativeNaN = new Float64Array(Uint32Array.of(0, 0xfff80000).buffer)[0];
    expectSame(externalMedian([negativeNaN, Number.NEGATIVE_INFINITY, -1], 1).median, -1, 'negative NaN last');
  });

  it('averages the two middle values of an even count', () => {
    expect(externalMedian([3, 1, 2], 2).median).toBe(2);
    expect(externalMedian([4, 1, 3, 2], 3).median).toBe(2.5);
    expect(externalMedian([-5, 9], 1).median).toBe(2);
    expect(externalMedian([1, Number.NaN], 1).median).toBeNaN();
  });

  it('is NaN with no values and keeps counting after a median', () => {
    const path = join(root, `.median-${files++}.tmp-${process.pid}`);
    const m = new ExternalMedian(path, 2);
    try {
      expect(m.median()).toBeNaN();
      for (const v of [5, 1, 4]) m.push(v);
      expect(m.median()).toBe(4);
      for (const v of [2, 3]) m.push(v);
      expect(m.length).toBe(5);
      expect(m.median()).toBe(3);
    } finally {
      m.dispose();
    }
    expect(readdirSync(root).filter((f) => f.includes(`median-${files - 1}.`))).toEqual([]);
  });

  it('refuses a capacity that is not a positive integer', () => {
    expect(() => new ExternalMedian(join(root, 'x'), 0)).toThrow(/capacity/);
    expect(() => new ExternalMedian(join(root, 'x'), 1.5)).toThrow(/capacity/);
  });
});

/**
 * Initialization k is a pure function of (seed, k), with the per-layer scales of docs/theory.md.
 */
import { describe, expect, it } from 'vitest';
import type { InitSpec } from './init.js';
import { initialParams } from './init.js';
import type { Layout } from './layout.js';
import { makeLayout } from './layout.js';

const SPECS: InitSpec[] = [
  { kind: 'gaussian', std: 1 },
  { kind: 'gaussian', std: 0.3 },
  { kind: 'gaussian', std: 'xavier' },
  { kind: 'gaussian', std: 'he' },
  { kind: 'uniform', radius: 1 },
  { kind: 'uniform', radius: 2.5 },
];

const LAYOUT = makeLayout([3, 5, 4, 2]);

function init(layout: Layout, spec: InitSpec, seed: number, k: number): Float64Array {
  return initialParams(layout, spec, seed, k, new Float64Array(layout.paramCount));
}

function identical(a: Float64Array, b: Float64Array): boolean {
  return a.length === b.length && a.every((v, i) => Object.is(v, b[i]));
}

/** Entries of W_i (1-based). */
function layerOf(layout: Layout, theta: Float64Array, i: number): Float64Array {
  const start = layout.offsets[i - 1];
  return theta.subarray(start, start + layout.dims[i] * layout.dims[i - 1]);
}

function meanVar(xs: ArrayLike<number>): { mean: number; variance: number } {
  let mean = 0;
  for (let i = 0; i < xs.length; i++) mean += xs[i];
  mean /= xs.length;
  let v = 0;
  for (let i = 0; i < xs.length; i++) v += (xs[i] - mean) ** 2;
  return { mean, variance: v / (xs.length - 1) };
}

describe.each(SPECS)('initialParams, %j', (spec) => {
  it('is a pure function of (seed, k): bit-identical on every call, whatever came before', () => {
    const first = init(LAYOUT, spec, 42, 3);
    init(LAYOUT, spec, 42, 4); // unrelated calls in between change nothing
    init(LAYOUT, spec, 7, 3);
    const dirty = new Float64Array(LAYOUT.paramCount).fill(Number.NaN);
    const returned = initialParams(LAYOUT, spec, 42, 3, dirty);
    expect(returned).toBe(dirty);
    expect(identical(first, dirty)).toBe(true);
    expect(dirty.every(Number.isFinite)).toBe(true);
  });

  it('differs for other k or other seeds, in every entry', () => {
    const base = init(LAYOUT, spec, 42, 3);
    for (const other of [init(LAYOUT, spec, 42, 4), init(LAYOUT, spec, 43, 3), init(LAYOUT, spec, 3, 42)]) {
      expect(base.every((v, i) => v !== other[i])).toBe(true);
    }
  });

  it('writes only its own parameters into a longer buffer', () => {
    const out = new Float64Array(LAYOUT.paramCount + 3).fill(-7);
    initialParams(LAYOUT, spec, 1, 0, out);
    expect(Array.from(out.subarray(LAYOUT.paramCount))).toEqual([-7, -7, -7]);
    expect(identical(out.subarray(0, LAYOUT.paramCount), init(LAYOUT, spec, 1, 0))).toBe(true);
  });
});

describe('scales', () => {
  const unitGaussian = (layout: Layout, k: number) => init(layout, { kind: 'gaussian', std: 1 }, 5, k);

  it('gaussian std s, xavier and he are exactly the unit draws times the per-layer std', () => {
    const layout = makeLayout([3, 5, 4, 2, 7]);
    for (let k = 0; k < 5; k++) {
      const unit = unitGaussian(layout, k);
      const fixed = init(layout, { kind: 'gaussian', std: 0.37 }, 5, k);
      const xavier = init(layout, { kind: 'gaussian', std: 'xavier' }, 5, k);
      const he = init(layout, { kind: 'gaussian', std: 'he' }, 5, k);
      for (let i = 1; i <= layout.depth; i++) {
        const fanIn = layout.dims[i - 1];
        const fanOut = layout.dims[i];
        const u = layerOf(layout, unit, i);
        const checks: [Float64Array, number][] = [
          [layerOf(layout, fixed, i), 0.37],
          [layerOf(layout, xavier, i), Math.sqrt(2 / (fanIn + fanOut))],
          [layerOf(layout, he, i), Math.sqrt(2 / fanIn)],
        ];
        for (const [values, std] of checks) expect(values.every((v, j) => v === std * u[j])).toBe(true);
      }
    }
  });

  it('uniform radius r is exactly r times the radius-1 draws', () => {
    for (let k = 0; k < 5; k++) {
      const unit = init(LAYOUT, { kind: 'uniform', radius: 1 }, 5, k);
      const wide = init(LAYOUT, { kind: 'uniform', radius: 2.5 }, 5, k);
      expect(wide.every((v, j) => v === 2.5 * unit[j])).toBe(true);
    }
  });

  it('the unit draws have the right distribution (within 5 standard errors)', () => {
    const layout = makeLayout([100, 60, 50]); // 6000 and 3000 entries
    for (let i = 1; i <= layout.depth; i++) {
      const gaussian = layerOf(layout, unitGaussian(layout, 0), i);
      const n = gaussian.length;
      const g = meanVar(gaussian);
      expect(Math.abs(g.mean)).toBeLessThan(5 / Math.sqrt(n));
      expect(Math.abs(g.variance - 1)).toBeLessThan(5 * Math.sqrt(2 / n));

      const r = 1.5;
      const uniform = layerOf(layout, init(layout, { kind: 'uniform', radius: r }, 5, 0), i);
      expect(uniform.every((v) => v >= -r && v < r)).toBe(true);
      const u = meanVar(uniform);
      // U(−r, r): variance r²/3, fourth central moment r⁴/5
      expect(Math.abs(u.mean)).toBeLessThan(5 * Math.sqrt((r * r) / 3 / n));
      expect(Math.abs(u.variance - (r * r) / 3)).toBeLessThan(5 * Math.sqrt((r ** 4 / 5 - r ** 4 / 9) / n));
    }
  });
});

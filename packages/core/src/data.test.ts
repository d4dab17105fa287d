/**
 * Data matrices and their sufficient statistics Σ = XXᵀ/n, C = YXᵀ/n, c₀ = ‖Y‖²/(2n) (docs/theory.md).
 */
import { describe, expect, it } from 'vitest';
import type { DataMatrices } from './data.js';
import { cholesky, dataStats, matrixData, pointData, randomData } from './data.js';
import { Rng } from './rng.js';
import { relErr } from './test-helpers.js';

type Rows = number[][];

/** Σ, C, c₀ straight from the definitions, on lists of rows (independent of the flat layout). */
function directStats(X: Rows, Y: Rows, scale: number): { sigma: number[]; cross: number[]; c0: number } {
  const n = X[0].length;
  const sigma: number[] = [];
  for (const a of X) for (const b of X) sigma.push(scale * a.reduce((s, v, k) => s + v * b[k], 0));
  const cross: number[] = [];
  for (const y of Y) for (const x of X) cross.push(scale * y.reduce((s, v, k) => s + v * x[k], 0));
  let yy = 0;
  for (const y of Y) for (let k = 0; k < n; k++) yy += y[k] * y[k];
  return { sigma, cross, c0: 0.5 * scale * yy };
}

function randomRows(rng: Rng, rows: number, cols: number): Rows {
  return Array.from({ length: rows }, () => Array.from({ length: cols }, () => rng.nextNormal()));
}

function identity(d: number): number[] {
  return Array.from({ length: d * d }, (_, i) => (Math.floor(i / d) === i % d ? 1 : 0));
}

function sameData(a: DataMatrices, b: DataMatrices): boolean {
  const same = (x: Float64Array, y: Float64Array) => x.length === y.length && x.every((v, i) => Object.is(v, y[i]));
  return a.dIn === b.dIn && a.dOut === b.dOut && a.n === b.n && same(a.X, b.X) && same(a.Y, b.Y);
}

describe('matrixData', () => {
  it('stores X (d_in × n) and Y (d_out × n) row-major', () => {
    const data = matrixData(
      [
        [1, 2, 3],
        [4, 5, 6],
      ],
      [[7, 8, 9]],
    );
    expect(data).toMatchObject({ dIn: 2, dOut: 1, n: 3 });
    expect(Array.from(data.X)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(Array.from(data.Y)).toEqual([7, 8, 9]);
  });
});

describe('dataStats', () => {
  const rng = new Rng(31, 0);
  for (const [dIn, dOut, n] of [
    [1, 1, 1],
    [2, 1, 4],
    [3, 2, 5],
    [4, 3, 2],
  ]) {
    it(`matches the direct formulas for inline data (d_in ${dIn}, d_out ${dOut}, n ${n})`, () => {
      const X = randomRows(rng, dIn, n);
      const Y = randomRows(rng, dOut, n);
      const data = matrixData(X, Y);
      for (const [normalization, scale] of [
        ['mean', 1 / n],
        ['sum', 1],
      ] as const) {
        const stats = dataStats(data, normalization);
        const direct = directStats(X, Y, scale);
        expect(stats).toMatchObject({ dIn, dOut });
        expect(relErr(stats.sigma, direct.sigma)).toBeLessThan(1e-14);
        expect(relErr(stats.cross, direct.cross)).toBeLessThan(1e-14);
        expect(Math.abs(stats.c0 - direct.c0)).toBeLessThanOrEqual(1e-14 * direct.c0);
        // Σ is symmetric
        for (let i = 0; i < dIn; i++) {
          for (let j = 0; j < dIn; j++) expect(stats.sigma[i * dIn + j]).toBe(stats.sigma[j * dIn + i]);
        }
      }
      // the default is "mean"
      expect(dataStats(data)).toEqual(dataStats(data, 'mean'));
    });
  }

  it('"mean" does not change when every column is repeated; "sum" doubles', () => {
    const X = randomRows(rng, 3, 4);
    const Y = randomRows(rng, 2, 4);
    const twice = (rows: Rows) => rows.map((r) => [...r, ...r]);
    const once = matrixData(X, Y);
    const doubled = matrixData(twice(X), twice(Y));
    const a = dataStats(once, 'mean');
    const b = dataStats(doubled, 'mean');
    expect(relErr(b.sigma, a.sigma)).toBeLessThan(1e-14);
    expect(relErr(b.cross, a.cross)).toBeLessThan(1e-14);
    expect(Math.abs(b.c0 - a.c0)).toBeLessThanOrEqual(1e-14 * a.c0);
    const s1 = dataStats(once, 'sum');
    const s2 = dataStats(doubled, 'sum');
    expect(
      relErr(
        s2.sigma,
        s1.sigma.map((v) => 2 * v),
      ),
    ).toBeLessThan(1e-14);
    expect(
      relErr(
        s2.cross,
        s1.cross.map((v) => 2 * v),
      ),
    ).toBeLessThan(1e-14);
    expect(Math.abs(s2.c0 - 2 * s1.c0)).toBeLessThanOrEqual(1e-14 * s2.c0);
  });
});

describe('pointData', () => {
  it('is one column: Σ = x xᵀ, C = y xᵀ, c₀ = ½‖y‖² under either normalization', () => {
    const x = [2, -1, 0.5];
    const y = [3, 4];
    const data = pointData(x, y);
    expect(data).toMatchObject({ dIn: 3, dOut: 2, n: 1 });
    for (const normalization of ['mean', 'sum'] as const) {
      const stats = dataStats(data, normalization);
      expect(Array.from(stats.sigma)).toEqual(x.flatMap((a) => x.map((b) => a * b)));
      expect(Array.from(stats.cross)).toEqual(y.flatMap((a) => x.map((b) => a * b)));
      expect(stats.c0).toBe(12.5);
    }
    expect(dataStats(pointData([1], [1]))).toMatchObject({ c0: 0.5 });
  });
});

describe('randomData', () => {
  it('is a pure function of its options', () => {
    const opts = { dIn: 3, dOut: 2, n: 9, whiten: false, noise: 0.1, seed: 4 };
    expect(sameData(randomData(opts), randomData(opts))).toBe(true);
    expect(sameData(randomData(opts), randomData({ ...opts, seed: 5 }))).toBe(false);
    const data = randomData(opts);
    expect(data.X.length).toBe(27);
    expect(data.Y.length).toBe(18);
  });

  for (const [dIn, dOut, n] of [
    [1, 1, 3],
    [3, 2, 3],
    [4, 3, 10],
    [6, 2, 200],
  ]) {
    it(`whiten gives Σ = XXᵀ/n = I to 1e-12 (d_in ${dIn}, n ${n})`, () => {
      for (const seed of [1, 2, 3]) {
        const data = randomData({ dIn, dOut, n, whiten: true, noise: 0.5, seed });
        expect(relErr(dataStats(data).sigma, identity(dIn))).toBeLessThan(1e-12);
        // under "sum" the same data has Σ = n·I
        expect(
          relErr(
            dataStats(data, 'sum').sigma,
            identity(dIn).map((v) => n * v),
          ),
        ).toBeLessThan(1e-12);
      }
    });
  }

  it('without noise the teacher fits exactly: with Σ = I, L* = c₀ − ½‖C‖² = 0', () => {
    for (const seed of [1, 2, 3]) {
      const stats = dataStats(randomData({ dIn: 4, dOut: 3, n: 12, whiten: true, noise: 0, seed }));
      const half = 0.5 * stats.cross.reduce((s, v) => s + v * v, 0);
      expect(Math.abs(stats.c0 - half)).toBeLessThanOrEqual(1e-12 * stats.c0);
      // with noise the residual is positive
      const noisy = dataStats(randomData({ dIn: 4, dOut: 3, n: 12, whiten: true, noise: 0.5, seed }));
      expect(noisy.c0 - 0.5 * noisy.cross.reduce((s, v) => s + v * v, 0)).toBeGreaterThan(1e-3);
    }
  });

  it('whitening needs n ≥ d_in', () => {
    expect(() => randomData({ dIn: 4, dOut: 1, n: 3, whiten: true, noise: 0, seed: 1 })).toThrow(RangeError);
    expect(() => randomData({ dIn: 4, dOut: 1, n: 3, whiten: false, noise: 0, seed: 1 })).not.toThrow();
  });
});

describe('cholesky', () => {
  it('gives a lower-triangular L with a positive diagonal and L Lᵀ = S to 1e-12', () => {
    const rng = new Rng(8, 0);
    for (let d = 1; d <= 7; d++) {
      // S = A Aᵀ + 0.1 I is symmetric positive definite
      const A = randomRows(rng, d, d);
      const S = new Float64Array(d * d);
      for (let i = 0; i < d; i++) {
        for (let j = 0; j < d; j++) S[i * d + j] = A[i].reduce((s, v, k) => s + v * A[j][k], 0) + (i === j ? 0.1 : 0);
      }
      const L = cholesky(S, d);
      const LLt = new Float64Array(d * d);
      for (let i = 0; i < d; i++) {
        expect(L[i * d + i]).toBeGreaterThan(0);
        for (let j = i + 1; j < d; j++) expect(L[i * d + j]).toBe(0);
        for (let j = 0; j < d; j++) {
          let s = 0;
          for (let k = 0; k < d; k++) s += L[i * d + k] * L[j * d + k];
          LLt[i * d + j] = s;
        }
      }
      expect(relErr(LLt, S)).toBeLessThan(1e-12);
    }
  });

  it('rejects a singular or indefinite matrix', () => {
    expect(() => cholesky(Float64Array.from([1, 2, 2, 1]), 2)).toThrow(RangeError);
    expect(() => cholesky(Float64Array.from([1, 1, 1, 1]), 2)).toThrow(RangeError);
    expect(() => cholesky(new Float64Array(9), 3)).toThrow(RangeError);
    expect(() => cholesky(Float64Array.from([Number.NaN]), 1)).toThrow(RangeError);
  });
});

import { Matrix, QrDecomposition } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { Rng } from './rng.js';
import { SymmetricEigen } from './symmetric-eigen.js';
import { type SymmetricOperator, TopEigenpairs } from './top-eigenpairs.js';

/** Q diag(values) Qᵀ for a random orthogonal Q (row-major n × n). */
function withSpectrum(values: number[], rng: Rng): Float64Array {
  const n = values.length;
  const Z = new Matrix(n, n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) Z.set(i, j, rng.nextNormal());
  const Q = new QrDecomposition(Z).orthogonalMatrix;
  const A = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += Q.get(i, k) * values[k] * Q.get(j, k);
      A[i * n + j] = s;
    }
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) A[i * n + j] = A[j * n + i];
  return A;
}

function operator(A: Float64Array, n: number): SymmetricOperator {
  return (v, out) => {
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += A[i * n + j] * v[j];
      out[i] = s;
    }
  };
}

function denseValues(A: Float64Array, n: number): Float64Array {
  return new SymmetricEigen(n).decompose(A).values;
}

const OPTIONS = { count: 6, block: 8, basis: 32, maxCycles: 200 };
const TOL = 1e-10;

describe('TopEigenpairs', () => {
  const rng = new Rng(3, 1);
  const n = 120;
  const cases: [string, number[]][] = [
    ['a random spectrum', Array.from({ length: n }, () => rng.nextNormal())],
    // a threefold top eigenvalue and a close fourth: what a minimax point of λ_max looks like
    [
      'a multiple top eigenvalue',
      Array.from({ length: n }, (_, i) => (i < 3 ? 5 : i === 3 ? 5 - 1e-7 : rng.nextNormal())),
    ],
    // the most negative eigenvalue is the largest in magnitude: θ_1 must still be the algebraic top
    ['a dominant negative eigenvalue', Array.from({ length: n }, (_, i) => (i === 0 ? -40 : 3 * rng.nextDouble()))],
  ];

  it.each(cases)('converges to the dense spectrum’s top eigenvalues for %s', (_, spectrum) => {
    const A = withSpectrum(spectrum, new Rng(5, 2));
    const top = new TopEigenpairs(n, OPTIONS);
    expect(top.solve(operator(A, n), TOL)).toBe(true);
    const dense = denseValues(A, n);
    const scale = Math.abs(dense[n - 1]);
    for (let c = 0; c < OPTIONS.count; c++) {
      expect(Math.abs(top.values[c] - dense[n - 1 - c])).toBeLessThanOrEqual(TOL * scale);
      expect(top.residuals[c]).toBeLessThanOrEqual(TOL * scale);
      // the residual is the true one: ‖A x − θ x‖ recomputed here
      const x = top.vectors[c];
      const Ax = new Float64Array(n);
      operator(A, n)(x, Ax);
      let r = 0;
      for (let i = 0; i < n; i++) r += (Ax[i] - top.values[c] * x[i]) ** 2;
      expect(Math.sqrt(r)).toBeLessThanOrEqual(2 * TOL * scale);
      for (let d = 0; d < c; d++) {
        let overlap = 0;
        for (let i = 0; i < n; i++) overlap += x[i] * top.vectors[d][i];
        expect(Math.abs(overlap)).toBeLessThan(1e-10);
      }
    }
  });

  it('needs fewer products when warm-started from a nearby operator', () => {
    const spectrum = cases[0][1];
    const A = withSpectrum(spectrum, new Rng(7, 3));
    const B = A.map((v, q) => v + 1e-4 * Math.sin(q));
    for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) B[i * n + j] = B[j * n + i];
    const top = new TopEigenpairs(n, OPTIONS);
    top.solve(operator(A, n), TOL);
    const cold = top.products;
    top.solve(operator(B, n), TOL);
    const warm = top.products - cold;
    expect(warm).toBeLessThan(cold);
    const dense = denseValues(B, n);
    expect(Math.abs(top.values[0] - dense[n - 1])).toBeLessThanOrEqual(TOL * Math.abs(dense[n - 1]));
  });

  it('is a deterministic function of the operator and the warm start', () => {
    const A = withSpectrum(cases[0][1], new Rng(9, 4));
    const first = new TopEigenpairs(n, OPTIONS);
    const second = new TopEigenpairs(n, OPTIONS);
    first.solve(operator(A, n), TOL);
    second.solve(operator(A, n), TOL);
    expect(Array.from(second.values)).toEqual(Array.from(first.values));
  });
});

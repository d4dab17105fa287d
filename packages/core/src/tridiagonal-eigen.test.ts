import { describe, expect, it } from 'vitest';
import { Rng } from './rng.js';
import { SymmetricEigen } from './symmetric-eigen.js';
import { TridiagonalEigen } from './tridiagonal-eigen.js';

/** The dense row-major form of the tridiagonal (α, β). */
function dense(alpha: Float64Array, beta: Float64Array, k: number): Float64Array {
  const T = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    T[i * k + i] = alpha[i];
    if (i + 1 < k) {
      T[i * k + i + 1] = beta[i];
      T[(i + 1) * k + i] = beta[i];
    }
  }
  return T;
}

function tridiagonal(k: number, seed: number, kind: 'random' | 'split' | 'clustered'): [Float64Array, Float64Array] {
  const rng = new Rng(seed, k);
  const alpha = new Float64Array(k).map(() => rng.nextNormal());
  const beta = new Float64Array(k).map(() => rng.nextNormal());
  if (kind === 'split') for (let i = 2; i < k; i += 3) beta[i] = 0; // decoupled blocks
  if (kind === 'clustered') {
    // a Wilkinson-like matrix: eigenvalues in close pairs
    for (let i = 0; i < k; i++) alpha[i] = Math.abs((k - 1) / 2 - i);
    beta.fill(1);
  }
  return [alpha, beta];
}

/** Ascending eigenvalues of the leading j × j block of (α, β), by the dense solver. */
function leadingSpectrum(alpha: Float64Array, beta: Float64Array, j: number): Float64Array {
  return new SymmetricEigen(j).decompose(dense(alpha, beta, j)).values;
}

describe('TridiagonalEigen', () => {
  for (const kind of ['random', 'split', 'clustered'] as const) {
    it(`the largest eigenvalue, and its eigenvector of ${kind} tridiagonals agree with the dense solver`, () => {
      for (const k of [1, 2, 3, 7, 21, 60]) {
        for (const seed of [1, 2, 3]) {
          const [alpha, beta] = tridiagonal(k, seed, kind);
          const values = leadingSpectrum(alpha, beta, k);
          let norm = 0;
          for (const v of values) norm = Math.max(norm, Math.abs(v));
          const solver = new TridiagonalEigen(k);
          const top = solver.top(alpha, beta, k);
          expect(Math.abs(top - values[k - 1])).toBeLessThanOrEqual(32 * Number.EPSILON * norm);
          const previous = k > 1 ? leadingSpectrum(alpha, beta, k - 1)[k - 2] : Number.NaN;
          if (k > 1) {
            // the leading block's λ_max known in advance (as Lanczos passes the previous value) changes nothing
            expect(Math.abs(solver.top(alpha, beta, k, previous) - values[k - 1])).toBeLessThanOrEqual(
              32 * Number.EPSILON * norm,
            );
          }
          if (kind === 'clustered' && k > 1 && values[k - 1] - values[k - 2] < 1e-10) continue; // no unique vector
          const x = new Float64Array(k);
          solver.eigenvector(alpha, beta, k, top, x);
          let residual = 0;
          let length = 0;
          for (let i = 0; i < k; i++) {
            const tx = alpha[i] * x[i] + (i > 0 ? beta[i - 1] * x[i - 1] : 0) + (i + 1 < k ? beta[i] * x[i + 1] : 0);
            residual = Math.max(residual, Math.abs(tx - top * x[i]));
            length += x[i] * x[i];
          }
          expect(Math.abs(length - 1)).toBeLessThan(1e-12);
          expect(residual).toBeLessThanOrEqual(1e-12 * Math.max(1, norm));
          // the pass's weight bounds the vector's squared last component from above, and equals it to
          // ~ulp·‖T‖/δ where λ_max lies δ above the leading block's (Lanczos trusts it from δ = 1000 ulps)
          const weight = solver.lastWeight;
          const last = x[k - 1] ** 2;
          expect(weight).toBeGreaterThanOrEqual(last * (1 - 1e-9) - 1e-15);
          const lift = k === 1 ? Number.POSITIVE_INFINITY : (values[k - 1] - previous) / (Number.EPSILON * norm);
          if (lift > 1e3) {
            expect(Math.abs(weight - last), `k = ${k}, δ = ${lift} ulps`).toBeLessThanOrEqual(
              (2e3 / lift) * last + 1e-15,
            );
          }
        }
      }
    });
  }

  it('grown one row at a time from the previous λ_max, as Lanczos calls it, each value is the dense one', () => {
    for (const kind of ['random', 'split', 'clustered'] as const) {
      const k = 40;
      const [alpha, beta] = tridiagonal(k, 5, kind);
      const solver = new TridiagonalEigen(k);
      let previous = Number.NaN;
      for (let j = 1; j <= k; j++) {
        const values = leadingSpectrum(alpha, beta, j);
        const norm = Math.max(Math.abs(values[0]), Math.abs(values[j - 1]));
        previous = solver.top(alpha, beta, j, previous);
        expect(Math.abs(previous - values[j - 1]), `${kind}, j = ${j}`).toBeLessThanOrEqual(32 * Number.EPSILON * norm);
      }
    }
  });

  it('keeps its accuracy at entries near the ends of the floating-point range', () => {
    const [alpha, beta] = tridiagonal(12, 4, 'random');
    const values = leadingSpectrum(alpha, beta, 12);
    for (const scale of [2 ** -1000, 2 ** -500, 2 ** 500, 2 ** 1000]) {
      const top = new TridiagonalEigen(12).top(
        alpha.map((a) => a * scale),
        beta.map((b) => b * scale),
        12,
      );
      expect(Math.abs(top / scale - values[11])).toBeLessThanOrEqual(32 * Number.EPSILON * Math.abs(values[11]));
    }
  });

  it('returns NaN for a non-finite entry', () => {
    const solver = new TridiagonalEigen(3);
    expect(solver.top(Float64Array.from([1, Number.NaN, 2]), Float64Array.from([1, 1, 0]), 3)).toBeNaN();
    expect(solver.top(Float64Array.from([1, 0, 2]), Float64Array.from([Number.POSITIVE_INFINITY, 1, 0]), 3)).toBeNaN();
  });
});

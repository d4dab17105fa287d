import { describe, expect, it } from 'vitest';
import { gdJacobianRelative } from './gd-jacobian.js';
import { Rng } from './rng.js';
import { symmetricEigenvalues } from './sharpness.js';

/** det of a dense n × n matrix by Gaussian elimination with partial pivoting. */
function det(A: Float64Array, n: number): number {
  const a = Float64Array.from(A);
  let d = 1;
  for (let k = 0; k < n; k++) {
    let piv = k;
    for (let i = k + 1; i < n; i++) if (Math.abs(a[i * n + k]) > Math.abs(a[piv * n + k])) piv = i;
    if (piv !== k) {
      d = -d;
      for (let j = 0; j < n; j++) [a[k * n + j], a[piv * n + j]] = [a[piv * n + j], a[k * n + j]];
    }
    d *= a[k * n + k];
    for (let i = k + 1; i < n; i++) {
      const f = a[i * n + k] / a[k * n + k];
      for (let j = k; j < n; j++) a[i * n + j] -= f * a[k * n + j];
    }
  }
  return d;
}

describe('relative determinant of the GD map', () => {
  it('times the factors’ scales is det(I − ηH) of a dense matrix', () => {
    const rng = new Rng(3, 0);
    const n = 6;
    for (const eta of [0.1, 0.7, 2]) {
      const H = new Float64Array(n * n);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j <= i; j++) {
          const v = rng.nextNormal();
          H[i * n + j] = v;
          H[j * n + i] = v;
        }
      }
      const eigenvalues = symmetricEigenvalues(Float64Array.from(H), n);
      const { logRelative, sign } = gdJacobianRelative(eigenvalues, eta);
      const scales = eigenvalues.reduce((s, l) => s * (1 + eta * Math.abs(l)), 1);
      const IminusEtaH = Float64Array.from(H, (h, q) => (q % (n + 1) === 0 ? 1 : 0) - eta * h);
      expect(sign * Math.exp(logRelative) * scales).toBeCloseTo(det(IminusEtaH, n), 10);
    }
  });

  it('is −∞ with sign 0 on a singular map and 0 (relative 1) at η = 0', () => {
    expect(gdJacobianRelative([2, 0.5], 0.5)).toEqual({ logRelative: Number.NEGATIVE_INFINITY, sign: 0 });
    expect(gdJacobianRelative([2, -3], 0)).toEqual({ logRelative: 0, sign: 1 });
    expect(gdJacobianRelative([4, 1], 0.5).sign).toBe(-1);
  });
});

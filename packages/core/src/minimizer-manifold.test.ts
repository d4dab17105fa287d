import { describe, expect, it } from 'vitest';
import { dataStats, randomData } from './data.js';
import { makeLayout } from './layout.js';
import { LinearNet, makeProblem } from './linear-net.js';
import { matmul } from './matmul.js';
import { fibreDimension, hessianNullity } from './minimizer-manifold.js';
import { Rng } from './rng.js';
import { minimumLoss } from './theory.js';

/** Solves the d × d system A x = b for each column of B (Gaussian elimination with pivoting), in place in B. */
function solve(A: Float64Array, B: Float64Array, d: number, cols: number): void {
  const a = Float64Array.from(A);
  for (let k = 0; k < d; k++) {
    let piv = k;
    for (let i = k + 1; i < d; i++) if (Math.abs(a[i * d + k]) > Math.abs(a[piv * d + k])) piv = i;
    for (let j = 0; j < d; j++) [a[k * d + j], a[piv * d + j]] = [a[piv * d + j], a[k * d + j]];
    for (let j = 0; j < cols; j++) [B[k * cols + j], B[piv * cols + j]] = [B[piv * cols + j], B[k * cols + j]];
    for (let i = 0; i < d; i++) {
      if (i === k) continue;
      const f = a[i * d + k] / a[k * d + k];
      for (let j = 0; j < d; j++) a[i * d + j] -= f * a[k * d + j];
      for (let j = 0; j < cols; j++) B[i * cols + j] -= f * B[k * cols + j];
    }
  }
  for (let i = 0; i < d; i++) for (let j = 0; j < cols; j++) B[i * cols + j] /= a[i * d + i];
}

const transpose = (M: Float64Array, rows: number, cols: number) => {
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[j * rows + i] = M[i * cols + j];
  return out;
};

/**
 * A global minimizer: W_2 … W_N random, W_1 = Bᵀ(BBᵀ)⁻¹ T with B = W_N⋯W_2 and
 * T = CΣ⁻¹ the least-squares map, so that the product is T.
 */
function minimizer(dims: number[], T: Float64Array, rng: Rng): Float64Array {
  const layout = makeLayout(dims);
  const N = layout.depth;
  const d0 = dims[0];
  const dN = dims[N];
  const theta = new Float64Array(layout.paramCount);
  for (let i = layout.offsets[1] ?? theta.length; i < theta.length; i++) theta[i] = rng.nextNormal();
  if (N === 1) {
    theta.set(T);
    return theta;
  }
  // B = W_N ⋯ W_2 (dN × d1)
  let B = theta.slice(layout.offsets[N - 1], layout.offsets[N - 1] + dims[N] * dims[N - 1]);
  for (let i = N - 1; i >= 2; i--) {
    const W = theta.subarray(layout.offsets[i - 1], layout.offsets[i - 1] + dims[i] * dims[i - 1]);
    const next = new Float64Array(dN * dims[i - 1]);
    matmul(B, 0, W, 0, next, 0, dN, dims[i], dims[i - 1]);
    B = next;
  }
  const d1 = dims[1];
  const BBt = new Float64Array(dN * dN);
  matmul(B, 0, transpose(B, dN, d1), 0, BBt, 0, dN, d1, dN);
  const X = Float64Array.from(T); // (BBᵀ)⁻¹ T, dN × d0
  solve(BBt, X, dN, d0);
  const W1 = new Float64Array(d1 * d0);
  matmul(transpose(B, dN, d1), 0, X, 0, W1, 0, d1, dN, d0);
  theta.set(W1, 0);
  return theta;
}

describe('the minimizer manifold', () => {
  const data = randomData({ dIn: 3, dOut: 2, n: 40, whiten: false, noise: 0.1, seed: 2 });
  const stats = dataStats(data, 'mean');
  // T = C Σ⁻¹: solve Σ Tᵀ = Cᵀ
  const Tt = transpose(stats.cross, 2, 3);
  solve(stats.sigma, Tt, 3, 2);
  const T = transpose(Tt, 3, 2);

  for (const depth of [1, 2, 3, 4]) {
    it(`depth ${depth}: the Hessian has p − r(d₀ + d_N − r) zero eigenvalues at minimizers`, () => {
      const dims = [3, ...new Array<number>(depth - 1).fill(3), 2];
      const problem = makeProblem(makeLayout(dims), stats);
      const { rank, lossMin } = minimumLoss(problem);
      expect(rank).toBe(2);
      const rng = new Rng(depth, 1);
      const counts = new Set<number>();
      for (let trial = 0; trial < 5; trial++) {
        const theta = minimizer(dims, T, rng);
        expect(new LinearNet(problem).loss(theta)).toBeCloseTo(lossMin, 12);
        const h = hessianNullity(problem, theta);
        counts.add(h.zeros);
        // a clear gap between the zeros and the rest
        if (h.zeros > 0) expect(h.largestZero).toBeLessThan(1e-12);
        expect(h.smallestNonzero).toBeGreaterThan(1e-6);
      }
      expect([...counts]).toEqual([fibreDimension(problem.layout, rank)]);
    });
  }

  it('a rank-1 target: the formula holds where every partial product has rank 1, and not at a generic minimizer', () => {
    // Σ = I, C = T = u vᵀ (rank 1), depth 2 with width 3
    const u = [1, -2];
    const v = [0.5, 1, -1];
    const cross = Float64Array.from(u.flatMap((a) => v.map((b) => a * b)));
    const sigma = Float64Array.from([1, 0, 0, 0, 1, 0, 0, 0, 1]);
    const problem = makeProblem(makeLayout([3, 3, 2]), { dIn: 3, dOut: 2, sigma, cross, c0: 10 });
    // rank-1 factors: W₁ = e vᵀ (3×3), W₂ = u eᵀ (2×3) with e = (1, 0, 0)ᵀ
    const theta = new Float64Array(15);
    for (let j = 0; j < 3; j++) theta[j] = v[j];
    theta[9] = u[0];
    theta[12] = u[1];
    expect(hessianNullity(problem, theta).zeros).toBe(fibreDimension(problem.layout, 1)); // 15 − 4 = 11
    // W₂ of full row rank: the differential of the product map is onto, p − d₀d_N = 9
    const generic = minimizer([3, 3, 2], cross, new Rng(5, 1));
    expect(hessianNullity(problem, generic).zeros).toBe(15 - 6);
  });
});

/**
 * The threshold η_c = 2/λ*, λ* = min over the global minimizers of
 * λ_max(∇²L), and the minimum loss L* (docs/theory.md, "The threshold").
 *
 * Closed forms: scalar networks (any data) and isotropic inputs Σ = s·I
 * (whitened: s = 1; Mulayoff & Michaeli 2020). Everything else is computed
 * numerically by `flattestMinimum`, and the result says so.
 */
import { EigenvalueDecomposition, Matrix, SingularValueDecomposition } from 'ml-matrix';
import { flattestMinimum } from './flattest.js';
import type { Layout } from './layout.js';
import { isScalarNetwork } from './layout.js';
import type { Problem } from './linear-net.js';

type TheoryMethod = 'closed-form-scalar' | 'closed-form-whitened' | 'numerical' | 'degenerate';

export interface Theory {
  /** λ*; null when it does not exist (e.g. zero data: every point is a minimizer). */
  readonly lambdaStar: number | null;
  /** η_c = 2/λ*; null when unknown or infinite. */
  readonly etaCritical: number | null;
  /** L*, the global minimum of the loss. */
  readonly lossMin: number;
  readonly method: TheoryMethod;
  /** Rank of the minimizing product P (min of rank(T) and the narrowest width). */
  readonly rank: number;
  /** λ_max at the balanced factorization of the minimizer (≥ λ*). */
  readonly balancedSharpness: number | null;
  /** Lower bound λ_min(Σ)·N·σ₁(T)^{2(N−1)/N} (only meaningful for full-rank minimizers). */
  readonly lowerBound: number | null;
  /** One line on how the numbers were obtained. */
  readonly detail: string;
}

/** Relative tolerance for recognising Σ = s·I. */
const ISOTROPIC_TOL = 1e-12;

/**
 * The least-squares map in the whitened coordinates: M = C U₊ Λ₊^{−1/2},
 * with Σ = U Λ Uᵀ restricted to its positive eigenvalues. ‖M‖ singular values
 * give L* (rank-constrained or not) even when Σ is singular.
 */
function whitenedTarget(problem: Problem): { M: Matrix; T: Matrix; sigmaMin: number } {
  const { dIn, dOut, sigma, cross } = problem.stats;
  const S = new Matrix(dIn, dIn);
  for (let i = 0; i < dIn; i++) for (let j = 0; j < dIn; j++) S.set(i, j, sigma[i * dIn + j]);
  const evd = new EigenvalueDecomposition(S, { assumeSymmetric: true });
  const vals = evd.realEigenvalues;
  const U = evd.eigenvectorMatrix;
  const maxVal = Math.max(...vals, 0);
  const keep = vals.map((v, i) => (v > 1e-12 * maxVal ? i : -1)).filter((i) => i >= 0);
  const C = new Matrix(dOut, dIn);
  for (let o = 0; o < dOut; o++) for (let i = 0; i < dIn; i++) C.set(o, i, cross[o * dIn + i]);
  const M = new Matrix(dOut, Math.max(keep.length, 1));
  keep.forEach((col, j) => {
    const s = 1 / Math.sqrt(vals[col]);
    for (let o = 0; o < dOut; o++) {
      let acc = 0;
      for (let i = 0; i < dIn; i++) acc += C.get(o, i) * U.get(i, col);
      M.set(o, j, acc * s);
    }
  });
  // T = C Σ⁺ = M Λ₊^{−1/2} U₊ᵀ, the least-squares map itself
  const T = new Matrix(dOut, dIn);
  keep.forEach((col, j) => {
    const s = 1 / Math.sqrt(vals[col]);
    for (let o = 0; o < dOut; o++) {
      for (let i = 0; i < dIn; i++) T.set(o, i, T.get(o, i) + M.get(o, j) * s * U.get(i, col));
    }
  });
  return { M, T, sigmaMin: Math.max(Math.min(...vals), 0) };
}

function singularValues(M: Matrix): number[] {
  return new SingularValueDecomposition(M, {
    autoTranspose: true,
    computeLeftSingularVectors: false,
    computeRightSingularVectors: false,
  }).diagonal;
}

function narrowest(layout: Layout): number {
  return Math.min(...layout.dims);
}

/** L* and the rank of the minimizing product. */
export function minimumLoss(problem: Problem): { lossMin: number; rank: number; rankTarget: number } {
  const { M } = whitenedTarget(problem);
  const s = singularValues(M);
  const tol = 1e-12 * Math.max(1, s[0] ?? 0);
  const rankT = s.filter((v) => v > tol).length;
  const rank = Math.min(rankT, narrowest(problem.layout));
  let explained = 0;
  for (let j = 0; j < rank; j++) explained += s[j] * s[j];
  return { lossMin: Math.max(problem.stats.c0 - 0.5 * explained, 0), rank, rankTarget: rankT };
}

/** Is Σ = s·I? Returns s, or null. */
function isotropicScale(problem: Problem): number | null {
  const { dIn, sigma } = problem.stats;
  const s = sigma[0];
  for (let i = 0; i < dIn; i++) {
    for (let j = 0; j < dIn; j++) {
      const want = i === j ? s : 0;
      if (Math.abs(sigma[i * dIn + j] - want) > ISOTROPIC_TOL * Math.max(1, Math.abs(s))) return null;
    }
  }
  return s;
}

export function theory(problem: Problem): Theory {
  const { layout } = problem;
  const N = layout.depth;
  const { lossMin, rank, rankTarget } = minimumLoss(problem);
  const { M, T, sigmaMin } = whitenedTarget(problem);
  const s1 = singularValues(M)[0] ?? 0;
  const s1T = singularValues(T)[0] ?? 0;
  const exponent = (2 * (N - 1)) / N;
  const scale = isotropicScale(problem);
  const finish = (
    lambdaStar: number | null,
    method: TheoryMethod,
    balanced: number | null,
    detail: string,
  ): Theory => ({
    lambdaStar,
    etaCritical: lambdaStar !== null && lambdaStar > 0 ? 2 / lambdaStar : null,
    lossMin,
    method,
    rank,
    balancedSharpness: balanced,
    lowerBound: scale === null && rank > 0 ? sigmaMin * N * s1T ** exponent : null,
    detail,
  });

  if (rank === 0) {
    // T = 0: the minimizers include θ = 0 for N ≥ 2, where every curvature can be 0.
    return finish(null, 'degenerate', null, 'the least-squares map is zero; no finite threshold exists');
  }
  // A hidden layer narrower than rank(T) truncates the minimizer; then G ≠ 0 there and no closed form applies.
  const fullRank = rank === rankTarget;
  if (isScalarNetwork(layout)) {
    // T = p and Σ = a; λ* = N·a·|p|^{2(N−1)/N} at |w_i| = |p|^{1/N}.
    const a = problem.stats.sigma[0];
    const p = problem.stats.cross[0] / a;
    const lambda = N * a * Math.abs(p) ** exponent;
    return finish(lambda, 'closed-form-scalar', lambda, `λ* = N·a·|p|^(2(N−1)/N) with N = ${N}, a = ${a}, p = ${p}`);
  }
  if (scale !== null && fullRank) {
    // Σ = s·I: σ₁(T) = σ₁(M)/√s and the Hessian scales with s.
    const sigma1T = s1 / Math.sqrt(scale);
    const lambda = scale * N * sigma1T ** exponent;
    return finish(
      lambda,
      'closed-form-whitened',
      lambda,
      `λ* = s·N·σ₁(T)^(2(N−1)/N) with Σ = ${scale}·I, σ₁(T) = ${sigma1T}`,
    );
  }
  const flat = flattestMinimum(problem);
  return finish(
    flat.lambdaStar,
    'numerical',
    flat.balancedSharpness,
    `minimised λ_max over the gauge W_i → G_i W_i G_{i−1}⁻¹ from the balanced point (${flat.iterations} iterations)` +
      (sigmaMin > 0
        ? ''
        : '; Σ is singular: the loss is flat along its null space, and λ* is taken over the factorizations of the ' +
          'minimum-norm minimizer P = CΣ⁺'),
  );
}

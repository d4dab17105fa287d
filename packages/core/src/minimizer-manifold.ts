/**
 * The global minimizers as a manifold: the number of numerically zero
 * Hessian eigenvalues at a minimizer against p − r(d₀ + d_N − r), the
 * dimension of the fibre of the product map θ ↦ W_N⋯W_1 over the rank-r
 * matrices (docs/theory.md derives it: at a global minimizer G = 0, so
 * ∇²L = Jᵀ(Σ ⊗ I)J with J the product map's differential, and J has rank
 * r(d₀ + d_N − r) whenever r = min(d₀, d_N), or for smaller r where every
 * partial product W_N⋯W_{i+1} or W_{i−1}⋯W_1 has rank r).
 */
import { denseHessian } from './hessian.js';
import type { Layout } from './layout.js';
import { LinearNet, type Problem } from './linear-net.js';
import { symmetricEigenvalues } from './sharpness.js';

/** |λ| ≤ ZERO_EIGENVALUE_TOL·λ_max counts as zero. */
export const ZERO_EIGENVALUE_TOL = 1e-8;

/** p − r(d₀ + d_N − r): the dimension of the minimizer manifold whose product has rank r. */
export function fibreDimension(layout: Layout, rank: number): number {
  const d0 = layout.dims[0];
  const dN = layout.dims[layout.depth];
  return layout.paramCount - rank * (d0 + dN - rank);
}

export interface HessianNullity {
  /** Numerically zero eigenvalues (|λ| ≤ tol·λ_max). */
  readonly zeros: number;
  readonly lambdaMax: number;
  /** The largest |λ| counted as zero and the smallest |λ| that is not, over λ_max: the gap the count relies on. */
  readonly largestZero: number;
  readonly smallestNonzero: number;
}

/** The Hessian's null-space count at θ (a dense p × p eigenproblem: small models). */
export function hessianNullity(problem: Problem, theta: Float64Array, tol = ZERO_EIGENVALUE_TOL): HessianNullity {
  const p = problem.layout.paramCount;
  const eigenvalues = symmetricEigenvalues(denseHessian(new LinearNet(problem), theta), p);
  const lambdaMax = Math.max(...eigenvalues.map(Math.abs));
  const relative = eigenvalues.map((v) => Math.abs(v) / lambdaMax).sort((a, b) => a - b);
  const zeros = relative.filter((v) => v <= tol).length;
  return {
    zeros,
    lambdaMax,
    largestZero: zeros > 0 ? relative[zeros - 1] : Number.NaN,
    smallestNonzero: zeros < p ? relative[zeros] : Number.NaN,
  };
}

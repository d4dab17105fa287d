/**
 * The largest eigenvalue of a symmetric tridiagonal matrix T_k and its
 * eigenvector, in O(k) work per bisection step: what Lanczos needs at each
 * iteration, instead of a dense eigendecomposition of T_k (O(k³)).
 *
 * The eigenvalue comes from bisection on Sturm counts (LAPACK's dstebz:
 * the number of negative pivots of the LDLᵀ factorisation of T − xI is the
 * number of eigenvalues below x), to within a few ulps; the eigenvector
 * from inverse iteration on T − λI with the tridiagonal LU of
 * symmetric-eigen.ts (LAPACK's dstein), converged in one or two solves
 * because the shift is that close.
 */
import type { TridiagonalLu } from './symmetric-eigen.js';
import { factorShifted, solveShifted, startVector, tridiagonalLu } from './symmetric-eigen.js';

/** Inverse-iteration solves for the eigenvector (the shift is accurate to a few ulps: two suffice, the third is margin). */
const INVERSE_SOLVES = 3;

export class TridiagonalEigen {
  private readonly lu: TridiagonalLu;
  private readonly diagonal: Float64Array;
  private readonly offDiagonal: Float64Array;

  constructor(readonly capacity: number) {
    this.lu = tridiagonalLu(capacity);
    this.diagonal = new Float64Array(capacity);
    this.offDiagonal = new Float64Array(capacity);
  }

  /**
   * The `fromTop`-th largest eigenvalue (0: λ_max) of the k × k matrix with
   * diagonal α[0..k) and off-diagonal β[0..k−1) (β[i] joins i and i + 1),
   * knowing it is ≥ `below` (e.g. the previous Lanczos step's value, by
   * Cauchy interlacing); NaN when an entry is not finite.
   */
  eigenvalue(
    alpha: Float64Array,
    beta: Float64Array,
    k: number,
    fromTop = 0,
    below = Number.NEGATIVE_INFINITY,
  ): number {
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    let maxBeta2 = 0;
    for (let i = 0; i < k; i++) {
      const radius = (i > 0 ? Math.abs(beta[i - 1]) : 0) + (i + 1 < k ? Math.abs(beta[i]) : 0);
      lo = Math.min(lo, alpha[i] - radius);
      hi = Math.max(hi, alpha[i] + radius);
      if (i + 1 < k) maxBeta2 = Math.max(maxBeta2, beta[i] * beta[i]);
    }
    if (!Number.isFinite(lo) || !Number.isFinite(hi) || !Number.isFinite(maxBeta2)) return Number.NaN;
    if (below > lo && below <= hi) lo = below;
    // the smallest pivot magnitude allowed (dstebz's PIVMIN), so that a zero pivot cannot stop the count
    const pivmin = Number.MIN_VALUE / Number.EPSILON + Number.MIN_VALUE * maxBeta2;
    // the eigenvalue λ_j, j = k − 1 − fromTop from the bottom: more than j eigenvalues lie below x exactly when x > λ_j
    const j = k - 1 - fromTop;
    while (hi - lo > 2 * Number.EPSILON * Math.max(Math.abs(lo), Math.abs(hi)) + pivmin) {
      const mid = 0.5 * (lo + hi);
      if (mid <= lo || mid >= hi) break;
      if (countBelow(alpha, beta, k, mid, pivmin) > j) hi = mid;
      else lo = mid;
    }
    return 0.5 * (lo + hi);
  }

  /**
   * The unit eigenvector of T for its simple eigenvalue `value` (as
   * returned by `eigenvalue`) into out[0..k).
   */
  eigenvector(alpha: Float64Array, beta: Float64Array, k: number, value: number, out: Float64Array): void {
    const { diagonal, offDiagonal, lu } = this;
    let norm = 0;
    for (let i = 0; i < k; i++) {
      diagonal[i] = alpha[i];
      offDiagonal[i] = i + 1 < k ? beta[i] : 0;
      norm = Math.max(
        norm,
        Math.abs(alpha[i]) + (i + 1 < k ? Math.abs(beta[i]) : 0) + (i > 0 ? Math.abs(beta[i - 1]) : 0),
      );
    }
    if (k === 1 || norm === 0) {
      out.fill(0, 0, k);
      out[0] = 1;
      return;
    }
    factorShifted(diagonal, offDiagonal, k, value, Number.EPSILON * norm, lu);
    startVector(out, k, 0);
    for (let solve = 0; solve < INVERSE_SOLVES; solve++) {
      solveShifted(lu, k, out);
      let max = 0;
      for (let i = 0; i < k; i++) max = Math.max(max, Math.abs(out[i]));
      for (let i = 0; i < k; i++) out[i] /= max;
    }
    let sum = 0;
    for (let i = 0; i < k; i++) sum += out[i] * out[i];
    const inv = 1 / Math.sqrt(sum);
    for (let i = 0; i < k; i++) out[i] *= inv;
  }
}

/** The number of eigenvalues of T below x: negative pivots of T − xI = LDLᵀ (pivots kept ≥ pivmin in magnitude). */
function countBelow(alpha: Float64Array, beta: Float64Array, k: number, x: number, pivmin: number): number {
  let count = 0;
  let q = alpha[0] - x;
  if (Math.abs(q) < pivmin) q = -pivmin;
  if (q < 0) count++;
  for (let i = 1; i < k; i++) {
    q = alpha[i] - x - (beta[i - 1] * beta[i - 1]) / q;
    if (Math.abs(q) < pivmin) q = -pivmin;
    if (q < 0) count++;
  }
  return count;
}

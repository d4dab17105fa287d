/**
 * The largest eigenvalue of a symmetric tridiagonal matrix T_k and its
 * eigenvector, in O(k) work per pass: what Lanczos needs at each
 * iteration, instead of a dense eigendecomposition of T_k (O(k³)).
 *
 * The eigenvalue comes from Newton's method on det(T − xI) from above,
 * safeguarded by Sturm counts (LAPACK's dstebz: the number of negative
 * pivots of the LDLᵀ factorisation of T − xI is the number of eigenvalues
 * below x), to within a few ulps; the eigenvector from inverse
 * iteration on T − λI with the tridiagonal LU of symmetric-eigen.ts
 * (LAPACK's dstein), converged in one or two solves because the shift is
 * that close.
 */
import type { TridiagonalLu } from './symmetric-eigen.js';
import { factorShifted, solveShifted, startVector, tridiagonalLu } from './symmetric-eigen.js';

/** Inverse-iteration solves for the eigenvector (the shift is accurate to a few ulps: two suffice, the third is margin). */
const INVERSE_SOLVES = 3;

/** Newton passes allowed for λ_max (each O(k)); past them the bracket's upper end is returned. */
const MAX_TOP_PASSES = 100;

export class TridiagonalEigen {
  private readonly lu: TridiagonalLu;
  /** `top`'s scaled copy of T (squared off-diagonal), then `eigenvector`'s working copy. */
  private readonly diagonal: Float64Array;
  private readonly offDiagonal: Float64Array;
  /**
   * After `top`: an upper bound on the squared last component of λ_max's
   * unit eigenvector (Lanczos's residual is β_k times its root), from the
   * same pass. The eigenvector is (y, 1)/√(1 + ‖y‖²) with y = −β (T_{k−1} −
   * λ)⁻¹ e, and 1 + ‖y‖² is minus the last pivot's derivative at λ; taken at
   * the returned value, a few ulps above λ, it is smaller, the weight larger.
   * It is accurate (to ~ulp·‖T‖/δ) only while λ_max lies δ ≫ ulps above
   * λ_max(T_{k−1}): at a converged Ritz value it may exceed the truth by
   * orders of magnitude.
   */
  lastWeight = Number.NaN;
  /** At the x of the last `pass`: d log|det(T − xI)|/dx, and the last pivot's derivative. */
  private logDerivative = 0;
  private lastDerivative = 0;

  constructor(readonly capacity: number) {
    this.lu = tridiagonalLu(capacity);
    this.diagonal = new Float64Array(capacity);
    this.offDiagonal = new Float64Array(capacity);
  }

  /**
   * λ_max of the k × k matrix with diagonal α[0..k) and off-diagonal
   * β[0..k−1) (β[i] joins i and i + 1), knowing `previous` = λ_max of its
   * leading (k − 1) × (k − 1) block (Lanczos's value a step before; NaN:
   * not known); NaN when an entry is not finite.
   *
   * Newton's method on det(T − xI) from above: for x > λ_max the step
   * x − 1/Σ_j 1/(x − λ_j) stays above λ_max (for a polynomial with real
   * roots) and converges quadratically once the top root is isolated, in a
   * few passes where bisection takes ~50. Each pass is one LDLᵀ
   * factorisation of T − xI carried with its derivative in x: the pivots'
   * signs count the eigenvalues below x (Sturm), so a step rounded below the
   * root is caught, and the next trial is then just above it (then bisection).
   */
  top(alpha: Float64Array, beta: Float64Array, k: number, previous = Number.NaN): number {
    const { diagonal, offDiagonal } = this;
    let max = 0;
    for (let i = 0; i < k; i++) max = Math.max(max, Math.abs(alpha[i]), i + 1 < k ? Math.abs(beta[i]) : 0);
    if (!Number.isFinite(max)) {
      this.lastWeight = Number.NaN;
      return Number.NaN;
    }
    if (k === 1) {
      this.lastWeight = 1;
      return alpha[0];
    }
    // the pivots' derivatives divide by squared pivots: work on T/s, s a power of two (exact)
    const s = max > 0 ? 2 ** Math.floor(Math.log2(max)) : 1;
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    let maxBeta2 = 0;
    for (let i = 0; i < k; i++) {
      diagonal[i] = alpha[i] / s;
      const b = i + 1 < k ? beta[i] / s : 0;
      offDiagonal[i] = b * b;
      maxBeta2 = Math.max(maxBeta2, offDiagonal[i]);
      const radius = (i > 0 ? Math.abs(beta[i - 1]) : 0) / s + Math.abs(b);
      lo = Math.min(lo, diagonal[i] - radius);
      hi = Math.max(hi, diagonal[i] + radius);
    }
    // the smallest pivot magnitude allowed (LAPACK dstebz's PIVMIN), so that a zero pivot cannot stop the count
    const pivmin = Number.MIN_VALUE / Number.EPSILON + Number.MIN_VALUE * maxBeta2;
    hi += 2 * Number.EPSILON * Math.abs(hi) + pivmin;
    const below = previous / s;
    let verified = false;
    if (below > lo && below < hi) {
      // λ_max(T) ≥ previous (Cauchy interlacing; `previous` is itself a few ulps off), and at x = previous + δ
      // the last pivot is at most α − x + β²/δ: its root bounds λ_max(T) from above, usually far below Gershgorin's
      lo = below - 4 * Number.EPSILON * Math.abs(below) - pivmin;
      const a = diagonal[k - 1] - below;
      const bound = below + 0.5 * (a + Math.sqrt(a * a + 4 * offDiagonal[k - 2]));
      if (bound < hi && this.pass(k, bound, pivmin) === k) {
        hi = bound;
        verified = true;
      }
    }
    if (!verified && this.pass(k, hi, pivmin) < k) {
      hi += Math.abs(hi - lo); // rounding: Gershgorin's bound widened
      this.pass(k, hi, pivmin);
    }
    let hiStep = 1 / this.logDerivative;
    let hiDerivative = this.lastDerivative;
    // a step landing below the root (by rounding) leaves it within a few ulps above lo: try there first
    let margin = 4 * Number.EPSILON * Math.abs(lo) + pivmin;
    for (let iteration = 0; iteration < MAX_TOP_PASSES; iteration++) {
      let x = hi - hiStep;
      if (!(x > lo)) {
        x = lo + margin < hi ? lo + margin : 0.5 * (lo + hi);
        margin *= 2;
      }
      if (!(x < hi)) break;
      if (this.pass(k, x, pivmin) === k) {
        hi = x;
        hiStep = 1 / this.logDerivative;
        hiDerivative = this.lastDerivative;
        // Newton's next step is the distance to the root over its multiplicity: at most a few ulps left
        if (hiStep <= Number.EPSILON * Math.abs(hi)) break;
      } else {
        lo = x;
      }
      if (hi - lo <= 2 * Number.EPSILON * Math.max(Math.abs(lo), Math.abs(hi)) + pivmin) break;
    }
    this.lastWeight = -1 / hiDerivative;
    return hi * s;
  }

  /**
   * One LDLᵀ factorisation of T/s − xI (the scaled copy in `diagonal`,
   * squared off-diagonal in `offDiagonal`): returns the number of
   * eigenvalues below x, and leaves in `logDerivative` d log|det(T − xI)|/dx
   * = Σ_j 1/(x − λ_j) (in T/s's units), the sum of the pivots' logarithmic
   * derivatives, and in `lastDerivative` the last pivot's derivative.
   */
  private pass(k: number, x: number, pivmin: number): number {
    const { diagonal, offDiagonal } = this;
    let q = diagonal[0] - x;
    if (Math.abs(q) < pivmin) q = -pivmin;
    let count = q < 0 ? 1 : 0;
    let dq = -1;
    let r = 1 / q;
    let sum = dq * r;
    for (let i = 1; i < k; i++) {
      const t = offDiagonal[i - 1] * r;
      dq = -1 + t * r * dq;
      q = diagonal[i] - x - t;
      if (Math.abs(q) < pivmin) q = -pivmin;
      if (q < 0) count++;
      r = 1 / q;
      sum += dq * r;
    }
    this.logDerivative = sum;
    this.lastDerivative = dq;
    return count;
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

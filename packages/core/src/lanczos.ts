/**
 * The largest algebraic eigenvalue of a symmetric operator given only by its
 * products, by Lanczos with full reorthogonalisation.
 *
 * Each iteration costs one product, the three-term recurrence, one
 * Gram–Schmidt pass against the whole basis (a second only when the first
 * cancelled most of what was left: Daniel, Gragg, Kaufman & Stewart 1976),
 * and a few O(k) Newton passes on the tridiagonal T_k for its largest
 * eigenvalue, started from the previous one, plus O(k) inverse iteration
 * for its eigenvector (tridiagonal-eigen.ts) — never a dense
 * eigendecomposition.
 *
 * Stopping rule: the residual r = β_k |s_k| of the top Ritz pair (θ, s) is
 * at most tol·|θ| (tol = 1e−8 by default). Some eigenvalue of the operator
 * then lies within r of θ, and θ ≤ λ_max always; so, once θ has found the
 * top eigenvalue (a random start vector has a component along it), its
 * relative error is at most tol — even when the top eigenvalues are close
 * together, where error estimates from the Ritz gap (r²/δ) are fooled
 * until the Krylov space separates them. Where the top is well separated
 * the error is far smaller, ~r²/δ.
 */
import { Rng } from './rng.js';
import { TridiagonalEigen } from './tridiagonal-eigen.js';

/** The residual, relative to |θ|, at which the iteration stops by default: the relative error bound. */
const LANCZOS_TOL = 1e-8;
/** Krylov dimension cap by default. */
export const LANCZOS_MAX_ITER = 100;
/** A second Gram–Schmidt pass when the first leaves less than this fraction of the norm. */
const REORTHOGONALISE_AGAIN = 0.7;
/**
 * The Ritz value's rise in one step, in ulps, above which the residual is
 * taken from the eigenvalue's pass (TridiagonalEigen.lastWeight, accurate to
 * ~1/this) rather than from the Ritz vector by inverse iteration.
 */
const WEIGHT_RESOLVED = 1e3;
/** The random start vector's seed: the result must be a deterministic function of the operator. */
const START_SEED = 0x5eed;

export interface LanczosOptions {
  tol?: number;
  maxIter?: number;
  /** Start vector (e.g. the previous top eigenvector); overwritten with the new one. */
  vector?: Float64Array;
}

/** out = A v. */
export type Operator = (v: Float64Array, out: Float64Array) => void;

/** Buffers for one operator size, reused across calls (a basis of `maxIter` vectors). */
export class Lanczos {
  private readonly basis: Float64Array[] = [];
  private readonly alpha: Float64Array;
  private readonly beta: Float64Array;
  private readonly ritz: Float64Array;
  private readonly w: Float64Array;
  private readonly projections: Float64Array;
  private readonly tridiagonal: TridiagonalEigen;
  private startVector: Float64Array | null = null;

  constructor(
    readonly size: number,
    readonly maxIter: number = LANCZOS_MAX_ITER,
  ) {
    const k = Math.min(maxIter, size);
    this.alpha = new Float64Array(k);
    this.beta = new Float64Array(k);
    this.ritz = new Float64Array(k);
    this.w = new Float64Array(size);
    this.projections = new Float64Array(k + 1);
    this.tridiagonal = new TridiagonalEigen(k);
  }

  /** The seeded random unit start vector, made once per size: a cold start is a function of the operator alone. */
  private start(): Float64Array {
    if (this.startVector === null) {
      const v = new Float64Array(this.size);
      const rng = new Rng(START_SEED, v.length);
      for (let i = 0; i < v.length; i++) v[i] = rng.nextNormal();
      scale(v, 1 / norm(v));
      this.startVector = v;
    }
    return this.startVector;
  }

  private vector(j: number): Float64Array {
    while (this.basis.length <= j) this.basis.push(new Float64Array(this.size));
    return this.basis[j];
  }

  /**
   * w −= Σ_j (w·v_j) v_j over the first `count` basis vectors: classical Gram–Schmidt (all the
   * projections from the same w, then one pass subtracting them), two basis vectors per sweep of w.
   */
  private orthogonalise(w: Float64Array, count: number): void {
    const { basis, projections } = this;
    for (let j = 0; j < count; j++) projections[j] = dot(w, basis[j]);
    const n = w.length;
    let j = 0;
    for (; j + 1 < count; j += 2) {
      const a = basis[j];
      const b = basis[j + 1];
      const ha = projections[j];
      const hb = projections[j + 1];
      for (let i = 0; i < n; i++) w[i] -= ha * a[i] + hb * b[i];
    }
    if (j < count) axpy(-projections[j], basis[j], w);
  }

  /** λ_max of the operator; NaN when a product is not finite. */
  top(apply: Operator, options: LanczosOptions = {}): number {
    const n = this.size;
    const tol = options.tol ?? LANCZOS_TOL;
    const maxIter = Math.min(options.maxIter ?? this.maxIter, this.maxIter, n);
    const { alpha, beta, ritz, w, tridiagonal } = this;
    const warm = options.vector !== undefined && options.vector.length === n && norm(options.vector) > 0;
    let v = this.vector(0);
    if (warm) {
      v.set(options.vector as Float64Array);
      scale(v, 1 / norm(v));
    } else {
      v.set(this.start());
    }
    let restarted = !warm;
    let top = Number.NaN;
    /** The size of T whose top eigenvector `ritz` holds (0: none yet). */
    let ritzSize = 0;
    let k = 0;
    for (; k < maxIter; k++) {
      apply(v, w);
      const a = dot(w, v);
      alpha[k] = a;
      // the three-term recurrence, then a full pass against rounding's loss of orthogonality
      const previous = k > 0 ? this.basis[k - 1] : null;
      const bPrevious = k > 0 ? beta[k - 1] : 0;
      for (let i = 0; i < n; i++) w[i] -= a * v[i] + (previous === null ? 0 : bPrevious * previous[i]);
      const before = norm(w);
      this.orthogonalise(w, k + 1);
      let b = norm(w);
      if (b < REORTHOGONALISE_AGAIN * before) {
        this.orthogonalise(w, k + 1);
        b = norm(w);
      }
      if (!Number.isFinite(a) || !Number.isFinite(b)) return Number.NaN;
      const size = k + 1;
      const previousTop = top;
      top = tridiagonal.top(alpha, beta, size, top);
      const scaleOf = Math.max(Math.abs(top), Number.MIN_VALUE);
      const breakdown = b <= 1e-14 * Math.max(1, Math.abs(top));
      if (breakdown && !restarted && size < n) {
        // the caller's start vector spanned an invariant subspace, which may miss the top eigenvector:
        // continue once from the seeded random vector, orthogonalised against the basis so far
        restarted = true;
        w.set(this.start());
        this.orthogonalise(w, k + 1);
        this.orthogonalise(w, k + 1);
        beta[k] = 0;
        v = this.vector(k + 1);
        const nw = norm(w);
        for (let i = 0; i < n; i++) v[i] = w[i] / nw;
        continue;
      }
      if (breakdown || size === n || k + 1 === maxIter) break;
      if (top - previousTop > WEIGHT_RESOLVED * Number.EPSILON * scaleOf) {
        // the Ritz value still moves: the eigenvalue's own pass bounds the residual from above, accurately
        if (b * Math.sqrt(tridiagonal.lastWeight) <= tol * scaleOf) break;
      } else {
        tridiagonal.eigenvector(alpha, beta, size, top, ritz);
        ritzSize = size;
        if (Math.abs(b * ritz[k]) <= tol * scaleOf) break;
      }
      beta[k] = b;
      v = this.vector(k + 1);
      for (let i = 0; i < n; i++) v[i] = w[i] / b;
    }
    if (warm) {
      const size = Math.min(k, maxIter - 1) + 1;
      if (ritzSize !== size) tridiagonal.eigenvector(alpha, beta, size, top, ritz);
      const out = options.vector as Float64Array;
      out.fill(0);
      for (let j = 0; j < size; j++) axpy(ritz[j], this.basis[j], out);
    }
    return top;
  }
}

/** a·b with four partial sums (independent chains of additions). */
function dot(a: Float64Array, b: Float64Array): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  const n = a.length;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    s0 += a[i] * b[i];
    s1 += a[i + 1] * b[i + 1];
    s2 += a[i + 2] * b[i + 2];
    s3 += a[i + 3] * b[i + 3];
  }
  for (; i < n; i++) s0 += a[i] * b[i];
  return s0 + s1 + (s2 + s3);
}
function norm(a: Float64Array): number {
  return Math.sqrt(dot(a, a));
}
function scale(a: Float64Array, s: number): void {
  for (let i = 0; i < a.length; i++) a[i] *= s;
}
function axpy(s: number, x: Float64Array, y: Float64Array): void {
  for (let i = 0; i < y.length; i++) y[i] += s * x[i];
}

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
import { lanczosVectorsWords } from './kernels/wasm-lanczos-vectors.js';
import type { LanczosVectors, LanczosVectorsFactory } from './lanczos-vectors.js';
import { lanczosVectors } from './lanczos-vectors.js';
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

/** Doubles a Lanczos run of this size keeps: its vectors (the whole basis, reserved up front) and its tridiagonal. */
export function lanczosWords(size: number, maxIter = LANCZOS_MAX_ITER): number {
  const k = Math.min(maxIter, size);
  return lanczosVectorsWords(size, k) + 4 * k + 1;
}

/**
 * Buffers for one operator size, reused across calls (a basis of up to `maxIter` + 1 vectors). The
 * vectors and their arithmetic come from `vectors` (lanczos-vectors.ts: SIMD where available, the same
 * bits either way).
 */
export class Lanczos {
  private readonly alpha: Float64Array;
  private readonly beta: Float64Array;
  private readonly ritz: Float64Array;
  private readonly projections: Float64Array;
  private readonly tridiagonal: TridiagonalEigen;
  private readonly vectors: LanczosVectors;
  private startMade = false;

  constructor(
    readonly size: number,
    readonly maxIter: number = LANCZOS_MAX_ITER,
    vectors: LanczosVectorsFactory = lanczosVectors,
  ) {
    const k = Math.min(maxIter, size);
    this.alpha = new Float64Array(k);
    this.beta = new Float64Array(k);
    this.ritz = new Float64Array(k);
    this.projections = new Float64Array(k + 1);
    this.tridiagonal = new TridiagonalEigen(k);
    this.vectors = vectors(size, k);
  }

  /** The seeded random unit start vector, made once per size: a cold start is a function of the operator alone. */
  private start(): Float64Array {
    const { vectors } = this;
    const v = vectors.start;
    if (!this.startMade) {
      const rng = new Rng(START_SEED, v.length);
      for (let i = 0; i < v.length; i++) v[i] = rng.nextNormal();
      vectors.scale(v, 1 / this.norm(v));
      this.startMade = true;
    }
    return v;
  }

  private norm(a: Float64Array): number {
    return Math.sqrt(this.vectors.dot(a, a));
  }

  /**
   * w −= Σ_j (w·v_j) v_j over the first `count` basis vectors: classical Gram–Schmidt (all the
   * projections from the same w, then one pass subtracting them), two basis vectors per sweep of w.
   */
  private orthogonalise(w: Float64Array, count: number): void {
    const { vectors, projections } = this;
    for (let j = 0; j < count; j++) projections[j] = vectors.dot(w, vectors.vector(j));
    let j = 0;
    for (; j + 1 < count; j += 2) {
      vectors.subtractTwo(w, projections[j], vectors.vector(j), projections[j + 1], vectors.vector(j + 1));
    }
    if (j < count) vectors.axpy(-projections[j], vectors.vector(j), w);
  }

  /** λ_max of the operator; NaN when a product is not finite. */
  top(apply: Operator, options: LanczosOptions = {}): number {
    const n = this.size;
    const tol = options.tol ?? LANCZOS_TOL;
    const maxIter = Math.min(options.maxIter ?? this.maxIter, this.maxIter, n);
    const { alpha, beta, ritz, tridiagonal, vectors } = this;
    const { w } = vectors;
    let v = vectors.vector(0);
    let warm = false;
    if (options.vector !== undefined && options.vector.length === n) {
      v.set(options.vector);
      const length = this.norm(v);
      warm = length > 0;
      if (warm) vectors.scale(v, 1 / length);
    }
    if (!warm) v.set(this.start());
    let restarted = !warm;
    let top = Number.NaN;
    /** The size of T whose top eigenvector `ritz` holds (0: none yet). */
    let ritzSize = 0;
    let k = 0;
    for (; k < maxIter; k++) {
      apply(v, w);
      const a = vectors.dot(w, v);
      alpha[k] = a;
      // the three-term recurrence, then a full pass against rounding's loss of orthogonality
      if (k > 0) vectors.recurrence(w, a, v, beta[k - 1], vectors.vector(k - 1));
      else vectors.recurrence(w, a, v, 0, null);
      const before = this.norm(w);
      this.orthogonalise(w, k + 1);
      let b = this.norm(w);
      if (b < REORTHOGONALISE_AGAIN * before) {
        this.orthogonalise(w, k + 1);
        b = this.norm(w);
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
        v = vectors.vector(k + 1);
        vectors.divide(w, this.norm(w), v);
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
      v = vectors.vector(k + 1);
      vectors.divide(w, b, v);
    }
    if (warm) {
      const size = Math.min(k, maxIter - 1) + 1;
      if (ritzSize !== size) tridiagonal.eigenvector(alpha, beta, size, top, ritz);
      const { result } = vectors;
      result.fill(0);
      for (let j = 0; j < size; j++) vectors.axpy(ritz[j], vectors.vector(j), result);
      (options.vector as Float64Array).set(result);
    }
    return top;
  }
}

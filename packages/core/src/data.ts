/**
 * Training data and its reduction to sufficient statistics (docs/theory.md,
 * "Model and loss"): the loss and all its derivatives depend on X and Y only through
 * Σ = XXᵀ/n, C = YXᵀ/n and c₀ = ‖Y‖²/(2n), so a GD step costs the same
 * whatever n is.
 */
import { Rng } from './rng.js';

/** Data as dense row-major matrices: X is d_in × n, Y is d_out × n. */
export interface DataMatrices {
  readonly dIn: number;
  readonly dOut: number;
  readonly n: number;
  readonly X: Float64Array;
  readonly Y: Float64Array;
}

export type Normalization = 'mean' | 'sum';

/** Σ (d_in × d_in), C (d_out × d_in), both row-major, and c₀. */
export interface DataStats {
  readonly dIn: number;
  readonly dOut: number;
  readonly sigma: Float64Array;
  readonly cross: Float64Array;
  readonly c0: number;
}

/** One input/target pair (`data.kind: point`). */
export function pointData(x: readonly number[], y: readonly number[]): DataMatrices {
  return { dIn: x.length, dOut: y.length, n: 1, X: Float64Array.from(x), Y: Float64Array.from(y) };
}

/** Matrices given as lists of rows (`data.kind: inline`, X is d_in rows × n columns). */
export function matrixData(X: readonly (readonly number[])[], Y: readonly (readonly number[])[]): DataMatrices {
  const n = X[0]?.length ?? 0;
  return {
    dIn: X.length,
    dOut: Y.length,
    n,
    X: Float64Array.from(X.flat()),
    Y: Float64Array.from(Y.flat()),
  };
}

export interface RandomDataOptions {
  dIn: number;
  dOut: number;
  n: number;
  /** Transform X so that XXᵀ/n = I exactly (needs n ≥ d_in). */
  whiten: boolean;
  /** Std of Gaussian noise added to the targets. */
  noise: number;
  seed: number;
}

/**
 * Gaussian inputs, targets from a random linear teacher T (entries
 * N(0, 1/d_in)) plus noise: Y = T X + noise·Z.
 */
export function randomData(opts: RandomDataOptions): DataMatrices {
  const { dIn, dOut, n } = opts;
  const rng = new Rng(opts.seed, 0);
  const X = new Float64Array(dIn * n);
  for (let i = 0; i < X.length; i++) X[i] = rng.nextNormal();
  if (opts.whiten) whitenRows(X, dIn, n);
  const teacher = new Float64Array(dOut * dIn);
  for (let i = 0; i < teacher.length; i++) teacher[i] = rng.nextNormal() / Math.sqrt(dIn);
  const Y = new Float64Array(dOut * n);
  for (let o = 0; o < dOut; o++) {
    for (let k = 0; k < n; k++) {
      let s = 0;
      for (let i = 0; i < dIn; i++) s += teacher[o * dIn + i] * X[i * n + k];
      Y[o * n + k] = s + opts.noise * rng.nextNormal();
    }
  }
  return { dIn, dOut, n, X, Y };
}

/**
 * X ← L⁻¹ X with L Lᵀ = XXᵀ/n (Cholesky), so that the new XXᵀ/n is I.
 * Throws if XXᵀ is singular (n < d_in or collinear inputs).
 */
function whitenRows(X: Float64Array, d: number, n: number): void {
  const S = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += X[i * n + k] * X[j * n + k];
      S[i * d + j] = s / n;
      S[j * d + i] = s / n;
    }
  }
  const L = cholesky(S, d);
  // forward substitution, column by column of X
  for (let k = 0; k < n; k++) {
    for (let i = 0; i < d; i++) {
      let s = X[i * n + k];
      for (let j = 0; j < i; j++) s -= L[i * d + j] * X[j * n + k];
      X[i * n + k] = s / L[i * d + i];
    }
  }
}

/** Lower-triangular L with L Lᵀ = S (row-major d × d). */
export function cholesky(S: Float64Array, d: number): Float64Array {
  const L = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let s = S[i * d + j];
      for (let k = 0; k < j; k++) s -= L[i * d + k] * L[j * d + k];
      if (i === j) {
        if (!(s > 0))
          throw new RangeError('the input covariance XXᵀ/n is singular; whitening needs n ≥ d_in independent inputs');
        L[i * d + i] = Math.sqrt(s);
      } else {
        L[i * d + j] = s / L[j * d + j];
      }
    }
  }
  return L;
}

/**
 * Reduce data to (Σ, C, c₀). With normalization "sum" the loss is
 * ½‖PX − Y‖², i.e. every formula with n = 1.
 */
export function dataStats(data: DataMatrices, normalization: Normalization = 'mean'): DataStats {
  const { dIn, dOut, n, X, Y } = data;
  const scale = normalization === 'mean' ? 1 / n : 1;
  const sigma = new Float64Array(dIn * dIn);
  const cross = new Float64Array(dOut * dIn);
  for (let i = 0; i < dIn; i++) {
    for (let j = 0; j < dIn; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += X[i * n + k] * X[j * n + k];
      sigma[i * dIn + j] = s * scale;
    }
  }
  for (let o = 0; o < dOut; o++) {
    for (let i = 0; i < dIn; i++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += Y[o * n + k] * X[i * n + k];
      cross[o * dIn + i] = s * scale;
    }
  }
  let yy = 0;
  for (let k = 0; k < Y.length; k++) yy += Y[k] * Y[k];
  return { dIn, dOut, sigma, cross, c0: 0.5 * yy * scale };
}

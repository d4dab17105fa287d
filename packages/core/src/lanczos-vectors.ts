/**
 * The vector work of a Lanczos iteration (lanczos.ts): where its vectors
 * live and the few operations on them — a dot product, scaling, the
 * three-term recurrence, the Gram–Schmidt subtractions and the quotient.
 *
 * The loops here are the reference. Where WebAssembly SIMD is available the
 * same operations run as f64x2 code (kernels/wasm-lanczos-vectors.ts) on
 * vectors in the module's memory, in the same order with the same roundings,
 * so the two give the same bits and which one runs changes no result.
 */
import { lanczosVectorsFit, WasmLanczosVectors } from './kernels/wasm-lanczos-vectors.js';
import { wasmSimdAvailable } from './kernels/wasm-simd.js';

/**
 * The vectors of one Lanczos run of size n and their arithmetic. Every
 * vector argument must be one of this object's own (`w`, `start`,
 * `result`, `vector(j)`).
 */
export interface LanczosVectors {
  readonly size: number;
  /** The product A v, then the vector orthogonalised against the basis. */
  readonly w: Float64Array;
  /** Where the seeded random start vector is kept. */
  readonly start: Float64Array;
  /** Where the top Ritz vector is assembled. */
  readonly result: Float64Array;
  /** Basis vector j, 0 ≤ j ≤ capacity. */
  vector(j: number): Float64Array;
  /** a·b with four partial sums s0…s3 over i ≡ 0…3 (mod 4), the tail into s0: s0 + s1 + (s2 + s3). */
  dot(a: Float64Array, b: Float64Array): number;
  /** a[i] *= s. */
  scale(a: Float64Array, s: number): void;
  /** w[i] −= a·v[i] + b·p[i] (p null: a·v[i] + 0). */
  recurrence(w: Float64Array, a: number, v: Float64Array, b: number, p: Float64Array | null): void;
  /** w[i] −= hx·x[i] + hy·y[i]. */
  subtractTwo(w: Float64Array, hx: number, x: Float64Array, hy: number, y: Float64Array): void;
  /** y[i] += s·x[i]. */
  axpy(s: number, x: Float64Array, y: Float64Array): void;
  /** out[i] = w[i] / b. */
  divide(w: Float64Array, b: number, out: Float64Array): void;
}

/** Makes the vectors for size n with basis vectors 0…capacity. */
export type LanczosVectorsFactory = (size: number, capacity: number) => LanczosVectors;

/** The reference: plain JavaScript loops, the basis allocated as it grows. */
export class ScalarLanczosVectors implements LanczosVectors {
  readonly w: Float64Array;
  readonly start: Float64Array;
  readonly result: Float64Array;
  private readonly basis: Float64Array[] = [];

  constructor(readonly size: number) {
    this.w = new Float64Array(size);
    this.start = new Float64Array(size);
    this.result = new Float64Array(size);
  }

  vector(j: number): Float64Array {
    while (this.basis.length <= j) this.basis.push(new Float64Array(this.size));
    return this.basis[j];
  }

  dot(a: Float64Array, b: Float64Array): number {
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

  scale(a: Float64Array, s: number): void {
    for (let i = 0; i < a.length; i++) a[i] *= s;
  }

  recurrence(w: Float64Array, a: number, v: Float64Array, b: number, p: Float64Array | null): void {
    const n = w.length;
    if (p === null) for (let i = 0; i < n; i++) w[i] -= a * v[i] + 0;
    else for (let i = 0; i < n; i++) w[i] -= a * v[i] + b * p[i];
  }

  subtractTwo(w: Float64Array, hx: number, x: Float64Array, hy: number, y: Float64Array): void {
    for (let i = 0; i < w.length; i++) w[i] -= hx * x[i] + hy * y[i];
  }

  axpy(s: number, x: Float64Array, y: Float64Array): void {
    for (let i = 0; i < y.length; i++) y[i] += s * x[i];
  }

  divide(w: Float64Array, b: number, out: Float64Array): void {
    for (let i = 0; i < out.length; i++) out[i] = w[i] / b;
  }
}

const SIMD = wasmSimdAvailable();

/** The SIMD vectors where this engine has WebAssembly SIMD and they fit in its memory, else the reference. */
export const lanczosVectors: LanczosVectorsFactory = (size, capacity) =>
  SIMD && lanczosVectorsFit(size, capacity) ? new WasmLanczosVectors(size, capacity) : new ScalarLanczosVectors(size);

/**
 * Hessian-vector products of a deep linear network for the Lanczos
 * sharpness, faster than LinearNet's: the same forward-over-reverse
 * products (linear-net.ts), each one the register-blocked product of the
 * gradient kernel (kernels/blocked.ts), so that every load of an operand
 * feeds several multiply-adds. A sum of two products adds the second to the
 * first entry by entry, so results agree with LinearNet's to rounding, not
 * bit for bit (the tests check 1e−12 relative); the Lanczos sharpness only
 * needs them exact to rounding and deterministic.
 *
 * These loops are the reference. Where WebAssembly SIMD is available the
 * same products run in a module assembled per shape
 * (kernels/wasm-hvp.ts), each entry summed in the same order, so the two
 * give the same bits and which one runs changes no result.
 */
import { blockedProduct, blockedMatmulTransB as productTransB } from './kernels/blocked.js';
import { WasmHessianProduct, wasmHessianProductFits } from './kernels/wasm-hvp.js';
import { wasmSimdAvailable } from './kernels/wasm-simd.js';
import type { Problem } from './linear-net.js';

/** ∇²L(θ)·e for one network: `at(θ)` once, then `apply(e, out)` per product. */
export interface HessianVectorProduct {
  /** Differentiates at θ from now on (θ is copied). */
  at(theta: Float64Array): void;
  /** out = ∇²L(θ)·e at the θ of the last `at`. */
  apply(e: Float64Array, out: Float64Array): void;
}

/** dst[to + j] = src[from + j], j < n (a loop: a subarray view costs more than the copy for small layers). */
function copy(src: Float64Array, from: number, dst: Float64Array, to: number, n: number): void {
  for (let j = 0; j < n; j++) dst[to + j] = src[from + j];
}

/** out (+)= A · B, A stored m×k, B stored k×n. */
function product(
  A: Float64Array,
  aOff: number,
  B: Float64Array,
  bOff: number,
  out: Float64Array,
  oOff: number,
  m: number,
  k: number,
  n: number,
  accumulate: boolean,
): void {
  blockedProduct(A, aOff, k, 1, B, bOff, out, oOff, m, k, n, accumulate);
}

/** out (+)= Aᵀ · B, A stored k×m, B stored k×n. */
function productTransA(
  A: Float64Array,
  aOff: number,
  B: Float64Array,
  bOff: number,
  out: Float64Array,
  oOff: number,
  m: number,
  k: number,
  n: number,
  accumulate: boolean,
): void {
  blockedProduct(A, aOff, 1, m, B, bOff, out, oOff, m, k, n, accumulate);
}

/**
 * ∇²L(θ)·v for one network: `at(θ)` runs the forward and backward passes
 * once, then `apply(v, out)` costs one tangent pass each.
 */
export class HessianProduct implements HessianVectorProduct {
  private readonly problem: Problem;
  /** prefix[i] = B_{i+1} = W_i ⋯ W_1 (d_i × d_in); back[i] = D_i = A_iᵀ G (d_i × d_in). */
  private readonly prefix: Float64Array[];
  private readonly back: Float64Array[];
  private readonly dPrefix: Float64Array[];
  private readonly dBack: Float64Array[];
  private readonly theta: Float64Array;

  constructor(problem: Problem) {
    this.problem = problem;
    const { dims, paramCount } = problem.layout;
    const rows = (i: number) => new Float64Array(dims[i] * dims[0]);
    this.prefix = dims.map((_, i) => rows(i));
    this.back = dims.map((_, i) => rows(i));
    this.dPrefix = dims.map((_, i) => rows(i));
    this.dBack = dims.map((_, i) => rows(i));
    this.theta = new Float64Array(paramCount);
  }

  /** Differentiates at θ from now on (θ is copied). */
  at(theta: Float64Array): void {
    this.theta.set(theta);
    const { dims, depth, offsets } = this.problem.layout;
    const { sigma, cross } = this.problem.stats;
    const dIn = dims[0];
    copy(theta, offsets[0], this.prefix[1], 0, dims[1] * dIn);
    for (let i = 2; i <= depth; i++) {
      product(theta, offsets[i - 1], this.prefix[i - 1], 0, this.prefix[i], 0, dims[i], dims[i - 1], dIn, false);
    }
    // G = P Σ − C, then D_{i−1} = W_iᵀ D_i
    const G = this.back[depth];
    product(this.prefix[depth], 0, sigma, 0, G, 0, dims[depth], dIn, dIn, false);
    for (let j = 0; j < G.length; j++) G[j] -= cross[j];
    for (let i = depth; i > 1; i--) {
      productTransA(theta, offsets[i - 1], this.back[i], 0, this.back[i - 1], 0, dims[i - 1], dims[i], dIn, false);
    }
  }

  /** out = ∇²L(θ)·e at the θ of the last `at`. */
  apply(e: Float64Array, out: Float64Array): void {
    const { dims, depth, offsets } = this.problem.layout;
    const { sigma } = this.problem.stats;
    const dIn = dims[0];
    const { theta, prefix, back, dPrefix, dBack } = this;
    // forward tangent: dB_2 = E_1, dB_{i+1} = E_i B_i + W_i dB_i
    copy(e, offsets[0], dPrefix[1], 0, dims[1] * dIn);
    for (let i = 2; i <= depth; i++) {
      product(e, offsets[i - 1], prefix[i - 1], 0, dPrefix[i], 0, dims[i], dims[i - 1], dIn, false);
      product(theta, offsets[i - 1], dPrefix[i - 1], 0, dPrefix[i], 0, dims[i], dims[i - 1], dIn, true);
    }
    // dG = dP Σ
    product(dPrefix[depth], 0, sigma, 0, dBack[depth], 0, dims[depth], dIn, dIn, false);
    for (let i = depth; i >= 1; i--) {
      // (H e)_i = dD_i B_iᵀ + D_i dB_iᵀ
      if (i === 1) {
        copy(dBack[1], 0, out, offsets[0], dims[1] * dIn);
      } else {
        productTransB(dBack[i], 0, prefix[i - 1], 0, out, offsets[i - 1], dims[i], dIn, dims[i - 1], false);
        productTransB(back[i], 0, dPrefix[i - 1], 0, out, offsets[i - 1], dims[i], dIn, dims[i - 1], true);
        // dD_{i−1} = E_iᵀ D_i + W_iᵀ dD_i
        productTransA(e, offsets[i - 1], back[i], 0, dBack[i - 1], 0, dims[i - 1], dims[i], dIn, false);
        productTransA(theta, offsets[i - 1], dBack[i], 0, dBack[i - 1], 0, dims[i - 1], dims[i], dIn, true);
      }
    }
  }
}

const SIMD = wasmSimdAvailable();

/** The WebAssembly products where this engine has WebAssembly SIMD and the buffers fit in its memory, else the reference. */
export function hessianProduct(problem: Problem): HessianVectorProduct {
  return SIMD && wasmHessianProductFits(problem.layout) ? new WasmHessianProduct(problem) : new HessianProduct(problem);
}

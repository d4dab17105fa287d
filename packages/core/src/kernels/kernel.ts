/**
 * Gradient kernels: the loss and gradient of one GD step, specialised to the
 * network's shape (issue 7). LinearNet stays the reference (and the only
 * implementation of Hessian-vector products); a kernel is a faster
 * implementation of `LinearNet.evaluate` alone.
 *
 * **Every kernel is bit-for-bit identical to the reference.** Each kernel
 * performs the same IEEE-754 operations as LinearNet in the same order: every
 * entry of every product is accumulated as ((0 + a₀b₀) + a₁b₁) + … over the
 * inner index in ascending order, exactly as the reference loops do, and
 * JavaScript never contracts a·b + c into a fused multiply-add. Only the loop
 * order *across* output entries, the unrolling and the register use differ.
 * Hence results (outcomes, periods, final states, Parquet bytes) never depend
 * on which kernel ran, and the tests compare kernels with the reference for
 * exact equality (a fortiori to 1e−12).
 *
 * **Selection depends on the problem's shape only** (never on timings), so
 * it is deterministic — and, by the identity above, it could not change a
 * result anyway:
 *
 *   1. every width 1                      → `scalar`   (closed form, any depth)
 *   2. wasmCodeSize(dims) ≤ WASM_CODE_LIMIT → `wasm`   (WebAssembly SIMD, assembled per shape)
 *   3. otherwise                          → `unrolled` or `blocked` (below)
 *
 * The WebAssembly code is unrolled over the inner index of every product, so
 * it grows with the widths (C: 48 KB, 64-wide depth 4: 0.7 MB, compiled in
 * 0.3 s); past the limit, wide networks (widths up to 4 096 are allowed)
 * use loops whose code does not grow. The JavaScript kernels: mulAdds(dims)
 * ≤ UNROLL_MULADD_LIMIT → `unrolled` (straight-line code generated per
 * shape), else `blocked` (register-blocked loops). They also serve an engine
 * without WebAssembly SIMD (V8 needs SSE4.1 on x64, which every x64 CPU since
 * 2008 has) — the one machine dependence of the choice, which changes the
 * speed, never the result.
 *
 * Measured (Node 20, AMD EPYC, evaluations/s): 4×4×4×4 unrolled 5.7e6,
 * wasm 8–9e6, blocked 2.7e6; 16×16×16×16×8 blocked 6.5e4, wasm 1.3e5;
 * scalar depth 2 scalar ~7e7 (wasm similar, but needs its memory).
 *
 * The limit on full unrolling exists because V8 will not optimise a function
 * whose bytecode is too large (TurboFan's cap is ~60 KB), which a fully
 * unrolled step reaches near width 16.
 */
import type { Problem } from '../linear-net.js';
import { LinearNet } from '../linear-net.js';
import { BlockedKernel } from './blocked.js';
import { ScalarKernel } from './scalar.js';
import { unrolledKernel } from './unrolled.js';
import { WasmKernel, wasmCodeSize, wasmSimdAvailable } from './wasm-simd.js';

export interface GradientKernel {
  /** Which implementation this is. */
  readonly kind: KernelKind;
  /** L(θ) returned, ∇L(θ) written into `grad`; allocates nothing. */
  evaluate(theta: Float64Array, grad: Float64Array): number;
  /**
   * Buffers the kernel works in (the WebAssembly kernel's memory): a caller
   * that keeps θ and ∇L in these saves a copy in and out per evaluation.
   * Any other arrays work too.
   */
  readonly theta?: Float64Array;
  readonly grad?: Float64Array;
}

export const KERNEL_KINDS = ['scalar', 'unrolled', 'blocked', 'wasm', 'reference'] as const;
export type KernelKind = (typeof KERNEL_KINDS)[number];

/**
 * Networks whose step needs at most this many multiply-adds are fully
 * unrolled (d_in = h = d_out = 4, depth 3 needs 480). Measured (Node 20): the
 * unrolled code beats the blocked loops up to ~1 000–1 500 multiply-adds and
 * falls 3–50× behind past ~2 000, where V8 stops optimising it.
 */
export const UNROLL_MULADD_LIMIT = 1200;

/**
 * Multiply-adds of one loss-and-gradient evaluation, as the reference counts
 * them: forward prefix products, Q = PΣ, the loss terms, and the backward
 * products (a gradient and a D_{i−1} per layer above the first).
 */
export function mulAddsPerStep(dims: readonly number[]): number {
  const n = dims.length - 1;
  const d0 = dims[0];
  let m = 0;
  for (let i = 2; i <= n; i++) m += dims[i] * dims[i - 1] * d0; // B_i
  m += dims[n] * d0 * d0; // Q = P Σ
  m += 2 * dims[n] * d0; // tr(P Qᵀ), tr(P Cᵀ)
  for (let i = 2; i <= n; i++) m += 2 * dims[i] * dims[i - 1] * d0; // grad_i, D_{i−1}
  return m;
}

/** Largest estimated WebAssembly code (bytes) for which `wasm` is chosen. */
export const WASM_CODE_LIMIT = 1_000_000;

/** Whether this engine compiles WebAssembly SIMD (checked once). */
const SIMD = wasmSimdAvailable();

/** The kernel `selectKernel` picks for these widths (see the module comment). */
export function kernelKindFor(dims: readonly number[]): KernelKind {
  if (dims.every((d) => d === 1)) return 'scalar';
  if (SIMD && wasmCodeSize(dims) <= WASM_CODE_LIMIT) return 'wasm';
  return javascriptKindFor(dims);
}

/** The choice without WebAssembly SIMD. */
export function javascriptKindFor(dims: readonly number[]): KernelKind {
  if (dims.every((d) => d === 1)) return 'scalar';
  if (mulAddsPerStep(dims) <= UNROLL_MULADD_LIMIT) return 'unrolled';
  return 'blocked';
}

/** LinearNet itself, as a kernel. */
class ReferenceKernel implements GradientKernel {
  readonly kind = 'reference' as const;
  private readonly net: LinearNet;
  constructor(problem: Problem) {
    this.net = new LinearNet(problem);
  }
  evaluate(theta: Float64Array, grad: Float64Array): number {
    return this.net.evaluate(theta, grad);
  }
}

/**
 * The kernel for `problem`: `kind` forces one (tests, benchmarks); by default
 * the choice is `kernelKindFor(dims)`. A forced `scalar` needs all widths 1.
 */
export function selectKernel(problem: Problem, kind: KernelKind | 'auto' = 'auto'): GradientKernel {
  const chosen = kind === 'auto' ? kernelKindFor(problem.layout.dims) : kind;
  switch (chosen) {
    case 'scalar':
      return new ScalarKernel(problem);
    case 'unrolled':
      return unrolledKernel(problem);
    case 'blocked':
      return new BlockedKernel(problem);
    case 'wasm':
      return new WasmKernel(problem);
    case 'reference':
      return new ReferenceKernel(problem);
    default:
      throw new RangeError(`kernel must be one of auto, ${KERNEL_KINDS.join(', ')}; got ${String(kind)}`);
  }
}

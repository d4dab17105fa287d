/**
 * Gradient kernels: the loss and gradient of one GD step, the step of
 * step-program.ts produced for the network's shape. LinearNet stays the
 * reference (and the only implementation of Hessian-vector products); a
 * kernel is a faster implementation of `LinearNet.evaluate` alone, and is
 * bit-for-bit identical to it (step-program.ts says why), so the tests
 * compare kernels with the reference for exact equality.
 *
 * **Selection depends on the problem's shape only** (never on timings), so
 * it is deterministic — and, by that identity, it could not change a result
 * anyway:
 *
 *   1. every width 1                        → `scalar`  (generated JavaScript, any depth)
 *   2. wasmCodeSize(dims) ≤ WASM_CODE_LIMIT → `wasm`    (WebAssembly SIMD, assembled per shape)
 *   3. otherwise                            → `blocked` (register-blocked JavaScript loops)
 *
 * The WebAssembly code grows with the widths (its odd columns and copies
 * are unrolled): 16×16×16×16×8 is ~23 KB; past the limit, wide networks
 * (widths up to 4 096 are allowed) use the loops, whose code does not grow.
 * The loops also serve an engine without WebAssembly SIMD (V8 needs SSE4.1
 * on x64, which every x64 CPU since 2008 has) — the one machine dependence
 * of the choice, which changes the speed, never the result.
 *
 * Small networks run many trajectories at once in SIMD lanes (lanes.ts),
 * which bypasses these kernels.
 */
import type { Problem } from '../linear-net.js';
import { LinearNet } from '../linear-net.js';
import { BlockedKernel } from './blocked.js';
import { ScalarKernel } from './scalar.js';
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

const KERNEL_KINDS = ['scalar', 'blocked', 'wasm', 'reference'] as const;
export type KernelKind = (typeof KERNEL_KINDS)[number];

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

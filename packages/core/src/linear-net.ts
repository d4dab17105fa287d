/**
 * Loss, gradient and Hessian-vector products of a deep linear network under
 * the quadratic loss, computed from the sufficient statistics (docs/theory.md, "Model and loss"):
 *
 *   L = ½ tr(P Σ Pᵀ) − tr(P Cᵀ) + c₀,   G = P Σ − C,   ∇_{W_i} L = A_iᵀ G B_iᵀ.
 *
 * The gradient is one forward pass of prefix products B_{i+1} = W_i B_i and
 * one backward pass D_{i−1} = W_iᵀ D_i (D_N = G, so D_i = A_iᵀ G): 2N
 * products, never N². The Hessian-vector product differentiates both passes
 * along a direction E (forward-over-reverse), which expands to exactly the
 * three sums of the (H E)_i formula (docs/theory.md, "Hessian-vector product").
 *
 * All buffers are allocated once per instance; `evaluate` and `hvp` allocate
 * nothing, so they can sit in a hot loop.
 */
import type { DataStats } from './data.js';
import type { Layout } from './layout.js';
import { matmul, matmulTransA, matmulTransB } from './matmul.js';

export interface Problem {
  readonly layout: Layout;
  readonly stats: DataStats;
}

export function makeProblem(layout: Layout, stats: DataStats): Problem {
  if (layout.dims[0] !== stats.dIn || layout.dims[layout.depth] !== stats.dOut) {
    throw new RangeError(
      `network dims ${layout.dims.join('×')} do not match the data (d_in = ${stats.dIn}, d_out = ${stats.dOut})`,
    );
  }
  return { layout, stats };
}

export class LinearNet {
  readonly problem: Problem;
  /** prefix[i] = B_{i+1} = W_i ⋯ W_1 (d_i × d_in); prefix[0] unused (B_1 = I). */
  private readonly prefix: Float64Array[];
  /** back[i] = D_i = A_iᵀ G (d_i × d_in), i = 1..N; back[0] = W_1ᵀ D_1. */
  private readonly back: Float64Array[];
  private readonly q: Float64Array;
  /** Tangents of prefix and back along the HVP direction. */
  private readonly dPrefix: Float64Array[];
  private readonly dBack: Float64Array[];
  private readonly tmp: Float64Array;
  /** The θ at which the last `evaluate` ran; `hvp` differentiates there. */
  private theta: Float64Array;

  constructor(problem: Problem) {
    this.problem = problem;
    const { dims } = problem.layout;
    const dIn = dims[0];
    const rows = (i: number) => new Float64Array(dims[i] * dIn);
    this.prefix = dims.map((_, i) => rows(i));
    this.back = dims.map((_, i) => rows(i));
    this.dPrefix = dims.map((_, i) => rows(i));
    this.dBack = dims.map((_, i) => rows(i));
    this.q = new Float64Array(dims[dims.length - 1] * dIn);
    this.tmp = new Float64Array(Math.max(...dims) * dIn);
    this.theta = new Float64Array(problem.layout.paramCount);
  }

  /** L(θ) only (runs the forward pass). */
  loss(theta: Float64Array): number {
    return this.forward(theta);
  }

  /**
   * L(θ), and ∇L(θ) into `grad`. Leaves the passes in place for `hvp`.
   */
  evaluate(theta: Float64Array, grad: Float64Array): number {
    const loss = this.forward(theta);
    const { dims, depth, offsets } = this.problem.layout;
    const dIn = dims[0];
    for (let i = depth; i >= 1; i--) {
      const D = this.back[i];
      // grad_i = D_i B_iᵀ; B_1 = I so grad_1 = D_1.
      if (i === 1) {
        copy(D, 0, grad, offsets[0], dims[1] * dIn);
      } else {
        matmulTransB(D, 0, this.prefix[i - 1], 0, grad, offsets[i - 1], dims[i], dIn, dims[i - 1], false);
      }
      // D_{i−1} = W_iᵀ D_i
      if (i > 1) matmulTransA(theta, offsets[i - 1], D, 0, this.back[i - 1], 0, dims[i - 1], dims[i], dIn, false);
    }
    return loss;
  }

  /**
   * out = ∇²L(θ) · e at the θ of the last `evaluate` call.
   */
  hvp(e: Float64Array, out: Float64Array): void {
    const { dims, depth, offsets } = this.problem.layout;
    const { sigma } = this.problem.stats;
    const dIn = dims[0];
    const theta = this.theta;
    // forward tangent: dB_2 = E_1, dB_{i+1} = E_i B_i + W_i dB_i
    copy(e, offsets[0], this.dPrefix[1], 0, dims[1] * dIn);
    for (let i = 2; i <= depth; i++) {
      matmul(e, offsets[i - 1], this.prefix[i - 1], 0, this.dPrefix[i], 0, dims[i], dims[i - 1], dIn);
      matmul(theta, offsets[i - 1], this.dPrefix[i - 1], 0, this.tmp, 0, dims[i], dims[i - 1], dIn);
      addInto(this.dPrefix[i], this.tmp, dims[i] * dIn);
    }
    // dG = dP Σ
    matmul(this.dPrefix[depth], 0, sigma, 0, this.dBack[depth], 0, dims[depth], dIn, dIn);
    for (let i = depth; i >= 1; i--) {
      const D = this.back[i];
      const dD = this.dBack[i];
      // (H e)_i = dD_i B_iᵀ + D_i dB_iᵀ
      if (i === 1) {
        copy(dD, 0, out, offsets[0], dims[1] * dIn);
      } else {
        matmulTransB(dD, 0, this.prefix[i - 1], 0, out, offsets[i - 1], dims[i], dIn, dims[i - 1], false);
        matmulTransB(D, 0, this.dPrefix[i - 1], 0, out, offsets[i - 1], dims[i], dIn, dims[i - 1], true);
      }
      if (i > 1) {
        // dD_{i−1} = E_iᵀ D_i + W_iᵀ dD_i
        matmulTransA(e, offsets[i - 1], D, 0, this.dBack[i - 1], 0, dims[i - 1], dims[i], dIn, false);
        matmulTransA(theta, offsets[i - 1], dD, 0, this.dBack[i - 1], 0, dims[i - 1], dims[i], dIn, true);
      }
    }
  }

  /** Forward pass: prefix products, G into back[N], returns L. */
  private forward(theta: Float64Array): number {
    this.theta = theta;
    const { dims, depth, offsets } = this.problem.layout;
    const { sigma, cross, c0 } = this.problem.stats;
    const dIn = dims[0];
    copy(theta, offsets[0], this.prefix[1], 0, dims[1] * dIn);
    for (let i = 2; i <= depth; i++) {
      matmul(theta, offsets[i - 1], this.prefix[i - 1], 0, this.prefix[i], 0, dims[i], dims[i - 1], dIn);
    }
    const P = this.prefix[depth];
    const dOut = dims[depth];
    matmul(P, 0, sigma, 0, this.q, 0, dOut, dIn, dIn);
    const G = this.back[depth];
    let pq = 0;
    let pc = 0;
    for (let j = 0; j < dOut * dIn; j++) {
      pq += P[j] * this.q[j];
      pc += P[j] * cross[j];
      G[j] = this.q[j] - cross[j];
    }
    return 0.5 * pq - pc + c0;
  }
}

/** dst[to + j] = src[from + j], j < n — a loop, not set(subarray()): the view a subarray allocates cost more than the copy for small layers. */
function copy(src: Float64Array, from: number, dst: Float64Array, to: number, n: number): void {
  for (let j = 0; j < n; j++) dst[to + j] = src[from + j];
}

function addInto(a: Float64Array, b: Float64Array, n: number): void {
  for (let j = 0; j < n; j++) a[j] += b[j];
}

export function norm2(v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  return Math.sqrt(s);
}

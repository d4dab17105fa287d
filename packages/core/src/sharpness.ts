/**
 * Sharpness: the largest *algebraic* eigenvalue of ∇²L(θ).
 *
 * Power iteration converges to the eigenvalue of largest magnitude, which
 * near a saddle can be a large negative one; Lanczos gives the whole extreme
 * spectrum, and we take its top Ritz value. For the smallest models a dense
 * symmetric eigendecomposition of the Hessian assembled from Hessian-vector
 * products (hessian.ts, symmetric-eigen.ts; accurate to ~1e−15) is both
 * exact and cheap.
 *
 * Above DENSE_SHARPNESS_LIMIT parameters: Lanczos on Hessian-vector
 * products (lanczos.ts; hvp.ts, in WebAssembly SIMD where available;
 * Cohen et al. 2021 use the same), relative error ≤ 1e−8; a warm start
 * from a previous vector makes tracking along a trajectory cheap. The dense path costs p products and O(p³) more, Lanczos
 * ~15 products and O(k) per step even at p = 48 (the Krylov space of a
 * p-parameter model has at most p dimensions, and near a minimizer the
 * Hessian's rank is lower still), so Lanczos is the cheaper from ~16
 * parameters on (at 48, ~6× on random and on converged states); at 12 the
 * two cost about the same in a sweep, and the dense path stays.
 */
import type { HessianBuffers } from './hessian.js';
import { denseHessian, hessianBuffers } from './hessian.js';
import type { HessianVectorProduct } from './hvp.js';
import { hessianProduct } from './hvp.js';
import { wasmHessianProductWords } from './kernels/wasm-hvp.js';
import { LANCZOS_MAX_ITER, Lanczos, lanczosWords } from './lanczos.js';
import type { Layout } from './layout.js';
import type { LinearNet } from './linear-net.js';
import { SymmetricEigen } from './symmetric-eigen.js';

/** Models with at most this many parameters use the dense eigendecomposition. */
export const DENSE_SHARPNESS_LIMIT = 12;

/**
 * Doubles the sharpness solver keeps for a network: the dense Hessian and
 * its eigensolver's copy, or a Lanczos run and the Hessian-vector product's
 * buffers (the WebAssembly module's, the larger of its two forms).
 */
export function sharpnessWords(layout: Layout): number {
  const p = layout.paramCount;
  return p <= DENSE_SHARPNESS_LIMIT ? 2 * p * p : lanczosWords(p) + wasmHessianProductWords(layout);
}

export interface SharpnessOptions {
  /** Relative accuracy aimed at by the Lanczos estimate (lanczos.ts: LANCZOS_TOL). */
  tol?: number;
  /** Krylov dimension cap. */
  maxIter?: number;
  /** Start vector (e.g. the previous top eigenvector); overwritten with the new one. */
  vector?: Float64Array;
  /** Force the method. */
  method?: 'dense' | 'lanczos';
}

/** Eigenvalues of a symmetric row-major n × n matrix, ascending. */
export function symmetricEigenvalues(A: Float64Array, n: number): number[] {
  const eigen = new SymmetricEigen(n);
  const scale = decomposeScaled(A, n, new Float64Array(n * n), eigen);
  return Array.from(eigen.values, (v) => v * scale);
}

/**
 * Decomposes A/s into `eigen` (s a power of two, so exactly) and returns s;
 * NaN when A has a non-finite entry. tred2 squares entries: the scaling
 * keeps entries near 1e200 from overflowing. The values are ml-matrix's
 * EigenvalueDecomposition's (symmetric-eigen.ts), without eigenvectors.
 */
function decomposeScaled(A: Float64Array, n: number, scaled: Float64Array, eigen: SymmetricEigen): number {
  let max = 0;
  for (let i = 0; i < n * n; i++) max = Math.max(max, Math.abs(A[i]));
  if (!Number.isFinite(max)) {
    eigen.values.fill(Number.NaN);
    return Number.NaN;
  }
  const s = max > 0 ? 2 ** Math.floor(Math.log2(max)) : 1;
  for (let i = 0; i < n * n; i++) scaled[i] = A[i] / s;
  eigen.decompose(scaled);
  return s;
}

/**
 * The dense path's buffers, one set per network and reused: sharpness runs
 * at both ends of every trajectory, and for a small network allocating them
 * (the eigensolver's above all) cost ~4× the arithmetic.
 */
interface DenseWorkspace {
  readonly hessian: HessianBuffers;
  readonly scaled: Float64Array;
  readonly eigen: SymmetricEigen;
}

const denseWorkspaces = new WeakMap<LinearNet, DenseWorkspace>();

function denseWorkspace(net: LinearNet): DenseWorkspace {
  let workspace = denseWorkspaces.get(net);
  if (workspace === undefined) {
    const p = net.problem.layout.paramCount;
    workspace = { hessian: hessianBuffers(p), scaled: new Float64Array(p * p), eigen: new SymmetricEigen(p) };
    denseWorkspaces.set(net, workspace);
  }
  return workspace;
}

/**
 * Sharpness values known before they are asked for, found by θ. A sweep runs
 * every initialization at every step size, and λ_max(θ₀) does not depend on
 * the step size: a worker computes it once per initialization and hands the
 * values to `sharpness` through this, so the trajectory loops need not know.
 */
export interface KnownSharpness {
  /** `sharpness(net, θ)` as computed before, bit for bit, or undefined when θ is not among the known points. */
  lookup(theta: Float64Array): number | undefined;
}

const knownSharpness = new WeakMap<LinearNet, KnownSharpness>();

/** From now on `sharpness(net, θ)` with the default method first asks `known` (null: stop asking). */
export function useKnownSharpness(net: LinearNet, known: KnownSharpness | null): void {
  if (known === null) knownSharpness.delete(net);
  else knownSharpness.set(net, known);
}

/**
 * λ_max(∇²L(θ)). Returns NaN when θ or the Hessian is not finite.
 */
export function sharpness(net: LinearNet, theta: Float64Array, options: SharpnessOptions = {}): number {
  const p = net.problem.layout.paramCount;
  for (let i = 0; i < p; i++) if (!Number.isFinite(theta[i])) return Number.NaN;
  if (options.method === undefined && options.vector === undefined) {
    const value = knownSharpness.get(net)?.lookup(theta);
    if (value !== undefined) return value;
  }
  const method = options.method ?? (p <= DENSE_SHARPNESS_LIMIT ? 'dense' : 'lanczos');
  if (method === 'dense') {
    const { hessian, scaled, eigen } = denseWorkspace(net);
    const H = denseHessian(net, theta, hessian);
    const scale = decomposeScaled(H, p, scaled, eigen);
    return eigen.values[p - 1] * scale;
  }
  return lanczosTop(net, theta, options);
}

/** The Lanczos path's buffers, one set per network and reused, as the dense path's. */
interface LanczosWorkspace {
  readonly lanczos: Lanczos;
  readonly product: HessianVectorProduct;
}

const lanczosWorkspaces = new WeakMap<LinearNet, LanczosWorkspace>();

function lanczosTop(net: LinearNet, theta: Float64Array, options: SharpnessOptions): number {
  const p = net.problem.layout.paramCount;
  const maxIter = options.maxIter ?? LANCZOS_MAX_ITER;
  let workspace = lanczosWorkspaces.get(net);
  if (workspace === undefined || workspace.lanczos.maxIter < maxIter) {
    workspace = {
      lanczos: new Lanczos(p, Math.max(maxIter, LANCZOS_MAX_ITER)),
      product: hessianProduct(net.problem),
    };
    lanczosWorkspaces.set(net, workspace);
  }
  const { lanczos, product } = workspace;
  product.at(theta);
  return lanczos.top((v, out) => product.apply(v, out), options);
}

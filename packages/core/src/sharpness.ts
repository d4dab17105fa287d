/**
 * Sharpness: the largest *algebraic* eigenvalue of ∇²L(θ).
 *
 * Power iteration converges to the eigenvalue of largest magnitude, which
 * near a saddle can be a large negative one; Lanczos gives the whole extreme
 * spectrum, and we take its top Ritz value. For small parameter counts a
 * dense symmetric eigendecomposition (ml-matrix EVD, accurate to ~1e−15)
 * is both exact and cheap.
 *
 * Lanczos with full reorthogonalisation (Cohen et al. 2021 use the same on
 * HVPs); the warm start from a previous vector makes tracking along a
 * trajectory cheap.
 */
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import type { HessianBuffers } from './hessian.js';
import { denseHessian, hessianBuffers } from './hessian.js';
import type { LinearNet } from './linear-net.js';
import { Rng } from './rng.js';
import { SymmetricEigen } from './symmetric-eigen.js';

/** Models with at most this many parameters use the dense eigendecomposition. */
export const DENSE_SHARPNESS_LIMIT = 64;

export interface SharpnessOptions {
  /** Relative accuracy of the Lanczos estimate. */
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
 * (the eigensolver's above all) cost ~4× the arithmetic (issue 7).
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

function lanczosTop(net: LinearNet, theta: Float64Array, options: SharpnessOptions): number {
  const p = net.problem.layout.paramCount;
  const tol = options.tol ?? 1e-10;
  const maxIter = Math.min(options.maxIter ?? 80, p);
  const grad = new Float64Array(p);
  net.evaluate(theta, grad);

  const V: Float64Array[] = [];
  const alpha: number[] = [];
  const beta: number[] = [];
  let v = new Float64Array(p);
  let restarted = true;
  if (options.vector && options.vector.length === p && norm(options.vector) > 0) {
    v.set(options.vector);
    restarted = false;
  } else {
    // fixed seed: sharpness must be a deterministic function of θ
    const rng = new Rng(0x5eed, p);
    for (let i = 0; i < p; i++) v[i] = rng.nextNormal();
  }
  scale(v, 1 / norm(v));
  const w = new Float64Array(p);
  let top = Number.NaN;
  let topVec: number[] = [];
  for (let k = 0; k < maxIter; k++) {
    V.push(v);
    net.hvp(v, w);
    const a = dot(w, v);
    alpha.push(a);
    // full reorthogonalisation against every previous Lanczos vector (twice is enough)
    for (let pass = 0; pass < 2; pass++) {
      for (const u of V) axpy(-dot(w, u), u, w);
    }
    const b = norm(w);
    if (!Number.isFinite(a) || !Number.isFinite(b)) return Number.NaN;
    const { value, vector } = topOfTridiagonal(alpha, beta);
    top = value;
    topVec = vector;
    // residual of the top Ritz pair is |b · s_k|
    const residual = Math.abs(b * vector[vector.length - 1]);
    const breakdown = b <= 1e-14 * Math.max(1, Math.abs(top));
    if (breakdown && !restarted && V.length < p) {
      // the caller's start vector spanned an invariant subspace, which may miss the top eigenvector:
      // continue once from the seeded random vector, orthogonalised against the basis so far
      restarted = true;
      const rng = new Rng(0x5eed, p);
      for (let i = 0; i < p; i++) w[i] = rng.nextNormal();
      for (let pass = 0; pass < 2; pass++) for (const u of V) axpy(-dot(w, u), u, w);
      const nw = norm(w);
      beta.push(0);
      v = new Float64Array(p);
      for (let i = 0; i < p; i++) v[i] = w[i] / nw;
      continue;
    }
    if (residual <= tol * Math.max(1, Math.abs(top)) || breakdown) break;
    beta.push(b);
    v = new Float64Array(p);
    for (let i = 0; i < p; i++) v[i] = w[i] / b;
  }
  if (options.vector && options.vector.length === p) {
    const out = options.vector;
    out.fill(0);
    for (let j = 0; j < topVec.length; j++) axpy(topVec[j], V[j], out);
  }
  return top;
}

/** Top eigenpair of the symmetric tridiagonal matrix with diagonal α and off-diagonal β. */
function topOfTridiagonal(alpha: number[], beta: number[]): { value: number; vector: number[] } {
  const k = alpha.length;
  const m = new Matrix(k, k);
  for (let i = 0; i < k; i++) {
    m.set(i, i, alpha[i]);
    if (i + 1 < k) {
      m.set(i, i + 1, beta[i]);
      m.set(i + 1, i, beta[i]);
    }
  }
  const evd = new EigenvalueDecomposition(m, { assumeSymmetric: true });
  const vals = evd.realEigenvalues;
  const vecs = evd.eigenvectorMatrix;
  return { value: vals[k - 1], vector: vecs.getColumn(k - 1) };
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
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

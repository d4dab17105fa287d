/**
 * The flattest global minimizer: λ* = min over the global minimizers of
 * λ_max(∇²L) (docs/theory.md, "The numerical method"), for any Σ.
 *
 * The minimizing product P is fixed: the least-squares map T = CΣ⁺, or its best
 * rank-r approximation in the Σ-norm when a hidden layer is narrower than
 * rank(T). Only its factorization varies. With P = U S Vᵀ (rank r) and
 * D = S^{1/N}, the balanced factorization is
 *   W_N = U D Q_{N−1}ᵀ,  W_i = Q_i D Q_{i−1}ᵀ,  W_1 = Q_1 D Vᵀ,
 * Q_i the first r coordinate vectors of R^{d_i}, and we search its orbit under
 * the gauge G_i = H_i ⊕ I (H_i ∈ GL(r), acting on the r-dimensional cores).
 * That loses nothing against the full gauge G_i ∈ GL(d_i) at G = PΣ − C = 0:
 * any factorization in the full orbit has rank-r layers with ranges E_i, and
 * replacing W_{i+1} by W_{i+1}Π_{E_i} (orthogonal projector) keeps P, keeps every
 * B_i and shrinks every A_iA_iᵀ in the Loewner order, so it does not raise
 * λ_max of the Kronecker form below; an orthogonal change of basis (which
 * leaves the spectrum alone) then maps it into the core orbit.
 *
 * λ_max is not smooth where the top eigenvalue is multiple, which is typical at
 * the optimum, so plain gradient steps zigzag (Lewis & Overton, "Eigenvalue
 * optimization", Acta Numerica 1996). We minimise the soft-max
 * F_τ = τ·log Σ_k exp(λ_k/τ) ∈ [λ_max, λ_max + τ·log n] for decreasing τ with
 * L-BFGS (Nocedal & Wright, alg. 7.4) in the left-trivialised coordinates
 * H_i ← (I + S_i)H_i, from the balanced point and from a few seeded random
 * gauges, and keep the smallest true λ_max seen. F_τ is a spectral function, so
 * its gradient Σ_k w_k u_kᵀ(∂K)u_k (w = soft-max weights, u_k eigenvectors) is
 * exact even across multiple eigenvalues.
 */
import { EigenvalueDecomposition, inverse, Matrix, SingularValueDecomposition } from 'ml-matrix';
import type { DataStats } from './data.js';
import { denseHessian } from './hessian.js';
import type { Layout } from './layout.js';
import { LinearNet, type Problem } from './linear-net.js';
import { matmul, matmulTransA, matmulTransB } from './matmul.js';
import { Rng } from './rng.js';
import { SymmetricEigen } from './symmetric-eigen.js';

export interface FlattestResult {
  /** The smallest λ_max(∇²L) found over the gauge orbit of the balanced minimizer. */
  lambdaStar: number;
  /** λ_max(∇²L) at the balanced minimizer. */
  balancedSharpness: number;
  /** The minimizer attaining `lambdaStar` (flat, layout order). */
  theta: Float64Array;
  /** L-BFGS iterations over all temperatures and restarts. */
  iterations: number;
}

/** Relative cut-off below which an eigenvalue of Σ or a singular value of the whitened map is 0 (as in theory.ts). */
const RANK_TOL = 1e-12;
/**
 * Work allowed for one λ*, in units of n³ (one eigendecomposition of the n × n
 * curvature matrix, which dominates: ~2–3 ms at n = 128 for the eigenvalues and
 * the few eigenvectors the gradient needs): ~150 decompositions at n = 128
 * (d_out = 8, k = 16), where the first start converges in ~80. Small problems
 * converge long before MAX_EVALUATIONS. Larger ones get at least
 * MIN_EVALUATIONS: at n = 196 and n = 256 (14 → 16 → 16 → 20 and
 * 16 → 32 → 32 → 32 on random data) 100 evaluations bring λ* within 1e−7 of
 * a run with 20× as many, where 40 left it 7e−6–2e−5 above.
 */
const WORK_BUDGET = 3.2e8;
const MIN_EVALUATIONS = 100;
const MAX_EVALUATIONS = 1000;
/** Soft-max temperatures relative to the balanced sharpness, from smooth to nearly exact. */
const TEMPERATURES = [1e-2, 1e-3, 1e-4, 1e-6, 1e-8, 1e-10];
/** Extra starts from random gauges near I (the gauge problem is not convex); they share half the budget. */
const RESTARTS = 2;
const RESTART_SEED = 0xf1a7;
/** A restart gauge is H = I + RESTART_SCALE·Z/√r, Z standard normal (‖H − I‖₂ ≈ 2·RESTART_SCALE for large r). */
const RESTART_SCALE = 0.3;
/** Largest step ‖S‖_F, so that every I + S_i stays invertible. */
const MAX_STEP = 0.5;
const LBFGS_MEMORY = 8;
const MAX_HALVINGS = 20;
/** A temperature ends when λ_max has not improved for this many steps. */
const STALL_ITERATIONS = 10;
/** Soft-max weights below this (relative to the top one) are dropped from the gradient. */
const WEIGHT_CUTOFF = 1e-14;

/** Σ = R Rᵀ on the range of Σ: R = U₊Λ₊^{1/2} (d_in × k), R⁺ = Λ₊^{−1/2}U₊ᵀ (k × d_in). */
interface SquareRoot {
  readonly k: number;
  readonly R: Float64Array;
  readonly Rplus: Float64Array;
  readonly lambdaMax: number;
}

function squareRoot(stats: DataStats): SquareRoot {
  const d = stats.dIn;
  const evd = new EigenvalueDecomposition(Matrix.from1DArray(d, d, stats.sigma), { assumeSymmetric: true });
  const vals = evd.realEigenvalues;
  const vecs = evd.eigenvectorMatrix;
  const lambdaMax = Math.max(...vals, 0);
  const keep = vals.map((v, i) => (v > RANK_TOL * lambdaMax ? i : -1)).filter((i) => i >= 0);
  const k = keep.length;
  const R = new Float64Array(d * k);
  const Rplus = new Float64Array(k * d);
  keep.forEach((col, j) => {
    const root = Math.sqrt(vals[col]);
    for (let i = 0; i < d; i++) {
      R[i * k + j] = vecs.get(i, col) * root;
      Rplus[j * d + i] = vecs.get(i, col) / root;
    }
  });
  return { k, R, Rplus, lambdaMax };
}

/** A rank-r SVD P = U diag(s) Vᵀ: U is m × r, V is n × r, both row-major. */
interface Factors {
  readonly r: number;
  readonly U: Float64Array;
  readonly s: number[];
  readonly V: Float64Array;
}

function truncatedSvd(A: Float64Array, m: number, n: number, rank: (s: number[]) => number): Factors {
  const svd = new SingularValueDecomposition(Matrix.from1DArray(m, n, A), { autoTranspose: true });
  const s = svd.diagonal;
  const r = rank(s);
  const U = new Float64Array(m * r);
  const V = new Float64Array(n * r);
  for (let j = 0; j < r; j++) {
    for (let i = 0; i < m; i++) U[i * r + j] = svd.leftSingularVectors.get(i, j);
    for (let i = 0; i < n; i++) V[i * r + j] = svd.rightSingularVectors.get(i, j);
  }
  return { r, U, s: s.slice(0, r), V };
}

/** The minimizing product P (d_out × d_in), its rank, and whether it is T itself (then G = PΣ − C = 0). */
interface Target {
  readonly P: Float64Array;
  readonly rank: number;
  readonly fullRank: boolean;
}

/**
 * P = M_r R⁺ where M = C R⁺ᵀ is the least-squares map in whitened coordinates
 * and M_r its best rank-r approximation (Eckart–Young in the Σ-norm); rows of C
 * lie in the range of Σ, so P Σ = M_r Rᵀ and, at full rank, PΣ = C.
 */
function minimizerProduct(problem: Problem, root: SquareRoot): Target {
  const { dIn, dOut, cross } = problem.stats;
  const { k, Rplus } = root;
  if (k === 0) return { P: new Float64Array(dOut * dIn), rank: 0, fullRank: true };
  const M = new Float64Array(dOut * k);
  matmulTransB(cross, 0, Rplus, 0, M, 0, dOut, dIn, k, false);
  let rankT = 0;
  const narrowest = Math.min(...problem.layout.dims);
  const f = truncatedSvd(M, dOut, k, (s) => {
    const tol = RANK_TOL * Math.max(1, s[0] ?? 0);
    rankT = s.filter((v) => v > tol).length;
    return Math.min(rankT, narrowest);
  });
  const { r } = f;
  // M_r = U diag(s) Vᵀ, then P = M_r R⁺
  const US = new Float64Array(dOut * r);
  for (let o = 0; o < dOut; o++) for (let j = 0; j < r; j++) US[o * r + j] = f.U[o * r + j] * f.s[j];
  const Mr = new Float64Array(dOut * k);
  matmulTransB(US, 0, f.V, 0, Mr, 0, dOut, r, k, false);
  const P = new Float64Array(dOut * dIn);
  matmul(Mr, 0, Rplus, 0, P, 0, dOut, k, dIn);
  return { P, rank: r, fullRank: r === rankT };
}

/**
 * The factorizations of P in the gauge orbit of the balanced one. A gauge is
 * H_1..H_{N−1} (r × r, row-major); the layers are W_i = Q_i H_i D H_{i−1}⁻¹ Q_{i−1}ᵀ
 * with H_0 = H_N = I, Q_0 = V and Q_N = U.
 */
class Orbit {
  readonly layout: Layout;
  readonly r: number;
  private readonly P: Float64Array;
  private readonly f: Factors;
  private readonly root: number[];

  constructor(layout: Layout, P: Float64Array, rank: number) {
    this.layout = layout;
    this.P = P;
    const { dims, depth } = layout;
    this.f = truncatedSvd(P, dims[depth], dims[0], (s) => Math.min(rank, s.length));
    this.r = this.f.r;
    this.root = this.f.s.map((v) => v ** (1 / depth));
  }

  /** Number of hidden layers carrying a gauge. */
  get hidden(): number {
    return this.r === 0 ? 0 : this.layout.depth - 1;
  }

  /**
   * Uᵀ (r × d_out) when r < d_out, else null: range(A_i) ⊆ range(U) for every
   * i < N on the orbit, so the curvature can be taken in that basis.
   */
  outputRange(): Float64Array | null {
    const { r, f } = this;
    const dOut = this.layout.dims[this.layout.depth];
    if (r === dOut) return null;
    const Ut = new Float64Array(r * dOut);
    for (let o = 0; o < dOut; o++) for (let a = 0; a < r; a++) Ut[a * dOut + o] = f.U[o * r + a];
    return Ut;
  }

  identity(): Float64Array[] {
    const { r } = this;
    return Array.from({ length: this.hidden }, () => {
      const H = new Float64Array(r * r);
      for (let a = 0; a < r; a++) H[a * r + a] = 1;
      return H;
    });
  }

  theta(gauge: readonly Float64Array[], out: Float64Array): void {
    const { dims, depth, offsets } = this.layout;
    const { r } = this;
    const { U, V } = this.f;
    out.fill(0);
    if (depth === 1) {
      out.set(this.P);
      return;
    }
    if (r === 0) return;
    const inv = gauge.map((H) => Float64Array.from(inverse(Matrix.from1DArray(r, r, H)).to1DArray()));
    const core = new Float64Array(r * r);
    for (let i = 1; i <= depth; i++) {
      // core = H_i D H_{i−1}⁻¹
      for (let a = 0; a < r; a++) {
        for (let b = 0; b < r; b++) {
          let acc = 0;
          for (let c = 0; c < r; c++) {
            const left = i < depth ? gauge[i - 1][a * r + c] : a === c ? 1 : 0;
            const right = i > 1 ? inv[i - 2][c * r + b] : c === b ? 1 : 0;
            acc += left * this.root[c] * right;
          }
          core[a * r + b] = acc;
        }
      }
      const off = offsets[i - 1];
      const cols = dims[i - 1];
      if (i === 1) {
        // rows a < r of W_1 = core Vᵀ
        matmulTransB(core, 0, V, 0, out, off, r, r, cols, false);
      } else if (i === depth) {
        // columns b < r of W_N = U core
        for (let o = 0; o < dims[depth]; o++) {
          for (let b = 0; b < r; b++) {
            let acc = 0;
            for (let a = 0; a < r; a++) acc += U[o * r + a] * core[a * r + b];
            out[off + o * cols + b] = acc;
          }
        }
      } else {
        for (let a = 0; a < r; a++) for (let b = 0; b < r; b++) out[off + a * cols + b] = core[a * r + b];
      }
    }
  }

  /**
   * The left-trivialised gauge gradient: for H_i ← (I + S_i)H_i, dW_i = Ŝ_i W_i
   * and dW_{i+1} = −W_{i+1} Ŝ_i with Ŝ_i = Q_i S_i Q_iᵀ, so
   * ∂F/∂S_i = Q_iᵀ (∇_{W_i}F W_iᵀ − W_{i+1}ᵀ ∇_{W_{i+1}}F) Q_i.
   */
  gaugeGradient(theta: Float64Array, gradW: Float64Array, out: Float64Array): void {
    const { dims, offsets } = this.layout;
    const { r } = this;
    for (let i = 1; i <= this.hidden; i++) {
      const base = (i - 1) * r * r;
      const offI = offsets[i - 1];
      const colsI = dims[i - 1];
      const offJ = offsets[i];
      const colsJ = dims[i];
      for (let a = 0; a < r; a++) {
        for (let b = 0; b < r; b++) {
          let acc = 0;
          for (let c = 0; c < colsI; c++) acc += gradW[offI + a * colsI + c] * theta[offI + b * colsI + c];
          for (let c = 0; c < dims[i + 1]; c++) acc -= theta[offJ + c * colsJ + a] * gradW[offJ + c * colsJ + b];
          out[base + a * r + b] = acc;
        }
      }
    }
  }
}

/** The curvature operator K(θ) whose top eigenvalue is λ_max(∇²L) on the orbit. */
interface Curvature {
  /** Its size n (one eigendecomposition costs ~n³). */
  readonly size: number;
  /** Decomposes K(θ) into `eigen` (values ascending; eigenvectors on request). */
  spectrum(theta: Float64Array, eigen: SymmetricEigen): void;
  /**
   * out = ∇_θ Σ_c w_c u_cᵀ K(θ) u_c at the θ of the last `spectrum` call, for
   * the eigenvectors u_c, c < count, in the columns of `vectors` (n × count).
   */
  gradient(theta: Float64Array, vectors: Float64Array, weights: Float64Array, count: number, out: Float64Array): void;
}

/**
 * The blocks o ≤ p of K = Σ_i a_i ⊗ b_i (d_out × d_out blocks of k × k, row
 * (o, c), column (p, e)): the upper triangle, which is all the eigensolver
 * reads. The blocks below are left as they were.
 */
function assembleUpper(
  K: Float64Array,
  dOut: number,
  k: number,
  depth: number,
  a: Float64Array[],
  b: Float64Array[],
): void {
  const n = dOut * k;
  for (let o = 0; o < dOut; o++) {
    for (let p = o; p < dOut; p++) {
      const block = o * k * n + p * k;
      for (let c = 0; c < k; c++) {
        const row = block + c * n;
        for (let e = 0; e < k; e++) K[row + e] = 0;
      }
      for (let i = 1; i <= depth; i++) {
        const aop = a[i][o * dOut + p];
        const bi = b[i];
        for (let c = 0; c < k; c++) {
          const row = block + c * n;
          for (let e = 0; e < k; e++) K[row + e] += aop * bi[c * k + e];
        }
      }
    }
  }
}

/**
 * The blocks o ≤ p of Ω = Σ_c w_c u_c u_cᵀ (Ω is symmetric; the others are
 * not needed), u_c the columns of `vectors` (n × count); `scaled` is room for
 * the rows of vectors · diag(w).
 */
function weightedGram(
  vectors: Float64Array,
  weights: Float64Array,
  count: number,
  n: number,
  k: number,
  scaled: Float64Array,
  omega: Float64Array,
): void {
  for (let x = 0; x < n; x++)
    for (let c = 0; c < count; c++) scaled[x * count + c] = weights[c] * vectors[x * count + c];
  for (let x = 0; x < n; x++) {
    const rx = x * count;
    const first = x - (x % k);
    for (let y = first; y < n; y++) {
      const ry = y * count;
      let acc = 0;
      for (let c = 0; c < count; c++) acc += scaled[rx + c] * vectors[ry + c];
      omega[x * n + y] = acc;
    }
  }
}

/**
 * The partial traces of Ω against a ⊗ b from its blocks o ≤ p (Ω_po = Ω_opᵀ,
 * a and b symmetric): ā[o][p] = ⟨Ω_op, b⟩ and b̄ = Σ_{o,p} a_op Ω_op = N + Nᵀ
 * with N = Σ_o a_oo Ω_oo / 2 + Σ_{o<p} a_op Ω_op.
 */
function partialTraces(
  omega: Float64Array,
  dOut: number,
  k: number,
  a: Float64Array,
  b: Float64Array,
  abar: Float64Array,
  bbar: Float64Array,
): void {
  const n = dOut * k;
  bbar.fill(0);
  for (let o = 0; o < dOut; o++) {
    for (let p = o; p < dOut; p++) {
      const block = o * k * n + p * k;
      const aop = o === p ? 0.5 * a[o * dOut + p] : a[o * dOut + p];
      let acc = 0;
      for (let c = 0; c < k; c++) {
        const row = block + c * n;
        for (let e = 0; e < k; e++) {
          const w = omega[row + e];
          acc += w * b[c * k + e];
          bbar[c * k + e] += w * aop;
        }
      }
      abar[o * dOut + p] = acc;
      abar[p * dOut + o] = acc;
    }
  }
  addTranspose(bbar, k);
}

/** N ← N + Nᵀ (k × k), in place. */
function addTranspose(N: Float64Array, k: number): void {
  for (let c = 0; c < k; c++) {
    for (let e = c; e < k; e++) {
      const sym = N[c * k + e] + N[e * k + c];
      N[c * k + e] = sym;
      N[e * k + c] = sym;
    }
  }
}

/**
 * At G = 0: K = Σ_i (A_iA_iᵀ) ⊗ (Rᵀ B_iᵀ B_i R), acting on Û (d_out × k,
 * row-major vec), is J Jᵀ with J(E) = Σ_i A_i E_i B_i R, so its spectrum is the
 * nonzero spectrum of the Hessian JᵀJ. With Ω = Σ_j w_j u_j u_jᵀ,
 * Σ_j w_j u_jᵀKu_j = Σ_i ⟨Ω, a_i ⊗ b_i⟩ (a_i = A_iA_iᵀ, b_i = Rᵀ B_iᵀ B_i R):
 * its gradient is two partial traces of Ω and one reverse pass through the
 * prefix and suffix products, whatever the number of eigenvectors.
 *
 * When r < d_out the matrix is taken in a smaller basis. On the orbit every
 * A_i, i < N, maps into range(U) (U: r columns), and A_N = I, so K maps
 * range(U) ⊗ ℝᵏ into itself, and on the complement it is I ⊗ b_N. The block on
 * range(U) ⊗ ℝᵏ is Σ_i ã_i ⊗ b_i with Ã_i = UᵀA_i (so Ã_N = Uᵀ and ã_N = I), and
 * it is ⪰ I ⊗ b_N, so it holds λ_max(K): an (r·k)² matrix instead of a
 * (d_out·k)² one, (d_out/r)³ times less work per decomposition.
 */
class KroneckerCurvature implements Curvature {
  readonly size: number;
  private readonly layout: Layout;
  private readonly root: SquareRoot;
  /** Rows of every A_i: d_out, or r when they are taken in the basis of range(U). */
  private readonly m: number;
  /** A[i] = A_i (m × d_i), BR[i] = B_i R (d_{i−1} × k), a[i], b[i], i = 1..N, from the last `spectrum`. */
  private readonly A: Float64Array[];
  private readonly BR: Float64Array[];
  private readonly a: Float64Array[];
  private readonly b: Float64Array[];
  private readonly K: Float64Array;
  private readonly omega: Float64Array;
  private readonly scaled: Float64Array;
  private readonly abar: Float64Array;
  private readonly bbar: Float64Array;
  private readonly adjA: Float64Array[];
  private readonly adjBR: Float64Array[];

  /** `range`: Uᵀ (r × d_out) to work in range(U) ⊗ ℝᵏ, or null for the whole space. */
  constructor(layout: Layout, root: SquareRoot, range: Float64Array | null) {
    this.layout = layout;
    this.root = root;
    const { dims, depth } = layout;
    const dOut = dims[depth];
    const m = range ? range.length / dOut : dOut;
    this.m = m;
    const { k } = root;
    this.size = m * k;
    this.A = dims.map((d) => new Float64Array(m * d));
    this.BR = dims.map((_, i) => new Float64Array((i > 0 ? dims[i - 1] : 0) * k));
    this.a = dims.map(() => new Float64Array(m * m));
    this.b = dims.map(() => new Float64Array(k * k));
    this.BR[1].set(root.R);
    if (range) this.A[depth].set(range);
    else for (let o = 0; o < dOut; o++) this.A[depth][o * dOut + o] = 1;
    this.K = new Float64Array(this.size * this.size);
    this.omega = new Float64Array(this.size * this.size);
    this.scaled = new Float64Array(this.size * this.size);
    this.abar = new Float64Array(m * m);
    this.bbar = new Float64Array(k * k);
    this.adjA = dims.map((d) => new Float64Array(m * d));
    this.adjBR = dims.map((_, i) => new Float64Array((i > 0 ? dims[i - 1] : 0) * k));
  }

  spectrum(theta: Float64Array, eigen: SymmetricEigen): void {
    const { dims, depth, offsets } = this.layout;
    const { k } = this.root;
    const { A, BR, a, b, m } = this;
    for (let i = 1; i < depth; i++) matmul(theta, offsets[i - 1], BR[i], 0, BR[i + 1], 0, dims[i], dims[i - 1], k);
    for (let i = depth - 1; i >= 1; i--) matmul(A[i + 1], 0, theta, offsets[i], A[i], 0, m, dims[i + 1], dims[i]);
    for (let i = 1; i <= depth; i++) {
      matmulTransB(A[i], 0, A[i], 0, a[i], 0, m, dims[i], m, false);
      matmulTransA(BR[i], 0, BR[i], 0, b[i], 0, k, dims[i - 1], k, false);
    }
    const { K } = this;
    assembleUpper(K, m, k, depth, a, b);
    eigen.decompose(K);
  }

  gradient(theta: Float64Array, vectors: Float64Array, weights: Float64Array, count: number, out: Float64Array): void {
    const { dims, depth, offsets } = this.layout;
    const { k } = this.root;
    const { A, BR, a, b, omega, abar, bbar, adjA, adjBR, m } = this;
    const n = this.size;
    weightedGram(vectors, weights, count, n, k, this.scaled, omega);
    // adjoints of A_i (m × d_i) and of B_i R (d_{i−1} × k): 2 ā_i A_i and 2 B_i R b̄_i
    for (let i = 1; i <= depth; i++) {
      partialTraces(omega, m, k, a[i], b[i], abar, bbar);
      matmul(abar, 0, A[i], 0, adjA[i], 0, m, m, dims[i]);
      matmul(BR[i], 0, bbar, 0, adjBR[i], 0, dims[i - 1], k, k);
    }
    out.fill(0);
    // A_i = A_{i+1} W_{i+1}: carry the adjoint from A_1 up to A_{N−1}
    let carry = adjA[1];
    for (let i = 1; i < depth; i++) {
      matmulTransA(A[i + 1], 0, carry, 0, out, offsets[i], dims[i + 1], m, dims[i], true);
      const next = adjA[i + 1];
      matmulTransB(carry, 0, theta, offsets[i], next, 0, m, dims[i], dims[i + 1], true);
      carry = next;
    }
    // B_{i+1} R = W_i B_i R: carry the adjoint from B_N R down to B_2 R
    carry = adjBR[depth];
    for (let i = depth - 1; i >= 1; i--) {
      matmulTransB(carry, 0, BR[i], 0, out, offsets[i - 1], dims[i], k, dims[i - 1], true);
      const next = adjBR[i];
      matmulTransA(theta, offsets[i - 1], carry, 0, next, 0, dims[i - 1], dims[i], k, true);
      carry = next;
    }
    for (let q = 0; q < out.length; q++) out[q] *= 2;
  }
}

/**
 * Below full rank G ≠ 0 and the whole Hessian is needed: dense, with the
 * eigenvalue gradient ∇_θ(vᵀ∇²L v) = d/dt [∇²L(θ + tv) v] at t = 0 (the third
 * derivative is symmetric) by a central difference of exact HVPs. Its O(h²)
 * error (~1e−8 relative) only steers the search; every λ_max kept is exact.
 */
class HessianCurvature implements Curvature {
  readonly size: number;
  private readonly net: LinearNet;
  private readonly v: Float64Array;
  private readonly shifted: Float64Array;
  private readonly grad: Float64Array;
  private readonly up: Float64Array;
  private readonly down: Float64Array;

  constructor(problem: Problem) {
    const p = problem.layout.paramCount;
    this.size = p;
    this.net = new LinearNet(problem);
    this.v = new Float64Array(p);
    this.shifted = new Float64Array(p);
    this.grad = new Float64Array(p);
    this.up = new Float64Array(p);
    this.down = new Float64Array(p);
  }

  spectrum(theta: Float64Array, eigen: SymmetricEigen): void {
    eigen.decompose(denseHessian(this.net, theta));
  }

  gradient(theta: Float64Array, vectors: Float64Array, weights: Float64Array, count: number, out: Float64Array): void {
    const p = this.size;
    out.fill(0);
    let scale = 1;
    for (let q = 0; q < p; q++) scale = Math.max(scale, Math.abs(theta[q]));
    const h = 1e-4 * scale;
    for (let j = 0; j < count; j++) {
      for (let q = 0; q < p; q++) this.v[q] = vectors[q * count + j];
      for (const [sign, target] of [
        [1, this.up],
        [-1, this.down],
      ] as const) {
        for (let q = 0; q < p; q++) this.shifted[q] = theta[q] + sign * h * this.v[q];
        this.net.evaluate(this.shifted, this.grad);
        this.net.hvp(this.v, target);
      }
      for (let q = 0; q < p; q++) out[q] += (weights[j] * (this.up[q] - this.down[q])) / (2 * h);
    }
  }
}

/** One point of the search: the soft-max F_τ, the true λ_max, and ∂F_τ/∂S (once `differentiate` has filled it). */
interface Point {
  readonly gauge: Float64Array[];
  readonly theta: Float64Array;
  readonly value: number;
  readonly lambda: number;
  readonly grad: Float64Array;
}

/** Minimises F_τ over the gauge, counting evaluations and remembering the smallest λ_max seen. */
class GaugeSearch {
  evaluations = 0;
  iterations = 0;
  best = { lambda: Number.POSITIVE_INFINITY, theta: new Float64Array(0) };
  private readonly gradW: Float64Array;
  private readonly eigen: SymmetricEigen;
  /**
   * At the latest evaluated point: the `count` soft-max weights that survive
   * WEIGHT_CUTOFF, their eigenvalues' indices, and room for those eigenvectors.
   */
  private readonly weights: Float64Array;
  private readonly selected: Int32Array;
  private readonly vectors: Float64Array;
  private count = 0;
  private latest: Point | null = null;

  constructor(
    private readonly orbit: Orbit,
    private readonly curvature: Curvature,
    readonly maxEvaluations: number,
  ) {
    const n = curvature.size;
    this.gradW = new Float64Array(orbit.layout.paramCount);
    this.eigen = new SymmetricEigen(n);
    this.weights = new Float64Array(n);
    this.selected = new Int32Array(n);
    this.vectors = new Float64Array(n * n);
  }

  /**
   * F_τ and λ_max at a gauge (τ = ∞: F_∞ = λ_max). The gradient is formed by
   * `differentiate`, only for the points the line search accepts: a rejected
   * trial needs no eigenvectors.
   */
  evaluate(gauge: Float64Array[], tau: number): Point {
    this.evaluations++;
    const { orbit, curvature, eigen, weights, selected } = this;
    const theta = new Float64Array(orbit.layout.paramCount);
    orbit.theta(gauge, theta);
    curvature.spectrum(theta, eigen);
    const vals = eigen.values;
    const n = vals.length;
    const top = vals[n - 1];
    let value = top;
    let count = 0;
    if (Number.isFinite(tau)) {
      let sum = 0;
      for (let j = 0; j < n; j++) {
        weights[j] = Math.exp((vals[j] - top) / tau);
        sum += weights[j];
      }
      value = top + tau * Math.log(sum);
      // only the eigenvectors whose weight survives the cut-off enter the gradient (typically 1–20 of n)
      for (let j = 0; j < n; j++) {
        if (weights[j] < WEIGHT_CUTOFF) continue;
        weights[count] = weights[j] / sum;
        selected[count++] = j;
      }
    }
    if (top < this.best.lambda) this.best = { lambda: top, theta };
    const point = { gauge, theta, value, lambda: top, grad: new Float64Array(orbit.hidden * orbit.r * orbit.r) };
    this.count = count;
    this.latest = point;
    return point;
  }

  /** point.grad = ∂F_τ/∂S, for the latest evaluated point (the eigensolver still holds its spectrum). */
  differentiate(point: Point): void {
    if (point !== this.latest) throw new Error('differentiate: not the latest evaluated point');
    const { orbit, curvature, eigen, weights, selected, vectors, count } = this;
    eigen.vectors(selected, count, vectors);
    curvature.gradient(point.theta, vectors, weights, count, this.gradW);
    orbit.gaugeGradient(point.theta, this.gradW, point.grad);
  }

  /**
   * L-BFGS on F_τ at one temperature, from `start`, until F_τ stops
   * decreasing, or λ_max has not improved for STALL_ITERATIONS steps (F_τ can
   * keep falling through eigenvalues below the top one that no longer matter),
   * or the evaluation count reaches `until`.
   */
  minimise(start: Float64Array[], tau: number, until: number): Float64Array[] {
    let cur = this.evaluate(start, tau);
    this.differentiate(cur);
    const memory: { s: Float64Array; y: Float64Array; rho: number }[] = [];
    let lowest = cur.lambda;
    let stalled = 0;
    while (this.evaluations < until && stalled < STALL_ITERATIONS) {
      let d = direction(cur.grad, memory);
      let slope = dot(cur.grad, d);
      if (!(slope < 0)) {
        memory.length = 0;
        d = cur.grad.map((v) => -v);
        slope = -dot(d, d);
      }
      const norm = Math.sqrt(dot(d, d));
      // without curvature pairs the direction has no scale: start with a step of 1 % of the gauge
      let step = Math.min(1, (memory.length === 0 ? 0.01 : MAX_STEP) / norm);
      if (-slope * step <= 1e-15 * Math.abs(cur.value)) break;
      let next: Point | null = null;
      for (let halvings = 0; halvings < MAX_HALVINGS && this.evaluations < until; halvings++, step /= 2) {
        const trial = this.evaluate(retract(cur.gauge, d, step, this.orbit.r), tau);
        if (trial.value <= cur.value + 1e-4 * step * slope) {
          this.differentiate(trial);
          next = trial;
          break;
        }
      }
      if (next === null) break;
      this.iterations++;
      const s = d.map((v) => v * step);
      const y = next.grad.map((v, q) => v - cur.grad[q]);
      const sy = dot(s, y);
      if (sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y))) {
        memory.push({ s, y, rho: 1 / sy });
        if (memory.length > LBFGS_MEMORY) memory.shift();
      }
      cur = next;
      if (cur.lambda < lowest * (1 - 1e-13)) {
        lowest = cur.lambda;
        stalled = 0;
      } else {
        stalled++;
      }
    }
    return cur.gauge;
  }
}

/** The L-BFGS two-loop recursion: −H·grad. */
function direction(
  grad: Float64Array,
  memory: readonly { s: Float64Array; y: Float64Array; rho: number }[],
): Float64Array {
  const q = grad.slice();
  const alpha: number[] = [];
  for (let j = memory.length - 1; j >= 0; j--) {
    const { s, y, rho } = memory[j];
    alpha[j] = rho * dot(s, q);
    for (let i = 0; i < q.length; i++) q[i] -= alpha[j] * y[i];
  }
  if (memory.length > 0) {
    const { s, y } = memory[memory.length - 1];
    const gamma = dot(s, y) / dot(y, y);
    for (let i = 0; i < q.length; i++) q[i] *= gamma;
  }
  for (let j = 0; j < memory.length; j++) {
    const { s, y, rho } = memory[j];
    const beta = rho * dot(y, q);
    for (let i = 0; i < q.length; i++) q[i] += (alpha[j] - beta) * s[i];
  }
  for (let i = 0; i < q.length; i++) q[i] = -q[i];
  return q;
}

/** H_i ← (I + step·d_i) H_i. */
function retract(gauge: readonly Float64Array[], d: Float64Array, step: number, r: number): Float64Array[] {
  return gauge.map((H, i) => {
    const out = H.slice();
    const base = i * r * r;
    for (let a = 0; a < r; a++) {
      for (let b = 0; b < r; b++) {
        let acc = 0;
        for (let c = 0; c < r; c++) acc += d[base + a * r + c] * H[c * r + b];
        out[a * r + b] += step * acc;
      }
    }
    return out;
  });
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** A global minimizer in balanced form: the product equals the (rank-truncated) least-squares map T. */
export function balancedMinimizer(problem: Problem): Float64Array {
  const { P, rank } = minimizerProduct(problem, squareRoot(problem.stats));
  const orbit = new Orbit(problem.layout, P, rank);
  const theta = new Float64Array(problem.layout.paramCount);
  orbit.theta(orbit.identity(), theta);
  return theta;
}

/**
 * λ* = min over global minimizers of λ_max(∇²L), by minimising over the gauge
 * W_i → G_i W_i G_{i−1}⁻¹ from the balanced point.
 */
export function flattestMinimum(
  problem: Problem,
  /** maxEvaluations: curvature evaluations allowed (default: from WORK_BUDGET and the matrix size). */
  options: { readonly maxEvaluations?: number } = {},
): FlattestResult {
  const { layout } = problem;
  const root = squareRoot(problem.stats);
  const { P, rank, fullRank } = minimizerProduct(problem, root);
  if (layout.depth === 1) {
    // no gauge: the Hessian of a linear model is I ⊗ Σ
    return { lambdaStar: root.lambdaMax, balancedSharpness: root.lambdaMax, theta: P, iterations: 0 };
  }
  if (rank === 0) {
    // T = 0 (so C = 0) and θ = 0 is a minimizer where, for N ≥ 2, the whole Hessian vanishes
    return { lambdaStar: 0, balancedSharpness: 0, theta: new Float64Array(layout.paramCount), iterations: 0 };
  }
  const orbit = new Orbit(layout, P, rank);
  const curvature = fullRank
    ? new KroneckerCurvature(layout, root, orbit.outputRange())
    : new HessianCurvature(problem);
  const budget = Math.round(WORK_BUDGET / curvature.size ** 3);
  const search = new GaugeSearch(
    orbit,
    curvature,
    options.maxEvaluations ?? Math.min(MAX_EVALUATIONS, Math.max(MIN_EVALUATIONS, budget)),
  );
  const balancedSharpness = search.evaluate(orbit.identity(), Number.POSITIVE_INFINITY).lambda;
  const rng = new Rng(RESTART_SEED);
  const { r } = orbit;
  for (let start = 0; start <= RESTARTS; start++) {
    // the balanced start may use half the budget, each restart an equal share of the rest
    const left = search.maxEvaluations - search.evaluations;
    const until = search.evaluations + (start === 0 ? left / 2 : left / (RESTARTS + 1 - start));
    let gauge = orbit.identity();
    if (start > 0) {
      for (const H of gauge)
        for (let q = 0; q < H.length; q++) H[q] += (RESTART_SCALE * rng.nextNormal()) / Math.sqrt(r);
    }
    for (const t of TEMPERATURES) {
      if (search.evaluations >= until) break;
      gauge = search.minimise(gauge, t * balancedSharpness, until);
    }
  }
  return { lambdaStar: search.best.lambda, balancedSharpness, theta: search.best.theta, iterations: search.iterations };
}

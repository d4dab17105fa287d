/**
 * The few largest eigenpairs of a symmetric operator given only by its
 * products: block Krylov subspaces with Rayleigh–Ritz, restarted from the top Ritz vectors
 * (Saad, "Numerical methods for large eigenvalue problems", ch. 6–7).
 *
 * A cycle starts from a block of `block` orthonormal vectors — the previous
 * solve's Ritz vectors when warm, then seeded random vectors — and grows the
 * basis by products of its last block, each new vector orthogonalised twice
 * against the whole basis (classical Gram–Schmidt twice, Giraud et al. 2005),
 * up to `basis` vectors. The Rayleigh–Ritz pairs (θ_c, x_c) of the basis are
 * accepted when every one of the `count` largest has ‖A x_c − θ_c x_c‖ ≤
 * tol·|θ_1|; otherwise the top `block` Ritz vectors start the next cycle.
 *
 * A block, not a single vector, because at a minimax point the top eigenvalue
 * is multiple: a single Krylov sequence sees one vector per distinct
 * eigenvalue and would converge to a multiple one only through rounding.
 * Some eigenvalue lies within the residual of each θ_c, and θ_1 ≤ λ_max.
 */
import { Rng } from './rng.js';
import { SymmetricEigen } from './symmetric-eigen.js';

/** out = A v. */
export type SymmetricOperator = (v: Float64Array, out: Float64Array) => void;

/** A vector whose norm falls below this fraction of its norm before orthogonalisation is dependent: dropped. */
const DEPENDENT = 1e-10;
/** The random fill's seed: a solve is a deterministic function of the operator and the warm start. */
const FILL_SEED = 0xb10c;

export interface TopEigenpairsOptions {
  /** How many of the largest eigenpairs to converge. */
  readonly count: number;
  /** Vectors per Krylov block (≥ count). */
  readonly block: number;
  /** Largest basis per cycle (≥ 2·block). */
  readonly basis: number;
  /** Cycles before giving up (the result is then the best Ritz pairs found, flagged unconverged). */
  readonly maxCycles: number;
}

export class TopEigenpairs {
  /** The `count` largest Ritz values of the last solve, descending. */
  readonly values: Float64Array;
  /** Their Ritz vectors (unit length, mutually orthogonal to rounding). */
  readonly vectors: Float64Array[];
  /** ‖A x_c − θ_c x_c‖ of each. */
  readonly residuals: Float64Array;
  /** Operator products so far, over all solves: the deterministic measure of work. */
  products = 0;
  /** Vector operations (length-n dot products and updates) so far, over all solves. */
  vectorOps = 0;
  private readonly count: number;
  private readonly block: number;
  private readonly maxBasis: number;
  private readonly maxCycles: number;
  private readonly q: Float64Array[];
  private readonly aq: Float64Array[];
  /** The top `block` Ritz vectors of the last cycle, the warm start of the next. */
  private readonly start: Float64Array[];
  private startCount = 0;
  private readonly work: Float64Array;
  private readonly eigens = new Map<number, SymmetricEigen>();

  constructor(
    readonly n: number,
    options: TopEigenpairsOptions,
  ) {
    this.count = Math.min(options.count, n);
    this.block = Math.min(Math.max(options.block, this.count), n);
    this.maxBasis = Math.min(Math.max(options.basis, 2 * this.block), n);
    this.maxCycles = options.maxCycles;
    this.values = new Float64Array(this.count);
    this.residuals = new Float64Array(this.count);
    this.vectors = Array.from({ length: this.count }, () => new Float64Array(n));
    this.q = Array.from({ length: this.maxBasis }, () => new Float64Array(n));
    this.aq = Array.from({ length: this.maxBasis }, () => new Float64Array(n));
    this.start = Array.from({ length: this.block }, () => new Float64Array(n));
    this.work = new Float64Array(n);
  }

  /** Forget the warm start: the next solve starts from random vectors only. */
  reset(): void {
    this.startCount = 0;
  }

  /**
   * The `count` largest eigenpairs of `apply`, into `values`, `vectors` and
   * `residuals`; warm-started from the previous solve unless `reset` was
   * called. Returns whether every residual is at most tol·max(|θ_1|, tiny).
   */
  solve(apply: SymmetricOperator, tol: number): boolean {
    const rng = new Rng(FILL_SEED);
    for (let cycle = 0; ; cycle++) {
      const size = this.expand(apply, rng);
      const converged = this.rayleighRitz(size, tol);
      if (converged || cycle + 1 >= this.maxCycles) return converged;
    }
  }

  /** Grows an orthonormal basis from the start block (topped up with random vectors); returns its size. */
  private expand(apply: SymmetricOperator, rng: Rng): number {
    const { n, q, aq, block, maxBasis } = this;
    let size = 0;
    for (let j = 0; j < block; j++) {
      const v = q[size];
      if (j < this.startCount) v.set(this.start[j]);
      else for (let x = 0; x < n; x++) v[x] = rng.nextNormal();
      if (this.orthonormalise(v, size)) size++;
    }
    // each next block is the products of the last one, orthogonalised against the whole basis
    let from = 0;
    let to = size;
    while (size < maxBasis && to > from) {
      for (let j = from; j < to; j++) this.multiply(apply, j);
      for (let j = from; j < to && size < maxBasis; j++) {
        q[size].set(aq[j]);
        if (this.orthonormalise(q[size], size)) size++;
      }
      from = to;
      to = size;
    }
    for (let j = from; j < size; j++) this.multiply(apply, j);
    return size;
  }

  private multiply(apply: SymmetricOperator, j: number): void {
    apply(this.q[j], this.aq[j]);
    this.products++;
  }

  /** v ← v − Q Qᵀ v twice, over the first `size` basis vectors, then v/‖v‖; false if v was dependent. */
  private orthonormalise(v: Float64Array, size: number): boolean {
    const { n, q } = this;
    const before = Math.sqrt(dot(v, v, n));
    if (!(before > 0)) return false;
    for (let pass = 0; pass < 2; pass++) {
      for (let j = 0; j < size; j++) {
        const qj = q[j];
        const c = dot(qj, v, n);
        for (let x = 0; x < n; x++) v[x] -= c * qj[x];
      }
      this.vectorOps += 2 * size;
    }
    const after = Math.sqrt(dot(v, v, n));
    if (!(after > DEPENDENT * before)) return false;
    for (let x = 0; x < n; x++) v[x] /= after;
    return true;
  }

  /** The Ritz pairs of the basis; the top `block` become the next start. Returns whether the top `count` converged. */
  private rayleighRitz(size: number, tol: number): boolean {
    const { n, q, aq, work } = this;
    let eigen = this.eigens.get(size);
    if (!eigen) {
      eigen = new SymmetricEigen(size);
      this.eigens.set(size, eigen);
    }
    const H = new Float64Array(size * size);
    for (let a = 0; a < size; a++) {
      for (let b = a; b < size; b++) {
        const h = 0.5 * (dot(q[a], aq[b], n) + dot(q[b], aq[a], n));
        H[a * size + b] = h;
        H[b * size + a] = h;
      }
    }
    this.vectorOps += size * (size + 1);
    eigen.decompose(H);
    const keep = Math.min(this.block, size);
    const indices = Int32Array.from({ length: keep }, (_, c) => size - 1 - c);
    const Y = new Float64Array(size * keep);
    eigen.vectors(indices, keep, Y);
    const top = Math.abs(eigen.values[size - 1]);
    let converged = true;
    for (let c = 0; c < keep; c++) {
      // x = Q y, A x = (AQ) y; x goes to the next start, and to the result for c < count
      const x = this.start[c];
      x.fill(0);
      work.fill(0);
      for (let a = 0; a < size; a++) {
        const y = Y[a * keep + c];
        const qa = q[a];
        const aqa = aq[a];
        for (let t = 0; t < n; t++) {
          x[t] += y * qa[t];
          work[t] += y * aqa[t];
        }
      }
      this.vectorOps += 2 * size;
      if (c >= this.count) continue;
      const theta = eigen.values[size - 1 - c];
      let r = 0;
      for (let t = 0; t < n; t++) r += (work[t] - theta * x[t]) ** 2;
      this.values[c] = theta;
      this.residuals[c] = Math.sqrt(r);
      this.vectors[c].set(x);
      if (!(this.residuals[c] <= tol * Math.max(top, Number.MIN_VALUE))) converged = false;
    }
    this.startCount = keep;
    return converged;
  }
}

function dot(a: Float64Array, b: Float64Array, n: number): number {
  let s = 0;
  for (let x = 0; x < n; x++) s += a[x] * b[x];
  return s;
}

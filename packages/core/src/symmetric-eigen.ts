/**
 * Eigenvalues, and only the eigenvectors asked for, of a real symmetric matrix
 * on flat row-major Float64Arrays.
 *
 * The eigenvalues come from EISPACK's tred2 (Householder tridiagonalisation,
 * A = Q T Qᵀ) and tql2 (the implicit QL method on T) as transcribed in JAMA
 * (Wilkinson & Reinsch, "Handbook for Automatic Computation II: Linear
 * Algebra", 1971, contributions II/2 and II/3). The reduction and the QL
 * sweeps perform, operation for operation, the arithmetic of ml-matrix's
 * `EigenvalueDecomposition` with `assumeSymmetric` (6.15.1), so for a symmetric
 * matrix the eigenvalues are the same numbers (the tests check it); only the
 * reduction goes four rows at a time through the working matrix, each sum
 * still taken in tred2's order.
 *
 * The eigenvectors do not. tred2/tql2 accumulate all n of them, (2/3)n³
 * multiply-adds to form Q and 4n multiplications for each of the ~n² QL
 * rotations, several times the cost of the eigenvalues (ml-matrix: ~20 ms at
 * n = 128; the eigenvalues here: ~1 ms). Here Q stays as its Householder
 * reflectors, and an eigenvector is formed on request by inverse iteration on
 * T with its computed eigenvalue as the shift (LAPACK's dstein: O(n) per step,
 * three steps), then the reflectors (n² multiply-adds): ~20 µs at n = 128.
 * Should inverse iteration fail, the QL sweeps are rerun logging their
 * rotations and the vectors are tql2's. The flattest-minimum search
 * (flattest.ts) needs the eigenvectors whose soft-max weight is not
 * negligible, typically 1 to 20 of 128.
 */

/** QL sweeps allowed for one eigenvalue; LAPACK's dsteqr allows 30 (EISPACK and JAMA have no limit). */
const MAX_SWEEPS = 30;
/** Inverse iteration: steps allowed for one eigenvector, and steps taken after it has converged (dstein's MAXITS, EXTRA). */
const MAX_INVERSE_STEPS = 5;
const EXTRA_INVERSE_STEPS = 2;
/** Eigenvalues closer than this, relative to ‖T‖, form a cluster whose vectors are orthogonalised at every step (dstein's ORTOL). */
const CLUSTER_GAP = 1e-3;
/** Seeds the start vectors of inverse iteration (dstein starts from uniform random vectors too). */
const INVERSE_SEED = 0x5e1f0b7d;

/** √(a² + b²) without under- or overflow, exactly as ml-matrix's `hypotenuse` (tql2 relies on the same rounding). */
function hypotenuse(a: number, b: number): number {
  if (Math.abs(a) > Math.abs(b)) {
    const r = b / a;
    return Math.abs(a) * Math.sqrt(1 + r * r);
  }
  if (b !== 0) {
    const r = a / b;
    return Math.abs(b) * Math.sqrt(1 + r * r);
  }
  return 0;
}

/**
 * tred2's product e = A u on the leading i × i block (from its upper
 * triangle), storing u = d[0..i−1] in row i. Four rows at a time share the
 * loads of d[k] and e[k]; every e[k] and every row sum still receives its
 * terms in tred2's order, so the result is the same to the bit.
 */
function symmetricProduct(V: Float64Array, n: number, i: number, d: Float64Array, e: Float64Array): void {
  const ui = i * n;
  let j = 0;
  for (; j + 3 < i; j += 4) {
    const r0 = j * n;
    const r1 = r0 + n;
    const r2 = r1 + n;
    const r3 = r2 + n;
    // the triangle of the four rows, in tred2's order
    const f0 = d[j];
    V[ui + j] = f0;
    let g0 = e[j] + V[r0 + j] * f0;
    g0 += V[r0 + j + 1] * d[j + 1];
    e[j + 1] += V[r0 + j + 1] * f0;
    g0 += V[r0 + j + 2] * d[j + 2];
    e[j + 2] += V[r0 + j + 2] * f0;
    g0 += V[r0 + j + 3] * d[j + 3];
    e[j + 3] += V[r0 + j + 3] * f0;
    const f1 = d[j + 1];
    V[ui + j + 1] = f1;
    let g1 = e[j + 1] + V[r1 + j + 1] * f1;
    g1 += V[r1 + j + 2] * d[j + 2];
    e[j + 2] += V[r1 + j + 2] * f1;
    g1 += V[r1 + j + 3] * d[j + 3];
    e[j + 3] += V[r1 + j + 3] * f1;
    const f2 = d[j + 2];
    V[ui + j + 2] = f2;
    let g2 = e[j + 2] + V[r2 + j + 2] * f2;
    g2 += V[r2 + j + 3] * d[j + 3];
    e[j + 3] += V[r2 + j + 3] * f2;
    const f3 = d[j + 3];
    V[ui + j + 3] = f3;
    let g3 = e[j + 3] + V[r3 + j + 3] * f3;
    for (let k = j + 4; k < i; k++) {
      const v0 = V[r0 + k];
      const v1 = V[r1 + k];
      const v2 = V[r2 + k];
      const v3 = V[r3 + k];
      const dk = d[k];
      g0 += v0 * dk;
      g1 += v1 * dk;
      g2 += v2 * dk;
      g3 += v3 * dk;
      e[k] = e[k] + v0 * f0 + v1 * f1 + v2 * f2 + v3 * f3;
    }
    e[j] = g0;
    e[j + 1] = g1;
    e[j + 2] = g2;
    e[j + 3] = g3;
  }
  for (; j < i; j++) {
    const row = j * n;
    const f = d[j];
    V[ui + j] = f;
    let g = e[j] + V[row + j] * f;
    for (let k = j + 1; k < i; k++) {
      g += V[row + k] * d[k];
      e[k] += V[row + k] * f;
    }
    e[j] = g;
  }
}

/**
 * tred2's rank-2 update A −= u wᵀ + w uᵀ (w = e) of the upper triangle of the
 * leading i × i block, four rows at a time; then d = its column i − 1.
 */
function rankTwoUpdate(V: Float64Array, n: number, i: number, d: Float64Array, e: Float64Array): void {
  let j = 0;
  for (; j + 3 < i; j += 4) {
    const r0 = j * n;
    const r1 = r0 + n;
    const r2 = r1 + n;
    const r3 = r2 + n;
    const f0 = d[j];
    const g0 = e[j];
    const f1 = d[j + 1];
    const g1 = e[j + 1];
    const f2 = d[j + 2];
    const g2 = e[j + 2];
    const f3 = d[j + 3];
    const g3 = e[j + 3];
    // the triangle of the four rows
    for (let k = j; k < j + 4; k++) V[r0 + k] -= f0 * e[k] + g0 * d[k];
    for (let k = j + 1; k < j + 4; k++) V[r1 + k] -= f1 * e[k] + g1 * d[k];
    for (let k = j + 2; k < j + 4; k++) V[r2 + k] -= f2 * e[k] + g2 * d[k];
    V[r3 + j + 3] -= f3 * e[j + 3] + g3 * d[j + 3];
    for (let k = j + 4; k < i; k++) {
      const ek = e[k];
      const dk = d[k];
      V[r0 + k] -= f0 * ek + g0 * dk;
      V[r1 + k] -= f1 * ek + g1 * dk;
      V[r2 + k] -= f2 * ek + g2 * dk;
      V[r3 + k] -= f3 * ek + g3 * dk;
    }
    d[j] = V[r0 + i - 1];
    V[r0 + i] = 0;
    d[j + 1] = V[r1 + i - 1];
    V[r1 + i] = 0;
    d[j + 2] = V[r2 + i - 1];
    V[r2 + i] = 0;
    d[j + 3] = V[r3 + i - 1];
    V[r3 + i] = 0;
  }
  for (; j < i; j++) {
    const row = j * n;
    const f = d[j];
    const g = e[j];
    for (let k = j; k < i; k++) V[row + k] -= f * e[k] + g * d[k];
    d[j] = V[row + i - 1];
    V[row + i] = 0;
  }
}

/**
 * One step i of tred2's reduction (i = n − 1 down to 1): the Householder
 * reflector that annihilates row i left of the subdiagonal, applied to the
 * leading i × i block. Returns h_i.
 */
function reduceRow(V: Float64Array, n: number, i: number, d: Float64Array, e: Float64Array): number {
  let scale = 0;
  let h = 0;
  for (let k = 0; k < i; k++) scale += Math.abs(d[k]);
  if (scale === 0) {
    e[i] = d[i - 1];
    for (let j = 0; j < i; j++) {
      d[j] = V[j * n + i - 1];
      V[j * n + i] = 0;
      V[i * n + j] = 0;
    }
    return h;
  }
  for (let k = 0; k < i; k++) {
    d[k] /= scale;
    h += d[k] * d[k];
  }
  let f = d[i - 1];
  let g = Math.sqrt(h);
  if (f > 0) g = -g;
  e[i] = scale * g;
  h -= f * g;
  d[i - 1] = f - g;
  for (let j = 0; j < i; j++) e[j] = 0;
  symmetricProduct(V, n, i, d, e);
  f = 0;
  for (let j = 0; j < i; j++) {
    e[j] /= h;
    f += e[j] * d[j];
  }
  const hh = f / (h + h);
  for (let j = 0; j < i; j++) e[j] -= hh * d[j];
  rankTwoUpdate(V, n, i, d, e);
  return h;
}

/**
 * One implicit QL sweep of tql2 on the unreduced block l..m, its m − l
 * rotations logged from position `at` when `log` is set. Returns the shift it
 * subtracted.
 */
function qlSweep(
  d: Float64Array,
  e: Float64Array,
  n: number,
  l: number,
  m: number,
  index: Int32Array,
  cos: Float64Array,
  sin: Float64Array,
  at: number,
  log: boolean,
): number {
  let g = d[l];
  let p = (d[l + 1] - g) / (2 * e[l]);
  let r = hypotenuse(p, 1);
  if (p < 0) r = -r;
  d[l] = e[l] / (p + r);
  d[l + 1] = e[l] * (p + r);
  const dl1 = d[l + 1];
  let h = g - d[l];
  for (let i = l + 2; i < n; i++) d[i] -= h;
  const shift = h;
  p = d[m];
  let c = 1;
  let c2 = c;
  let c3 = c;
  const el1 = e[l + 1];
  let s = 0;
  let s2 = 0;
  let q = at;
  for (let i = m - 1; i >= l; i--) {
    c3 = c2;
    c2 = c;
    s2 = s;
    g = c * e[i];
    h = c * p;
    r = hypotenuse(p, e[i]);
    e[i + 1] = s * r;
    s = e[i] / r;
    c = p / r;
    p = c * d[i] - s * g;
    d[i + 1] = h + s * (c * g + s * d[i]);
    if (log) {
      index[q] = i;
      cos[q] = c;
      sin[q] = s;
      q++;
    }
  }
  p = (-s * s2 * c3 * el1 * e[l]) / dl1;
  e[l] = s * p;
  d[l] = c * p;
  return shift;
}

/**
 * x = a pseudo-random vector, uniform in [−1, 1)ⁿ, that depends on `index`
 * only, so that an eigenvector does not depend on which others are asked for
 * (Mulberry32, inline: the hot path allocates nothing).
 */
export function startVector(x: Float64Array, n: number, index: number): void {
  let state = (INVERSE_SEED ^ Math.imul(index + 1, 0x9e3779b9)) | 0;
  for (let k = 0; k < n; k++) {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    x[k] = ((t ^ (t >>> 14)) >>> 0) / 2 ** 31 - 1;
  }
}

/** LU factors with partial pivoting of a tridiagonal T − σI: P(T − σI) = LU, U with two superdiagonals. */
export interface TridiagonalLu {
  readonly u0: Float64Array;
  readonly u1: Float64Array;
  readonly u2: Float64Array;
  readonly mult: Float64Array;
  readonly swapped: Uint8Array;
}

/** Room for the LU factors of an n × n tridiagonal matrix. */
export function tridiagonalLu(n: number): TridiagonalLu {
  return {
    u0: new Float64Array(n),
    u1: new Float64Array(n),
    u2: new Float64Array(n),
    mult: new Float64Array(n),
    swapped: new Uint8Array(n),
  };
}

/**
 * Factors T − σI (diagonal td, off-diagonal te, te[k] joining k and k + 1)
 * by Gaussian elimination with row interchanges (LAPACK's dlagtf), then lifts
 * every pivot below `tiny` in magnitude to ±tiny, so that the solves of
 * inverse iteration stay finite (LAPACK's dlagts, job −1).
 */
export function factorShifted(
  td: Float64Array,
  te: Float64Array,
  n: number,
  sigma: number,
  tiny: number,
  lu: TridiagonalLu,
): void {
  const { u0, u1, u2, mult, swapped } = lu;
  // the current row k: p0, p1, p2 in columns k, k + 1, k + 2
  let p0 = td[0] - sigma;
  let p1 = n > 1 ? te[0] : 0;
  let p2 = 0;
  for (let k = 0; k < n - 1; k++) {
    const below = te[k];
    const q1 = td[k + 1] - sigma;
    const q2 = k + 2 < n ? te[k + 1] : 0;
    if (Math.abs(below) > Math.abs(p0)) {
      const l = p0 / below;
      swapped[k] = 1;
      mult[k] = l;
      u0[k] = below;
      u1[k] = q1;
      u2[k] = q2;
      p0 = p1 - l * q1;
      p1 = p2 - l * q2;
    } else {
      const l = p0 === 0 ? 0 : below / p0;
      swapped[k] = 0;
      mult[k] = l;
      u0[k] = p0;
      u1[k] = p1;
      u2[k] = p2;
      p0 = q1 - l * p1;
      p1 = q2 - l * p2;
    }
    p2 = 0;
  }
  u0[n - 1] = p0;
  for (let k = 0; k < n; k++) if (!(Math.abs(u0[k]) >= tiny)) u0[k] = u0[k] < 0 ? -tiny : tiny;
}

/** x ← (LU)⁻¹ P x with the factors of `factorShifted`. */
export function solveShifted(lu: TridiagonalLu, n: number, x: Float64Array): void {
  const { u0, u1, u2, mult, swapped } = lu;
  for (let k = 0; k < n - 1; k++) {
    if (swapped[k]) {
      const t = x[k];
      x[k] = x[k + 1];
      x[k + 1] = t;
    }
    x[k + 1] -= mult[k] * x[k];
  }
  x[n - 1] /= u0[n - 1];
  if (n > 1) x[n - 2] = (x[n - 2] - u1[n - 2] * x[n - 1]) / u0[n - 2];
  for (let k = n - 3; k >= 0; k--) x[k] = (x[k] - u1[k] * x[k + 1] - u2[k] * x[k + 2]) / u0[k];
}

/** x ← x − Σ_r (y_rᵀx) y_r over the rows y_from..y_{to−1} of `ys` (modified Gram–Schmidt). */
function orthogonalise(x: Float64Array, ys: Float64Array, from: number, to: number, n: number): void {
  for (let r = from; r < to; r++) {
    const base = r * n;
    let dot = 0;
    for (let k = 0; k < n; k++) dot += x[k] * ys[base + k];
    for (let k = 0; k < n; k++) x[k] -= dot * ys[base + k];
  }
}

/** tql2's selection sort of d into ascending order, carrying `order` (QL index of each position) along. */
function sortAscending(d: Float64Array, order: Int32Array, n: number): void {
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = 0; i < n - 1; i++) {
    let k = i;
    let p = d[i];
    for (let j = i + 1; j < n; j++) {
      if (d[j] < p) {
        k = j;
        p = d[j];
      }
    }
    if (k !== i) {
      d[k] = d[i];
      d[i] = p;
      const t = order[i];
      order[i] = order[k];
      order[k] = t;
    }
  }
}

/** out ← G_0 G_1 ⋯ G_{R−1} out (n × count), G_r the logged rotation on rows (i, i + 1). */
function rotateBack(
  out: Float64Array,
  count: number,
  index: Int32Array,
  cos: Float64Array,
  sin: Float64Array,
  rotations: number,
): void {
  for (let r = rotations - 1; r >= 0; r--) {
    const top = index[r] * count;
    const bottom = top + count;
    const c = cos[r];
    const s = sin[r];
    for (let q = 0; q < count; q++) {
      const a = out[top + q];
      const b = out[bottom + q];
      out[top + q] = c * a + s * b;
      out[bottom + q] = c * b - s * a;
    }
  }
}

/**
 * x ← P_{n−1} ⋯ P_1 x (P_1 first) for each of the `count` rows x of `xs`;
 * P_i = I − u_i u_iᵀ / h_i, u_i in row i of V. Four vectors at a time share
 * the loads of u_i.
 */
function reflect(xs: Float64Array, count: number, n: number, V: Float64Array, h: Float64Array): void {
  let q = 0;
  for (; q + 3 < count; q += 4) {
    const b0 = q * n;
    const b1 = b0 + n;
    const b2 = b1 + n;
    const b3 = b2 + n;
    for (let i = 1; i < n; i++) {
      const hi = h[i];
      if (hi === 0) continue;
      const row = i * n;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let k = 0; k < i; k++) {
        const u = V[row + k];
        s0 += u * xs[b0 + k];
        s1 += u * xs[b1 + k];
        s2 += u * xs[b2 + k];
        s3 += u * xs[b3 + k];
      }
      const g0 = s0 / hi;
      const g1 = s1 / hi;
      const g2 = s2 / hi;
      const g3 = s3 / hi;
      for (let k = 0; k < i; k++) {
        const u = V[row + k];
        xs[b0 + k] -= g0 * u;
        xs[b1 + k] -= g1 * u;
        xs[b2 + k] -= g2 * u;
        xs[b3 + k] -= g3 * u;
      }
    }
  }
  for (; q < count; q++) {
    const base = q * n;
    for (let i = 1; i < n; i++) {
      const hi = h[i];
      if (hi === 0) continue;
      const row = i * n;
      let dot = 0;
      for (let k = 0; k < i; k++) dot += V[row + k] * xs[base + k];
      const g = dot / hi;
      for (let k = 0; k < i; k++) xs[base + k] -= g * V[row + k];
    }
  }
}

/**
 * A reusable eigensolver for n × n symmetric matrices: `decompose` fills
 * `values` (ascending), then `vectors` forms any of the eigenvectors. It
 * allocates nothing after construction (unless inverse iteration fails, see
 * `vectors`).
 */
export class SymmetricEigen {
  readonly n: number;
  /** The eigenvalues of the last decomposed matrix, ascending. */
  readonly values: Float64Array;
  /** The working matrix (its upper triangle is reduced); row i, columns < i, then holds the Householder vector u_i. */
  private readonly work: Float64Array;
  /** h_i = ‖u_i‖²/2: the reflector P_i = I − u_i u_iᵀ / h_i acts on coordinates 0..i−1 (h_i = 0: identity). */
  private readonly h: Float64Array;
  /** The tridiagonal T = Qᵀ A Q: diagonal td, off-diagonal te (te[k] joins k and k + 1). */
  private readonly td: Float64Array;
  private readonly te: Float64Array;
  /** tql2's working diagonal and off-diagonal. */
  private readonly d: Float64Array;
  private readonly e: Float64Array;
  /** order[j]: the QL index (column of the accumulated rotations) of the j-th smallest eigenvalue. */
  private readonly order: Int32Array;
  /** The requested eigenvalues' indices, distinct and ascending, and where each sits in that list. */
  private readonly wanted: Int32Array;
  private readonly slot: Int32Array;
  /** The eigenvectors being formed, one per row (in T's basis, then in A's). */
  private readonly rows: Float64Array;
  private readonly lu: TridiagonalLu;
  private readonly x: Float64Array;
  /** The fallback's QL rotation log (on coordinates (i, i + 1), cosine and sine), allocated when first needed. */
  private rotIndex = new Int32Array(0);
  private rotCos = new Float64Array(0);
  private rotSin = new Float64Array(0);
  private rotations = 0;
  private logRotations = false;

  constructor(n: number) {
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be a positive integer (got ${n})`);
    this.n = n;
    this.values = new Float64Array(n);
    this.work = new Float64Array(n * n);
    this.h = new Float64Array(n);
    this.td = new Float64Array(n);
    this.te = new Float64Array(n);
    this.d = new Float64Array(n);
    this.e = new Float64Array(n);
    this.order = new Int32Array(n);
    this.wanted = new Int32Array(n);
    this.slot = new Int32Array(n);
    this.rows = new Float64Array(n * n);
    this.lu = tridiagonalLu(n);
    this.x = new Float64Array(n);
  }

  /**
   * Decomposes the symmetric matrix A (row-major n × n, read from `offset`)
   * and fills `values`. Only the upper triangle (with the diagonal) is read;
   * A is left unchanged.
   */
  decompose(A: Float64Array, offset = 0): this {
    const size = this.n * this.n;
    if (A.length < offset + size) throw new RangeError(`A must hold ${size} entries from offset ${offset}`);
    // ml-matrix reduces Aᵀ, whose upper triangle is A's lower one: the same numbers when A is symmetric
    for (let i = 0; i < size; i++) this.work[i] = A[offset + i];
    this.tridiagonalise();
    this.ql();
    return this;
  }

  /**
   * Eigenvectors of values[indices[c]], c < count, into the columns of `out`
   * (row-major n × count: component x of vector c at out[x·count + c]): unit
   * length, orthogonal to one another to rounding, signs arbitrary.
   *
   * They are found by inverse iteration on the tridiagonal T with the computed
   * eigenvalues as shifts (LAPACK's dstein: O(n) a solve, converged in a step
   * or two), each orthogonalised against those found before it, and taken
   * back through the reflectors. Should an iteration not converge, or
   * overflow, the QL sweeps are run again logging their rotations, and the
   * vectors are the columns of their product (tql2's, exactly).
   */
  vectors(indices: ArrayLike<number>, count: number, out: Float64Array): void {
    const { n, rows, slot } = this;
    if (count > n) throw new RangeError(`count must be at most n = ${n} (got ${count})`);
    const m = this.distinct(indices, count);
    if (!this.inverseIteration(m)) this.rotatedVectors(m);
    reflect(rows, m, n, this.work, this.h);
    for (let c = 0; c < count; c++) {
      const base = slot[indices[c]] * n;
      for (let x = 0; x < n; x++) out[x * count + c] = rows[base + x];
    }
  }

  /** The distinct indices among indices[0..count), ascending, into `wanted`, and each one's place into `slot`. */
  private distinct(indices: ArrayLike<number>, count: number): number {
    const { n, wanted, slot } = this;
    let m = 0;
    for (let c = 0; c < count; c++) {
      const j = indices[c];
      if (!(Number.isInteger(j) && j >= 0 && j < n))
        throw new RangeError(`indices[${c}] must be an integer in [0, ${n}) (got ${j})`);
      let at = m;
      while (at > 0 && wanted[at - 1] > j) at--;
      if (at > 0 && wanted[at - 1] === j) continue;
      wanted.copyWithin(at + 1, at, m);
      wanted[at] = j;
      m++;
    }
    for (let r = 0; r < m; r++) slot[wanted[r]] = r;
    return m;
  }

  /**
   * Inverse iteration for the eigenvalues values[wanted[r]], r < m, ascending,
   * into rows r of `rows` (in T's basis), after dstein: a shift equal to the
   * previous one (a multiple eigenvalue) is nudged up by 10ε|λ|; the right-hand
   * side is scaled so that convergence shows as growth past √(0.1/n), and two
   * more steps follow it; every step is orthogonalised against the vectors
   * before it in its cluster (eigenvalues less than 10⁻³‖T‖ apart). Unlike
   * dstein, the converged vector is then orthogonalised against all those
   * before it too, so that vectors of nearby clusters are orthogonal to
   * rounding rather than to ε‖T‖/gap. Returns false when some vector did not
   * converge in MAX_INVERSE_STEPS steps or overflowed.
   */
  private inverseIteration(m: number): boolean {
    const { n, td, te, values, wanted, rows, lu, x } = this;
    let norm = 0;
    for (let k = 0; k < n; k++)
      norm = Math.max(norm, Math.abs(td[k]) + (k > 0 ? Math.abs(te[k - 1]) : 0) + (k + 1 < n ? Math.abs(te[k]) : 0));
    if (norm === 0) {
      // T = 0: any orthonormal basis
      rows.fill(0, 0, m * n);
      for (let r = 0; r < m; r++) rows[r * n + wanted[r]] = 1;
      return true;
    }
    const eps = Number.EPSILON;
    const tiny = eps * norm;
    const grown = Math.sqrt(0.1 / n);
    const cluster = CLUSTER_GAP * norm;
    let previous = Number.NEGATIVE_INFINITY;
    let first = 0;
    for (let r = 0; r < m; r++) {
      let shift = values[wanted[r]];
      const nudge = 10 * Math.abs(eps * shift);
      if (shift - previous < nudge) shift = previous + nudge;
      if (shift - previous > cluster) first = r;
      previous = shift;
      factorShifted(td, te, n, shift, tiny, lu);
      startVector(x, n, wanted[r]);
      let converged = 0;
      for (let step = 0; step < MAX_INVERSE_STEPS && converged < 1 + EXTRA_INVERSE_STEPS; step++) {
        let sum = 0;
        for (let k = 0; k < n; k++) sum += Math.abs(x[k]);
        const scale = (n * norm * Math.max(eps, Math.abs(lu.u0[n - 1]))) / sum;
        for (let k = 0; k < n; k++) x[k] *= scale;
        solveShifted(lu, n, x);
        orthogonalise(x, rows, first, r, n);
        let top = 0;
        for (let k = 0; k < n; k++) top = Math.max(top, Math.abs(x[k]));
        if (!Number.isFinite(top)) return false;
        if (top >= grown) converged++;
      }
      if (converged < 1 + EXTRA_INVERSE_STEPS) return false;
      orthogonalise(x, rows, 0, first, n);
      let sum = 0;
      for (let k = 0; k < n; k++) sum += x[k] * x[k];
      const inv = 1 / Math.sqrt(sum);
      const base = r * n;
      for (let k = 0; k < n; k++) rows[base + k] = x[k] * inv;
    }
    return true;
  }

  /** The fallback: tql2's eigenvectors of T for values[wanted[r]], r < m, into rows r of `rows`. */
  private rotatedVectors(m: number): void {
    const { n, td, te, d, e, order, wanted, rows } = this;
    d.set(td);
    e[0] = 0;
    for (let i = 1; i < n; i++) e[i] = te[i - 1];
    if (this.rotIndex.length === 0) {
      // the log grows to ~n² rotations (about two sweeps per eigenvalue, each as long as its unreduced block)
      this.rotIndex = new Int32Array(16 * n);
      this.rotCos = new Float64Array(16 * n);
      this.rotSin = new Float64Array(16 * n);
    }
    this.logRotations = true;
    try {
      this.ql();
    } finally {
      this.logRotations = false;
    }
    // columns of G_1 ⋯ G_R e_order[j], n × m (the rotations touch the same two rows of every column)
    const cols = new Float64Array(n * m);
    for (let r = 0; r < m; r++) cols[order[wanted[r]] * m + r] = 1;
    rotateBack(cols, m, this.rotIndex, this.rotCos, this.rotSin, this.rotations);
    for (let r = 0; r < m; r++) for (let x = 0; x < n; x++) rows[r * n + x] = cols[x * m + r];
  }

  /** tred2's reduction (without forming Q): T into (td, te) and tql2's (d, e), h_i into h. */
  private tridiagonalise(): void {
    const { n, work: V, d, e, h, td, te } = this;
    for (let j = 0; j < n; j++) d[j] = V[j * n + n - 1];
    h[0] = 0;
    for (let i = n - 1; i > 0; i--) h[i] = reduceRow(V, n, i, d, e);
    for (let i = 0; i < n; i++) d[i] = V[i * n + i];
    e[0] = 0;
    td.set(d);
    for (let k = 0; k + 1 < n; k++) te[k] = e[k + 1];
    te[n - 1] = 0;
  }

  /** tql2 on (d, e) into `values` and `order`, logging its rotations when `logRotations` is set. */
  private ql(): void {
    const { n, d, e } = this;
    const log = this.logRotations;
    for (let i = 1; i < n; i++) e[i - 1] = e[i];
    e[n - 1] = 0;
    this.rotations = 0;
    let f = 0;
    let tst1 = 0;
    const eps = Number.EPSILON;
    for (let l = 0; l < n; l++) {
      tst1 = Math.max(tst1, Math.abs(d[l]) + Math.abs(e[l]));
      let m = l;
      // e[n − 1] = 0 stops the search; the bound only matters for NaN
      while (m < n - 1 && !(Math.abs(e[m]) <= eps * tst1)) m++;
      if (m > l) {
        let sweeps = 0;
        do {
          if (++sweeps > MAX_SWEEPS) {
            throw new Error(`symmetric eigensolver: no convergence after ${MAX_SWEEPS} QL sweeps (n = ${n})`);
          }
          if (log) this.reserve(m - l);
          f += qlSweep(d, e, n, l, m, this.rotIndex, this.rotCos, this.rotSin, this.rotations, log);
          if (log) this.rotations += m - l;
        } while (Math.abs(e[l]) > eps * tst1);
      }
      d[l] += f;
      e[l] = 0;
    }
    sortAscending(d, this.order, n);
    this.values.set(d);
  }

  /** Room for `more` rotations in the log (it doubles when full). */
  private reserve(more: number): void {
    const need = this.rotations + more;
    if (need <= this.rotIndex.length) return;
    const capacity = Math.max(need, 2 * this.rotIndex.length);
    const index = new Int32Array(capacity);
    const cos = new Float64Array(capacity);
    const sin = new Float64Array(capacity);
    index.set(this.rotIndex.subarray(0, this.rotations));
    cos.set(this.rotCos.subarray(0, this.rotations));
    sin.set(this.rotSin.subarray(0, this.rotations));
    this.rotIndex = index;
    this.rotCos = cos;
    this.rotSin = sin;
  }
}

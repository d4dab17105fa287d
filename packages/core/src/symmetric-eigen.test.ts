import { EigenvalueDecomposition, Matrix, QrDecomposition } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { Rng } from './rng.js';
import { SymmetricEigen } from './symmetric-eigen.js';

/** All eigenvalues (ascending) and eigenvectors (the columns of a row-major n × n array) of a symmetric matrix. */
function symmetricEigen(A: Float64Array, n: number): { values: Float64Array; vectors: Float64Array } {
  const eig = new SymmetricEigen(n).decompose(A);
  const all = new Int32Array(n);
  for (let j = 0; j < n; j++) all[j] = j;
  const vectors = new Float64Array(n * n);
  eig.vectors(all, n, vectors);
  return { values: eig.values.slice(), vectors };
}

/** A symmetric n × n matrix with standard normal entries (row-major). */
function randomSymmetric(n: number, rng: Rng, scale = 1): Float64Array {
  const A = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      const v = scale * rng.nextNormal();
      A[i * n + j] = v;
      A[j * n + i] = v;
    }
  }
  return A;
}

/** Q diag(values) Qᵀ for a random orthogonal Q: a symmetric matrix with exactly the given spectrum. */
function withSpectrum(values: number[], rng: Rng): Float64Array {
  const n = values.length;
  const Z = new Matrix(n, n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) Z.set(i, j, rng.nextNormal());
  const Q = new QrDecomposition(Z).orthogonalMatrix;
  const A = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += Q.get(i, k) * values[k] * Q.get(j, k);
      A[i * n + j] = s;
      A[j * n + i] = s;
    }
  }
  return A;
}

function maxAbs(v: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < v.length; i++) m = Math.max(m, Math.abs(v[i]));
  return m;
}

/** max_j ‖A v_j − λ_j v_j‖∞ / max(‖A‖_max, tiny), the vectors the columns of V (n × count). */
function residual(A: Float64Array, n: number, values: ArrayLike<number>, V: Float64Array, count: number): number {
  let worst = 0;
  for (let c = 0; c < count; c++) {
    for (let x = 0; x < n; x++) {
      let s = 0;
      for (let y = 0; y < n; y++) s += A[x * n + y] * V[y * count + c];
      worst = Math.max(worst, Math.abs(s - values[c] * V[x * count + c]));
    }
  }
  return worst / Math.max(maxAbs(A), Number.MIN_VALUE);
}

/** max |VᵀV − I| for the columns of V (n × count). */
function orthonormalityError(V: Float64Array, n: number, count: number): number {
  let worst = 0;
  for (let a = 0; a < count; a++) {
    for (let b = 0; b < count; b++) {
      let s = 0;
      for (let x = 0; x < n; x++) s += V[x * count + a] * V[x * count + b];
      worst = Math.max(worst, Math.abs(s - (a === b ? 1 : 0)));
    }
  }
  return worst;
}

function reference(A: Float64Array, n: number): EigenvalueDecomposition {
  return new EigenvalueDecomposition(Matrix.from1DArray(n, n, A), { assumeSymmetric: true });
}

const SIZES = [1, 2, 3, 5, 8, 17, 40, 128];

describe.each(SIZES.map((n) => [n]))('SymmetricEigen on random symmetric matrices, n = %i', (n) => {
  const rng = new Rng(1000 + n, 5);
  const cases = Array.from({ length: n > 40 ? 2 : 5 }, () => randomSymmetric(n, rng));

  it('has the eigenvalues of ml-matrix’s EVD, ascending, to 1e-12 relative', () => {
    for (const A of cases) {
      const { values } = symmetricEigen(A, n);
      const ref = reference(A, n).realEigenvalues;
      const scale = maxAbs(ref);
      for (let j = 0; j < n; j++) expect(Math.abs(values[j] - ref[j])).toBeLessThanOrEqual(1e-12 * scale);
      for (let j = 1; j < n; j++) expect(values[j]).toBeGreaterThanOrEqual(values[j - 1]);
    }
  });

  it('performs tred2/tql2’s arithmetic: the eigenvalues are ml-matrix 6.15.1’s to the bit', () => {
    for (const A of cases) expect(Array.from(symmetricEigen(A, n).values)).toEqual(reference(A, n).realEigenvalues);
  });

  it('has ml-matrix’s eigenvectors up to sign where the eigenvalue is well separated', () => {
    for (const A of cases) {
      const { values, vectors } = symmetricEigen(A, n);
      const ref = reference(A, n).eigenvectorMatrix;
      const scale = Math.max(maxAbs(values), Number.MIN_VALUE);
      for (let j = 0; j < n; j++) {
        let gap = Number.POSITIVE_INFINITY;
        for (let i = 0; i < n; i++) if (i !== j) gap = Math.min(gap, Math.abs(values[i] - values[j]));
        if (gap < 1e-6 * scale) continue;
        let dot = 0;
        for (let x = 0; x < n; x++) dot += vectors[x * n + j] * ref.get(x, j);
        const sign = Math.sign(dot);
        // perturbation theory: an eigenvector is determined to ~ε‖A‖ / gap
        const tol = (1e-13 * scale) / gap + 1e-14;
        for (let x = 0; x < n; x++) expect(Math.abs(vectors[x * n + j] - sign * ref.get(x, j))).toBeLessThan(tol);
      }
    }
  });

  it('satisfies A·v = λv and VᵀV = I to 1e-13', () => {
    for (const A of cases) {
      const { values, vectors } = symmetricEigen(A, n);
      expect(residual(A, n, values, vectors, n)).toBeLessThan(1e-13 * Math.max(1, n / 8));
      expect(orthonormalityError(vectors, n, n)).toBeLessThan(1e-13 * Math.max(1, n / 8));
    }
  });

  it('forms any subset of the eigenvectors, in any order and with repeats, as in the full set', () => {
    const A = cases[0];
    const { values, vectors: full } = symmetricEigen(A, n);
    const eig = new SymmetricEigen(n).decompose(A);
    const picks = [n - 1, 0, n >> 1, n - 1].slice(0, Math.min(n, 4));
    const out = new Float64Array(n * picks.length);
    eig.vectors(picks, picks.length, out);
    const scale = Math.max(maxAbs(values), Number.MIN_VALUE);
    picks.forEach((j, c) => {
      let gap = Number.POSITIVE_INFINITY;
      for (let i = 0; i < n; i++) if (i !== j) gap = Math.min(gap, Math.abs(values[i] - values[j]));
      let dot = 0;
      for (let x = 0; x < n; x++) dot += out[x * picks.length + c] * full[x * n + j];
      expect(Math.abs(Math.abs(dot) - 1)).toBeLessThan((1e-13 * scale) / gap + 1e-14);
    });
    if (n >= 4) for (let x = 0; x < n; x++) expect(out[x * picks.length + 3]).toBe(out[x * picks.length]);
  });

  it('falls back to tql2’s rotations when inverse iteration fails, with the same eigenvalues and ml-matrix’s vectors', () => {
    const A = cases[0];
    const eig = new SymmetricEigen(n).decompose(A);
    // force the fallback (private: inverse iteration gives up on overflow or after 5 steps, which random matrices never cause)
    (eig as unknown as { inverseIteration: () => boolean }).inverseIteration = () => false;
    const before = Array.from(eig.values);
    const all = Array.from({ length: n }, (_, j) => j);
    const vectors = new Float64Array(n * n);
    eig.vectors(all, n, vectors);
    expect(Array.from(eig.values)).toEqual(before);
    const ref = reference(A, n).eigenvectorMatrix;
    for (let j = 0; j < n; j++) {
      let dot = 0;
      for (let x = 0; x < n; x++) dot += vectors[x * n + j] * ref.get(x, j);
      for (let x = 0; x < n; x++)
        expect(Math.abs(vectors[x * n + j] - Math.sign(dot) * ref.get(x, j))).toBeLessThan(1e-13);
    }
    expect(residual(A, n, eig.values, vectors, n)).toBeLessThan(1e-13 * Math.max(1, n / 8));
  });
});

describe('SymmetricEigen, special matrices', () => {
  it('a 1 × 1 matrix: its entry and the unit vector', () => {
    const { values, vectors } = symmetricEigen(Float64Array.of(-2.5), 1);
    expect(Array.from(values)).toEqual([-2.5]);
    expect(Math.abs(vectors[0])).toBe(1);
  });

  it('a diagonal matrix: its sorted diagonal and coordinate vectors', () => {
    const diag = [3, -1, 7, 0, 2, -4];
    const n = diag.length;
    const A = new Float64Array(n * n);
    diag.forEach((v, i) => {
      A[i * n + i] = v;
    });
    const { values, vectors } = symmetricEigen(A, n);
    const sorted = [...diag].sort((a, b) => a - b);
    expect(Array.from(values)).toEqual(sorted);
    for (let j = 0; j < n; j++) {
      const at = diag.indexOf(sorted[j]);
      for (let x = 0; x < n; x++)
        expect(Math.abs(Math.abs(vectors[x * n + j]) - (x === at ? 1 : 0))).toBeLessThan(1e-15);
    }
  });

  it('the zero matrix: zeros and an orthonormal basis', () => {
    const n = 5;
    const { values, vectors } = symmetricEigen(new Float64Array(n * n), n);
    expect(Array.from(values)).toEqual(new Array<number>(n).fill(0));
    expect(orthonormalityError(vectors, n, n)).toBe(0);
  });

  it('a multiple eigenvalue asked for alone, and with its partners, gives unit vectors of its eigenspace', () => {
    const rng = new Rng(31, 2);
    const spectrum = [2, 2, 2, -1, 4];
    const n = spectrum.length;
    const A = withSpectrum(spectrum, rng);
    const eig = new SymmetricEigen(n).decompose(A);
    for (const picks of [[1], [0, 1, 2], [2, 0]]) {
      const out = new Float64Array(n * picks.length);
      eig.vectors(picks, picks.length, out);
      const lambdas = picks.map((j) => eig.values[j]);
      expect(residual(A, n, lambdas, out, picks.length)).toBeLessThan(1e-13);
      expect(orthonormalityError(out, n, picks.length)).toBeLessThan(1e-13);
    }
  });

  it('repeated eigenvalues: exact multiplicities, and each eigenspace spanned by orthonormal vectors', () => {
    const rng = new Rng(77, 1);
    const spectrum = [3, -2, 3, 1, 3, 1, 5, -2, 3];
    const n = spectrum.length;
    const A = withSpectrum(spectrum, rng);
    const { values, vectors } = symmetricEigen(A, n);
    const sorted = [...spectrum].sort((a, b) => a - b);
    for (let j = 0; j < n; j++) expect(Math.abs(values[j] - sorted[j])).toBeLessThan(1e-13 * 5);
    expect(residual(A, n, values, vectors, n)).toBeLessThan(1e-13);
    expect(orthonormalityError(vectors, n, n)).toBeLessThan(1e-13);
  });

  it('a matrix scaled by 2^±400 (entries near 1e±120) neither overflows nor underflows: the eigenvalues scale with it', () => {
    const rng = new Rng(5, 2);
    const n = 12;
    const A = randomSymmetric(n, rng);
    const big = A.map((v) => v * 2 ** 400);
    const small = A.map((v) => v * 2 ** -400);
    const base = symmetricEigen(A, n).values;
    const up = symmetricEigen(big, n).values;
    const down = symmetricEigen(small, n).values;
    for (let j = 0; j < n; j++) {
      expect(Math.abs(up[j] / 2 ** 400 - base[j])).toBeLessThanOrEqual(1e-13 * maxAbs(base));
      expect(Math.abs(down[j] * 2 ** 400 - base[j])).toBeLessThanOrEqual(1e-13 * maxAbs(base));
    }
  });

  it('reads only the upper triangle', () => {
    const rng = new Rng(9, 3);
    const n = 10;
    const A = randomSymmetric(n, rng);
    const scrambled = A.slice();
    for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) scrambled[i * n + j] = rng.nextNormal();
    expect(Array.from(symmetricEigen(scrambled, n).values)).toEqual(Array.from(symmetricEigen(A, n).values));
  });

  it('a reused solver gives the same result as a fresh one', () => {
    const rng = new Rng(11, 4);
    const n = 20;
    const eig = new SymmetricEigen(n);
    const first = randomSymmetric(n, rng);
    const second = randomSymmetric(n, rng, 3);
    eig.decompose(first);
    eig.decompose(second);
    const fresh = symmetricEigen(second, n);
    expect(Array.from(eig.values)).toEqual(Array.from(fresh.values));
    const out = new Float64Array(n * n);
    eig.vectors(
      Array.from({ length: n }, (_, j) => j),
      n,
      out,
    );
    expect(Array.from(out)).toEqual(Array.from(fresh.vectors));
  });

  it('returns NaN for a matrix with a NaN, without hanging', () => {
    const A = randomSymmetric(6, new Rng(3, 3));
    A[2 * 6 + 3] = Number.NaN;
    A[3 * 6 + 2] = Number.NaN;
    const { values } = symmetricEigen(A, 6);
    expect(values.some((v) => Number.isNaN(v))).toBe(true);
  });

  it('rejects a size that is not a positive integer, a short matrix, an index out of range and more vectors than n', () => {
    expect(() => new SymmetricEigen(0)).toThrow(/positive integer/);
    const eig = new SymmetricEigen(2).decompose(Float64Array.of(1, 0, 0, 2));
    expect(() => eig.vectors([0, 1, 0], 3, new Float64Array(6))).toThrow(/at most n/);
    expect(() => eig.vectors([2], 1, new Float64Array(2))).toThrow(/\[0, 2\)/);
    expect(() => eig.decompose(new Float64Array(3))).toThrow(/4 entries/);
  });
});

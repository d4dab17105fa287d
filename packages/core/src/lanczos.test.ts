import { inverse, Matrix, QrDecomposition } from 'ml-matrix';
import { describe, expect, it, vi } from 'vitest';
import { denseHessian } from './hessian.js';
import { Lanczos } from './lanczos.js';
import type { LinearNet } from './linear-net.js';
import { norm2 } from './linear-net.js';
import { Rng } from './rng.js';
import { DENSE_SHARPNESS_LIMIT, sharpness, symmetricEigenvalues } from './sharpness.js';
import { randomNet } from './test-helpers.js';

/** The tested accuracy of the Lanczos path (lanczos.ts aims at 1e−10). */
const TOL = 1e-8;

/** Q diag(values) Qᵀ for a random orthogonal Q (row-major). */
function withSpectrum(values: readonly number[], seed: number): Float64Array {
  const n = values.length;
  const rng = new Rng(seed, n);
  const Z = new Matrix(n, n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) Z.set(i, j, rng.nextNormal());
  const Q = new QrDecomposition(Z).orthogonalMatrix.to2DArray();
  const A = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += Q[i][k] * values[k] * Q[j][k];
      A[i * n + j] = s;
      A[j * n + i] = s;
    }
  }
  return A;
}

function matrixOperator(A: Float64Array, n: number): (v: Float64Array, out: Float64Array) => void {
  return (v, out) => {
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += A[i * n + j] * v[j];
      out[i] = s;
    }
  };
}

const N = 160;
const SPECTRA: Record<string, (i: number) => number> = {
  'spread, well separated top': (i) => Math.sin(i) * 3 + (i === 0 ? 10 : 0),
  'top gap 1e-6 relative': (i) => (i === 0 ? 5 : i === 1 ? 5 * (1 - 1e-6) : 4 * Math.cos(i)),
  'double top eigenvalue': (i) => (i < 2 ? 7 : 6 * Math.cos(i)),
  'most negative eigenvalue largest in magnitude': (i) => (i === 0 ? -40 : i === 1 ? 1.5 : Math.cos(i)),
  'positive semidefinite, mostly zero (a minimizer)': (i) => (i < 6 ? 1 + i : 0),
  'geometric decay over 12 decades': (i) => 10 ** (-12 * (i / (N - 1))),
};

describe.each(Object.entries(SPECTRA))('Lanczos on a %s spectrum', (_name, spectrum) => {
  it(`finds λ_max to ${TOL} relative`, () => {
    for (const seed of [1, 2]) {
      const values = Array.from({ length: N }, (_, i) => spectrum(i));
      const top = Math.max(...values);
      const A = withSpectrum(values, seed);
      const estimate = new Lanczos(N).top(matrixOperator(A, N));
      expect(Math.abs(estimate - top)).toBeLessThanOrEqual(TOL * Math.abs(top));
    }
  });
});

describe('Lanczos', () => {
  it('takes far fewer products than the dimension on a separated top eigenvalue, and one on an eigenvector', () => {
    const values = Array.from({ length: N }, (_, i) => (i === 0 ? 10 : Math.cos(i)));
    const A = withSpectrum(values, 3);
    const apply = vi.fn(matrixOperator(A, N));
    const lanczos = new Lanczos(N);
    const vector = new Float64Array(N).fill(1);
    expect(Math.abs(lanczos.top(apply, { vector }) - 10)).toBeLessThanOrEqual(1e-12 * 10);
    expect(apply.mock.calls.length).toBeLessThan(40);
    apply.mockClear();
    expect(Math.abs(lanczos.top(apply, { vector }) - 10)).toBeLessThanOrEqual(1e-12 * 10);
    expect(apply.mock.calls.length).toBeLessThanOrEqual(2);
  });

  it('returns NaN when a product is not finite', () => {
    expect(new Lanczos(5).top((_v, out) => out.fill(Number.NaN))).toBeNaN();
  });
});

/** Top of the dense Hessian's spectrum: the reference. */
function denseTop(net: LinearNet, theta: Float64Array): { top: number; bottom: number } {
  const ev = symmetricEigenvalues(denseHessian(net, theta), theta.length);
  return { top: ev[ev.length - 1], bottom: ev[0] };
}

/**
 * A global minimizer of the network's loss: W_N … W_2 random, W_1 = M⁺ C Σ⁻¹ with M = W_N ⋯ W_2,
 * so that the end-to-end map is the least-squares solution C Σ⁻¹ (needs d_1 ≥ d_out).
 */
function minimizer(net: LinearNet, seed: number): Float64Array {
  const { dims, offsets, depth, paramCount } = net.problem.layout;
  const { sigma, cross } = net.problem.stats;
  const rng = new Rng(seed, 7);
  const theta = new Float64Array(paramCount);
  for (let i = offsets[1] ?? paramCount; i < paramCount; i++) theta[i] = rng.nextNormal() / 2;
  const layer = (i: number) =>
    new Matrix(dims[i], dims[i - 1]).apply(function (this: Matrix, r: number, c: number) {
      this.set(r, c, theta[offsets[i - 1] + r * dims[i - 1] + c]);
    });
  let M = Matrix.eye(dims[1], dims[1]);
  for (let i = 2; i <= depth; i++) M = layer(i).mmul(M);
  const dIn = dims[0];
  const S = new Matrix(dIn, dIn).apply(function (this: Matrix, r: number, c: number) {
    this.set(r, c, sigma[r * dIn + c]);
  });
  const C = new Matrix(dims[depth], dIn).apply(function (this: Matrix, r: number, c: number) {
    this.set(r, c, cross[r * dIn + c]);
  });
  const W1 = M.transpose()
    .mmul(inverse(M.mmul(M.transpose())))
    .mmul(C)
    .mmul(inverse(S));
  for (let r = 0; r < dims[1]; r++) for (let c = 0; c < dIn; c++) theta[r * dIn + c] = W1.get(r, c);
  return theta;
}

const NETWORKS: number[][] = [
  [1, 4, 2, 2], // depth 3, 16 parameters
  [2, 4, 2, 2], // depth 3, 20 parameters
  [3, 3, 3, 3], // depth 3, 27 parameters
  [4, 4, 4, 4], // depth 3, 48 parameters
  [4, 4, 4, 4, 4], // depth 4, 64 parameters
  [5, 7, 6, 3], // depth 3, 95 parameters
  [6, 8, 8, 5], // depth 3, 152 parameters
  [8, 10, 10, 10, 4], // depth 4, 320 parameters
];

/**
 * Where gradient descent from a random state stops (‖∇L‖ ≤ 1e−7), by steps of η = fraction·2/λ_max(θ₀).
 * Unlike `minimizer`, the residual G-term is small but not zero, and the state is wherever GD ended (with
 * fraction 0.7, at sharpness 0.5–0.94 × 2/η on these networks).
 */
function converged(net: LinearNet, seed: number, fraction: number): Float64Array {
  const { theta } = randomNet(net.problem.layout.dims as number[], seed, 30);
  for (let i = 0; i < theta.length; i++) theta[i] *= 0.6;
  const eta = (2 * fraction) / denseTop(net, theta).top;
  const grad = new Float64Array(theta.length);
  for (let step = 0; step < 200_000; step++) {
    net.evaluate(theta, grad);
    if (norm2(grad) <= 1e-7) return theta;
    for (let i = 0; i < theta.length; i++) theta[i] -= eta * grad[i];
  }
  throw new Error('gradient descent did not converge');
}

describe.each(NETWORKS.map((dims) => [dims]))('sharpness by Lanczos, dims %j', (dims) => {
  it(`equals the dense Hessian's top eigenvalue to ${TOL} relative at random states`, () => {
    for (const seed of [1, 2, 3]) {
      const { net, theta } = randomNet(dims, seed, 30);
      expect(theta.length).toBeGreaterThan(DENSE_SHARPNESS_LIMIT);
      const { top } = denseTop(net, theta);
      expect(Math.abs(sharpness(net, theta) - top)).toBeLessThanOrEqual(TOL * Math.abs(top));
    }
  });

  it(`equals it to ${TOL} relative at global minimizers (a PSD Hessian, mostly flat)`, () => {
    for (const seed of [4, 5]) {
      const { net } = randomNet(dims, seed, 30);
      const theta = minimizer(net, seed);
      const grad = new Float64Array(theta.length);
      net.evaluate(theta, grad);
      expect(norm2(grad)).toBeLessThan(1e-9 * Math.max(1, norm2(theta)));
      const { top, bottom } = denseTop(net, theta);
      expect(bottom).toBeGreaterThan(-1e-9 * top);
      expect(Math.abs(sharpness(net, theta) - top)).toBeLessThanOrEqual(TOL * Math.abs(top));
    }
  });

  it(`equals it to ${TOL} relative where gradient descent converged`, () => {
    const { net } = randomNet(dims, 8, 30);
    for (const [seed, fraction] of [
      [8, 0.5],
      [11, 0.7],
    ]) {
      const theta = converged(net, seed, fraction);
      const { top } = denseTop(net, theta);
      expect(Math.abs(sharpness(net, theta) - top)).toBeLessThanOrEqual(TOL * Math.abs(top));
    }
  });

  it(`equals it to ${TOL} relative near θ = 0, where the most negative eigenvalue is the largest in magnitude`, () => {
    // near 0 the Hessian of a net of depth ≥ 3 is ≈ ε·M(θ̂), linear in θ̂: one of ±ε·θ̂ has |λ_min| > λ_max
    let negativeDominates = 0;
    for (const seed of [6, 7]) {
      const { net, theta } = randomNet(dims, seed, 30);
      for (const eps of [1e-3, -1e-3]) {
        const t = theta.map((v) => eps * v);
        const { top, bottom } = denseTop(net, t);
        if (-bottom > 1.001 * top) negativeDominates++;
        expect(Math.abs(sharpness(net, t) - top)).toBeLessThanOrEqual(TOL * Math.abs(top));
      }
    }
    expect(negativeDominates).toBeGreaterThan(0);
  });
});

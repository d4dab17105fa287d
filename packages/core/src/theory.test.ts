import { inverse, Matrix, SingularValueDecomposition } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import type { DataMatrices, Normalization } from './data.js';
import { dataStats, matrixData, pointData, randomData } from './data.js';
import { balancedMinimizer, flattestMinimum } from './flattest.js';
import { makeLayout } from './layout.js';
import type { Problem } from './linear-net.js';
import { LinearNet, makeProblem, norm2 } from './linear-net.js';
import { sharpness } from './sharpness.js';
import { minimumLoss, theory } from './theory.js';

function problemOf(dims: number[], data: DataMatrices, normalization: Normalization = 'mean'): Problem {
  return makeProblem(makeLayout(dims), dataStats(data, normalization));
}

function randomOf(dims: number[], seed: number, whiten: boolean, n = 12): DataMatrices {
  return randomData({ dIn: dims[0], dOut: dims[dims.length - 1], n, whiten, noise: 0.3, seed });
}

function denseSharpness(problem: Problem, theta: Float64Array): number {
  return sharpness(new LinearNet(problem), theta, { method: 'dense' });
}

function relDiff(a: number, b: number): number {
  return Math.abs(a - b) / Math.max(Math.abs(b), Number.MIN_VALUE);
}

/** T = CΣ⁻¹ (Σ invertible). */
function leastSquaresMap(problem: Problem): Matrix {
  const { dIn, dOut, sigma, cross } = problem.stats;
  return Matrix.from1DArray(dOut, dIn, cross).mmul(inverse(Matrix.from1DArray(dIn, dIn, sigma)));
}

function topSingularValue(M: Matrix): number {
  return new SingularValueDecomposition(M, { autoTranspose: true }).diagonal[0];
}

describe('theory: scalar networks', () => {
  const x = [0.7, -1.3, 2.1, 0.4, -0.2];
  const y = [1.2, -0.5, 1.9, -0.8, 0.6];
  const mean = (v: number[]) => v.reduce((s, t) => s + t, 0) / v.length;
  const a = mean(x.map((t) => t * t));
  const p = mean(x.map((t, k) => t * y[k])) / a;

  it.each([1, 2, 3, 4])('depth %i: λ* = N·a·|p|^(2(N−1)/N), the dense λ_max at |w_i| = |p|^(1/N)', (N) => {
    const problem = problemOf(new Array<number>(N + 1).fill(1), matrixData([x], [y]));
    const th = theory(problem);
    expect(th.method).toBe('closed-form-scalar');
    const closed = N * a * Math.abs(p) ** ((2 * (N - 1)) / N);
    expect(relDiff(th.lambdaStar ?? Number.NaN, closed)).toBeLessThan(1e-12);
    expect(relDiff(th.etaCritical ?? Number.NaN, 2 / closed)).toBeLessThan(1e-12);
    // the balanced point, with the sign of p on the last layer
    const w = Math.abs(p) ** (1 / N);
    const theta = new Float64Array(N).fill(w);
    theta[N - 1] = Math.sign(p) * w;
    expect(relDiff(new LinearNet(problem).loss(theta), th.lossMin)).toBeLessThan(1e-12);
    expect(relDiff(denseSharpness(problem, theta), closed)).toBeLessThan(1e-12);
  });

  it.each([1, 2, 3, 4])('one point x = y = 1, depth %i: λ* = N, η_c = 2/N, L* = 0', (N) => {
    const th = theory(problemOf(new Array<number>(N + 1).fill(1), pointData([1], [1])));
    expect(th.lambdaStar).toBeCloseTo(N, 14);
    expect(th.etaCritical).toBeCloseTo(2 / N, 14);
    expect(th.lossMin).toBeCloseTo(0, 14);
  });
});

describe.each([
  [[3, 4, 2], 1],
  [[2, 3, 4], 2],
  [[4, 3, 3, 2], 3],
  [[2, 5, 3, 3], 4],
])('theory: whitened inputs, dims %j', (dims, seed) => {
  const problem = problemOf(dims, randomOf(dims, seed, true));
  const N = dims.length - 1;
  const T = leastSquaresMap(problem);
  const closed = N * topSingularValue(T) ** ((2 * (N - 1)) / N);
  const th = theory(problem);

  it('λ* = N·σ₁(T)^(2(N−1)/N), the dense λ_max at the balanced minimizer', () => {
    expect(th.method).toBe('closed-form-whitened');
    expect(relDiff(th.lambdaStar ?? Number.NaN, closed)).toBeLessThan(1e-12);
    expect(relDiff(denseSharpness(problem, balancedMinimizer(problem)), closed)).toBeLessThan(1e-10);
    expect(relDiff(flattestMinimum(problem).lambdaStar, closed)).toBeLessThan(1e-6);
  });

  it('L* = c₀ − ½ tr(TΣTᵀ)', () => {
    const Sigma = Matrix.from1DArray(dims[0], dims[0], problem.stats.sigma);
    const explained = T.mmul(Sigma).mmul(T.transpose()).trace();
    expect(th.lossMin).toBeCloseTo(problem.stats.c0 - 0.5 * explained, 12);
  });
});

describe.each([
  [[3, 3, 2], 5],
  [[2, 3, 3], 6],
  [[3, 4, 4, 3], 7],
  [[4, 2, 3, 2], 8],
])('theory: general Σ, dims %j', (dims, seed) => {
  const problem = problemOf(dims, randomOf(dims, seed, false));
  const th = theory(problem);

  it('is numerical and lies between the lower bound and the balanced λ_max', () => {
    expect(th.method).toBe('numerical');
    const lambda = th.lambdaStar ?? Number.NaN;
    expect(th.balancedSharpness).not.toBeNull();
    expect(th.lowerBound).not.toBeNull();
    expect(lambda).toBeLessThanOrEqual(th.balancedSharpness ?? Number.NaN);
    expect(lambda).toBeGreaterThanOrEqual(th.lowerBound ?? Number.NaN);
    expect(
      relDiff(th.balancedSharpness ?? Number.NaN, denseSharpness(problem, balancedMinimizer(problem))),
    ).toBeLessThan(1e-10);
    expect(relDiff(th.etaCritical ?? Number.NaN, 2 / lambda)).toBeLessThan(1e-15);
  });

  it('L* is the loss at the balanced minimizer', () => {
    expect(relDiff(new LinearNet(problem).loss(balancedMinimizer(problem)), th.lossMin)).toBeLessThan(1e-12);
  });
});

describe.each([
  ['scalar', [1, 1, 1, 1], false],
  ['whitened', [3, 4, 2], true],
  ['general Σ', [3, 3, 2], false],
  ['general Σ, depth 3', [3, 4, 4, 3], false],
] as const)("theory: 'sum' normalization (%s) scales everything by n", (_, dims, whiten) => {
  const n = 12;
  const data = randomOf([...dims], 9, whiten, n);
  const mean = theory(problemOf([...dims], data, 'mean'));
  const sum = theory(problemOf([...dims], data, 'sum'));

  it('λ*, the balanced λ_max, L* and η_c', () => {
    expect(sum.method).toBe(mean.method);
    expect(sum.rank).toBe(mean.rank);
    expect(relDiff(sum.lambdaStar ?? Number.NaN, n * (mean.lambdaStar ?? Number.NaN))).toBeLessThan(1e-8);
    expect(relDiff(sum.balancedSharpness ?? Number.NaN, n * (mean.balancedSharpness ?? Number.NaN))).toBeLessThan(
      1e-10,
    );
    expect(relDiff(sum.lossMin, n * mean.lossMin)).toBeLessThan(1e-10);
    expect(relDiff(sum.etaCritical ?? Number.NaN, (mean.etaCritical ?? Number.NaN) / n)).toBeLessThan(1e-8);
  });

  it('the lower bound', () => {
    expect(sum.lowerBound === null).toBe(mean.lowerBound === null);
    if (mean.lowerBound !== null) {
      expect(relDiff(sum.lowerBound ?? Number.NaN, n * mean.lowerBound)).toBeLessThan(1e-10);
      expect(sum.lowerBound).toBeLessThanOrEqual(sum.lambdaStar ?? Number.NaN);
    }
  });
});

describe('theory: a hidden layer narrower than rank(T)', () => {
  it.each([
    [[3, 1, 3], 10, false],
    [[3, 1, 3, 3], 11, false],
    [[3, 2, 3], 12, true], // whitened, yet no closed form below full rank
  ])('dims %j: numerical, and L* is the loss at a critical point the flattest search returns', (dims, seed, whiten) => {
    const problem = problemOf(dims, randomOf(dims, seed, whiten));
    const th = theory(problem);
    expect(th.method).toBe('numerical');
    expect(th.rank).toBe(Math.min(...dims));
    const { theta } = flattestMinimum(problem);
    const net = new LinearNet(problem);
    const grad = new Float64Array(theta.length);
    expect(relDiff(net.evaluate(theta, grad), th.lossMin)).toBeLessThan(1e-12);
    expect(norm2(grad)).toBeLessThan(1e-10);
    // the constraint costs loss: L* lies above the unconstrained c₀ − ½ tr(TΣTᵀ)
    const T = leastSquaresMap(problem);
    const Sigma = Matrix.from1DArray(dims[0], dims[0], problem.stats.sigma);
    expect(th.lossMin).toBeGreaterThan(problem.stats.c0 - 0.5 * T.mmul(Sigma).mmul(T.transpose()).trace() + 1e-6);
    expect(minimumLoss(problem).rankTarget).toBe(3);
  });
});

describe('theory: zero targets', () => {
  it('is degenerate, with no threshold', () => {
    const data = randomOf([3, 2, 2], 13, false);
    const th = theory(problemOf([3, 2, 2], { ...data, Y: new Float64Array(data.Y.length) }));
    expect(th.method).toBe('degenerate');
    expect(th.lambdaStar).toBeNull();
    expect(th.etaCritical).toBeNull();
    expect(th.lossMin).toBe(0);
  });
});

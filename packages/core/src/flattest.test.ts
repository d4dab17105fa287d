import { inverse, Matrix, SingularValueDecomposition } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import type { DataMatrices, Normalization } from './data.js';
import { cholesky, dataStats, matrixData, randomData } from './data.js';
import { balancedMinimizer, flattestMinimum } from './flattest.js';
import type { Layout } from './layout.js';
import { makeLayout } from './layout.js';
import type { Problem } from './linear-net.js';
import { LinearNet, makeProblem, norm2 } from './linear-net.js';
import { Rng } from './rng.js';
import { sharpness, symmetricEigenvalues } from './sharpness.js';
import { minimumLoss, theory } from './theory.js';

function problemOf(dims: number[], data: DataMatrices, normalization: Normalization = 'mean'): Problem {
  return makeProblem(makeLayout(dims), dataStats(data, normalization));
}

function randomProblem(dims: number[], seed: number, whiten = false, n = 11): Problem {
  const data = randomData({ dIn: dims[0], dOut: dims[dims.length - 1], n, whiten, noise: 0.3, seed });
  return problemOf(dims, data);
}

/** λ_max of the dense Hessian: the reference every λ below is checked against. */
function denseSharpness(problem: Problem, theta: Float64Array): number {
  return sharpness(new LinearNet(problem), theta, { method: 'dense' });
}

function gradientNorm(problem: Problem, theta: Float64Array): number {
  const grad = new Float64Array(theta.length);
  new LinearNet(problem).evaluate(theta, grad);
  return norm2(grad);
}

function layer(layout: Layout, theta: Float64Array, i: number): Matrix {
  const { dims, offsets } = layout;
  return Matrix.from1DArray(dims[i], dims[i - 1], theta.slice(offsets[i - 1], offsets[i - 1] + dims[i] * dims[i - 1]));
}

/** W_i → G_i W_i G_{i−1}⁻¹ with G_i = I + scale·Z (Z standard normal, d_i × d_i) for every hidden layer. */
function randomGauge(layout: Layout, theta: Float64Array, scale: number, rng: Rng): Float64Array {
  const { dims, depth, offsets } = layout;
  const G = dims.map((d, i) => {
    const g = Matrix.eye(d, d);
    if (i === 0 || i === depth) return g;
    for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) g.set(a, b, g.get(a, b) + scale * rng.nextNormal());
    return g;
  });
  const out = new Float64Array(theta.length);
  for (let i = 1; i <= depth; i++)
    out.set(
      G[i]
        .mmul(layer(layout, theta, i))
        .mmul(inverse(G[i - 1]))
        .to1DArray(),
      offsets[i - 1],
    );
  return out;
}

/** The product P = W_N ⋯ W_1. */
function product(layout: Layout, theta: Float64Array): Matrix {
  let P = layer(layout, theta, 1);
  for (let i = 2; i <= layout.depth; i++) P = layer(layout, theta, i).mmul(P);
  return P;
}

function maxAbsDiff(a: Matrix, b: Matrix): number {
  return Math.max(...a.clone().sub(b).abs().to1DArray());
}

/** T = CΣ⁻¹ and its largest singular value (Σ invertible). */
function leastSquaresMap(problem: Problem): { T: Matrix; sigma1: number } {
  const { dIn, dOut, sigma, cross } = problem.stats;
  const T = Matrix.from1DArray(dOut, dIn, cross).mmul(inverse(Matrix.from1DArray(dIn, dIn, sigma)));
  return { T, sigma1: new SingularValueDecomposition(T, { autoTranspose: true }).diagonal[0] };
}

const FULL_RANK_SHAPES: number[][] = [
  [3, 2], // depth 1
  [1, 1, 1], // scalar
  [3, 4, 2], // hidden wider than rank(T)
  [2, 2, 2],
  [2, 3, 5, 4], // d_out > d_in
  [4, 4, 4, 4],
  [2, 3, 2, 4, 3], // bottleneck 2 = rank(T)
];

describe.each(FULL_RANK_SHAPES.map((dims) => [dims]))('balancedMinimizer, dims %j', (dims) => {
  const problem = randomProblem(dims, 3 + dims.length);
  const theta = balancedMinimizer(problem);
  const { lossMin } = minimumLoss(problem);

  it('attains L* and is a critical point', () => {
    const loss = new LinearNet(problem).loss(theta);
    expect(Math.abs(loss - lossMin)).toBeLessThanOrEqual(1e-12 * Math.max(1, lossMin));
    expect(gradientNorm(problem, theta)).toBeLessThan(1e-12);
  });

  it('has the product T = CΣ⁻¹', () => {
    const { T } = leastSquaresMap(problem);
    expect(maxAbsDiff(product(problem.layout, theta), T)).toBeLessThan(1e-12 * Math.max(1, T.clone().abs().max()));
  });

  it('is balanced: W_{i+1}ᵀW_{i+1} = W_iW_iᵀ', () => {
    for (let i = 1; i < problem.layout.depth; i++) {
      const W = layer(problem.layout, theta, i);
      const next = layer(problem.layout, theta, i + 1);
      expect(maxAbsDiff(next.transpose().mmul(next), W.mmul(W.transpose()))).toBeLessThan(1e-12);
    }
  });

  it('stays a minimizer under a random gauge', () => {
    const moved = randomGauge(problem.layout, theta, 0.4, new Rng(17, dims.length));
    const loss = new LinearNet(problem).loss(moved);
    expect(Math.abs(loss - lossMin)).toBeLessThanOrEqual(1e-11 * Math.max(1, lossMin));
    expect(gradientNorm(problem, moved)).toBeLessThan(1e-10);
  });
});

describe('balancedMinimizer with a singular Σ (n < d_in)', () => {
  it('attains L* with P Σ = C', () => {
    const problem = randomProblem([5, 3, 2], 21, false, 3);
    const theta = balancedMinimizer(problem);
    const { lossMin } = minimumLoss(problem);
    expect(Math.abs(new LinearNet(problem).loss(theta) - lossMin)).toBeLessThanOrEqual(1e-12 * Math.max(1, lossMin));
    expect(gradientNorm(problem, theta)).toBeLessThan(1e-12);
  });
});

describe('the Kronecker formula of docs/theory.md', () => {
  // λ_max(Σ_i (Rᵀ B_iᵀ B_i R) ⊗ (A_i A_iᵀ)) with R Rᵀ = Σ, assembled here from ml-matrix products.
  function kroneckerSharpness(problem: Problem, theta: Float64Array): number {
    const { layout, stats } = problem;
    const { dims, depth } = layout;
    const R = Matrix.from1DArray(stats.dIn, stats.dIn, cholesky(stats.sigma, stats.dIn));
    const n = stats.dIn * stats.dOut;
    let K = Matrix.zeros(n, n);
    for (let i = 1; i <= depth; i++) {
      let A = Matrix.eye(dims[depth], dims[depth]);
      for (let j = depth; j > i; j--) A = A.mmul(layer(layout, theta, j));
      let B = Matrix.eye(dims[0], dims[0]);
      for (let j = 1; j < i; j++) B = layer(layout, theta, j).mmul(B);
      const BR = B.mmul(R);
      K = K.add(BR.transpose().mmul(BR).kroneckerProduct(A.mmul(A.transpose())));
    }
    const ev = symmetricEigenvalues(Float64Array.from(K.to1DArray()), n);
    return ev[n - 1];
  }

  it.each([
    [[3, 4, 2], 1],
    [[2, 3, 5, 4], 2],
    [[4, 2, 3, 2], 3],
    [[2, 2, 2, 2, 2], 4],
  ])('equals the dense Hessian λ_max at random minimizers, dims %j', (dims, seed) => {
    const problem = randomProblem(dims, seed);
    const rng = new Rng(seed, 99);
    for (let trial = 0; trial < 3; trial++) {
      const theta = randomGauge(problem.layout, balancedMinimizer(problem), 0.5, rng);
      const dense = denseSharpness(problem, theta);
      expect(Math.abs(kroneckerSharpness(problem, theta) - dense)).toBeLessThan(1e-10 * dense);
    }
  });
});

describe('flattestMinimum against the closed forms', () => {
  it.each([1, 2, 3, 4])('scalar network of depth %i: λ* = N·a·|p|^(2(N−1)/N)', (depth) => {
    const x = [0.5, -1.2, 2, 0.3];
    const y = [1.1, -0.4, 1.7, -0.9];
    const problem = problemOf(new Array<number>(depth + 1).fill(1), matrixData([x], [y]));
    const mean = (v: number[]) => v.reduce((s, t) => s + t, 0) / v.length;
    const a = mean(x.map((t) => t * t));
    const p = mean(x.map((t, k) => t * y[k])) / a;
    const closed = depth * a * Math.abs(p) ** ((2 * (depth - 1)) / depth);
    const flat = flattestMinimum(problem);
    expect(Math.abs(flat.lambdaStar - closed)).toBeLessThan(1e-6 * closed);
    expect(Math.abs(flat.balancedSharpness - closed)).toBeLessThan(1e-10 * closed);
  });

  it.each([
    [[3, 4, 2], 5],
    [[2, 3, 4], 6],
    [[4, 3, 3, 2], 7],
    [[2, 4, 4, 3], 8],
  ])('whitened inputs, dims %j: λ* = N·σ₁(T)^(2(N−1)/N), attained at the balanced point', (dims, seed) => {
    const problem = randomProblem(dims, seed, true);
    const N = dims.length - 1;
    const closed = N * leastSquaresMap(problem).sigma1 ** ((2 * (N - 1)) / N);
    const flat = flattestMinimum(problem);
    expect(Math.abs(flat.lambdaStar - closed)).toBeLessThan(1e-6 * closed);
    expect(Math.abs(flat.balancedSharpness - closed)).toBeLessThan(1e-10 * closed);
  });

  it('depth 1 has no gauge: λ* = λ_max(Σ)', () => {
    const problem = randomProblem([4, 3], 9);
    const flat = flattestMinimum(problem);
    const top = symmetricEigenvalues(problem.stats.sigma, 4)[3];
    expect(Math.abs(flat.lambdaStar - top)).toBeLessThan(1e-12 * top);
    expect(flat.iterations).toBe(0);
  });
});

describe.each([
  [[3, 3, 3], 1],
  [[3, 4, 2], 2],
  [[2, 3, 3, 2], 3],
  [[3, 3, 3, 3], 4],
  // d_out > rank: the curvature is taken in range(U) ⊗ ℝᵏ, and must still be the whole Hessian's λ_max
  [[2, 3, 3, 4], 5],
  [[3, 4, 5], 6],
])('flattestMinimum with a general Σ, dims %j', (dims, seed) => {
  const problem = randomProblem(dims, seed);
  const flat = flattestMinimum(problem);

  it('returns a global minimizer whose dense-Hessian λ_max is λ*', () => {
    const { lossMin } = minimumLoss(problem);
    expect(Math.abs(new LinearNet(problem).loss(flat.theta) - lossMin)).toBeLessThanOrEqual(
      1e-11 * Math.max(1, lossMin),
    );
    expect(gradientNorm(problem, flat.theta)).toBeLessThan(1e-10);
    expect(Math.abs(denseSharpness(problem, flat.theta) - flat.lambdaStar)).toBeLessThan(1e-10 * flat.lambdaStar);
  });

  it('reports the balanced point’s λ_max and does not exceed it', () => {
    const balanced = denseSharpness(problem, balancedMinimizer(problem));
    expect(Math.abs(flat.balancedSharpness - balanced)).toBeLessThan(1e-10 * balanced);
    expect(flat.lambdaStar).toBeLessThanOrEqual(flat.balancedSharpness);
  });

  it('is not beaten by nearby minimizers in random gauge directions', () => {
    // a local minimum over the gauge: every perturbation of θ* along the orbit is at least as sharp
    const rng = new Rng(seed, 7);
    for (const scale of [1e-3, 1e-2, 0.1]) {
      for (let trial = 0; trial < 4; trial++) {
        const moved = randomGauge(problem.layout, flat.theta, scale, rng);
        expect(denseSharpness(problem, moved)).toBeGreaterThanOrEqual(flat.lambdaStar * (1 - 1e-9));
      }
    }
  });

  it('is not beaten by random minimizers far from the balanced point', () => {
    const rng = new Rng(seed, 8);
    for (let trial = 0; trial < 8; trial++) {
      const moved = randomGauge(problem.layout, balancedMinimizer(problem), 0.5, rng);
      expect(denseSharpness(problem, moved)).toBeGreaterThanOrEqual(flat.lambdaStar * (1 - 1e-9));
    }
  });

  it('is deterministic', () => {
    const again = flattestMinimum(problem);
    expect(again.lambdaStar).toBe(flat.lambdaStar);
    expect(Array.from(again.theta)).toEqual(Array.from(flat.theta));
  });
});

describe('flattestMinimum below full rank (hidden width 1, d_in = d_out = 3)', () => {
  it.each([
    [[3, 1, 3], 11],
    [[3, 1, 3, 3], 12],
    [[3, 3, 1, 3], 13],
  ])('dims %j: the returned θ attains the rank-1 L*, is critical, and has λ_max = λ*', (dims, seed) => {
    const problem = randomProblem(dims, seed);
    const { lossMin, rank, rankTarget } = minimumLoss(problem);
    expect(rank).toBe(1);
    expect(rankTarget).toBe(3);
    const flat = flattestMinimum(problem);
    const net = new LinearNet(problem);
    expect(Math.abs(net.loss(flat.theta) - lossMin)).toBeLessThanOrEqual(1e-12 * Math.max(1, lossMin));
    expect(gradientNorm(problem, flat.theta)).toBeLessThan(1e-10);
    expect(Math.abs(denseSharpness(problem, flat.theta) - flat.lambdaStar)).toBeLessThan(1e-10 * flat.lambdaStar);
    const balanced = denseSharpness(problem, balancedMinimizer(problem));
    expect(Math.abs(flat.balancedSharpness - balanced)).toBeLessThan(1e-10 * balanced);
    expect(flat.lambdaStar).toBeLessThanOrEqual(flat.balancedSharpness);
    const rng = new Rng(seed, 5);
    for (let trial = 0; trial < 4; trial++) {
      const moved = randomGauge(problem.layout, flat.theta, 0.05, rng);
      expect(denseSharpness(problem, moved)).toBeGreaterThanOrEqual(flat.lambdaStar * (1 - 1e-9));
    }
  });
});

describe('flattestMinimum on a network with a few thousand parameters’ worth of curvature', () => {
  // 14 → 16 → 16 → 20 (800 parameters; curvature 196 × 196 after the reduction), where the evaluation
  // budget, not the search's own stopping rule, ends the default run
  const dims = [14, 16, 16, 20];
  const data = randomData({ dIn: 14, dOut: 20, n: 64, whiten: false, noise: 0.1, seed: 3 });
  const problem = problemOf(dims, data);

  it('is within 1e−6 (relative) of a reference run with 20× the evaluations, and within its bounds', () => {
    const flat = flattestMinimum(problem);
    const reference = flattestMinimum(problem, { maxEvaluations: 2000 });
    expect(reference.iterations).toBeGreaterThan(flat.iterations);
    expect(Math.abs(flat.lambdaStar - reference.lambdaStar)).toBeLessThanOrEqual(1e-6 * reference.lambdaStar);
    expect(flat.lambdaStar).toBeGreaterThanOrEqual(reference.lambdaStar * (1 - 1e-12));
    const { lowerBound, balancedSharpness } = theory(problem);
    expect(flat.lambdaStar).toBeGreaterThanOrEqual(lowerBound as number);
    expect(flat.lambdaStar).toBeLessThan(balancedSharpness as number);
    expect(Math.abs(denseSharpness(problem, flat.theta) - flat.lambdaStar)).toBeLessThan(1e-10 * flat.lambdaStar);
  }, 120_000);
});

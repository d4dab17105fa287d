/**
 * The exact identities of docs/theory.md ("Exact identities the tests use"), checked on one GD step
 * θ' = θ − η∇L(θ) computed through LinearNet, to round-off.
 */
import { describe, expect, it } from 'vitest';
import type { Normalization } from './data.js';
import { dataStats, matrixData, pointData } from './data.js';
import { denseHessian } from './hessian.js';
import type { Layout } from './layout.js';
import { makeLayout } from './layout.js';
import { LinearNet, makeProblem } from './linear-net.js';
import { Rng } from './rng.js';
import { sharpness, symmetricEigenvalues } from './sharpness.js';
import { randomNet, relErr } from './test-helpers.js';

/** |a − b| ≤ tol · scale, with the scale of the terms that were added up to make a and b. */
function expectClose(a: number, b: number, scale: number, tol = 1e-12): void {
  expect(Math.abs(a - b)).toBeLessThanOrEqual(tol * Math.max(1, scale));
}

/** One GD step; returns θ' and the gradient at θ. */
function gdStep(net: LinearNet, theta: Float64Array, eta: number): { next: Float64Array; grad: Float64Array } {
  const grad = new Float64Array(theta.length);
  net.evaluate(theta, grad);
  return { next: theta.map((t, i) => t - eta * grad[i]), grad };
}

/** Row-major copy of W_i (1-based) out of a flat vector. */
function layer(layout: Layout, v: Float64Array, i: number): Float64Array {
  const start = layout.offsets[i - 1];
  return v.slice(start, start + layout.dims[i] * layout.dims[i - 1]);
}

/** MᵀM for M stored rows × cols. */
function gramT(M: Float64Array, rows: number, cols: number): Float64Array {
  const out = new Float64Array(cols * cols);
  for (let a = 0; a < cols; a++) {
    for (let b = 0; b < cols; b++) {
      let s = 0;
      for (let r = 0; r < rows; r++) s += M[r * cols + a] * M[r * cols + b];
      out[a * cols + b] = s;
    }
  }
  return out;
}

/** M Mᵀ for M stored rows × cols. */
function gram(M: Float64Array, rows: number, cols: number): Float64Array {
  const out = new Float64Array(rows * rows);
  for (let a = 0; a < rows; a++) {
    for (let b = 0; b < rows; b++) {
      let s = 0;
      for (let c = 0; c < cols; c++) s += M[a * cols + c] * M[b * cols + c];
      out[a * rows + b] = s;
    }
  }
  return out;
}

function maxAbs(...arrays: Float64Array[]): number {
  let m = 0;
  for (const a of arrays) for (const v of a) m = Math.max(m, Math.abs(v));
  return m;
}

function scalarNet(depth: number, x: readonly number[], y: readonly number[], normalization: Normalization = 'mean') {
  const data = matrixData([x], [y]);
  return new LinearNet(makeProblem(makeLayout(new Array<number>(depth + 1).fill(1)), dataStats(data, normalization)));
}

describe('two-layer scalar network, L = ½(xy − 1)²', () => {
  const net = new LinearNet(makeProblem(makeLayout([1, 1, 1]), dataStats(pointData([1], [1]), 'mean')));
  const rng = new Rng(2024, 0);

  it('one GD step obeys the recurrences for x² − y², p = xy and s = x² + y²', () => {
    for (let trial = 0; trial < 200; trial++) {
      const x = 1.5 * rng.nextNormal();
      const y = 1.5 * rng.nextNormal();
      const eta = 0.05 + 1.5 * rng.nextDouble();
      const { next } = gdStep(net, Float64Array.from([x, y]), eta);
      const [x1, y1] = next;
      const p = x * y;
      const r = p - 1;
      const s = x * x + y * y;
      const e2r2 = eta * eta * r * r;
      // scales: the largest term on either side, which bounds the round-off of both
      const sc = (x1 * x1 + y1 * y1 + s * (1 + e2r2)) * 4;
      expectClose(x1 * x1 - y1 * y1, (x * x - y * y) * (1 - e2r2), sc);
      expectClose(x1 * y1, p - eta * r * s + e2r2 * p, sc + Math.abs(eta * r * s));
      expectClose(x1 * x1 + y1 * y1, s - 4 * eta * p * r + e2r2 * s, sc + Math.abs(4 * eta * p * r));
    }
  });

  it('the Hessian is [[y², 2xy − 1], [2xy − 1, x²]] anywhere, with eigenvalues 0 and x² + y² on xy = 1', () => {
    for (let trial = 0; trial < 50; trial++) {
      const x = 1.5 * rng.nextNormal();
      const y = 1.5 * rng.nextNormal();
      const H = denseHessian(net, Float64Array.from([x, y]));
      expect(relErr(H, [y * y, 2 * x * y - 1, 2 * x * y - 1, x * x])).toBeLessThan(1e-12);

      // at the minimizer (x, 1/x)
      const xm = Math.exp(rng.nextNormal());
      const ym = 1 / xm;
      const Hm = denseHessian(net, Float64Array.from([xm, ym]));
      const q = 2 * xm * ym - 1;
      expect(relErr(Hm, [ym * ym, q, q, xm * xm])).toBeLessThan(1e-12);
      const ev = symmetricEigenvalues(Hm, 2);
      const s = xm * xm + ym * ym;
      expect(s).toBeGreaterThanOrEqual(2);
      expectClose(ev[0], 0, s);
      expectClose(ev[1], s, s);
      expectClose(sharpness(net, Float64Array.from([xm, ym])), s, s);
    }
  });
});

describe.each([[[3, 4, 2]], [[2, 2, 2]], [[4, 3, 5, 2]], [[1, 1, 1, 1]], [[3, 2, 4, 3, 2]]])(
  'balancedness drift under one GD step, dims %j',
  (dims) => {
    it('W′ᵢ₊₁ᵀW′ᵢ₊₁ − W′ᵢW′ᵢᵀ = (Wᵢ₊₁ᵀWᵢ₊₁ − WᵢWᵢᵀ) + η²(gᵢ₊₁ᵀgᵢ₊₁ − gᵢgᵢᵀ) for every i', () => {
      for (const seed of [1, 2, 3]) {
        const { net, theta } = randomNet(dims, seed);
        const layout = net.problem.layout;
        for (const eta of [0.01, 0.1, 0.5]) {
          const { next, grad } = gdStep(net, theta, eta);
          for (let i = 1; i < layout.depth; i++) {
            const d0 = layout.dims[i - 1];
            const d1 = layout.dims[i];
            const d2 = layout.dims[i + 1];
            // W_i is d1 × d0, W_{i+1} is d2 × d1; both sides are d1 × d1
            const upper = gramT(layer(layout, next, i + 1), d2, d1);
            const lower = gram(layer(layout, next, i), d1, d0);
            const upper0 = gramT(layer(layout, theta, i + 1), d2, d1);
            const lower0 = gram(layer(layout, theta, i), d1, d0);
            const gUpper = gramT(layer(layout, grad, i + 1), d2, d1);
            const gLower = gram(layer(layout, grad, i), d1, d0);
            const lhs = upper.map((u, k) => u - lower[k]);
            const rhs = upper0.map((u, k) => u - lower0[k] + eta * eta * (gUpper[k] - gLower[k]));
            // first-order terms η(…) cancel only up to round-off of their own size
            const scale = maxAbs(upper, lower, upper0, lower0) + eta * eta * maxAbs(gUpper, gLower);
            const gw = Math.sqrt(maxAbs(gUpper, gLower) * maxAbs(upper0, lower0));
            expect(maxAbs(lhs.map((v, k) => v - rhs[k]))).toBeLessThanOrEqual(1e-12 * Math.max(1, scale + eta * gw));
          }
        }
      }
    });
  },
);

describe('scalar network at a non-balanced global minimizer', () => {
  /** Factors with product 1, far from balanced. */
  const FACTORS: Record<number, number[]> = {
    2: [2, 0.5],
    3: [2, 0.5, 1],
    4: [2, 0.5, 3, 1 / 3],
  };

  for (const depth of [2, 3, 4]) {
    for (const normalization of ['mean', 'sum'] as const) {
      it(`depth ${depth}, ${normalization}: ∇²L = a·g gᵀ and λ_max = a·p²·Σ 1/wᵢ²`, () => {
        const rng = new Rng(77, depth);
        const n = 5;
        const xs = Array.from({ length: n }, () => rng.nextNormal());
        const ys = Array.from({ length: n }, () => 1 + rng.nextNormal());
        const net = scalarNet(depth, xs, ys, normalization);
        const scale = normalization === 'mean' ? 1 / n : 1;
        const a = xs.reduce((s, x) => s + x * x, 0) * scale;
        const p = (xs.reduce((s, x, k) => s + x * ys[k], 0) * scale) / a;
        const root = Math.abs(p) ** (1 / depth);
        const w = FACTORS[depth].map((c) => c * root);
        w[depth - 1] *= Math.sign(p);
        const theta = Float64Array.from(w);
        const g = w.map((_, i) => w.reduce((prod, wj, j) => (j === i ? prod : prod * wj), 1));

        const grad = new Float64Array(depth);
        net.evaluate(theta, grad);
        expect(Math.max(...grad.map(Math.abs))).toBeLessThan(1e-12 * Math.max(1, a * p * p));

        const H = denseHessian(net, theta);
        const rankOne = new Float64Array(depth * depth);
        for (let i = 0; i < depth; i++) for (let j = 0; j < depth; j++) rankOne[i * depth + j] = a * g[i] * g[j];
        expect(relErr(H, rankOne)).toBeLessThan(1e-12);

        const lambda = a * p * p * w.reduce((s, wi) => s + 1 / (wi * wi), 0);
        expectClose(sharpness(net, theta), lambda, lambda);
        expectClose(sharpness(net, theta, { method: 'lanczos' }), lambda, lambda);
        const ev = symmetricEigenvalues(H, depth);
        for (let i = 0; i < depth - 1; i++) expectClose(ev[i], 0, lambda);
        // the balanced point is flatter: λ* = N·a·|p|^{2(N−1)/N} (AM–GM)
        expect(lambda).toBeGreaterThan(depth * a * Math.abs(p) ** ((2 * (depth - 1)) / depth));
      });
    }
  }
});

describe.each([[[1, 1, 1]], [[3, 2]], [[3, 4, 2]], [[2, 3, 3, 2]]])('GD map G(θ) = θ − η∇L(θ), dims %j', (dims) => {
  it('has Jacobian I − η∇²L (central differences of the map, 1e-7 relative)', () => {
    const { net, theta } = randomNet(dims, 9);
    const p = theta.length;
    const eta = 0.3;
    const H = denseHessian(net, theta);
    const jac = new Float64Array(p * p);
    for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) jac[i * p + j] = (i === j ? 1 : 0) - eta * H[i * p + j];
    const h = 1e-5;
    const fd = new Float64Array(p * p);
    for (let j = 0; j < p; j++) {
      const up = theta.slice();
      up[j] += h;
      const down = theta.slice();
      down[j] -= h;
      const gUp = gdStep(net, up, eta).next;
      const gDown = gdStep(net, down, eta).next;
      for (let i = 0; i < p; i++) fd[i * p + j] = (gUp[i] - gDown[i]) / (2 * h);
    }
    expect(relErr(fd, jac)).toBeLessThan(1e-7);
  });
});

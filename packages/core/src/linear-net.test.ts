import { describe, expect, it } from 'vitest';
import { dataStats, matrixData } from './data.js';
import { makeLayout } from './layout.js';
import { LinearNet, makeProblem } from './linear-net.js';
import { randomNet, relErr } from './test-helpers.js';

const SHAPES: number[][] = [
  [3, 2], // depth 1
  [1, 1, 1], // scalar depth 2
  [3, 4, 2], // depth 2, non-square
  [2, 3, 5, 4], // depth 3
  [4, 3, 2, 3, 5, 2], // depth 5
];

describe('LinearNet loss', () => {
  it('equals 1/(2n)‖PX − Y‖² computed from the raw data', () => {
    const X = [
      [1, 2, -1, 0.5],
      [0, 1, 3, -2],
    ];
    const Y = [[1, -1, 2, 0]];
    const data = matrixData(X, Y);
    const net = new LinearNet(makeProblem(makeLayout([2, 3, 1]), dataStats(data, 'mean')));
    const theta = Float64Array.from([0.3, -0.2, 0.5, 0.1, -0.7, 0.4, 1.1, -0.6, 0.25]);
    // P = W2 W1 (1×2), W1 is 3×2, W2 is 1×3
    const W1 = [
      [0.3, -0.2],
      [0.5, 0.1],
      [-0.7, 0.4],
    ];
    const W2 = [1.1, -0.6, 0.25];
    const P = [0, 1].map((c) => W2.reduce((s, w, r) => s + w * W1[r][c], 0));
    let direct = 0;
    for (let k = 0; k < 4; k++) {
      const r = P[0] * X[0][k] + P[1] * X[1][k] - Y[0][k];
      direct += r * r;
    }
    expect(net.loss(theta)).toBeCloseTo(direct / 8, 14);
    const sumNet = new LinearNet(makeProblem(makeLayout([2, 3, 1]), dataStats(data, 'sum')));
    expect(sumNet.loss(theta)).toBeCloseTo(direct / 2, 13);
  });
});

describe.each(SHAPES)('LinearNet derivatives, dims %j', (...dims) => {
  it('gradient matches central finite differences', () => {
    const { net, theta } = randomNet(dims, 11 + dims.length);
    const p = theta.length;
    const grad = new Float64Array(p);
    net.evaluate(theta, grad);
    const fd = new Float64Array(p);
    const h = 1e-6;
    for (let i = 0; i < p; i++) {
      const t = theta.slice();
      t[i] += h;
      const up = net.loss(t);
      t[i] -= 2 * h;
      fd[i] = (up - net.loss(t)) / (2 * h);
    }
    expect(relErr(grad, fd)).toBeLessThan(1e-7);
  });

  it('Hessian-vector product matches finite differences of the gradient', () => {
    const { net, theta } = randomNet(dims, 5 + dims.length);
    const p = theta.length;
    const e = new Float64Array(p).map((_, i) => Math.sin(1 + 3 * i));
    const hv = new Float64Array(p);
    const g = new Float64Array(p);
    net.evaluate(theta, g);
    net.hvp(e, hv);
    const h = 1e-5;
    const gp = new Float64Array(p);
    const gm = new Float64Array(p);
    net.evaluate(
      theta.map((t, i) => t + h * e[i]),
      gp,
    );
    net.evaluate(
      theta.map((t, i) => t - h * e[i]),
      gm,
    );
    const fd = gp.map((v, i) => (v - gm[i]) / (2 * h));
    expect(relErr(hv, fd)).toBeLessThan(1e-7);
  });
});

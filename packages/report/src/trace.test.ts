import { resolveConfig } from '@eos-sweep/config';
import { denseHessian, LinearNet, Rng, sharpness, symmetricEigenvalues, TrajectoryRunner } from '@eos-sweep/core';
import { buildProblem, initializationOf, prepareSweep } from '@eos-sweep/engine';
import { describe, expect, it } from 'vitest';
import { gdJacobianDet, signChanges, traceTrajectory } from './trace.js';

/** det(A) by Gaussian elimination with partial pivoting (row-major n × n). */
function determinant(a: Float64Array, n: number): number {
  const m = Float64Array.from(a);
  let det = 1;
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r * n + c]) > Math.abs(m[piv * n + c])) piv = r;
    if (m[piv * n + c] === 0) return 0;
    if (piv !== c) {
      for (let k = 0; k < n; k++) [m[c * n + k], m[piv * n + k]] = [m[piv * n + k], m[c * n + k]];
      det = -det;
    }
    det *= m[c * n + c];
    for (let r = c + 1; r < n; r++) {
      const f = m[r * n + c] / m[c * n + c];
      for (let k = c; k < n; k++) m[r * n + k] -= f * m[c * n + k];
    }
  }
  return det;
}

const deepConfig = resolveConfig(
  {
    seed: 3,
    model: { depth: 3, hidden: 3 },
    data: { kind: 'random', dIn: 2, dOut: 2, n: 12, whiten: false, noise: 0.2, seed: 5 },
    init: { kind: 'gaussian', std: 0.7 },
    sweep: { eta: { values: [0.1] }, trajectories: 10, maxSteps: 4000 },
  },
  [],
);

describe('det(I − η∇²L)', () => {
  it('equals the determinant computed directly, for random symmetric matrices', () => {
    const rng = new Rng(11, 0);
    for (let trial = 0; trial < 20; trial++) {
      const n = 2 + (trial % 5);
      const h = new Float64Array(n * n);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j <= i; j++) {
          const v = 2 * rng.nextNormal();
          h[i * n + j] = v;
          h[j * n + i] = v;
        }
      }
      const eta = 0.05 + rng.nextDouble();
      const a = new Float64Array(n * n);
      for (let i = 0; i < n * n; i++) a[i] = (i % (n + 1) === 0 ? 1 : 0) - eta * h[i];
      const direct = determinant(a, n);
      const viaEigen = gdJacobianDet(symmetricEigenvalues(h, n), eta);
      expect(Math.abs(viaEigen - direct)).toBeLessThanOrEqual(1e-10 * Math.max(1, Math.abs(direct)));
    }
  });

  it('counts sign changes, skipping samples that are not computed', () => {
    expect(signChanges([1, Number.NaN, -2, -3, Number.NaN, 4, 0, 5])).toBe(2);
    expect(signChanges([])).toBe(0);
  });
});

describe('traceTrajectory', () => {
  it('stops where run stops: same outcome, steps and final loss as TrajectoryRunner', async () => {
    const prepared = await prepareSweep(deepConfig, process.cwd());
    const { setup, theory } = prepared;
    const problem = buildProblem(setup.problem);
    const runner = new TrajectoryRunner(problem, setup.trajectory);
    const init = new Float64Array(problem.layout.paramCount);
    const etaC = theory.etaCritical as number;
    for (const ratio of [0.5, 0.95, 1.2]) {
      for (let k = 0; k < 4; k++) {
        const eta = ratio * etaC;
        const expected = runner.run(eta, initializationOf(setup, problem.layout, k, init));
        const trace = traceTrajectory(setup, eta, k, { every: 25 });
        expect(trace.steps).toBe(expected.steps);
        expect(trace.outcome).toBe(['converged', 'saddle', 'periodic', 'diverged', 'unresolved'][expected.outcome]);
        expect(trace.loss.length).toBe(expected.steps + 1);
        expect(trace.loss[trace.loss.length - 1]).toBe(expected.lossFinal);
        expect(trace.loss[0]).toBe(expected.lossInitial);
      }
    }
  });

  it('the warm-started Lanczos sharpness agrees with the dense eigendecomposition at every sample', async () => {
    const prepared = await prepareSweep(deepConfig, process.cwd());
    const { setup } = prepared;
    const eta = 0.9 * (prepared.theory.etaCritical as number);
    // a trajectory that converges, so that the samples span the whole approach to a minimum
    const k = [0, 1, 2, 3, 4, 5, 6, 7].find(
      (j) => traceTrajectory(setup, eta, j, { every: 1000 }).outcome === 'converged',
    );
    expect(k).toBeDefined();
    const trace = traceTrajectory(setup, eta, k as number, { every: 7 });
    const problem = buildProblem(setup.problem);
    const net = new LinearNet(problem);
    // replay GD to the sampled steps and compare
    const theta = initializationOf(setup, problem.layout, k as number, new Float64Array(problem.layout.paramCount));
    const grad = new Float64Array(theta.length);
    let checked = 0;
    for (let t = 0; t <= trace.steps; t++) {
      if (Number.isFinite(trace.sharpness[t])) {
        const dense = sharpness(net, theta, { method: 'dense' });
        expect(Math.abs(trace.sharpness[t] - dense)).toBeLessThanOrEqual(1e-8 * Math.max(1, Math.abs(dense)));
        expect(trace.etaSharpnessHalf[t]).toBe((eta * trace.sharpness[t]) / 2);
        const det = gdJacobianDet(symmetricEigenvalues(denseHessian(net, theta), theta.length), eta);
        expect(Math.abs(trace.jacobianDet[t] - det)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(det)));
        checked++;
      } else {
        expect(t % 7).not.toBe(0);
      }
      net.evaluate(theta, grad);
      for (let i = 0; i < theta.length; i++) theta[i] -= eta * grad[i];
    }
    expect(checked).toBeGreaterThan(2);
    expect(Number.isFinite(trace.sharpness[trace.steps])).toBe(true);
  });

  it('default scalar problem at 0.9·η_c: converged runs end between λ* = 2 and 2/η, det = 1 − ηλ_max', async () => {
    const prepared = await prepareSweep(resolveConfig(undefined, []), process.cwd());
    const eta = 0.9 * (prepared.theory.etaCritical as number);
    let converged = 0;
    for (let k = 0; k < 10; k++) {
      const trace = traceTrajectory(prepared.setup, eta, k, { every: 1 });
      if (trace.outcome !== 'converged') continue;
      converged++;
      expect(trace.sharpnessFinal).toBeGreaterThanOrEqual(2 - 1e-9);
      expect(trace.sharpnessFinal).toBeLessThanOrEqual(2 / eta + 1e-9);
      const det = trace.jacobianDet[trace.steps];
      expect(Number.isFinite(det)).toBe(true);
      // at a minimizer of the two-layer scalar network the Hessian has eigenvalues 0 and λ_max
      expect(det).toBeCloseTo(1 - eta * trace.sharpnessFinal, 8);
    }
    expect(converged).toBeGreaterThan(3);
  });
});

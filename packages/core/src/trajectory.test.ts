/**
 * Real GD trajectories through runTrajectory / TrajectoryRunner, against what docs/theory.md says they do
 * ("What trajectories do"). Scalar networks with one point x = y = 1 have λ* = N and η_c = 2/N.
 */
import { Matrix, SingularValueDecomposition } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import type { ClassifyOptions } from './classify.js';
import { DEFAULT_CLASSIFY, OUTCOME_CODE } from './classify.js';
import { dataStats, pointData, randomData } from './data.js';
import { initialParams } from './init.js';
import type { KernelKind } from './kernels/kernel.js';
import { makeLayout } from './layout.js';
import type { Problem } from './linear-net.js';
import { LinearNet, makeProblem, norm2 } from './linear-net.js';
import type { TrajectoryOptions, TrajectoryResult } from './trajectory.js';
import { runTrajectory, TrajectoryRunner } from './trajectory.js';

function scalarProblem(depth: number): Problem {
  return makeProblem(makeLayout(new Array<number>(depth + 1).fill(1)), dataStats(pointData([1], [1])));
}

function run(
  problem: Problem,
  eta: number,
  init: readonly number[],
  options: Partial<TrajectoryOptions> = {},
  classify: Partial<ClassifyOptions> = {},
): TrajectoryResult {
  return runTrajectory(problem, eta, Float64Array.from(init), {
    lossMin: 0,
    weights: true,
    ...options,
    classify: { ...DEFAULT_CLASSIFY, ...classify },
  });
}

/** θ − η∇L(θ). */
function gdMap(net: LinearNet, theta: Float64Array, eta: number): Float64Array {
  const grad = new Float64Array(theta.length);
  net.evaluate(theta, grad);
  return theta.map((t, i) => t - eta * grad[i]);
}

function distance(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] - b[i]) ** 2;
  return Math.sqrt(s);
}

function norm(a: Float64Array): number {
  return distance(a, new Float64Array(a.length));
}

/** λ_max at a scalar minimizer with x = y = 1: a·p²·Σ 1/wᵢ² with a = p = 1. */
function scalarMinimizerSharpness(w: Float64Array): number {
  return w.reduce((s, wi) => s + 1 / (wi * wi), 0);
}

describe('above η_c: period-2 orbits', () => {
  for (const [depth, init] of [
    [2, [1.01, 0.98]],
    [3, [1.01, 0.99, 1]],
  ] as const) {
    it(`depth ${depth} at η = 1.05 η_c from near the balanced minimizer`, () => {
      const problem = scalarProblem(depth);
      const eta = 1.05 * (2 / depth);
      const r = run(problem, eta, init);
      expect(r.outcome).toBe(OUTCOME_CODE.periodic);
      expect(r.period).toBe(2);
      // the final θ is on a genuine period-2 orbit of the GD map: G(G(θ)) ≈ θ ≠ G(θ)
      const net = new LinearNet(problem);
      const theta = r.weightsFinal as Float64Array;
      const once = gdMap(net, theta, eta);
      const twice = gdMap(net, once, eta);
      expect(distance(twice, theta)).toBeLessThan(1e-7 * (1 + norm(theta)));
      expect(distance(once, theta)).toBeGreaterThan(1e-2 * (1 + norm(theta)));
      // never at a minimizer: the loss stays far above L* = 0
      expect(Math.min(net.loss(theta), net.loss(once))).toBeGreaterThan(1e-4);
      expect(r.lossFinal).toBe(net.loss(theta));
    });
  }

  it('depth 2 at η = 1.25: a period-4 orbit (after the second period doubling)', () => {
    const problem = scalarProblem(2);
    const eta = 1.25;
    const r = run(problem, eta, [1.01, 0.98]);
    expect(r).toMatchObject({ outcome: OUTCOME_CODE.periodic, period: 4 });
    const net = new LinearNet(problem);
    const orbit = [r.weightsFinal as Float64Array];
    for (let i = 0; i < 4; i++) orbit.push(gdMap(net, orbit[i], eta));
    const scale = 1 + norm(orbit[0]);
    expect(distance(orbit[4], orbit[0])).toBeLessThan(1e-7 * scale);
    expect(distance(orbit[2], orbit[0])).toBeGreaterThan(1e-3 * scale);
  });

  it('depth 2 at η = 1.05: the orbit is balanced (x² − y² shrinks by 1 − η²r² each step)', () => {
    const r = run(scalarProblem(2), 1.05, [1.2, 0.8]);
    expect(r.outcome).toBe(OUTCOME_CODE.periodic);
    const [x, y] = r.weightsFinal as Float64Array;
    expect(Math.abs(x * x - y * y)).toBeLessThan(1e-6);
  });
});

describe('divergence', () => {
  const c0 = 0.5;

  function expectDiverged(r: TrajectoryResult): void {
    expect(r.outcome).toBe(OUTCOME_CODE.diverged);
    expect(r.period).toBe(0);
    const theta = r.weightsFinal as Float64Array;
    const tripped =
      !Number.isFinite(r.lossFinal) ||
      r.lossFinal > DEFAULT_CLASSIFY.divergeFactor * Math.max(r.lossInitial, c0) ||
      theta.some((v) => !(Math.abs(v) <= DEFAULT_CLASSIFY.paramLimit));
    expect(tripped).toBe(true);
  }

  it('η = 10 stops within a few steps', () => {
    for (const depth of [2, 3, 5]) {
      const r = run(scalarProblem(depth), 10, new Array(depth).fill(1.1));
      expectDiverged(r);
      expect(r.steps).toBeLessThan(10);
    }
  });

  it('a huge initialization stops at once', () => {
    const r = run(scalarProblem(2), 0.5, [1e4, 1e4]);
    expectDiverged(r);
    expect(r.steps).toBeLessThanOrEqual(2);
    expect(r.lossMin).toBe(r.lossInitial);
  });

  it('a parameter already above paramLimit diverges at step 0', () => {
    const r = run(scalarProblem(2), 0.1, [2e6, 1e-6]);
    expect(r).toMatchObject({ outcome: OUTCOME_CODE.diverged, steps: 0 });
  });

  // The final θ of a diverging deep net can have a finite Hessian with entries > 1e154, beyond what
  // ml-matrix's EVD can square; the trajectory must still end as 'diverged'.
  it('a diverging deep net whose final Hessian is huge still returns a result', () => {
    const r = run(scalarProblem(4), 0.1, [1e4, 1e4, 1e4, 1e4]);
    expect(r.outcome).toBe(OUTCOME_CODE.diverged);
  });
});

describe('the degenerate saddle θ = 0 (depth ≥ 3)', () => {
  it('a start at 0 or at 1e-6·(1, 1, 1) stalls: saddle, loss far above L*', () => {
    for (const s of [0, 1e-6]) {
      const r = run(scalarProblem(3), 0.3, [s, s, s]);
      expect(r.outcome).toBe(OUTCOME_CODE.saddle);
      expect(r.steps).toBeLessThan(2 * DEFAULT_CLASSIFY.holdSteps);
      expect(r.lossFinal).toBeGreaterThan(0.49);
      expect(r.gradNormFinal).toBeLessThanOrEqual(DEFAULT_CLASSIFY.gradTol);
    }
  });

  it('gradTol decides whether a start at 1e-4 (‖∇L‖ ≈ 1.7e-8) is a stall', () => {
    const eta = 0.3;
    // θ grows like 1/(1/θ₀ − ηt): escaping takes ~1/(η·θ₀) ≈ 3·10⁴ steps
    const slow = run(scalarProblem(3), eta, [1e-4, 1e-4, 1e-4], { maxSteps: 2000 });
    expect(slow.outcome).toBe(OUTCOME_CODE.unresolved);
    expect(slow.steps).toBe(2000);
    const stalled = run(scalarProblem(3), eta, [1e-4, 1e-4, 1e-4], {}, { gradTol: 1e-6 });
    expect(stalled.outcome).toBe(OUTCOME_CODE.saddle);
    // and lossTol/lossMin decide what a critical point is called
    expect(run(scalarProblem(3), eta, [0, 0, 0], {}, { lossTol: 1 }).outcome).toBe(OUTCOME_CODE.converged);
  });
});

describe('below η_c: convergence', () => {
  for (const [depth, init] of [
    [2, [1.3, 0.8]],
    [3, [1.1, 0.9, 1]],
    [4, [1.1, 0.9, 1.05, 1]],
  ] as const) {
    it(`depth ${depth} at 0.9 η_c ends at a minimizer with λ* ≤ sharpness < 2/η`, () => {
      const eta = 0.9 * (2 / depth);
      const r = run(scalarProblem(depth), eta, init);
      expect(r.outcome).toBe(OUTCOME_CODE.converged);
      expect(r.period).toBe(0);
      expect(r.sharpnessFinal).toBeGreaterThanOrEqual(depth * (1 - 1e-9));
      expect(r.sharpnessFinal).toBeLessThan(2 / eta);
      const w = r.weightsFinal as Float64Array;
      expect(Math.abs(r.sharpnessFinal - scalarMinimizerSharpness(w))).toBeLessThan(1e-8 * depth);
      const net = new LinearNet(scalarProblem(depth));
      const grad0 = new Float64Array(depth);
      net.evaluate(Float64Array.from(init), grad0);
      expect(r.gradNormFinal).toBeLessThanOrEqual(DEFAULT_CLASSIFY.gradTol * Math.max(1, norm(grad0)));
      // L = ‖∇L‖²/(2‖g‖²) ≤ 1e-20 here; the loss from (Σ, C, c₀) is only accurate to ~ε·c₀ absolute
      expect(r.lossFinal).toBeLessThan(1e-15);
      expect(r.lossMin).toBeLessThanOrEqual(r.lossFinal);
      expect(r.paramNormInitial).toBe(norm(Float64Array.from(init)));
      expect(r.paramNormFinal).toBe(norm(w));
    });
  }

  it('edge of stability: from a start sharper than 2/η, GD still ends at a minimizer flatter than 2/η', () => {
    const eta = 0.9;
    const r = run(scalarProblem(2), eta, [1.3, 0.8]);
    expect(r.sharpnessInitial).toBeGreaterThan(2 / eta);
    expect(r.outcome).toBe(OUTCOME_CODE.converged);
    expect(r.sharpnessFinal).toBeLessThan(2 / eta);
  });

  it('exactly at a minimizer (even for η > η_c): converged after holdSteps, θ unchanged', () => {
    for (const holdSteps of [1, 10, 50]) {
      const r = run(scalarProblem(2), 1.5, [2, 0.5], {}, { holdSteps });
      expect(r).toMatchObject({ outcome: OUTCOME_CODE.converged, steps: holdSteps - 1, lossFinal: 0 });
      expect(Array.from(r.weightsFinal as Float64Array)).toEqual([2, 0.5]);
      expect(Math.abs(r.sharpnessFinal - 4.25)).toBeLessThan(1e-12);
    }
  });

  it('slow convergence at 0.99 and 0.999 η_c is converged, not periodic', () => {
    for (const [ratio, init] of [
      [0.99, [1.05, 1.05]],
      [0.99, [1.02, 1]],
      [0.999, [1.05, 1]],
    ] as const) {
      const eta = ratio * 1;
      const r = run(scalarProblem(2), eta, init);
      expect(r.outcome).toBe(OUTCOME_CODE.converged);
      // contraction |1 − 2η/η_c| ≈ 1 − 2(1 − ratio) per step: reducing the distance from ~1e-2 to
      // ~1e-10 takes at least ln(1e8) / (2(1 − ratio)) steps (halved for slack)
      expect(r.steps).toBeGreaterThan(Math.log(1e8) / (2 * (1 - ratio)) / 2);
      expect(r.sharpnessFinal).toBeLessThan(2 / eta);
      expect(r.sharpnessFinal).toBeGreaterThanOrEqual(2 * (1 - 1e-9));
    }
  });

  it('a random whitened problem converges to L* = c₀ − ½‖T‖² with λ* ≤ sharpness ≤ 2/η', () => {
    const data = randomData({ dIn: 3, dOut: 2, n: 20, whiten: true, noise: 0.3, seed: 12 });
    const stats = dataStats(data);
    const problem = makeProblem(makeLayout([3, 3, 2]), stats);
    // Σ = I: T = C, λ* = N·σ₁(T)^{2(N−1)/N}
    const T = new Matrix(2, 3);
    for (let i = 0; i < 2; i++) for (let j = 0; j < 3; j++) T.set(i, j, stats.cross[i * 3 + j]);
    const sigma1 = new SingularValueDecomposition(T, { autoTranspose: true }).diagonal[0];
    const lambdaStar = 2 * sigma1;
    const lossMin = stats.c0 - 0.5 * T.norm('frobenius') ** 2;
    expect(lossMin).toBeGreaterThan(0);
    const eta = 0.5 * (2 / lambdaStar);
    const init = initialParams(problem.layout, { kind: 'gaussian', std: 0.5 }, 7, 0, new Float64Array(15));
    const r = runTrajectory(problem, eta, init, { lossMin });
    expect(r.outcome).toBe(OUTCOME_CODE.converged);
    expect(Math.abs(r.lossFinal - lossMin)).toBeLessThanOrEqual(1e-10 * Math.max(1, lossMin));
    expect(r.sharpnessFinal).toBeGreaterThanOrEqual(lambdaStar * (1 - 1e-9));
    expect(r.sharpnessFinal).toBeLessThanOrEqual(2 / eta);
    // the same end point is a saddle if L* is claimed lower than it is
    expect(runTrajectory(problem, eta, init, { lossMin: lossMin - 1e-6 }).outcome).toBe(OUTCOME_CODE.saddle);
  });
});

describe('every threshold changes the outcome', () => {
  const p2 = scalarProblem(2);

  it('maxSteps too small: unresolved, never a wrong diverged', () => {
    const r = run(p2, 0.99, [1.05, 1.05], { maxSteps: 100 });
    expect(r).toMatchObject({ outcome: OUTCOME_CODE.unresolved, steps: 100, period: 0 });
    expect(run(p2, 1.05, [1.01, 0.98], { maxSteps: 50 }).outcome).toBe(OUTCOME_CODE.unresolved);
  });

  it('periods: a period-2 orbit is reported as period 4 when only 4 is listed, and not at all with none', () => {
    expect(run(p2, 1.05, [1.01, 0.98], {}, { periods: [4] })).toMatchObject({
      outcome: OUTCOME_CODE.periodic,
      period: 4,
    });
    expect(run(p2, 1.05, [1.01, 0.98], { maxSteps: 3000 }, { periods: [] }).outcome).toBe(OUTCOME_CODE.unresolved);
  });

  it('periodHold and periodTol move the detection, periodAmplitude can forbid it', () => {
    const base = run(p2, 1.05, [1.01, 0.98]);
    const quick = run(p2, 1.05, [1.01, 0.98], {}, { periodHold: 10 });
    const strict = run(p2, 1.05, [1.01, 0.98], {}, { periodTol: 1e-13 });
    expect(quick).toMatchObject({ outcome: OUTCOME_CODE.periodic, period: 2 });
    expect(strict).toMatchObject({ outcome: OUTCOME_CODE.periodic, period: 2 });
    expect(quick.steps).toBeLessThan(base.steps);
    expect(strict.steps).toBeGreaterThan(base.steps);
    const never = run(p2, 1.05, [1.01, 0.98], { maxSteps: 3000 }, { periodAmplitude: 1 });
    expect(never.outcome).toBe(OUTCOME_CODE.unresolved);
  });

  it('paramLimit and divergeFactor', () => {
    expect(run(p2, 0.5, [1.5, 1.5]).outcome).toBe(OUTCOME_CODE.converged);
    expect(run(p2, 0.5, [1.5, 1.5], {}, { paramLimit: 1.4 })).toMatchObject({
      outcome: OUTCOME_CODE.diverged,
      steps: 0,
    });
    expect(run(p2, 0.5, [1.5, 1.5], {}, { divergeFactor: 0.5 })).toMatchObject({
      outcome: OUTCOME_CODE.diverged,
      steps: 0,
    });
  });
});

describe('optional fields', () => {
  it('sharpness and weights are only recorded when asked', () => {
    const r = runTrajectory(scalarProblem(2), 0.5, Float64Array.from([1.5, 0.7]), { lossMin: 0, sharpness: false });
    expect(r.sharpnessInitial).toBeNaN();
    expect(r.sharpnessFinal).toBeNaN();
    expect(r.weightsFinal).toBeNull();
  });

  it('the caller’s initial parameters are not modified', () => {
    const init = Float64Array.from([1.3, 0.8]);
    runTrajectory(scalarProblem(2), 0.9, init, { lossMin: 0 });
    expect(Array.from(init)).toEqual([1.3, 0.8]);
  });
});

describe('determinism', () => {
  function expectIdentical(a: TrajectoryResult, b: TrajectoryResult): void {
    const keys = Object.keys(a) as (keyof TrajectoryResult)[];
    expect(Object.keys(b)).toEqual(keys);
    for (const key of keys) {
      if (key === 'weightsFinal') continue;
      expect(Object.is(a[key], b[key]), key).toBe(true);
    }
    const wa = a.weightsFinal as Float64Array;
    const wb = b.weightsFinal as Float64Array;
    expect(wa.length).toBe(wb.length);
    for (let i = 0; i < wa.length; i++) expect(Object.is(wa[i], wb[i])).toBe(true);
  }

  const data = randomData({ dIn: 3, dOut: 3, n: 10, whiten: false, noise: 0.2, seed: 3 });
  // p = 3·1 + 1·1 + 1·3 = 7 (dense sharpness), 3·5 + 5·5 + 5·3 = 55 and 3·8 + 8·8 + 8·3 = 112 (Lanczos)
  for (const hidden of [1, 5, 8]) {
    it(`runTrajectory twice gives bit-identical results (hidden width ${hidden})`, () => {
      const problem = makeProblem(makeLayout([3, hidden, hidden, 3]), dataStats(data));
      const p = problem.layout.paramCount;
      const options = { lossMin: 0, weights: true, maxSteps: 300 };
      for (const [k, eta] of [
        [0, 0.05],
        [1, 0.5],
        [2, 3],
      ] as const) {
        const init = initialParams(problem.layout, { kind: 'gaussian', std: 'xavier' }, 99, k, new Float64Array(p));
        const again = initialParams(problem.layout, { kind: 'gaussian', std: 'xavier' }, 99, k, new Float64Array(p));
        expectIdentical(runTrajectory(problem, eta, init, options), runTrajectory(problem, eta, again, options));
      }
    });
  }

  it('a TrajectoryRunner reused across trajectories gives the same results as fresh ones', () => {
    const problem = makeProblem(makeLayout([3, 4, 3]), dataStats(data));
    const p = problem.layout.paramCount;
    const options: TrajectoryOptions = {
      maxSteps: 400,
      classify: DEFAULT_CLASSIFY,
      lossMin: 0,
      sharpness: true,
      weights: true,
    };
    const runner = new TrajectoryRunner(problem, options);
    for (const [k, eta] of [
      [0, 2],
      [1, 0.1],
      [2, 40],
      [0, 2],
    ] as const) {
      const init = initialParams(problem.layout, { kind: 'gaussian', std: 1 }, 5, k, new Float64Array(p));
      expectIdentical(runner.run(eta, init), new TrajectoryRunner(problem, options).run(eta, init));
    }
  });
});

describe('numerical edge cases', () => {
  it('a subnormal step size never diverges: it stays put and ends unresolved', () => {
    const r = run(scalarProblem(2), 5e-324, [0.3, 0.7], { maxSteps: 300 });
    expect(r.outcome).toBe(OUTCOME_CODE.unresolved);
    expect(r.steps).toBe(300);
    expect(Number.isFinite(r.lossFinal)).toBe(true);
  });

  it('a huge step size diverges at the first step, without a crash', () => {
    for (const eta of [1e300, Number.MAX_VALUE]) {
      const r = run(scalarProblem(3), eta, [0.3, 0.7, 1.1]);
      expect(r.outcome).toBe(OUTCOME_CODE.diverged);
      expect(r.steps).toBe(1);
    }
  });

  it('an initialization exactly on the period-2 orbit is periodic with period 2 from the start', () => {
    const net = new LinearNet(scalarProblem(2));
    const eta = 1.05; // η_c = 1
    // iterate GD onto its attracting 2-cycle, then start a trajectory there
    let theta: Float64Array = Float64Array.from([1.1, 0.9]);
    for (let t = 0; t < 20000; t++) theta = gdMap(net, theta, eta);
    const back = gdMap(net, gdMap(net, theta, eta), eta);
    expect(distance(back, theta)).toBeLessThan(1e-12);
    expect(distance(gdMap(net, theta, eta), theta)).toBeGreaterThan(1e-2);
    const r = run(scalarProblem(2), eta, [...theta]);
    expect(r.outcome).toBe(OUTCOME_CODE.periodic);
    expect(r.period).toBe(2);
    expect(r.steps).toBeLessThanOrEqual(DEFAULT_CLASSIFY.periodHold + 4);
  });
});

describe('convergence means linear stability', () => {
  // Found in the study (examples/general-depth3.yaml, initialization 572 at 0.3·η_c): GD reached
  // ‖∇L‖ ≤ 1e−10 for 10 steps at a minimizer with ηλ_max ≈ 2.03, approached along its stable
  // manifold. It must not be called converged there: GD leaves such a point.
  it('a converged trajectory ends with ηλ_max ≤ 2, even when it first passes an unstable minimizer', async () => {
    const { theory } = await import('./theory.js');
    const data = randomData({ dIn: 3, dOut: 2, n: 40, whiten: false, noise: 0.1, seed: 2 });
    const problem = makeProblem(makeLayout([3, 3, 3, 2]), dataStats(data));
    const t = theory(problem);
    const eta = 0.3 * (t.etaCritical as number);
    const init = initialParams(problem.layout, { kind: 'gaussian', std: 0.5 }, 42, 572, new Float64Array(24));
    const r = runTrajectory(problem, eta, init, { lossMin: t.lossMin });
    expect(r.outcome).toBe(OUTCOME_CODE.converged);
    expect(eta * r.sharpnessFinal).toBeLessThanOrEqual(2 * (1 + 1e-6));
    expect(r.sharpnessFinal).toBeGreaterThanOrEqual((t.lambdaStar as number) * (1 - 1e-6));
  });
});

describe('the step observer', () => {
  /** Runs with an observer and checks what it saw against GD on the reference (LinearNet). */
  function observed(problem: Problem, eta: number, init: Float64Array, kernel: KernelKind, lossMin: number) {
    const options: TrajectoryOptions = {
      maxSteps: 3000,
      classify: DEFAULT_CLASSIFY,
      lossMin,
      sharpness: true,
      weights: true,
      kernel,
    };
    const runner = new TrajectoryRunner(problem, options);
    const net = new LinearNet(problem);
    const grad = new Float64Array(init.length);
    let expected: Float64Array = init.slice();
    let calls = 0;
    let lasts = 0;
    const result = runner.run(eta, init, (step, theta, loss, gradNorm, last) => {
      expect(step).toBe(calls++);
      if (last) lasts++;
      for (let i = 0; i < theta.length; i++) {
        if (!Object.is(theta[i], expected[i]))
          expect.fail(`${kernel} step ${step}: θ[${i}] ${theta[i]} vs ${expected[i]}`);
      }
      expect(Object.is(loss, net.evaluate(expected, grad)), `${kernel} loss at step ${step}`).toBe(true);
      expect(Object.is(gradNorm, norm2(grad)), `${kernel} ‖∇L‖ at step ${step}`).toBe(true);
      expected = gdMap(net, expected, eta);
    });
    expect(calls).toBe(result.steps + 1);
    expect(lasts).toBe(1);
    expect(result).toEqual(new TrajectoryRunner(problem, options).run(eta, init));
    return result;
  }

  it('sees every state θ_0 … θ_steps with its loss and gradient norm, on every kernel, and changes nothing', () => {
    const scalar = scalarProblem(2);
    for (const kernel of ['scalar', 'wasm', 'blocked'] as const) {
      expect(observed(scalar, 1.05, Float64Array.from([1.01, 0.98]), kernel, 0).outcome).toBe(OUTCOME_CODE.periodic);
    }
  });

  it('also across a convergence the stability rule rejects', async () => {
    const { theory } = await import('./theory.js');
    const data = randomData({ dIn: 3, dOut: 2, n: 40, whiten: false, noise: 0.1, seed: 2 });
    const problem = makeProblem(makeLayout([3, 3, 3, 2]), dataStats(data));
    const t = theory(problem);
    const init = initialParams(problem.layout, { kind: 'gaussian', std: 0.5 }, 42, 572, new Float64Array(24));
    for (const kernel of ['wasm', 'blocked'] as const) {
      const r = observed(problem, 0.3 * (t.etaCritical as number), init, kernel, t.lossMin);
      expect(r.outcome).toBe(OUTCOME_CODE.converged);
    }
  });
});

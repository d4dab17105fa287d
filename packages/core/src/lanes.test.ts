/**
 * The lane runner against TrajectoryRunner.run, one trajectory at a time:
 * every field of every result must be the same double (Object.is), for
 * scalar networks of several depths, step sizes on both sides of η_c
 * (converged, saddle, periodic, diverged, unresolved), classifier options
 * that move the rules' boundaries, batches smaller than the lanes, and
 * options that keep lanes off the clean path.
 */
import { describe, expect, it } from 'vitest';
import type { ClassifyOptions } from './classify.js';
import { DEFAULT_CLASSIFY, OUTCOME_CODE } from './classify.js';
import { dataStats, matrixData, pointData, randomData } from './data.js';
import { initialParams } from './init.js';
import { laneKernelModule } from './kernels/lane-kernel.js';
import { STRETCH_LIMIT } from './kernels/lane-layout.js';
import { lanesSupported } from './lanes.js';
import { makeLayout } from './layout.js';
import type { Problem } from './linear-net.js';
import { makeProblem } from './linear-net.js';
import { CLASSIFY_VARIANTS } from './test-helpers.js';
import { showingModule } from './testing/wasm-text.js';
import { theory } from './theory.js';
import type { TrajectoryOptions, TrajectoryResult } from './trajectory.js';
import { TrajectoryRunner } from './trajectory.js';

/** A scalar network on one point x = y = 1, or on the n points of `xs`, `ys`. */
function scalarProblem(depth: number, xs?: number[], ys?: number[]): Problem {
  const data = xs && ys ? matrixData([xs], [ys]) : pointData([1], [1]);
  return makeProblem(makeLayout(new Array<number>(depth + 1).fill(1)), dataStats(data));
}

function expectSame(got: TrajectoryResult, want: TrajectoryResult, label: string): void {
  for (const [field, value] of Object.entries(want)) {
    if (field === 'weightsFinal') continue;
    const other = got[field as keyof TrajectoryResult];
    if (!Object.is(other, value)) expect.fail(`${label}: ${field} ${other} vs ${value}`);
  }
  const a = got.weightsFinal;
  const b = want.weightsFinal;
  expect(a === null, label).toBe(b === null);
  if (a && b) for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) expect.fail(`${label}: weight ${i}`);
}

/**
 * Runs `count` trajectories both ways and compares; returns the outcomes
 * seen (periodic as 100 + period). A difference shows the lane kernel's text.
 */
async function compare(
  problem: Problem,
  options: TrajectoryOptions,
  eta: number,
  count: number,
  std: number,
  seed: number,
): Promise<Set<number>> {
  const runner = new TrajectoryRunner(problem, options);
  const p = problem.layout.paramCount;
  const got = new Array<TrajectoryResult | undefined>(count);
  runner.runMany(
    eta,
    count,
    (r, out) => initialParams(problem.layout, { kind: 'gaussian', std }, seed, r, out),
    (r, result) => {
      expect(got[r], `trajectory ${r} emitted twice`).toBeUndefined();
      got[r] = result;
    },
  );
  const seen = new Set<number>();
  const init = new Float64Array(p);
  await showingModule(laneKernelModule(problem, options.classify).bytes, () => {
    for (let r = 0; r < count; r++) {
      initialParams(problem.layout, { kind: 'gaussian', std }, seed, r, init);
      const want = runner.run(eta, init);
      seen.add(want.outcome === OUTCOME_CODE.periodic ? 100 + want.period : want.outcome);
      const result = got[r];
      if (!result) expect.fail(`trajectory ${r} not emitted`);
      expectSame(result, want, `η=${eta} r=${r}`);
    }
  });
  return seen;
}

function options(over: Partial<TrajectoryOptions> = {}, classify: Partial<ClassifyOptions> = {}): TrajectoryOptions {
  return {
    maxSteps: 3000,
    classify: { ...DEFAULT_CLASSIFY, ...classify },
    lossMin: 0,
    sharpness: true,
    weights: true,
    ...over,
  };
}

describe('LaneRunner', () => {
  it('runs small networks in lanes by default, not wide ones or forced kernels', () => {
    expect(lanesSupported(scalarProblem(2), options())).toBe(true);
    expect(lanesSupported(scalarProblem(2), options({ kernel: 'scalar' }))).toBe(false);
    const small = makeProblem(makeLayout([2, 2, 2]), dataStats(pointData([1, 0], [0, 1])));
    expect(lanesSupported(small, options())).toBe(true);
    const wide = makeProblem(
      makeLayout([16, 16, 16, 16, 8]),
      dataStats(randomData({ dIn: 16, dOut: 8, n: 32, whiten: false, noise: 0.1, seed: 1 })),
    );
    expect(lanesSupported(wide, options())).toBe(false);
  });

  for (const { dims, whiten } of [
    { dims: [4, 4, 4, 4], whiten: true },
    { dims: [4, 4, 4, 4], whiten: false },
    { dims: [3, 2, 5], whiten: false },
    { dims: [2, 3, 3, 1, 2], whiten: false },
  ]) {
    it(`${dims.join('×')} on ${whiten ? 'whitened ' : ''}random data: every result equals run's, on both sides of η_c`, async () => {
      const data = randomData({ dIn: dims[0], dOut: dims[dims.length - 1], n: 24, whiten, noise: 0.2, seed: 11 });
      const problem = makeProblem(makeLayout(dims), dataStats(data));
      const t = theory(problem);
      const seen = new Set<number>();
      for (const ratio of [0.5, 0.98, 1.01, 1.05, 1.3, 3]) {
        const eta = ratio * (t.etaCritical as number);
        for (const s of await compare(problem, options({ lossMin: t.lossMin, maxSteps: 2500 }), eta, 24, 0.6, 2024))
          seen.add(s);
      }
      expect(seen.has(OUTCOME_CODE.converged)).toBe(true);
      expect(seen.has(OUTCOME_CODE.diverged)).toBe(true);
      // period-2 orbits: windows open, count and close in the lanes (whitened data has them for sure)
      if (whiten) expect(seen.has(102)).toBe(true);
    });
  }

  for (const depth of [1, 2, 3, 4]) {
    it(`depth ${depth}: every result equals run's, on both sides of η_c`, async () => {
      const problem = scalarProblem(depth);
      const seen = new Set<number>();
      for (const ratio of [0.3, 0.9, 0.99, 1, 1.01, 1.05, 1.3, 2]) {
        const eta = (ratio * 2) / depth;
        for (const s of await compare(problem, options(), eta, 60, 1, 7 + depth)) seen.add(s);
      }
      // the sample has teeth
      expect(seen.has(OUTCOME_CODE.converged)).toBe(true);
      expect(seen.has(OUTCOME_CODE.diverged)).toBe(true);
      if (depth >= 2) expect(seen.has(102)).toBe(true);
    });
  }

  // The lanes check the period rules on a stretch's last step only (lane-kernel.ts); a rule that fires
  // on one of its other steps must be found by replaying the stretch. On the chaotic attractor of
  // scalar depth 2 (η ≥ 1.4) these rules fire late, on steps a stretch may leave unchecked.
  for (const { rule, eta, classify, outcome } of [
    { rule: 'a parameter above its limit', eta: 1.5, classify: { paramLimit: 1.242 }, outcome: OUTCOME_CODE.diverged },
    { rule: 'a loss above its limit', eta: 1.5, classify: { divergeFactor: 0.89 }, outcome: OUTCOME_CODE.diverged },
    {
      rule: 'a gradient below its limit',
      eta: 1.4,
      classify: { holdSteps: 1, gradTol: 0.05 },
      outcome: OUTCOME_CODE.saddle,
    },
    // passages near an unstable period-2 orbit held for 3 steps: stretches are cut to 3 steps
    {
      rule: 'a period window decided',
      eta: 1.4,
      classify: { periods: [2], periodTol: 0.01, periodHold: 3 },
      outcome: OUTCOME_CODE.periodic,
    },
  ]) {
    it(`stretches: ${rule} on a step a stretch leaves unchecked stops the trajectory there`, async () => {
      const problem = scalarProblem(2);
      const opts = options({}, classify);
      await compare(problem, opts, eta, 60, 1, 7);
      // the sample has teeth: the rule fires in the middle of stretches, long after the start
      const runner = new TrajectoryRunner(problem, opts);
      const init = new Float64Array(2);
      const late = Array.from({ length: 60 }, (_, r) => {
        initialParams(problem.layout, { kind: 'gaussian', std: 1 }, 7, r, init);
        return runner.run(eta, init);
      }).filter((result) => result.outcome === outcome && result.steps > 2 * STRETCH_LIMIT);
      expect(late.length).toBeGreaterThan(0);
    });
  }

  it('saddles (θ = 0 is a saddle from depth 2), step limits, no sharpness, no weights', async () => {
    const problem = scalarProblem(3);
    const seen = await compare(problem, options({ maxSteps: 40, sharpness: false, weights: false }), 0.5, 50, 1, 3);
    expect(seen.has(OUTCOME_CODE.unresolved)).toBe(true);
    const tiny = await compare(problem, options(), 0.3, 50, 1e-7, 5);
    expect(tiny.has(OUTCOME_CODE.saddle) || tiny.has(OUTCOME_CODE.converged)).toBe(true);
  });

  it('fewer trajectories than lanes, and none', async () => {
    const problem = scalarProblem(2);
    await compare(problem, options(), 0.9, 1, 1, 1);
    await compare(problem, options(), 0.9, 3, 1, 2);
    await compare(problem, options(), 0.9, 0, 1, 3);
  });

  it('classifier options that move every boundary, data other than one point', async () => {
    const variants: Partial<ClassifyOptions>[] = [
      ...CLASSIFY_VARIANTS,
      // tolerances whose squares underflow: lanes never take the quiet path, results stay exact
      { periodTol: 1e-200 },
      { gradTol: 1e-200 },
      // a parameter limit trajectories reach; one whose square overflows
      { paramLimit: 1.6 },
      { paramLimit: 1e200, divergeFactor: Number.POSITIVE_INFINITY },
    ];
    const problem = scalarProblem(2, [1, 2, -0.5, 0.3, 1.5], [0.7, 1.9, -0.2, 0.5, 1.2]);
    const etaC = theory(problem).etaCritical as number;
    for (const variant of variants) {
      for (const ratio of [0.95, 1.05, 1.3]) {
        await compare(problem, options({ maxSteps: 1500 }, variant), ratio * etaC, 40, 1, 11);
      }
    }
  });
});

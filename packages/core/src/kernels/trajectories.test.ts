/**
 * Whole trajectories: TrajectoryRunner (shape-selected kernel +
 * FastClassifier) against the reference loop (LinearNet +
 * TrajectoryClassifier, the GD loop as it was before kernels), on fixed
 * seeds and step sizes around η_c. Results must be identical — outcome,
 * period, step count, final loss and gradient norm, final weights — which
 * implies the issue-7 bounds (final states to 1e−12 relative, the same
 * classification).
 */
import { describe, expect, it } from 'vitest';
import type { ClassifyOptions } from '../classify.js';
import { DEFAULT_CLASSIFY, OUTCOME_CODE, RUNNING } from '../classify.js';
import { dataStats, pointData, randomData } from '../data.js';
import { initialParams } from '../init.js';
import { makeLayout } from '../layout.js';
import type { Problem } from '../linear-net.js';
import { LinearNet, makeProblem, norm2 } from '../linear-net.js';
import { CLASSIFY_VARIANTS, relErr } from '../test-helpers.js';
import { TrajectoryClassifier } from '../testing/reference-classifier.js';
import { theory } from '../theory.js';
import type { TrajectoryOptions, TrajectoryResult } from '../trajectory.js';
import { TrajectoryRunner } from '../trajectory.js';
import type { KernelKind } from './kernel.js';

interface ReferenceResult {
  outcome: number;
  period: number;
  steps: number;
  lossFinal: number;
  lossMin: number;
  gradNormFinal: number;
  weightsFinal: Float64Array;
}

/** The plain GD loop on the reference implementations (LinearNet, TrajectoryClassifier): the oracle. */
function referenceRun(problem: Problem, eta: number, init: Float64Array, options: TrajectoryOptions): ReferenceResult {
  const net = new LinearNet(problem);
  const classifier = new TrajectoryClassifier(init.length, options.classify);
  const theta = init.slice();
  const grad = new Float64Array(init.length);
  let loss = net.evaluate(theta, grad);
  let gradNorm = norm2(grad);
  classifier.reset(loss, gradNorm, problem.stats.c0, options.lossMin);
  let lossMin = loss;
  let outcome = RUNNING;
  let step = 0;
  for (;;) {
    if (loss < lossMin) lossMin = loss;
    outcome = classifier.observe(theta, loss, gradNorm);
    if (outcome !== RUNNING || step >= options.maxSteps) break;
    for (let i = 0; i < theta.length; i++) theta[i] -= eta * grad[i];
    step++;
    loss = net.evaluate(theta, grad);
    gradNorm = norm2(grad);
  }
  if (outcome === RUNNING) outcome = OUTCOME_CODE.unresolved;
  return {
    outcome,
    period: outcome === OUTCOME_CODE.periodic ? classifier.period : 0,
    steps: step,
    lossFinal: loss,
    lossMin,
    gradNormFinal: gradNorm,
    weightsFinal: theta,
  };
}

function same(a: number, b: number): boolean {
  return Object.is(a, b);
}

function expectSameResult(got: TrajectoryResult, want: ReferenceResult, label: string): void {
  expect(got.outcome, label).toBe(want.outcome);
  expect(got.period, label).toBe(want.period);
  expect(got.steps, label).toBe(want.steps);
  expect(same(got.lossFinal, want.lossFinal), `${label} lossFinal`).toBe(true);
  expect(same(got.lossMin, want.lossMin), `${label} lossMin`).toBe(true);
  expect(same(got.gradNormFinal, want.gradNormFinal), `${label} gradNorm`).toBe(true);
  const w = got.weightsFinal as Float64Array;
  for (let i = 0; i < w.length; i++) {
    if (!same(w[i], want.weightsFinal[i])) expect.fail(`${label}: weight ${i} ${w[i]} vs ${want.weightsFinal[i]}`);
  }
  if (want.outcome === OUTCOME_CODE.converged) expect(relErr(w, want.weightsFinal)).toBeLessThanOrEqual(1e-12);
}

interface Case {
  name: string;
  problem: Problem;
  lossMin: number;
  etaCritical: number;
  kinds: KernelKind[];
  inits: number;
  std: number;
  maxSteps: number;
}

function scalarCase(depth: number): Case {
  const problem = makeProblem(makeLayout(new Array<number>(depth + 1).fill(1)), dataStats(pointData([1], [1])));
  return {
    name: `scalar depth ${depth}`,
    problem,
    lossMin: 0,
    etaCritical: 2 / depth,
    kinds: ['scalar', 'blocked', 'wasm'],
    inits: 200,
    std: 1,
    maxSteps: 5000,
  };
}

/** A network of these widths on random data, with its η_c and L*. */
function randomCase(
  dims: number[],
  data: { n: number; whiten: boolean; noise: number; seed: number },
  run: Pick<Case, 'kinds' | 'inits' | 'std' | 'maxSteps'>,
): Case {
  const problem = makeProblem(
    makeLayout(dims),
    dataStats(randomData({ dIn: dims[0], dOut: dims[dims.length - 1], ...data })),
  );
  const t = theory(problem);
  return { name: dims.join('×'), problem, lossMin: t.lossMin, etaCritical: t.etaCritical as number, ...run };
}

function matrixCase(): Case {
  return randomCase(
    [4, 4, 4, 4],
    { n: 32, whiten: true, noise: 0.2, seed: 11 },
    { kinds: ['blocked', 'wasm'], inits: 200, std: 0.6, maxSteps: 3000 },
  );
}

/** A wider network, on the per-trajectory WebAssembly path (the classifier's running bound at p = 896). */
function wideCase(): Case {
  return randomCase(
    [16, 16, 16, 16, 8],
    { n: 64, whiten: false, noise: 0.1, seed: 1 },
    { kinds: ['wasm'], inits: 3, std: 0.25, maxSteps: 5000 },
  );
}

const RATIOS = [0.6, 0.95, 0.99, 1.01, 1.05, 1.3];

describe('trajectories through every kernel equal the reference loop', () => {
  for (const c of [scalarCase(2), scalarCase(3), matrixCase()]) {
    it(`${c.name}: ${c.inits} initializations × η/η_c ∈ {${RATIOS.join(', ')}}`, () => {
      const options: TrajectoryOptions = {
        maxSteps: c.maxSteps,
        classify: DEFAULT_CLASSIFY,
        lossMin: c.lossMin,
        sharpness: false,
        weights: true,
      };
      const runners = ['auto' as const, ...c.kinds].map(
        (kind) => new TrajectoryRunner(c.problem, { ...options, kernel: kind }),
      );
      const init = new Float64Array(c.problem.layout.paramCount);
      const seen = new Set<number>();
      for (const ratio of RATIOS) {
        const eta = ratio * c.etaCritical;
        for (let k = 0; k < c.inits; k++) {
          initialParams(c.problem.layout, { kind: 'gaussian', std: c.std }, 2024, k, init);
          const want = referenceRun(c.problem, eta, init, options);
          seen.add(want.outcome === OUTCOME_CODE.periodic ? 100 + want.period : want.outcome);
          for (const runner of runners) {
            expectSameResult(runner.run(eta, init), want, `${c.name} ${runner.kernel.kind} η=${ratio}η_c k=${k}`);
          }
        }
      }
      // the sample has teeth: it converges, diverges and finds period-2 orbits
      expect(seen.has(OUTCOME_CODE.converged)).toBe(true);
      expect(seen.has(OUTCOME_CODE.diverged)).toBe(true);
      expect(seen.has(100 + 2)).toBe(true);
    });
  }

  it('16×16×16×16×8 (896 parameters) on the WebAssembly step, long convergences included', () => {
    const c = wideCase();
    const options: TrajectoryOptions = {
      maxSteps: c.maxSteps,
      classify: DEFAULT_CLASSIFY,
      lossMin: c.lossMin,
      sharpness: false,
      weights: true,
    };
    const runner = new TrajectoryRunner(c.problem, { ...options, kernel: 'wasm' });
    const init = new Float64Array(c.problem.layout.paramCount);
    const seen = new Set<number>();
    for (const ratio of [0.6, 0.9, 0.99, 1.05, 1.3]) {
      for (let k = 0; k < c.inits; k++) {
        initialParams(c.problem.layout, { kind: 'gaussian', std: c.std }, 2024, k, init);
        const want = referenceRun(c.problem, ratio * c.etaCritical, init, options);
        seen.add(want.outcome);
        expectSameResult(runner.run(ratio * c.etaCritical, init), want, `${c.name} η=${ratio}η_c k=${k}`);
      }
    }
    for (const outcome of [OUTCOME_CODE.converged, OUTCOME_CODE.diverged, OUTCOME_CODE.unresolved])
      expect(seen.has(outcome)).toBe(true);
  });

  it('other classifier options, through the JavaScript loop and the WebAssembly step', () => {
    for (const c of [scalarCase(2), matrixCase()]) {
      for (const variant of CLASSIFY_VARIANTS) {
        const options: TrajectoryOptions = {
          maxSteps: 1500,
          classify: { ...DEFAULT_CLASSIFY, ...variant },
          lossMin: c.lossMin,
          sharpness: false,
          weights: true,
        };
        const runners = (['auto', 'wasm', c.kinds[0]] as const).map(
          (kind) => new TrajectoryRunner(c.problem, { ...options, kernel: kind }),
        );
        const init = new Float64Array(c.problem.layout.paramCount);
        for (const ratio of [0.95, 1.05, 1.3]) {
          for (let k = 0; k < 40; k++) {
            initialParams(c.problem.layout, { kind: 'gaussian', std: c.std }, 7, k, init);
            const want = referenceRun(c.problem, ratio * c.etaCritical, init, options);
            for (const runner of runners) {
              const label = `${c.name} ${JSON.stringify(variant)} ${runner.kernel.kind} η=${ratio}η_c k=${k}`;
              expectSameResult(runner.run(ratio * c.etaCritical, init), want, label);
            }
          }
        }
      }
    }
  });

  it('periods that are not integers ≥ 1 are refused (the configuration never allows them)', () => {
    const c = scalarCase(2);
    const classify: ClassifyOptions = { ...DEFAULT_CLASSIFY, periods: [2, 0] };
    const options: TrajectoryOptions = { maxSteps: 500, classify, lossMin: 0, sharpness: false, weights: true };
    expect(() => new TrajectoryRunner(c.problem, options)).toThrow(/classify.periods must be integers/);
  });
});

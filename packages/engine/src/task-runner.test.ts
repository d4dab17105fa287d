import { tmpdir } from 'node:os';
import { resolveConfig } from '@eos-sweep/config';
import { TrajectoryRunner } from '@eos-sweep/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { InitialSharpness } from './initial-sharpness.js';
import type { PlanShape, Task } from './plan.js';
import { taskAt, taskCount } from './plan.js';
import { prepareSweep } from './problem.js';
import { encodeRow, recordWidth } from './task-codec.js';
import { TaskRunner } from './task-runner.js';
import type { SweepSetup } from './worker-setup.js';
import { buildProblem, initializationOf, workerSetup } from './worker-setup.js';

/** A task's record computed the plain way: a fresh runner, `run` per trajectory, no values shared between tasks. */
function plainRecord(setup: SweepSetup, task: Task): Float64Array {
  const problem = buildProblem(setup.problem);
  const runner = new TrajectoryRunner(problem, setup.trajectory);
  const p = problem.layout.paramCount;
  const width = recordWidth(p, setup.trajectory.weights);
  const out = new Float64Array(task.count * width);
  for (let r = 0; r < task.count; r++) {
    const init = initializationOf(setup, problem.layout, task.start + r, new Float64Array(p));
    encodeRow(out, r, width, runner.run(setup.etas[task.etaIndex], init), setup.trajectory.weights ? init : null);
  }
  return out;
}

/** The task as the pool receives it: with its step size. */
function withEta(setup: SweepSetup, task: Task): Task {
  return { ...task, eta: setup.etas[task.etaIndex] };
}

afterEach(() => {
  vi.restoreAllMocks();
});

function sameBits(a: Float64Array, b: Float64Array): boolean {
  return a.length === b.length && a.every((x, i) => Object.is(x, b[i]));
}

// a shape that runs in SIMD lanes with the dense sharpness (p = 12), and one run one by one with Lanczos (p = 80)
const SHAPES: { name: string; overrides: string[] }[] = [
  { name: '2→3→2, dense sharpness, lanes', overrides: ['model.depth=2', 'model.hidden=3'] },
  {
    name: '4→8→6, Lanczos sharpness, one by one',
    overrides: ['model.depth=2', 'model.hidden=8', 'data.dIn=4', 'data.dOut=6'],
  },
];

describe.each(SHAPES)('TaskRunner, $name', ({ overrides }) => {
  it('gives every task the plain record bit for bit, in any task order, with λ_max(θ₀) computed once per block', async () => {
    const config = resolveConfig({}, [
      'data={"kind":"random","dIn":2,"dOut":2,"n":12,"whiten":false,"noise":0.2,"seed":3}',
      ...overrides,
      'init={"kind":"gaussian","std":0.6}',
      'sweep.eta.values=[0.5, 0.95, 1.3]',
      'sweep.trajectories=20',
      'sweep.maxSteps=300',
      'record.weights=true',
    ]);
    const { setup } = await prepareSweep(config, tmpdir());
    const shape: PlanShape = { etaCount: 3, trajectories: 20, taskSize: 8 };
    const all = Array.from({ length: taskCount(shape) }, (_, j) => withEta(setup, taskAt(shape, j)));
    // block-major as the pool hands them out, then blocks revisited out of order (a retry, another worker's
    // leftovers) after more blocks than are kept have come by
    const order = [...all, all[7], all[0], all[4], all[8]];
    const lookup = vi.spyOn(InitialSharpness.prototype, 'lookup');
    const runner = new TaskRunner(workerSetup(setup));
    for (const task of order)
      expect(sameBits(runner.run(task), plainRecord(setup, task)), `task ${task.index}`).toBe(true);
    // every trajectory's initial sharpness was looked up, not computed in the loop
    const hits = lookup.mock.results.filter((r) => r.value !== undefined).length;
    expect(hits).toBeGreaterThanOrEqual(order.reduce((n, t) => n + t.count, 0));
  });
});

describe('TaskRunner with one step size', () => {
  it('keeps no initial sharpness (nothing to share) and gives the plain record', async () => {
    const config = resolveConfig({}, ['sweep.eta.values=[0.9]', 'sweep.trajectories=6', 'sweep.maxSteps=200']);
    const { setup } = await prepareSweep(config, tmpdir());
    const lookup = vi.spyOn(InitialSharpness.prototype, 'lookup');
    const task = withEta(setup, taskAt({ etaCount: 1, trajectories: 6, taskSize: 6 }, 0));
    expect(sameBits(new TaskRunner(workerSetup(setup)).run(task), plainRecord(setup, task))).toBe(true);
    expect(lookup).not.toHaveBeenCalled();
  });
});

describe('TaskRunner without a step size', () => {
  it('refuses a task that does not bring its η', async () => {
    const config = resolveConfig({}, ['sweep.eta.values=[0.9]', 'sweep.trajectories=2', 'sweep.maxSteps=20']);
    const { setup } = await prepareSweep(config, tmpdir());
    const task = taskAt({ etaCount: 1, trajectories: 2, taskSize: 2 }, 0);
    expect(() => new TaskRunner(workerSetup(setup)).run(task)).toThrow('task 0 has no step size');
  });
});

/**
 * The Piscina worker: runs the trajectories of one task and returns the
 * task record as a moved Float64Array. The problem is sent once per worker
 * through `workerData`; a task message is four integers.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { TrajectoryRunner } from '@eos-sweep/core';
import { move, workerData } from 'piscina';
import type { Task } from './plan.js';
import type { SweepSetup } from './problem.js';
import { buildProblem, initializationOf } from './problem.js';
import { encodeRow, recordWidth } from './task-codec.js';

const setup = workerData as SweepSetup;
const problem = buildProblem(setup.problem);
const runner = new TrajectoryRunner(problem, setup.trajectory);
/** Runners by step budget, for tasks that bring their own (an adaptive sweep's rounds). */
const runners = new Map<number, TrajectoryRunner>([[setup.trajectory.maxSteps, runner]]);

function runnerFor(maxSteps: number | undefined): TrajectoryRunner {
  if (maxSteps === undefined) return runner;
  let made = runners.get(maxSteps);
  if (!made) {
    made = new TrajectoryRunner(problem, { ...setup.trajectory, maxSteps });
    runners.set(maxSteps, made);
  }
  return made;
}
const p = problem.layout.paramCount;
const init = new Float64Array(p);

/**
 * Fault injection for the test suite only (EOS_SWEEP_FAULT), so that the
 * crash-and-retry path is exercised for real: `exit-once:<task>:<marker>`
 * ends the worker thread the first time task <task> runs (the marker file
 * remembers it across worker restarts), `throw-once:<task>:<marker>` throws
 * the first time, `throw-always:<task>` always throws.
 */
function injectFault(task: Task): void {
  const spec = process.env.EOS_SWEEP_FAULT;
  if (!spec) return;
  const [kind, index, marker] = spec.split(':');
  if (Number(index) !== task.index) return;
  const firstTime = marker !== undefined && !existsSync(marker);
  if (firstTime) writeFileSync(marker, 'failed once');
  if (kind === 'exit-once' && firstTime) process.exit(1);
  if (kind === 'throw-once' && firstTime) throw new Error(`injected failure in task ${task.index} (first attempt)`);
  if (kind === 'throw-always') throw new Error(`injected failure in task ${task.index}`);
}

/** What Piscina calls for each task (pool.ts loads this file by its path). @public */
export default function runTask(task: Task): Float64Array {
  injectFault(task);
  const width = recordWidth(p, setup.trajectory.weights);
  const out = new Float64Array(task.count * width);
  const eta = task.eta ?? setup.etas[task.etaIndex];
  const weights = setup.trajectory.weights;
  const k = (r: number) => task.trajectories?.[r] ?? task.start + r;
  runnerFor(task.maxSteps).runMany(
    eta,
    task.count,
    (r, theta0) => initializationOf(setup, problem.layout, k(r), theta0),
    (r, result) => {
      // the initial weights are a row's too: regenerate them (results come in any order)
      if (weights) initializationOf(setup, problem.layout, k(r), init);
      encodeRow(out, r, width, result, weights ? init : null);
    },
  );
  return move(out) as Float64Array;
}

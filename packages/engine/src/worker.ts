/**
 * The Piscina worker: runs the trajectories of one task and returns the
 * task record as a moved Float64Array. The sweep but its step sizes is sent
 * once per worker through `workerData` (so the pool can start before λ* is
 * known); a task message is a few integers and its step size (an adaptive
 * round's task also carries its step budget and, for a re-run, the chosen
 * initializations).
 */
import { existsSync, writeFileSync } from 'node:fs';
import { move, workerData } from 'piscina';
import type { Task } from './plan.js';
import { TaskRunner } from './task-runner.js';
import type { WorkerSetup } from './worker-setup.js';

const runner = new TaskRunner(workerData as WorkerSetup);

/**
 * Fault injection for the test suite only (EOS_SWEEP_FAULT), so that the
 * crash-and-retry path is exercised for real: `exit-once:<task>:<marker>`
 * ends the worker thread the first time task <task> runs (the marker file
 * remembers it across worker restarts), `throw-once:<task>:<marker>` throws
 * the first time, `throw-always:<task>` always throws, and
 * `wait:<task>:<marker>` holds the task until the marker file exists (so a
 * test can act while a run is certainly still going).
 */
function injectFault(task: Task): void {
  const spec = process.env.EOS_SWEEP_FAULT;
  if (!spec) return;
  const [kind, index, marker] = spec.split(':');
  if (Number(index) !== task.index) return;
  if (kind === 'wait') {
    const pause = new Int32Array(new SharedArrayBuffer(4));
    while (!existsSync(marker)) Atomics.wait(pause, 0, 0, 20);
    return;
  }
  const firstTime = marker !== undefined && !existsSync(marker);
  if (firstTime) writeFileSync(marker, 'failed once');
  if (kind === 'exit-once' && firstTime) process.exit(1);
  if (kind === 'throw-once' && firstTime) throw new Error(`injected failure in task ${task.index} (first attempt)`);
  if (kind === 'throw-always') throw new Error(`injected failure in task ${task.index}`);
}

/** What Piscina calls for each task (pool.ts loads this file by its path). @public */
export default function runTask(task: Task): Float64Array {
  injectFault(task);
  return move(runner.run(task)) as Float64Array;
}

/**
 * What a worker does with a task: run its trajectories and encode the task
 * record. A worker thread holds one TaskRunner for its whole life.
 */
import type { Problem } from '@eos-sweep/core';
import { TrajectoryRunner, useKnownSharpness } from '@eos-sweep/core';
import { InitialSharpness } from './initial-sharpness.js';
import type { Task } from './plan.js';
import { encodeRow, recordWidth } from './task-codec.js';
import type { WorkerSetup } from './worker-setup.js';
import { buildProblem, initializationOf } from './worker-setup.js';

export class TaskRunner {
  private readonly problem: Problem;
  private readonly runner: TrajectoryRunner;
  /** Runners by step budget, for tasks that bring their own (an adaptive sweep's rounds). */
  private readonly runners: Map<number, TrajectoryRunner>;
  private readonly init: Float64Array;
  /** λ_max(θ₀) once per initialization, when there are several step sizes to share it. */
  private readonly initialSharpness: InitialSharpness | null;

  constructor(private readonly setup: WorkerSetup) {
    const problem = buildProblem(setup.problem);
    this.problem = problem;
    this.runner = new TrajectoryRunner(problem, setup.trajectory);
    this.runners = new Map([[setup.trajectory.maxSteps, this.runner]]);
    this.init = new Float64Array(problem.layout.paramCount);
    this.initialSharpness =
      setup.trajectory.sharpness && setup.etaCount > 1
        ? new InitialSharpness(setup, problem.layout, this.runner.net)
        : null;
    useKnownSharpness(this.runner.net, this.initialSharpness);
  }

  private runnerFor(maxSteps: number | undefined): TrajectoryRunner {
    if (maxSteps === undefined) return this.runner;
    let made = this.runners.get(maxSteps);
    if (!made) {
      made = new TrajectoryRunner(this.problem, { ...this.setup.trajectory, maxSteps });
      useKnownSharpness(made.net, this.initialSharpness);
      this.runners.set(maxSteps, made);
    }
    return made;
  }

  /** The task's record: one encoded row per trajectory, in the task's order of initializations. */
  run(task: Task): Float64Array {
    const { setup, init } = this;
    if (task.eta === undefined) throw new Error(`task ${task.index} has no step size`);
    const layout = this.problem.layout;
    const weights = setup.trajectory.weights;
    const width = recordWidth(layout.paramCount, weights);
    const out = new Float64Array(task.count * width);
    const k = (r: number) => task.trajectories?.[r] ?? task.start + r;
    // A contiguous block is shared across step sizes; a list of chosen
    // initializations (an adaptive re-run) computes its sharpness directly.
    if (task.trajectories === undefined) this.initialSharpness?.prepare(task.start, task.count);
    this.runnerFor(task.maxSteps).runMany(
      task.eta,
      task.count,
      (r, theta0) => initializationOf(setup, layout, k(r), theta0),
      (r, result) => {
        // the initial weights are a row's too: regenerate them (results come in any order)
        if (weights) initializationOf(setup, layout, k(r), init);
        encodeRow(out, r, width, result, weights ? init : null);
      },
    );
    return out;
  }
}

/**
 * What a worker does with a task: run its trajectories and encode the task
 * record. A worker thread holds one TaskRunner for its whole life.
 */
import { TrajectoryRunner, useKnownSharpness } from '@eos-sweep/core';
import { InitialSharpness } from './initial-sharpness.js';
import type { Task } from './plan.js';
import type { SweepSetup } from './problem.js';
import { buildProblem, initializationOf } from './problem.js';
import { encodeRow, recordWidth } from './task-codec.js';

export class TaskRunner {
  private readonly runner: TrajectoryRunner;
  private readonly init: Float64Array;
  /** λ_max(θ₀) once per initialization, when there are several step sizes to share it. */
  private readonly initialSharpness: InitialSharpness | null;

  constructor(private readonly setup: SweepSetup) {
    const problem = buildProblem(setup.problem);
    this.runner = new TrajectoryRunner(problem, setup.trajectory);
    this.init = new Float64Array(problem.layout.paramCount);
    this.initialSharpness =
      setup.trajectory.sharpness && setup.etas.length > 1
        ? new InitialSharpness(setup, problem.layout, this.runner.net)
        : null;
    useKnownSharpness(this.runner.net, this.initialSharpness);
  }

  /** The task's record: one encoded row per trajectory, in initialization order. */
  run(task: Task): Float64Array {
    const { setup, init } = this;
    const layout = this.runner.net.problem.layout;
    const weights = setup.trajectory.weights;
    const width = recordWidth(layout.paramCount, weights);
    const out = new Float64Array(task.count * width);
    this.initialSharpness?.prepare(task.start, task.count);
    this.runner.runMany(
      setup.etas[task.etaIndex],
      task.count,
      (r, theta0) => initializationOf(setup, layout, task.start + r, theta0),
      (r, result) => {
        // the initial weights are a row's too: regenerate them (results come in any order)
        if (weights) initializationOf(setup, layout, task.start + r, init);
        encodeRow(out, r, width, result, weights ? init : null);
      },
    );
    return out;
  }
}

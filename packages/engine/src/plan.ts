/**
 * The plan: step sizes × initializations cut into tasks of many trajectories.
 *
 * Tasks are numbered block-major — task j covers initialization block
 * ⌊j / E⌋ at step size j mod E — so consecutive tasks walk across the whole
 * grid: a slow region (near η_c) never lands in one worker or one shard.
 * The numbering depends only on (E, trajectories, taskSize), which the run
 * directory records, so a resume or a shard sees the same tasks.
 */
export interface Task {
  /** Position in the plan. */
  readonly index: number;
  readonly etaIndex: number;
  /** First initialization k. */
  readonly start: number;
  readonly count: number;
}

export interface PlanShape {
  readonly etaCount: number;
  readonly trajectories: number;
  readonly taskSize: number;
}

export const DEFAULT_TASK_SIZE = 256;

export function taskCount(shape: PlanShape): number {
  return shape.etaCount * Math.ceil(shape.trajectories / shape.taskSize);
}

export function taskAt(shape: PlanShape, index: number): Task {
  const block = Math.floor(index / shape.etaCount);
  const etaIndex = index % shape.etaCount;
  const start = block * shape.taskSize;
  return { index, etaIndex, start, count: Math.min(shape.taskSize, shape.trajectories - start) };
}

/** The index of the task that holds initialization block `block` at step size `etaIndex`. */
export function taskIndexOf(shape: PlanShape, etaIndex: number, block: number): number {
  return block * shape.etaCount + etaIndex;
}

/** Tasks in output order: by step size, then by initialization (the row order of trajectories.parquet). */
export function* tasksInOutputOrder(shape: PlanShape, include: (index: number) => boolean): Generator<Task> {
  const blocks = Math.ceil(shape.trajectories / shape.taskSize);
  for (let e = 0; e < shape.etaCount; e++) {
    for (let b = 0; b < blocks; b++) {
      const index = taskIndexOf(shape, e, b);
      if (include(index)) yield taskAt(shape, index);
    }
  }
}

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
  /** Explicit initializations instead of start..start+count−1 (an adaptive sweep re-running unresolved rows). */
  readonly trajectories?: readonly number[];
  /**
   * The step size (etas[etaIndex] of the sweep, or an adaptive round's), given with the task so that a
   * pool can start before the grid is known and one pool serves every adaptive round; and an adaptive
   * round's budget (otherwise the setup's maxSteps).
   */
  readonly eta?: number;
  readonly maxSteps?: number;
}

export interface PlanShape {
  readonly etaCount: number;
  readonly trajectories: number;
  readonly taskSize: number;
}

/** The default task size of a small grid, and the most a larger grid's default grows to. */
export const DEFAULT_TASK_SIZE = 256;
export const DEFAULT_TASK_SIZE_MAX = 4096;
/** A large grid's default task size aims at about this many tasks. */
const DEFAULT_TASK_TARGET = 1024;

/**
 * The task size when none is given: 256, or for a large grid the power of
 * two that cuts it into ~1024 tasks, at most 4096. A task costs the main
 * thread ~0.3 ms whatever its size (Piscina's message, the journal's append
 * and fsync): at 10⁶ trajectories of ~22 steps, tasks of 256 made the run
 * 6.5 s, of 1024 5.0 s, and ~1024 tasks still spread the work
 * over dozens of workers. It depends on the config alone, so the shards of
 * one job agree on it; a resume takes the size its run directory records.
 */
export function defaultTaskSize(etaCount: number, trajectories: number): number {
  const wanted = (etaCount * trajectories) / DEFAULT_TASK_TARGET;
  let size = DEFAULT_TASK_SIZE;
  while (size < wanted && size < DEFAULT_TASK_SIZE_MAX) size *= 2;
  return size;
}

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

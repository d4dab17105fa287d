/**
 * Basin maps (`eos-sweep map`) computed: a grid of initializations on a 2-D
 * plane, every pixel one GD trajectory on the worker pool — the tasks,
 * workers and records of a sweep — classified exactly as in `run`. The
 * report package draws them.
 *
 * Two kinds of map:
 * - plane:     fixed η; pixel (i, j) starts at θ = centre + x_i·u + y_j·v.
 * - eta-scale: pixel (i, j) runs step size η_i from θ₀ = s_j·d for one fixed
 *              unit direction d (Sohl-Dickstein 2024 draws the same kind of
 *              hyperparameter-plane picture).
 * Pixel (i, j) is stored at q = i + j·width; j grows upwards (y increases).
 */
import { EngineError } from './errors.js';
import type { Task } from './plan.js';
import type { FailedTask } from './pool.js';
import { runOnPool } from './pool.js';
import type { PreparedSweep } from './problem.js';
import { OUTCOME_FIELD, recordWidth, STEPS_FIELD } from './task-codec.js';
import type { InitPlane, SweepSetup } from './worker-setup.js';
import { workerSetup } from './worker-setup.js';

/** Trajectories per pool task (the engine's default task size). */
const MAP_TASK_SIZE = 256;

/** Maps never record weights, so a record has the engine's minimal width. */
const RECORD_WIDTH = recordWidth(0, false);

type MapKind = 'plane' | 'eta-scale';

export interface MapRequest {
  readonly kind: MapKind;
  readonly width: number;
  readonly height: number;
  /** plane: the step size. */
  readonly eta?: number;
  /** eta-scale: the η range across the columns. */
  readonly etaRange?: readonly [number, number];
  /**
   * plane: the plane (its width/height must match); eta-scale: the one-pixel-
   * wide line θ₀ = s·d from `scaleLine` with `height` rows.
   */
  readonly plane: InitPlane;
  /** Axis titles. */
  readonly xLabel: string;
  readonly yLabel: string;
}

export interface MapRunOptions {
  readonly workers: number;
  readonly retries?: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (done: number, total: number, steps: number) => void;
}

export interface BasinMap {
  readonly kind: MapKind;
  readonly width: number;
  readonly height: number;
  /** x of each column (plane coordinate, or η), pixel centres. */
  readonly xs: Float64Array;
  /** y of each row (plane coordinate, or scale), pixel centres, upwards. */
  readonly ys: Float64Array;
  /** The x and y ranges the pixels cover. */
  readonly xRange: readonly [number, number];
  readonly yRange: readonly [number, number];
  /** Step size of each column. */
  readonly etas: Float64Array;
  /** Outcome code (core OUTCOMES index) per pixel q = i + j·width. */
  readonly outcome: Uint8Array;
  readonly steps: Int32Array;
  readonly maxSteps: number;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly plane: InitPlane;
}

function checkSize(n: number, what: string): void {
  if (!Number.isInteger(n) || n < 1 || n > 8192) {
    throw new EngineError('CONFIG_INVALID', `${what} must be an integer in 1..8192, got ${n}`);
  }
}

/** The setup the workers receive and the tasks that cover every pixel. */
export function mapPlan(
  prepared: PreparedSweep,
  request: MapRequest,
): { setup: SweepSetup; tasks: Task[]; etas: Float64Array } {
  const { width, height } = request;
  checkSize(width, 'the map width');
  checkSize(height, 'the map height');
  const trajectory = { ...prepared.setup.trajectory, sharpness: false, weights: false };
  const tasks: Task[] = [];
  let etas: Float64Array;
  if (request.kind === 'plane') {
    if (!(request.eta !== undefined && request.eta > 0 && Number.isFinite(request.eta))) {
      throw new EngineError('CONFIG_INVALID', '--eta must be a positive number');
    }
    if (request.plane.width !== width || request.plane.height !== height) {
      throw new Error('map: the plane does not have the map size');
    }
    etas = Float64Array.of(request.eta);
    const total = width * height;
    for (let start = 0; start < total; start += MAP_TASK_SIZE) {
      tasks.push({
        index: tasks.length,
        etaIndex: 0,
        eta: etas[0],
        start,
        count: Math.min(MAP_TASK_SIZE, total - start),
      });
    }
  } else {
    const range = request.etaRange;
    if (!range || !(range[0] > 0 && range[1] > range[0] && Number.isFinite(range[1]))) {
      throw new EngineError('CONFIG_INVALID', '--eta-range must be a,b with 0 < a < b');
    }
    if (request.plane.width !== 1 || request.plane.height !== height) {
      throw new Error('map: the eta-scale line must be 1 pixel wide and have the map height');
    }
    etas = pixelCentres(range[0], range[1], width);
    // row-major walk (all columns of a row block), so slow columns near η_c spread over the workers
    for (let start = 0; start < height; start += MAP_TASK_SIZE) {
      for (let i = 0; i < width; i++) {
        tasks.push({
          index: tasks.length,
          etaIndex: i,
          eta: etas[i],
          start,
          count: Math.min(MAP_TASK_SIZE, height - start),
        });
      }
    }
  }
  const setup: SweepSetup = { ...prepared.setup, trajectory, etas: Array.from(etas), plane: request.plane };
  return { setup, tasks, etas };
}

/** Runs every pixel of the map on the worker pool. */
export async function computeMap(
  prepared: PreparedSweep,
  request: MapRequest,
  options: MapRunOptions,
): Promise<BasinMap> {
  const { width, height } = request;
  const { setup, tasks, etas } = mapPlan(prepared, request);
  const outcome = new Uint8Array(width * height);
  const steps = new Int32Array(width * height);
  const total = width * height;
  let done = 0;
  let stepsDone = 0;
  const failed: FailedTask[] = await runOnPool(workerSetup(setup), tasks, {
    workers: options.workers,
    retries: options.retries ?? 2,
    signal: options.signal,
    onResult: async (task, record) => {
      if (record.length !== task.count * RECORD_WIDTH) {
        throw new Error(
          `map task ${task.index}: record has ${record.length} values, expected ${task.count * RECORD_WIDTH}`,
        );
      }
      for (let r = 0; r < task.count; r++) {
        const k = task.start + r;
        // plane: k is the pixel; eta-scale: k is the row and the task's step size the column
        const q = request.kind === 'plane' ? k : task.etaIndex + k * width;
        outcome[q] = record[r * RECORD_WIDTH + OUTCOME_FIELD];
        steps[q] = record[r * RECORD_WIDTH + STEPS_FIELD];
        stepsDone += steps[q];
      }
      done += task.count;
      options.onProgress?.(done, total, stepsDone);
    },
  });
  if (options.signal?.aborted) throw new EngineError('INTERRUPTED', 'interrupted; the map was not written');
  if (failed.length > 0) {
    throw new EngineError(
      'TASKS_FAILED',
      `${failed.length} map task(s) failed (first: task ${failed[0].task}: ${failed[0].error}); the map was not written`,
    );
  }
  const plane = request.plane;
  const xRange: [number, number] =
    request.kind === 'plane' ? [plane.x[0], plane.x[1]] : [request.etaRange?.[0] ?? 0, request.etaRange?.[1] ?? 1];
  const yRange: [number, number] = [plane.y[0], plane.y[1]];
  return {
    kind: request.kind,
    width,
    height,
    xs: request.kind === 'plane' ? pixelCentres(xRange[0], xRange[1], width) : etas,
    ys: pixelCentres(yRange[0], yRange[1], height),
    xRange,
    yRange,
    etas: request.kind === 'plane' ? new Float64Array(width).fill(etas[0]) : etas,
    outcome,
    steps,
    maxSteps: setup.trajectory.maxSteps,
    xLabel: request.xLabel,
    yLabel: request.yLabel,
    plane,
  };
}

/** Pixel-centre values of `count` pixels spread over [lo, hi] (as planeCoordinates places them). */
export function pixelCentres(lo: number, hi: number, count: number): Float64Array {
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) out[i] = lo + ((i + 0.5) / count) * (hi - lo);
  return out;
}

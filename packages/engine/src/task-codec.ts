/**
 * The binary form of one task's results: a Float64Array of `count` rows ×
 * `recordWidth(p, weights)` columns. Workers return it (moved, not copied);
 * the journal's spool stores it as is; `toBatch` turns it into the columnar
 * batch the Parquet writer takes.
 */
import type { TrajectoryResult } from '@eos-sweep/core';
import type { TrajectoryBatch } from '@eos-sweep/results';
import type { Task } from './plan.js';

const FIELDS = [
  'outcome',
  'period',
  'steps',
  'lossInitial',
  'lossFinal',
  'lossMin',
  'gradNormFinal',
  'sharpnessInitial',
  'sharpnessFinal',
  'paramNormInitial',
  'paramNormFinal',
] as const;

/** Columns of a task record that readers other than `toBatch` need. */
export const OUTCOME_FIELD = FIELDS.indexOf('outcome');
export const STEPS_FIELD = FIELDS.indexOf('steps');

export function recordWidth(paramCount: number, weights: boolean): number {
  return FIELDS.length + (weights ? 2 * paramCount : 0);
}

/** Writes row `row` of a task record. */
export function encodeRow(
  out: Float64Array,
  row: number,
  width: number,
  result: TrajectoryResult,
  weightsInitial: Float64Array | null,
): void {
  const base = row * width;
  for (let f = 0; f < FIELDS.length; f++) {
    const v = result[FIELDS[f]];
    out[base + f] = v;
  }
  if (weightsInitial && result.weightsFinal) {
    out.set(weightsInitial, base + FIELDS.length);
    out.set(result.weightsFinal, base + FIELDS.length + weightsInitial.length);
  }
}

export interface BatchContext {
  readonly eta: number;
  /** η/η_c, NaN when η_c is unknown. */
  readonly etaRatio: number;
  readonly paramCount: number;
  readonly weights: boolean;
}

/** Decodes a task record into a columnar batch (rows in initialization order). */
export function toBatch(task: Task, record: Float64Array, ctx: BatchContext): TrajectoryBatch {
  const n = task.count;
  const width = recordWidth(ctx.paramCount, ctx.weights);
  if (record.length !== n * width) {
    throw new Error(`task ${task.index}: record has ${record.length} values, expected ${n * width}`);
  }
  const col = (f: number) => {
    const c = new Float64Array(n);
    for (let r = 0; r < n; r++) c[r] = record[r * width + f];
    return c;
  };
  const intCol = (f: number) => Int32Array.from(col(f));
  const p = ctx.paramCount;
  let weightsInitial: Float64Array | undefined;
  let weightsFinal: Float64Array | undefined;
  if (ctx.weights) {
    weightsInitial = new Float64Array(n * p);
    weightsFinal = new Float64Array(n * p);
    for (let r = 0; r < n; r++) {
      const base = r * width + FIELDS.length;
      weightsInitial.set(record.subarray(base, base + p), r * p);
      weightsFinal.set(record.subarray(base + p, base + 2 * p), r * p);
    }
  }
  const trajectory = new Float64Array(n);
  for (let r = 0; r < n; r++) trajectory[r] = task.start + r;
  return {
    length: n,
    eta: new Float64Array(n).fill(ctx.eta),
    etaIndex: new Int32Array(n).fill(task.etaIndex),
    etaRatio: new Float64Array(n).fill(ctx.etaRatio),
    trajectory,
    outcome: Uint8Array.from(col(0)),
    period: intCol(1),
    steps: intCol(2),
    lossInitial: col(3),
    lossFinal: col(4),
    lossMin: col(5),
    gradNormFinal: col(6),
    sharpnessInitial: col(7),
    sharpnessFinal: col(8),
    paramNormInitial: col(9),
    paramNormFinal: col(10),
    weightsInitial,
    weightsFinal,
    paramCount: p,
  };
}

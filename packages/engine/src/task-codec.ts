/**
 * The binary form of one task's results: a Float64Array of `count` rows ×
 * `recordWidth(p, weights)` columns. Workers return it (moved, not copied);
 * the journal's spool stores it as is; `decodeInto` turns it into rows of the
 * columnar batch the Parquet writer takes.
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

/** Columns of a task record that readers other than `decodeInto` need. */
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

/**
 * Decodes a task record into rows at..at+count−1 of `batch` (in initialization order), so that one batch,
 * allocated once, serves every task.
 */
export function decodeInto(
  batch: TrajectoryBatch,
  at: number,
  task: Task,
  record: Float64Array,
  ctx: BatchContext,
): void {
  const n = task.count;
  const width = recordWidth(ctx.paramCount, ctx.weights);
  if (record.length !== n * width) {
    throw new Error(`task ${task.index}: record has ${record.length} values, expected ${n * width}`);
  }
  batch.eta.fill(ctx.eta, at, at + n);
  batch.etaIndex.fill(task.etaIndex, at, at + n);
  batch.etaRatio.fill(ctx.etaRatio, at, at + n);
  for (let r = 0; r < n; r++) batch.trajectory[at + r] = task.start + r;
  for (let f = 0; f < FIELDS.length; f++) {
    const column = batch[FIELDS[f]];
    for (let r = 0; r < n; r++) column[at + r] = record[r * width + f];
  }
  const p = ctx.paramCount;
  if (ctx.weights && batch.weightsInitial && batch.weightsFinal) {
    for (let r = 0; r < n; r++) {
      const base = r * width + FIELDS.length;
      batch.weightsInitial.set(record.subarray(base, base + p), (at + r) * p);
      batch.weightsFinal.set(record.subarray(base + p, base + 2 * p), (at + r) * p);
    }
  }
}

/** How a trajectory ended (docs/theory.md); stored as the STRING column `outcome`. */
export type Outcome = 'converged' | 'saddle' | 'periodic' | 'diverged' | 'unresolved';

/** The code of an outcome in `TrajectoryBatch.outcome` is its index here. */
export const OUTCOMES: readonly Outcome[] = Object.freeze([
  'converged',
  'saddle',
  'periodic',
  'diverged',
  'unresolved',
] as const);

/**
 * Rows of trajectories.parquet, column by column, as the engine produces them. Arrays may be longer than
 * `length`: only rows 0..length−1 are read.
 */
export interface TrajectoryBatch {
  length: number;
  eta: Float64Array;
  etaIndex: Int32Array;
  /** NaN (or any non-finite value) is written as null, here and in every other nullable DOUBLE. */
  etaRatio: Float64Array;
  /** Integer-valued; written as INT64. */
  trajectory: Float64Array;
  /** Index into OUTCOMES. */
  outcome: Uint8Array;
  /** 0 is written as null. */
  period: Int32Array;
  steps: Int32Array;
  lossInitial: Float64Array;
  lossFinal: Float64Array;
  lossMin: Float64Array;
  gradNormFinal: Float64Array;
  sharpnessInitial: Float64Array;
  sharpnessFinal: Float64Array;
  paramNormInitial: Float64Array;
  paramNormFinal: Float64Array;
  /** length·paramCount values; row r starts at r·paramCount. */
  weightsInitial?: Float64Array;
  weightsFinal?: Float64Array;
  paramCount: number;
}

/** A zero-filled batch with room for `capacity` rows (and weights when `weights` is true). */
export function createTrajectoryBatch(capacity: number, weights: boolean, paramCount: number): TrajectoryBatch {
  const batch: TrajectoryBatch = {
    length: capacity,
    eta: new Float64Array(capacity),
    etaIndex: new Int32Array(capacity),
    etaRatio: new Float64Array(capacity),
    trajectory: new Float64Array(capacity),
    outcome: new Uint8Array(capacity),
    period: new Int32Array(capacity),
    steps: new Int32Array(capacity),
    lossInitial: new Float64Array(capacity),
    lossFinal: new Float64Array(capacity),
    lossMin: new Float64Array(capacity),
    gradNormFinal: new Float64Array(capacity),
    sharpnessInitial: new Float64Array(capacity),
    sharpnessFinal: new Float64Array(capacity),
    paramNormInitial: new Float64Array(capacity),
    paramNormFinal: new Float64Array(capacity),
    paramCount: weights ? paramCount : 0,
  };
  if (weights) {
    batch.weightsInitial = new Float64Array(capacity * paramCount);
    batch.weightsFinal = new Float64Array(capacity * paramCount);
  }
  return batch;
}

/** Copies row `from` of `src` into row `to` of `dst` (weights too, when both have them). */
export function copyTrajectoryRow(src: TrajectoryBatch, from: number, dst: TrajectoryBatch, to: number): void {
  dst.eta[to] = src.eta[from];
  dst.etaIndex[to] = src.etaIndex[from];
  dst.etaRatio[to] = src.etaRatio[from];
  dst.trajectory[to] = src.trajectory[from];
  dst.outcome[to] = src.outcome[from];
  dst.period[to] = src.period[from];
  dst.steps[to] = src.steps[from];
  dst.lossInitial[to] = src.lossInitial[from];
  dst.lossFinal[to] = src.lossFinal[from];
  dst.lossMin[to] = src.lossMin[from];
  dst.gradNormFinal[to] = src.gradNormFinal[from];
  dst.sharpnessInitial[to] = src.sharpnessInitial[from];
  dst.sharpnessFinal[to] = src.sharpnessFinal[from];
  dst.paramNormInitial[to] = src.paramNormInitial[from];
  dst.paramNormFinal[to] = src.paramNormFinal[from];
  const p = src.paramCount;
  if (src.weightsInitial && src.weightsFinal && dst.weightsInitial && dst.weightsFinal && p > 0) {
    dst.weightsInitial.set(src.weightsInitial.subarray(from * p, from * p + p), to * p);
    dst.weightsFinal.set(src.weightsFinal.subarray(from * p, from * p + p), to * p);
  }
}

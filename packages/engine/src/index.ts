export type { AggregatedRows, SpillOptions, SummaryRow, Threshold } from './aggregate.js';
export { empiricalThreshold, SummaryAccumulator } from './aggregate.js';
export type { EngineErrorCode } from './errors.js';
export { EngineError, exitCodeFor } from './errors.js';
export type { CostEstimate } from './estimate.js';
export { checkFits, estimateCost, flopsPerStep } from './estimate.js';
export type { BasinGeometry } from './geometry/basin-geometry.js';
export { basinGeometry, geometryJson } from './geometry/basin-geometry.js';
export { nearestBoundaryPixel } from './geometry/boundary-point.js';
export { basinGrid } from './geometry/outcome-grid.js';
export { readOutcomeGrid } from './geometry/read-map.js';
export type { EtaSpec } from './grid.js';
export { etaGrid } from './grid.js';
export { aggregateInputs, trajectoryFiles } from './inputs.js';
export { JOURNAL_FILE, parseJournal, SPOOL_FILE, TaskJournal } from './journal.js';
export { checkShards, mergeRuns } from './merge-runs.js';
export type { Aggregate } from './outputs.js';
export {
  aggregateFiles,
  INITIALIZATIONS_FILE,
  SUMMARY_FIELDS,
  SUMMARY_FILE,
  TRAJECTORIES_FILE,
  writeTables,
} from './outputs.js';
export { writePairedTables } from './paired/paired-tables.js';
export type { BudgetRow } from './paired/step-budget.js';
export type { TransitionRow } from './paired/transitions.js';
export type { PlanShape, Task } from './plan.js';
export {
  DEFAULT_TASK_SIZE,
  defaultTaskSize,
  taskAt,
  taskCount,
  tasksInOutputOrder,
} from './plan.js';
export type { FailedTask, PoolOptions } from './pool.js';
export { defaultWorkers, runOnPool } from './pool.js';
export type { InitPlane, PreparedSweep, ProblemSpec, SweepSetup } from './problem.js';
export { buildProblem, initializationOf, planeCoordinates, prepareSweep } from './problem.js';
export type { Progress, RunOptions, RunPerformance, RunRecord, RunResult } from './run.js';
export { runSweep } from './run.js';
export type { RunStatus } from './run-dir.js';
export { RUN_FILE, readJson, writeFileAtomic } from './run-dir.js';
export type { Shard } from './shard.js';
export { NO_SHARD, ownsTask, parseShard, shardFromEnv } from './shard.js';
export { wilsonInterval, zeroSuccessUpperBound } from './stats.js';
export type { DirStatus, StatusReport } from './status.js';
export { runStatus } from './status.js';
export { OUTCOME_FIELD, recordWidth, STEPS_FIELD } from './task-codec.js';
export { jacobianScan, NEAR_SINGULAR } from './theorem/jacobian-scan.js';
export { VERSION } from './version.js';

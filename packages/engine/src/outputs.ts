/**
 * The tables a finished run (or a merge) writes beside trajectories.parquet:
 * summary.parquet and initializations.parquet, computed by streaming the
 * trajectory file(s) through the aggregator.
 */
import { join } from 'node:path';
import type { ColumnSpec } from '@eos-sweep/results';
import { readTrajectoryFields, SUMMARY_COLUMNS, writeParquetTable } from '@eos-sweep/results';
import type { SpillOptions, SummaryRow, Threshold } from './aggregate.js';
import { AGGREGATED_FIELDS, empiricalThreshold, SummaryAccumulator } from './aggregate.js';
import { writeInitializations } from './initializations.js';

export const TRAJECTORIES_FILE = 'trajectories.parquet';
export const SUMMARY_FILE = 'summary.parquet';
export const INITIALIZATIONS_FILE = 'initializations.parquet';

export interface Aggregate {
  summary: SummaryRow[];
  threshold: Threshold;
}

/** Streams trajectory files (each sorted by step size) through the aggregator. */
export async function aggregateFiles(
  files: readonly string[],
  etaCritical: number | null,
  spill: SpillOptions,
): Promise<Aggregate> {
  const acc = new SummaryAccumulator(etaCritical ?? Number.NaN, spill);
  try {
    for (const file of files) {
      for await (const batch of readTrajectoryFields(file, AGGREGATED_FIELDS)) {
        // a single sorted file lets finished step sizes be summarised and their spill files go as we go
        if (files.length === 1) acc.addSorted(batch);
        else acc.add(batch);
      }
    }
    return aggregateOf(acc, etaCritical);
  } finally {
    acc.dispose();
  }
}

/** The summary and threshold of everything `acc` was given (its spill files go). */
export function aggregateOf(acc: SummaryAccumulator, etaCritical: number | null): Aggregate {
  const summary = acc.summary();
  return { summary, threshold: empiricalThreshold(summary, etaCritical) };
}

/** summary.parquet column → SummaryRow field: the one mapping the writer and every reader share. */
export const SUMMARY_FIELDS: Readonly<Record<string, keyof SummaryRow>> = {
  eta: 'eta',
  eta_index: 'etaIndex',
  eta_ratio: 'etaRatio',
  trajectories: 'trajectories',
  converged: 'converged',
  saddle: 'saddle',
  periodic: 'periodic',
  diverged: 'diverged',
  unresolved: 'unresolved',
  p_converged: 'pConverged',
  p_converged_low: 'pConvergedLow',
  p_converged_high: 'pConvergedHigh',
  sharpness_final_median: 'sharpnessFinalMedian',
  sharpness_final_min: 'sharpnessFinalMin',
  sharpness_final_max: 'sharpnessFinalMax',
  steps_median: 'stepsMedian',
  param_norm_final_median: 'paramNormFinalMedian',
  param_norm_final_max: 'paramNormFinalMax',
  two_over_eta: 'twoOverEta',
  eta_critical: 'etaCritical',
};

export async function writeSummary(
  path: string,
  rows: readonly SummaryRow[],
  kv: Record<string, string>,
): Promise<void> {
  const columns: ColumnSpec[] = SUMMARY_COLUMNS.map((def) => {
    const field = SUMMARY_FIELDS[def.name];
    if (!field) throw new Error(`summary column ${def.name} has no source field`);
    return { ...def, values: Float64Array.from(rows, (r) => r[field]) };
  });
  await writeParquetTable(path, columns, kv);
}

/** summary.parquet and initializations.parquet of the run directory `dir`, whose trajectories `aggregate` sums up. */
export async function writeTables(dir: string, aggregate: Aggregate, kv: Record<string, string>): Promise<void> {
  await writeSummary(join(dir, SUMMARY_FILE), aggregate.summary, kv);
  await writeInitializations(join(dir, INITIALIZATIONS_FILE), join(dir, TRAJECTORIES_FILE), aggregate.summary, kv);
}

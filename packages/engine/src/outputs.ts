/**
 * The tables a whole run (or a merge) writes beside trajectories.parquet:
 * summary.parquet and initializations.parquet, computed from the stream of
 * trajectory rows — as a run writes them, or as a merge reads its file back.
 */
import { join } from 'node:path';
import type { ColumnSpec } from '@eos-sweep/results';
import { readTrajectoryFields, SUMMARY_COLUMNS, writeParquetTable } from '@eos-sweep/results';
import type { AggregatedRows, SpillOptions, SummaryRow, Threshold } from './aggregate.js';
import { AGGREGATED_FIELDS, empiricalThreshold, SummaryAccumulator } from './aggregate.js';
import type { InitializationRows } from './initializations.js';
import { INITIALIZATION_FIELDS, InitializationsTable } from './initializations.js';

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
function aggregateOf(acc: SummaryAccumulator, etaCritical: number | null): Aggregate {
  const summary = acc.summary();
  return { summary, threshold: empiricalThreshold(summary, etaCritical) };
}

/** The one text column of summary.parquet (SummaryRow.intervalMethod). */
const INTERVAL_METHOD_COLUMN = 'interval_method';

/** summary.parquet numeric column → SummaryRow field: the one mapping the writer and every reader share. */
export const SUMMARY_FIELDS: Readonly<Record<string, Exclude<keyof SummaryRow, 'intervalMethod'>>> = {
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
    if (def.name === INTERVAL_METHOD_COLUMN) return { ...def, values: rows.map((r) => r.intervalMethod) };
    const field = SUMMARY_FIELDS[def.name];
    if (!field) throw new Error(`summary column ${def.name} has no source field`);
    return { ...def, values: Float64Array.from(rows, (r) => r[field] as number) };
  });
  await writeParquetTable(path, columns, kv);
}

/** The trajectory fields the tables of a run are made of. */
const TABLE_FIELDS = [...new Set([...AGGREGATED_FIELDS, ...INITIALIZATION_FIELDS])];
export type TableRows = AggregatedRows & InitializationRows;

export interface RunTablesOptions {
  /** The grid's step sizes, by eta_index. */
  readonly etas: readonly number[];
  /** Initializations per step size. */
  readonly trajectories: number;
  readonly etaCritical: number | null;
  readonly kvMetadata: Record<string, string>;
}

/**
 * summary.parquet and initializations.parquet of the run directory `dir`,
 * fed every trajectory row once in (eta_index, trajectory) order: the
 * summary is summed up as they pass (its spill files beside it), the
 * initializations table written as they pass.
 */
export class RunTables {
  /** Seconds writing summary.parquet. */
  private summarySeconds = 0;

  private constructor(
    private readonly dir: string,
    private readonly options: RunTablesOptions,
    private readonly summary: SummaryAccumulator,
    private readonly initializations: InitializationsTable,
  ) {}

  static async open(dir: string, options: RunTablesOptions): Promise<RunTables> {
    const initializations = await InitializationsTable.open(join(dir, INITIALIZATIONS_FILE), options);
    const summary = new SummaryAccumulator(options.etaCritical ?? Number.NaN, { dir });
    return new RunTables(dir, options, summary, initializations);
  }

  /** Seconds in the two tables' Parquet writers (encoding and writing). */
  get parquetSeconds(): number {
    return this.initializations.parquetSeconds + this.summarySeconds;
  }

  async add(rows: TableRows): Promise<void> {
    this.summary.addSorted(rows);
    await this.initializations.add(rows);
  }

  /** Every row has come: puts both tables in place; returns the summary and threshold. */
  async close(): Promise<Aggregate> {
    try {
      await this.initializations.close();
      const aggregate = aggregateOf(this.summary, this.options.etaCritical);
      const started = performance.now();
      await writeSummary(join(this.dir, SUMMARY_FILE), aggregate.summary, this.options.kvMetadata);
      this.summarySeconds = (performance.now() - started) / 1000;
      return aggregate;
    } finally {
      this.summary.dispose();
    }
  }

  /** Removes the unfinished table and the spill files. */
  async abort(): Promise<void> {
    this.summary.dispose();
    await this.initializations.abort();
  }
}

/** The tables of `dir` from its complete trajectories.parquet (a merge's), read once. */
export async function writeTables(dir: string, options: RunTablesOptions): Promise<Aggregate> {
  const tables = await RunTables.open(dir, options);
  try {
    for await (const rows of readTrajectoryFields(join(dir, TRAJECTORIES_FILE), TABLE_FIELDS)) {
      await tables.add(rows);
    }
  } catch (error) {
    await tables.abort();
    throw error;
  }
  return tables.close();
}

/**
 * What a report reads from a run directory: run.json (provenance, theory,
 * the empirical threshold) and summary.parquet (one row per step size).
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunRecord, SummaryRow } from '@eos-sweep/engine';
import { EngineError, RUN_FILE, readRunRecord, SUMMARY_FIELDS, SUMMARY_FILE } from '@eos-sweep/engine';
import type { CellValue } from '@eos-sweep/results';
import { readTable } from '@eos-sweep/results';

export interface RunData {
  readonly dir: string;
  readonly record: RunRecord;
  /** Rows by step size, in grid order. */
  readonly summary: readonly SummaryRow[];
}

function num(v: CellValue | undefined): number {
  return typeof v === 'number' ? v : Number.NaN;
}

async function readSummaryRows(path: string): Promise<SummaryRow[]> {
  const { info, columns } = await readTable(path);
  const rows: SummaryRow[] = [];
  for (let r = 0; r < info.rowCount; r++) {
    const row = {} as SummaryRow;
    // columns newer than the file read as NaN
    for (const [column, field] of Object.entries(SUMMARY_FIELDS)) row[field] = num(columns[column]?.[r]);
    // files from before the column had Wilson intervals
    row.intervalMethod = columns.interval_method?.[r] === 'beta-binomial-mixture' ? 'beta-binomial-mixture' : 'wilson';
    rows.push(row);
  }
  return rows.sort((a, b) => a.etaIndex - b.etaIndex);
}

/** Reads a finished run directory; a missing or unfinished one is a user error (exit 2). */
export async function readRun(dir: string): Promise<RunData> {
  const record = await readRunRecord(dir);
  if (!record) {
    throw new EngineError('RUN_DIR', `${dir}: no readable ${RUN_FILE}; is it a run directory?`);
  }
  const summaryPath = join(dir, SUMMARY_FILE);
  if (!(await stat(summaryPath).catch(() => null))) {
    const hint =
      record.shard && record.shard.count > 1
        ? `it is shard ${record.shard.index}/${record.shard.count}: combine the shards with \`eos-sweep merge\` first`
        : `the run is ${record.status}; finish it with \`eos-sweep run --resume\``;
    throw new EngineError('RUN_DIR', `${dir}: no ${SUMMARY_FILE} (${hint})`);
  }
  return { dir, record, summary: await readSummaryRows(summaryPath) };
}

/**
 * initializations.parquet from a finished trajectories.parquet: per
 * initialization k, the largest grid η at which it converged and its initial
 * parameter norm and sharpness.
 *
 * The trajectory file is sorted by (eta_index, trajectory), so it is one
 * segment per step size, each in k order, and the table is their transpose.
 * One cursor per segment walks the file in step with k (a merge of the
 * segments by k), so memory is one row group per step size, whatever the
 * number of trajectories.
 */
import { OUTCOME_CODE } from '@eos-sweep/core';
import type { TrajectoryFile } from '@eos-sweep/results';
import { INITIALIZATION_COLUMNS, openTrajectoryFile, ParquetTableWriter, ResultsError } from '@eos-sweep/results';
import type { SummaryRow } from './aggregate.js';

/** The fields a cursor reads (etaIndex only to check that the file is laid out as the summary says). */
const FIELDS = ['etaIndex', 'trajectory', 'eta', 'outcome', 'paramNormInitial', 'sharpnessInitial'] as const;
/** Table rows buffered before they go to the writer (which cuts its row groups itself). */
const CHUNK_ROWS = 4096;

/** The rows of one step size: [start, start + count) in the file. */
interface Segment {
  readonly etaIndex: number;
  readonly start: number;
  readonly count: number;
}

/** Reads one segment row by row, one row group at a time. */
class SegmentCursor {
  /** The current row's initialization. */
  trajectory: Float64Array = new Float64Array(0);
  /** η where the row converged, NaN where it did not. */
  convergedEta: Float64Array = new Float64Array(0);
  paramNormInitial: Float64Array = new Float64Array(0);
  sharpnessInitial: Float64Array = new Float64Array(0);
  row = 0;
  private loadedEnd = 0;
  private group = -1;
  private next: number;

  constructor(
    private readonly file: TrajectoryFile,
    private readonly segment: Segment,
  ) {
    this.next = segment.start;
  }

  get k(): number {
    return this.trajectory[this.row];
  }

  /** Moves to the next row; false past the segment. Returns a promise only to load a row group. */
  advance(): boolean | Promise<boolean> {
    if (this.row + 1 < this.loadedEnd) {
      this.row++;
      return true;
    }
    return this.load();
  }

  private async load(): Promise<boolean> {
    const { etaIndex, start, count } = this.segment;
    if (this.next >= start + count) return false;
    const groups = this.file.info.rowGroups;
    while (this.group < 0 || groups[this.group].rowStart + groups[this.group].rowCount <= this.next) {
      if (++this.group >= groups.length) throw this.unexpected(this.next, 'the file ends first');
    }
    const { rowStart, rowCount } = groups[this.group];
    const rows = await this.file.readFields(this.group, FIELDS);
    const from = this.next - rowStart;
    const to = Math.min(rowCount, start + count - rowStart);
    let previous = this.row < this.loadedEnd ? this.k : Number.NEGATIVE_INFINITY;
    for (let r = from; r < to; r++) {
      if (rows.etaIndex[r] !== etaIndex || !(rows.trajectory[r] > previous)) {
        throw this.unexpected(rowStart + r, `found (${rows.etaIndex[r]}, ${rows.trajectory[r]})`);
      }
      previous = rows.trajectory[r];
    }
    this.trajectory = rows.trajectory;
    this.convergedEta = new Float64Array(rowCount).fill(Number.NaN);
    for (let r = from; r < to; r++) if (rows.outcome[r] === OUTCOME_CODE.converged) this.convergedEta[r] = rows.eta[r];
    this.paramNormInitial = rows.paramNormInitial;
    this.sharpnessInitial = rows.sharpnessInitial;
    this.row = from;
    this.loadedEnd = to;
    this.next = rowStart + to;
    return true;
  }

  private unexpected(row: number, what: string): ResultsError {
    const path = this.file.info.path;
    return new ResultsError(
      'UNSORTED_ROWS',
      `${path} row ${row}: expected eta_index ${this.segment.etaIndex} with a trajectory after the previous ` +
        `row's (the rows sorted by (eta_index, trajectory), as counted by the summary); ${what}`,
      { details: { path, row } },
    );
  }
}

/** Buffers table rows and hands them to the writer a chunk at a time. */
class TableRows {
  private readonly trajectory = new Float64Array(CHUNK_ROWS);
  private readonly etaMaxConverged = new Float64Array(CHUNK_ROWS);
  private readonly paramNormInitial = new Float64Array(CHUNK_ROWS);
  private readonly sharpnessInitial = new Float64Array(CHUNK_ROWS);
  private filled = 0;

  constructor(private readonly writer: ParquetTableWriter) {}

  /** Adds a row; true when the buffer is full and must be flushed (no promise per row on the way). */
  push(k: number, etaMax: number, paramNorm: number, sharpness: number): boolean {
    this.trajectory[this.filled] = k;
    this.etaMaxConverged[this.filled] = etaMax;
    this.paramNormInitial[this.filled] = paramNorm;
    this.sharpnessInitial[this.filled] = sharpness;
    return ++this.filled === CHUNK_ROWS;
  }

  async flush(): Promise<void> {
    const values = {
      trajectory: this.trajectory,
      eta_max_converged: this.etaMaxConverged,
      param_norm_initial: this.paramNormInitial,
      sharpness_initial: this.sharpnessInitial,
    };
    await this.writer.append(values, this.filled);
    this.filled = 0;
  }
}

/**
 * Writes initializations.parquet for `trajectoriesFile`, whose per-step-size row counts `summary` gives
 * (the aggregator's summary of that file). Initializations k = 0 … max k are all listed; one that appears at
 * no step size gets nulls. Initial values come from the row of k at the largest eta_index (in a run they are
 * the same at every step size: initialization k depends only on (seed, k)).
 */
export async function writeInitializations(
  path: string,
  trajectoriesFile: string,
  summary: readonly SummaryRow[],
  kvMetadata: Readonly<Record<string, string>>,
): Promise<void> {
  const file = await openTrajectoryFile(trajectoriesFile);
  let start = 0;
  const cursors: SegmentCursor[] = [];
  for (const row of [...summary].sort((a, b) => a.etaIndex - b.etaIndex)) {
    const cursor = new SegmentCursor(file, { etaIndex: row.etaIndex, start, count: row.trajectories });
    if (await cursor.advance()) cursors.push(cursor);
    start += row.trajectories;
  }
  const writer = await ParquetTableWriter.open(path, { columns: INITIALIZATION_COLUMNS, kvMetadata });
  try {
    const rows = new TableRows(writer);
    for (let k = 0; cursors.length > 0; k++) {
      let next = Number.POSITIVE_INFINITY;
      for (const c of cursors) if (c.k < next) next = c.k;
      // initializations at no step size (a shard's file has gaps)
      for (; k < next; k++) if (rows.push(k, Number.NaN, Number.NaN, Number.NaN)) await rows.flush();
      let etaMax = Number.NaN;
      let paramNorm = Number.NaN;
      let sharpness = Number.NaN;
      for (let i = 0; i < cursors.length; i++) {
        const c = cursors[i];
        if (c.k !== k) continue;
        const eta = c.convergedEta[c.row];
        if (!Number.isNaN(eta) && !(etaMax >= eta)) etaMax = eta;
        paramNorm = c.paramNormInitial[c.row];
        sharpness = c.sharpnessInitial[c.row];
        const more = c.advance();
        if (!(typeof more === 'boolean' ? more : await more)) cursors.splice(i--, 1);
      }
      if (rows.push(k, etaMax, paramNorm, sharpness)) await rows.flush();
    }
    await rows.flush();
    await writer.close();
  } catch (error) {
    await writer.abort();
    throw error;
  }
}

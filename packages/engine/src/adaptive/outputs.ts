/**
 * The files of an adaptive sweep, written once its last round is in: the
 * rows of every step size (in η order, then by initialization) are read
 * back from the rounds' journals, each re-run row in place of the row it
 * re-ran, and streamed into trajectories.parquet, the summary and
 * initializations.parquet. The writers cut row groups by count, so the
 * bytes depend only on the rows — not on workers, rounds' timing or resumes.
 */
import { join } from 'node:path';
import type { AdaptiveConfig } from '@eos-sweep/config';
import { OUTCOME_CODE } from '@eos-sweep/core';
import type { TrajectoryBatch } from '@eos-sweep/results';
import {
  createTrajectoryBatch,
  INITIALIZATION_COLUMNS,
  ParquetTableWriter,
  TrajectoryWriter,
} from '@eos-sweep/results';
import type { SummaryRow } from '../aggregate.js';
import { SummaryAccumulator } from '../aggregate.js';
import type { TaskJournal } from '../journal.js';
import { INITIALIZATIONS_FILE, SUMMARY_FILE, TRAJECTORIES_FILE, writeSummary } from '../outputs.js';
import type { PreparedSweep } from '../problem.js';
import { decodeInto, recordWidth } from '../task-codec.js';
import { byEta } from './planner.js';
import type { StepSize } from './points.js';
import { intervalOf } from './points.js';

/** Rows decoded per append (the writers cut their own row groups). */
const CHUNK_ROWS = 8192;

export interface AdaptiveOutputOptions {
  readonly prepared: PreparedSweep;
  readonly settings: AdaptiveConfig;
  readonly kvMetadata: Record<string, string>;
  /** The journal of round r (opened by the caller, which closes them). */
  readonly journalOf: (round: number) => Promise<TaskJournal>;
}

/** Writes the three tables of `dir`; returns the summary rows, in η order. */
export async function writeAdaptiveOutputs(
  dir: string,
  points: readonly StepSize[],
  options: AdaptiveOutputOptions,
): Promise<SummaryRow[]> {
  const { prepared, kvMetadata } = options;
  const weights = prepared.config.record.weights;
  const paramCount = prepared.problem.layout.paramCount;
  const width = recordWidth(paramCount, weights);
  const etaCritical = prepared.theory.etaCritical;
  const sorted = byEta(points);
  const largest = Math.max(...sorted.map((p) => p.trajectories));

  const writer = await TrajectoryWriter.open(join(dir, TRAJECTORIES_FILE), { weights, paramCount, kvMetadata });
  const summary = new SummaryAccumulator(etaCritical ?? Number.NaN, { dir });
  const initializations = new InitializationColumns(largest);
  const batch = createTrajectoryBatch(CHUNK_ROWS, weights, paramCount);
  let filled = 0;
  const flush = async () => {
    batch.length = filled;
    summary.addSorted(batch);
    initializations.add(batch);
    await writer.append(batch);
    filled = 0;
  };
  try {
    for (const [etaIndex, point] of sorted.entries()) {
      // the re-run rows of this step size, latest budget last: k → its row
      const rerun = new Map<number, Float64Array>();
      for (const extension of point.extensions) {
        const record = await (await options.journalOf(extension.round)).read(extension.task);
        extension.trajectories.forEach((k, r) => {
          rerun.set(k, record.subarray(r * width, (r + 1) * width));
        });
      }
      for (const source of point.sources) {
        const record = await (await options.journalOf(source.round)).read(source.task);
        for (let r = 0; r < source.count; r++) {
          const row = rerun.get(source.start + r);
          if (row) record.set(row, r * width);
        }
        if (filled + source.count > CHUNK_ROWS) await flush();
        decodeInto(batch, filled, { index: source.task, etaIndex, start: source.start, count: source.count }, record, {
          eta: point.eta,
          etaRatio: etaCritical === null ? Number.NaN : point.eta / etaCritical,
          paramCount,
          weights,
        });
        filled += source.count;
      }
    }
    await flush();
    await writer.close();
    const rows = summary.summary().map((row) => {
      const [low, high] = intervalOf(sorted[row.etaIndex], options.settings);
      return { ...row, pConvergedLow: low, pConvergedHigh: high, intervalMethod: 'beta-binomial-mixture' as const };
    });
    await writeSummary(join(dir, SUMMARY_FILE), rows, kvMetadata);
    await initializations.write(join(dir, INITIALIZATIONS_FILE), kvMetadata);
    return rows;
  } catch (error) {
    await writer.abort();
    throw error;
  } finally {
    summary.dispose();
  }
}

/**
 * initializations.parquet of an adaptive sweep, where step sizes ran different numbers of initializations:
 * per k, the largest η at which it converged among the step sizes that ran it, and its initial norm and
 * sharpness (the same at every η). Memory is three numbers per initialization of the largest step size.
 */
class InitializationColumns {
  private readonly etaMaxConverged: Float64Array;
  private readonly paramNormInitial: Float64Array;
  private readonly sharpnessInitial: Float64Array;

  constructor(private readonly count: number) {
    this.etaMaxConverged = new Float64Array(count).fill(Number.NaN);
    this.paramNormInitial = new Float64Array(count);
    this.sharpnessInitial = new Float64Array(count);
  }

  add(rows: TrajectoryBatch): void {
    for (let r = 0; r < rows.length; r++) {
      const k = rows.trajectory[r];
      this.paramNormInitial[k] = rows.paramNormInitial[r];
      this.sharpnessInitial[k] = rows.sharpnessInitial[r];
      if (rows.outcome[r] === OUTCOME_CODE.converged && !(this.etaMaxConverged[k] >= rows.eta[r])) {
        this.etaMaxConverged[k] = rows.eta[r];
      }
    }
  }

  async write(path: string, kvMetadata: Record<string, string>): Promise<void> {
    const writer = await ParquetTableWriter.open(path, { columns: INITIALIZATION_COLUMNS, kvMetadata });
    try {
      await writer.append(
        {
          trajectory: Float64Array.from({ length: this.count }, (_, k) => k),
          eta_max_converged: this.etaMaxConverged,
          param_norm_initial: this.paramNormInitial,
          sharpness_initial: this.sharpnessInitial,
        },
        this.count,
      );
      await writer.close();
    } catch (error) {
      await writer.abort();
      throw error;
    }
  }
}

import type { ColumnValues } from './column-buffer.js';
import { ResultsError } from './errors.js';
import { trajectoryColumns } from './schema.js';
import { ParquetTableWriter } from './table-writer.js';
import { OUTCOMES, type TrajectoryBatch } from './trajectory-batch.js';

export interface TrajectoryWriterOptions {
  /** `record.weights`: write the weights_initial and weights_final columns. */
  weights: boolean;
  /** Parameters per network (length of each weights list); ignored without weights. */
  paramCount: number;
  /** Footer key–value metadata, normally `footerMetadata(version, configJson)`. */
  kvMetadata: Readonly<Record<string, string>>;
  /** Rows per row group, default DEFAULT_ROW_GROUP_SIZE. Merged shards must use the unsharded value. */
  rowGroupSize?: number;
}

/**
 * Streams TrajectoryBatches into trajectories.parquet (temp name, then rename on close). The bytes depend
 * only on the sequence of rows and the options, not on the batch sizes (see ParquetTableWriter).
 */
export class TrajectoryWriter {
  readonly weights: boolean;
  readonly paramCount: number;
  private readonly table: ParquetTableWriter;

  private constructor(table: ParquetTableWriter, weights: boolean, paramCount: number) {
    this.table = table;
    this.weights = weights;
    this.paramCount = paramCount;
  }

  static async open(finalPath: string, options: TrajectoryWriterOptions): Promise<TrajectoryWriter> {
    const { weights, paramCount } = options;
    if (weights && (!Number.isInteger(paramCount) || paramCount < 0)) {
      throw new ResultsError('BAD_OPTIONS', `options.paramCount must be a non-negative integer, got ${paramCount}`);
    }
    const table = await ParquetTableWriter.open(finalPath, {
      columns: trajectoryColumns(weights),
      kvMetadata: options.kvMetadata,
      rowGroupSize: options.rowGroupSize,
    });
    return new TrajectoryWriter(table, weights, weights ? paramCount : 0);
  }

  get finalPath(): string {
    return this.table.finalPath;
  }

  get tempPath(): string {
    return this.table.tempPath;
  }

  get rowGroupSize(): number {
    return this.table.rowGroupSize;
  }

  /** Rows appended so far. */
  get rowCount(): number {
    return this.table.rowCount;
  }

  /** Appends rows 0..batch.length−1. After an error the writer is unusable: call `abort()`. */
  async append(batch: TrajectoryBatch): Promise<void> {
    await this.table.append(this.columnsOf(batch), batch.length);
  }

  /** Finishes the file: footer, fsync, rename onto the final name. */
  async close(): Promise<void> {
    await this.table.close();
  }

  /** Removes the temporary file; the final name is never touched. */
  async abort(): Promise<void> {
    await this.table.abort();
  }

  private columnsOf(batch: TrajectoryBatch): Record<string, ColumnValues> {
    const n = batch.length;
    const outcome = new Array<string>(n);
    const period = new Array<number | null>(n);
    for (let r = 0; r < n; r++) {
      const name = OUTCOMES[batch.outcome[r]];
      if (name === undefined) {
        throw new ResultsError('BAD_VALUE', `column outcome row ${r}: unknown outcome code ${batch.outcome[r]}`, {
          details: { column: 'outcome', row: r },
        });
      }
      outcome[r] = name;
      period[r] = batch.period[r] === 0 ? null : batch.period[r];
    }
    const columns: Record<string, ColumnValues> = {
      eta: batch.eta,
      eta_index: batch.etaIndex,
      eta_ratio: batch.etaRatio,
      trajectory: batch.trajectory,
      outcome,
      period,
      steps: batch.steps,
      loss_initial: batch.lossInitial,
      loss_final: batch.lossFinal,
      loss_min: batch.lossMin,
      grad_norm_final: batch.gradNormFinal,
      sharpness_initial: batch.sharpnessInitial,
      sharpness_final: batch.sharpnessFinal,
      param_norm_initial: batch.paramNormInitial,
      param_norm_final: batch.paramNormFinal,
    };
    if (this.weights) {
      if (batch.paramCount !== this.paramCount) {
        throw new ResultsError(
          'BAD_VALUE',
          `batch.paramCount is ${batch.paramCount}, the writer's is ${this.paramCount}`,
        );
      }
      if (!batch.weightsInitial || !batch.weightsFinal) {
        throw new ResultsError('BAD_VALUE', 'batch.weightsInitial and batch.weightsFinal are required with weights');
      }
      columns.weights_initial = { flat: batch.weightsInitial, width: this.paramCount };
      columns.weights_final = { flat: batch.weightsFinal, width: this.paramCount };
    }
    return columns;
  }
}

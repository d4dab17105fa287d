/**
 * initializations.parquet, written as the trajectory rows stream past: per
 * initialization k, the largest grid η at which it converged and its initial
 * parameter norm and sharpness.
 *
 * The rows come in trajectories.parquet's order — step size, then k — and
 * a whole run has every (η, k) once. Step sizes before the last only mark
 * which k converged (a bit per row); the last step size's rows then come in
 * k order, each completing its table row. Memory is those bits, E·T/8 bytes
 * for E step sizes of T trajectories, never the rows. (Reading the table back
 * from trajectories.parquet after the run would cost 1.1 s of a 5 s run at
 * 10⁶ trajectories.)
 */
import { OUTCOME_CODE } from '@eos-sweep/core';
import type { TrajectoryFields } from '@eos-sweep/results';
import { INITIALIZATION_COLUMNS, ParquetTableWriter } from '@eos-sweep/results';

/** The fields the table is made of. */
export const INITIALIZATION_FIELDS = [
  'etaIndex',
  'trajectory',
  'outcome',
  'paramNormInitial',
  'sharpnessInitial',
] as const;
export type InitializationRows = TrajectoryFields<(typeof INITIALIZATION_FIELDS)[number]>;

/** Table rows buffered before they go to the writer (which cuts its row groups itself). */
const CHUNK_ROWS = 4096;

export interface InitializationsOptions {
  /** The grid's step sizes, by eta_index. */
  readonly etas: readonly number[];
  /** Initializations per step size. */
  readonly trajectories: number;
  readonly kvMetadata: Readonly<Record<string, string>>;
}

export class InitializationsTable {
  /** Bit e·T + k: initialization k converged at step size e (e below the last). */
  private readonly converged: Uint8Array;
  /** The (eta_index, k) the next row must have. */
  private etaIndex = 0;
  private k = 0;
  private readonly trajectory = new Float64Array(CHUNK_ROWS);
  private readonly etaMaxConverged = new Float64Array(CHUNK_ROWS);
  private readonly paramNormInitial = new Float64Array(CHUNK_ROWS);
  private readonly sharpnessInitial = new Float64Array(CHUNK_ROWS);
  private filled = 0;
  /** Seconds in the Parquet writer (encoding and writing). */
  parquetSeconds = 0;

  private constructor(
    private readonly writer: ParquetTableWriter,
    private readonly etas: readonly number[],
    private readonly trajectories: number,
  ) {
    this.converged = new Uint8Array(Math.ceil((Math.max(0, etas.length - 1) * trajectories) / 8));
  }

  /** Opens the table at `path` (written under a temporary name until `close`). */
  static async open(path: string, options: InitializationsOptions): Promise<InitializationsTable> {
    const writer = await ParquetTableWriter.open(path, {
      columns: INITIALIZATION_COLUMNS,
      kvMetadata: { ...options.kvMetadata },
    });
    return new InitializationsTable(writer, options.etas, options.trajectories);
  }

  /** The next rows of the stream: sorted by (eta_index, trajectory), each pair once, none skipped. */
  async add(rows: InitializationRows): Promise<void> {
    const last = this.etas.length - 1;
    const T = this.trajectories;
    for (let r = 0; r < rows.length; r++) {
      if (rows.etaIndex[r] !== this.etaIndex || rows.trajectory[r] !== this.k) {
        throw new Error(
          `initializations: expected the row of (eta_index ${this.etaIndex}, trajectory ${this.k}), ` +
            `got (${rows.etaIndex[r]}, ${rows.trajectory[r]})`,
        );
      }
      const converged = rows.outcome[r] === OUTCOME_CODE.converged;
      if (this.etaIndex < last) {
        if (converged) {
          const bit = this.etaIndex * T + this.k;
          this.converged[bit >> 3] |= 1 << (bit & 7);
        }
      } else {
        // the largest converged η, as `max` over the grid (which need not be sorted)
        let etaMax = converged ? this.etas[last] : Number.NaN;
        for (let e = 0, bit = this.k; e < last; e++, bit += T) {
          if (this.converged[bit >> 3] & (1 << (bit & 7)) && !(etaMax >= this.etas[e])) etaMax = this.etas[e];
        }
        const i = this.filled++;
        this.trajectory[i] = this.k;
        this.etaMaxConverged[i] = etaMax;
        this.paramNormInitial[i] = rows.paramNormInitial[r];
        this.sharpnessInitial[i] = rows.sharpnessInitial[r];
        if (this.filled === CHUNK_ROWS) await this.flush();
      }
      if (++this.k === T) {
        this.k = 0;
        this.etaIndex++;
      }
    }
  }

  private async flush(): Promise<void> {
    const values = {
      trajectory: this.trajectory,
      eta_max_converged: this.etaMaxConverged,
      param_norm_initial: this.paramNormInitial,
      sharpness_initial: this.sharpnessInitial,
    };
    const started = performance.now();
    await this.writer.append(values, this.filled);
    this.parquetSeconds += (performance.now() - started) / 1000;
    this.filled = 0;
  }

  /** Every row has come: writes the rest and puts the file in place. */
  async close(): Promise<void> {
    if (this.etaIndex !== this.etas.length || this.k !== 0) {
      throw new Error(
        `initializations: the rows stopped at (eta_index ${this.etaIndex}, trajectory ${this.k}) of ` +
          `${this.etas.length} × ${this.trajectories}`,
      );
    }
    await this.flush();
    const started = performance.now();
    await this.writer.close();
    this.parquetSeconds += (performance.now() - started) / 1000;
  }

  /** Removes the unfinished file. */
  async abort(): Promise<void> {
    await this.writer.abort();
  }
}

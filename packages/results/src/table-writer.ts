import { openSync } from 'node:fs';
import { type KeyValue, ParquetWriter } from 'hyparquet-writer';
import { commitFile, removeQuietly, tempPathFor } from './atomic-file.js';
import { ColumnBuffer, type ColumnValues, valuesLength } from './column-buffer.js';
import { ColumnChunkWriter } from './column-chunk.js';
import { ResultsError } from './errors.js';
import { FdWriter } from './fd-writer.js';
import { type ColumnDef, toParquetSchema } from './schema.js';

/** Rows per row group unless told otherwise: large enough for good compression, small enough to stream. */
export const DEFAULT_ROW_GROUP_SIZE = 65_536;

export interface ParquetTableWriterOptions {
  columns: readonly ColumnDef[];
  /** Footer key–value metadata; written sorted by key so the bytes do not depend on insertion order. */
  kvMetadata: Readonly<Record<string, string>>;
  /** Rows per row group (default DEFAULT_ROW_GROUP_SIZE); every group has exactly this many but the last. */
  rowGroupSize?: number;
}

/** A column with its values, for `writeParquetTable`. */
export interface ColumnSpec extends ColumnDef {
  values: ColumnValues;
}

type State = 'open' | 'closed' | 'aborted' | 'failed';

/**
 * Streams rows into a Parquet file. Rows are buffered and written as row groups of exactly `rowGroupSize`
 * rows (the last one smaller), so the file's bytes depend only on the sequence of rows and the options —
 * never on how the rows were split into `append` calls. This is what makes runs byte-identical across worker
 * counts and lets merged shards reproduce the unsharded file. Memory is bounded by one row group.
 *
 * A table of flat columns is encoded by ColumnChunkWriter (uncompressed PLAIN or dictionary pages, ~10× faster
 * than hyparquet-writer's general encoder); a table with a LIST<DOUBLE> column (the weights) by
 * hyparquet-writer, Snappy-compressed. hyparquet-writer writes the header and the footer of both.
 *
 * The file is written under a temporary name and renamed onto `finalPath` by `close()`; `abort()` removes it.
 */
export class ParquetTableWriter {
  readonly finalPath: string;
  readonly tempPath: string;
  readonly columns: readonly ColumnDef[];
  readonly rowGroupSize: number;
  private readonly sink: FdWriter;
  private readonly parquet: ParquetWriter;
  private readonly buffers: ColumnBuffer[];
  /** When every column is flat; none (hyparquet-writer's general encoder) with a LIST column. */
  private readonly chunkWriter: ColumnChunkWriter | null;
  private filled = 0;
  private written = 0;
  private state: State = 'open';

  private constructor(finalPath: string, options: ParquetTableWriterOptions) {
    const rowGroupSize = options.rowGroupSize ?? DEFAULT_ROW_GROUP_SIZE;
    if (!Number.isInteger(rowGroupSize) || rowGroupSize < 1) {
      throw new ResultsError('BAD_OPTIONS', `options.rowGroupSize must be a positive integer, got ${rowGroupSize}`);
    }
    validateColumns(options.columns);
    this.finalPath = finalPath;
    this.tempPath = tempPathFor(finalPath);
    this.columns = options.columns;
    this.rowGroupSize = rowGroupSize;
    this.buffers = options.columns.map((def) => new ColumnBuffer(def, rowGroupSize));
    const flat = options.columns.every((def) => def.type !== 'LIST<DOUBLE>');
    this.chunkWriter = flat ? new ColumnChunkWriter() : null;
    this.sink = new FdWriter(openSync(this.tempPath, 'w'));
    try {
      this.parquet = new ParquetWriter({
        writer: this.sink,
        schema: toParquetSchema(options.columns),
        codec: 'SNAPPY',
        kvMetadata: toKeyValues(options.kvMetadata),
      });
    } catch (error) {
      this.sink.release();
      removeQuietly(this.tempPath);
      throw error;
    }
  }

  /** Creates the temporary file and writes the Parquet header. */
  static async open(finalPath: string, options: ParquetTableWriterOptions): Promise<ParquetTableWriter> {
    return new ParquetTableWriter(finalPath, options);
  }

  /** Rows appended so far (written or buffered). */
  get rowCount(): number {
    return this.written + this.filled;
  }

  /**
   * Appends rows 0..rowCount−1 of every column (keyed by column name; every column is required). After an
   * error the writer is unusable: call `abort()`.
   */
  async append(values: Readonly<Record<string, ColumnValues>>, rowCount: number): Promise<void> {
    this.requireOpen();
    if (!Number.isInteger(rowCount) || rowCount < 0) {
      throw new ResultsError('BAD_OPTIONS', `rowCount must be a non-negative integer, got ${rowCount}`);
    }
    const sources = this.columns.map(({ name }) => {
      const v = values[name];
      if (v === undefined)
        throw new ResultsError('BAD_VALUE', `column ${name} is missing`, { details: { column: name } });
      if (valuesLength(v) < rowCount) {
        throw new ResultsError('BAD_VALUE', `column ${name} has ${valuesLength(v)} rows, expected ${rowCount}`, {
          details: { column: name },
        });
      }
      return v;
    });
    try {
      let done = 0;
      while (done < rowCount) {
        const count = Math.min(rowCount - done, this.rowGroupSize - this.filled);
        for (let c = 0; c < sources.length; c++) this.buffers[c].fill(sources[c], done, count, this.filled);
        this.filled += count;
        done += count;
        if (this.filled === this.rowGroupSize) this.writeRowGroup();
      }
    } catch (error) {
      this.state = 'failed';
      throw error;
    }
  }

  /** Writes the buffered rows and the footer, fsyncs, and renames the file onto its final name. */
  async close(): Promise<void> {
    this.requireOpen();
    try {
      if (this.filled > 0) this.writeRowGroup();
      this.parquet.finish();
      commitFile(this.tempPath, this.finalPath);
      this.state = 'closed';
    } catch (error) {
      this.state = 'failed';
      await this.abort();
      throw error;
    }
  }

  /** Discards the file; nothing is left under either name. Safe to call at any time, more than once. */
  async abort(): Promise<void> {
    if (this.state === 'closed' || this.state === 'aborted') return;
    this.state = 'aborted';
    this.sink.release();
    removeQuietly(this.tempPath);
  }

  private writeRowGroup(): void {
    const length = this.filled;
    const chunkWriter = this.chunkWriter;
    if (chunkWriter) {
      // the chunks go where ParquetWriter.write would put them, and its finish() writes the footer
      const start = this.sink.offset;
      const columns = this.buffers.map((buffer) => chunkWriter.write(this.sink, buffer, length));
      let totalByteSize = 0n;
      for (const c of columns) totalByteSize += c.meta_data?.total_uncompressed_size ?? 0n;
      this.parquet.row_groups.push({
        columns,
        total_byte_size: totalByteSize,
        num_rows: BigInt(length),
        total_compressed_size: BigInt(this.sink.offset - start),
      });
      this.parquet.num_rows += BigInt(length);
      this.sink.flush();
    } else {
      const columnData = this.buffers.map((b) => ({ name: b.def.name, data: b.data(length) }));
      // FdWriter.flush is synchronous, so ParquetWriter.write is too: the buffers can be reused at once.
      void this.parquet.write({ columnData, rowGroupSize: length });
    }
    this.written += length;
    this.filled = 0;
  }

  private requireOpen(): void {
    if (this.state !== 'open') {
      throw new ResultsError('WRITER_CLOSED', `writer for ${this.finalPath} is ${this.state}`);
    }
  }
}

/** Writes a whole table at once (summary.parquet and other small tables), with the same temp-then-rename rule. */
export async function writeParquetTable(
  finalPath: string,
  columns: readonly ColumnSpec[],
  kvMetadata: Readonly<Record<string, string>>,
  options: { rowGroupSize?: number } = {},
): Promise<void> {
  const rowCount = columns.length ? valuesLength(columns[0].values) : 0;
  for (const c of columns) {
    if (valuesLength(c.values) !== rowCount) {
      throw new ResultsError('BAD_VALUE', `column ${c.name} has ${valuesLength(c.values)} rows, expected ${rowCount}`);
    }
  }
  const writer = await ParquetTableWriter.open(finalPath, {
    columns: columns.map(({ name, type, nullable }) => ({ name, type, nullable })),
    kvMetadata,
    rowGroupSize: options.rowGroupSize,
  });
  try {
    await writer.append(Object.fromEntries(columns.map((c) => [c.name, c.values])), rowCount);
    await writer.close();
  } catch (error) {
    await writer.abort();
    throw error;
  }
}

function toKeyValues(record: Readonly<Record<string, string>>): KeyValue[] {
  return Object.keys(record)
    .sort()
    .map((key) => {
      const value = record[key];
      if (typeof value !== 'string') {
        throw new ResultsError('BAD_OPTIONS', `options.kvMetadata["${key}"] must be a string, got ${typeof value}`);
      }
      return { key, value };
    });
}

function validateColumns(columns: readonly ColumnDef[]): void {
  if (columns.length === 0) throw new ResultsError('BAD_OPTIONS', 'options.columns must not be empty');
  const seen = new Set<string>();
  for (const { name } of columns) {
    if (seen.has(name)) throw new ResultsError('BAD_OPTIONS', `options.columns has column ${name} twice`);
    seen.add(name);
  }
}

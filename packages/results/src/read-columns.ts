/**
 * Some columns of any Parquet file (not only the ones eos-sweep writes),
 * row group by row group: for tables written by other tools, whose other
 * columns may have types eos-sweep never writes.
 */
import type { FileMetaData } from 'hyparquet';
import { asyncBufferFromFile, parquetMetadataAsync, parquetRead, parquetSchema } from 'hyparquet';
import { ResultsError } from './errors.js';

export interface ColumnChunk {
  readonly rowCount: number;
  /** Values as hyparquet decodes them (numbers, bigints, strings, nulls). */
  readonly columns: Readonly<Record<string, ArrayLike<unknown>>>;
}

export async function* readColumns(path: string, names: readonly string[]): AsyncGenerator<ColumnChunk> {
  const file = await asyncBufferFromFile(path);
  let metadata: FileMetaData;
  try {
    metadata = await parquetMetadataAsync(file);
  } catch (error) {
    throw new ResultsError('BAD_PARQUET', `${path} is not a readable Parquet file: ${(error as Error).message}`);
  }
  const present = new Set(parquetSchema(metadata).children.map((c) => c.element.name));
  const missing = names.filter((n) => !present.has(n));
  if (missing.length > 0) {
    throw new ResultsError('BAD_PARQUET', `${path} has no column ${missing.join(', ')} (it needs ${names.join(', ')})`);
  }
  let rowStart = 0;
  for (const group of metadata.row_groups) {
    const rowCount = Number(group.num_rows);
    const parts = new Map<string, { start: number; data: ArrayLike<unknown> }[]>(names.map((n) => [n, []]));
    try {
      await parquetRead({
        file,
        metadata,
        columns: [...names],
        rowStart,
        rowEnd: rowStart + rowCount,
        onChunk: ({ columnName, columnData, rowStart: start }) => {
          parts.get(columnName)?.push({ start, data: columnData });
        },
      });
    } catch (error) {
      throw new ResultsError('BAD_PARQUET', `${path}: ${(error as Error).message}`);
    }
    const columns: Record<string, unknown[]> = {};
    for (const [name, chunks] of parts) {
      const out = new Array<unknown>(rowCount);
      for (const { start, data } of chunks) {
        for (let r = 0; r < data.length; r++) {
          const at = start - rowStart + r;
          if (at >= 0 && at < rowCount) out[at] = data[r];
        }
      }
      columns[name] = out;
    }
    yield { rowCount, columns };
    rowStart += rowCount;
  }
}

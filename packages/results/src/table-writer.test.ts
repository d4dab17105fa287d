import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { footerMetadata } from './footer.js';
import { readParquetMetadata, readTable } from './reader.js';
import { type ColumnDef, INITIALIZATION_COLUMNS, SUMMARY_COLUMNS } from './schema.js';
import { type ColumnSpec, ParquetTableWriter, writeParquetTable } from './table-writer.js';
import { duckQuery, tempDir } from './testing/fixtures.js';

const kv = footerMetadata('0.1.0-test', '{}');
let tmp: ReturnType<typeof tempDir>;
let duck: DuckDBInstance;
const query = (sql: string) => duckQuery(duck, sql);
beforeAll(async () => {
  tmp = tempDir();
  duck = await DuckDBInstance.create();
});
afterAll(() => {
  duck.closeSync();
  tmp.cleanup();
});

/** Two step sizes of a summary, the second without η_c-relative values. */
function summary(): ColumnSpec[] {
  const values: Record<string, ColumnSpec['values']> = {
    eta: [0.5, 1.5],
    eta_index: [0, 1],
    eta_ratio: [0.4, Number.NaN],
    trajectories: [10, 10],
    converged: [7, 0],
    saddle: [1, 0],
    periodic: [1, 0],
    diverged: [1, 10],
    unresolved: [0, 0],
    p_converged: [0.7, 0],
    p_converged_low: [0.397, 0],
    p_converged_high: [0.892, 0.278],
    sharpness_final_median: [2.5, Number.NaN],
    steps_median: [120, null],
    two_over_eta: [4, 2 / 1.5],
    eta_critical: [null, undefined],
    sharpness_final_min: [2.1, null],
    sharpness_final_max: [3.9, null],
    param_norm_final_median: [1.5, null],
    param_norm_final_max: [2.5, null],
    interval_method: ['wilson', 'wilson'],
  };
  return SUMMARY_COLUMNS.map((c) => ({ ...c, values: values[c.name] }));
}

describe('writeParquetTable', () => {
  it('writes summary.parquet that reads back, with the documented types in DuckDB', async () => {
    const path = join(tmp.dir, 'summary.parquet');
    await writeParquetTable(path, summary(), kv);
    const table = await readTable(path);
    expect(table.info.rowCount).toBe(2);
    expect(table.info.kvMetadata).toEqual(kv);
    expect(table.columns.eta_ratio).toEqual([0.4, null]);
    expect(table.columns.trajectories).toEqual([10, 10]);
    expect(table.columns.steps_median).toEqual([120, null]);
    expect(table.columns.eta_critical).toEqual([null, null]);
    expect(table.columns.two_over_eta).toEqual([4, 2 / 1.5]);
    expect(table.columns.interval_method).toEqual(['wilson', 'wilson']);

    const types = await query(`DESCRIBE SELECT * FROM read_parquet('${path}')`);
    expect(Object.fromEntries(types.map((t) => [t.column_name, t.column_type]))).toMatchObject({
      eta: 'DOUBLE',
      eta_index: 'INTEGER',
      trajectories: 'BIGINT',
      unresolved: 'BIGINT',
      p_converged: 'DOUBLE',
      eta_critical: 'DOUBLE',
      interval_method: 'VARCHAR',
    });
    const [row] = await query(`SELECT sum(diverged)::INTEGER AS d, count(eta_ratio)::INTEGER AS r FROM '${path}'`);
    expect(row).toEqual({ d: 11, r: 1 });
  });

  it('writes a valid file with no rows', async () => {
    const path = join(tmp.dir, 'empty.parquet');
    await writeParquetTable(
      path,
      INITIALIZATION_COLUMNS.map((c) => ({ ...c, values: [] })),
      kv,
    );
    expect((await readParquetMetadata(path)).rowCount).toBe(0);
    expect((await readTable(path)).columns.trajectory).toEqual([]);
    expect(await query(`SELECT count(*)::INTEGER AS n FROM read_parquet('${path}')`)).toEqual([{ n: 0 }]);
  });

  it('does not depend on the insertion order of the footer metadata', async () => {
    const a = join(tmp.dir, 'kv-a.parquet');
    const b = join(tmp.dir, 'kv-b.parquet');
    await writeParquetTable(a, summary(), { x: '1', y: '2' });
    await writeParquetTable(b, summary(), { y: '2', x: '1' });
    expect(readFileSync(a).equals(readFileSync(b))).toBe(true);
  });

  it('refuses columns of different lengths and leaves nothing behind', async () => {
    const path = join(tmp.dir, 'ragged.parquet');
    const columns = summary();
    columns[3] = { ...columns[3], values: [1] };
    await expect(writeParquetTable(path, columns, kv)).rejects.toMatchObject({ code: 'BAD_VALUE' });
    expect(existsSync(path)).toBe(false);
  });
});

describe('ParquetTableWriter', () => {
  it('streams initializations.parquet in fixed row groups', async () => {
    const path = join(tmp.dir, 'initializations.parquet');
    const writer = await ParquetTableWriter.open(path, {
      columns: INITIALIZATION_COLUMNS,
      kvMetadata: kv,
      rowGroupSize: 7,
    });
    for (let start = 0; start < 50; start += 11) {
      const n = Math.min(11, 50 - start);
      const trajectory = Array.from({ length: n }, (_, i) => start + i);
      await writer.append(
        {
          trajectory,
          eta_max_converged: trajectory.map((k) => (k % 4 === 0 ? Number.NaN : k / 10)),
          param_norm_initial: new Float64Array(n).fill(1),
          sharpness_initial: new Float64Array(n).fill(Number.POSITIVE_INFINITY),
        },
        n,
      );
    }
    expect(writer.rowCount).toBe(50);
    await writer.close();
    const table = await readTable(path);
    expect(table.info.rowGroups.map((g) => g.rowCount)).toEqual([7, 7, 7, 7, 7, 7, 7, 1]);
    expect(table.columns.trajectory).toEqual(Array.from({ length: 50 }, (_, k) => k));
    expect(table.columns.eta_max_converged.filter((v) => v === null)).toHaveLength(13);
    expect(table.columns.sharpness_initial.every((v) => v === null)).toBe(true);
  });

  it('writes the same bytes whatever arrays the values come in, in groups with and without nulls', async () => {
    const columns: ColumnDef[] = [
      { name: 'x', type: 'DOUBLE', nullable: true },
      { name: 'y', type: 'DOUBLE', nullable: false },
      { name: 'k', type: 'INT64', nullable: false },
      { name: 'p', type: 'INT32', nullable: true },
    ];
    // groups of 4: without a null (−0, extremes, a repeat for the dictionary), with nulls, all null, a tail
    const x = [-0, 0, 5e-324, 1.7976931348623157e308, 2.5, 2.5, null, -1, null, null, null, null, 3, 0.1];
    const y = x.map((v, i) => v ?? i);
    const k = x.map((_, i) => i * 2 ** 33 - 7);
    const p = x.map((v, i) => (v === null ? null : i - 5));
    const write = async (name: string, values: Record<string, ColumnSpec['values']>) => {
      const path = join(tmp.dir, name);
      const writer = await ParquetTableWriter.open(path, { columns, kvMetadata: kv, rowGroupSize: 4 });
      await writer.append(values, x.length);
      await writer.close();
      return path;
    };
    const typed = await write('typed.parquet', {
      x: Float64Array.from(x, (v) => v ?? Number.NaN),
      y: Float64Array.from(y),
      k: Float64Array.from(k),
      p: p.map((v) => v ?? undefined),
    });
    const plain = await write('plain.parquet', { x, y, k: k.map(BigInt), p });
    expect(readFileSync(typed).equals(readFileSync(plain))).toBe(true);
    const table = await readTable(typed);
    expect(table.columns.x).toEqual(x);
    expect(table.columns.k).toEqual(k);
    expect(table.columns.p).toEqual(p);
  });

  it('is unusable after a bad append, and abort removes the temporary file', async () => {
    const path = join(tmp.dir, 'failed.parquet');
    const writer = await ParquetTableWriter.open(path, {
      columns: INITIALIZATION_COLUMNS,
      kvMetadata: kv,
      rowGroupSize: 2,
    });
    const good = {
      trajectory: [0, 1, 2],
      eta_max_converged: [1, 1, 1],
      param_norm_initial: [1, 1, 1],
      sharpness_initial: [1, 1, 1],
    };
    await writer.append(good, 3);
    await expect(writer.append({ ...good, trajectory: [3, 'x', 5] as never }, 3)).rejects.toMatchObject({
      code: 'BAD_VALUE',
      details: { column: 'trajectory', row: 1 },
    });
    await expect(writer.append(good, 3)).rejects.toMatchObject({ code: 'WRITER_CLOSED' });
    await expect(writer.close()).rejects.toMatchObject({ code: 'WRITER_CLOSED' });
    expect(existsSync(writer.tempPath)).toBe(true);
    await writer.abort();
    await writer.abort();
    expect(existsSync(writer.tempPath)).toBe(false);
    expect(existsSync(path)).toBe(false);
  });

  it('refuses a missing column, bad options and duplicate names', async () => {
    const path = join(tmp.dir, 'options.parquet');
    await expect(
      ParquetTableWriter.open(path, { columns: INITIALIZATION_COLUMNS, kvMetadata: kv, rowGroupSize: 0 }),
    ).rejects.toMatchObject({ code: 'BAD_OPTIONS', message: expect.stringContaining('options.rowGroupSize') });
    await expect(
      ParquetTableWriter.open(path, {
        columns: [...INITIALIZATION_COLUMNS, INITIALIZATION_COLUMNS[0]],
        kvMetadata: kv,
      }),
    ).rejects.toMatchObject({ code: 'BAD_OPTIONS' });
    const writer = await ParquetTableWriter.open(path, { columns: INITIALIZATION_COLUMNS, kvMetadata: kv });
    await expect(writer.append({ trajectory: [1] }, 1)).rejects.toMatchObject({ code: 'BAD_VALUE' });
    await writer.abort();
    expect(readdirSync(tmp.dir).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  it('overwrites an existing final file only on close', async () => {
    const path = join(tmp.dir, 'replace.parquet');
    writeFileSync(path, 'old');
    const writer = await ParquetTableWriter.open(path, { columns: INITIALIZATION_COLUMNS, kvMetadata: kv });
    await writer.append(
      { trajectory: [0], eta_max_converged: [1], param_norm_initial: [1], sharpness_initial: [1] },
      1,
    );
    expect(readFileSync(path, 'utf8')).toBe('old');
    await writer.close();
    expect((await readParquetMetadata(path)).rowCount).toBe(1);
  });
});

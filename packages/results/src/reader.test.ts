import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { footerMetadata } from './footer.js';
import {
  openTrajectoryFile,
  readParquetMetadata,
  readRowGroups,
  readTable,
  readTrajectoryFields,
  readTrajectoryRowGroups,
} from './reader.js';
import { SUMMARY_COLUMNS } from './schema.js';
import { writeParquetTable } from './table-writer.js';
import { makeRows, tempDir } from './testing/fixtures.js';
import type { TrajectoryBatch } from './trajectory-batch.js';
import { TrajectoryWriter } from './trajectory-writer.js';

const kv = footerMetadata('0.1.0-test', '{"seed":1}');
let tmp: ReturnType<typeof tempDir>;
beforeAll(() => {
  tmp = tempDir();
});
afterAll(() => tmp.cleanup());

/** The batch as it must read back: every non-finite double becomes null, i.e. NaN. */
function asStored(b: TrajectoryBatch): TrajectoryBatch {
  const out = { ...b };
  for (const key of Object.keys(b) as (keyof TrajectoryBatch)[]) {
    const v = b[key];
    if (v instanceof Float64Array && key !== 'trajectory' && key !== 'eta') {
      (out as unknown as Record<string, unknown>)[key] = v.map((x) => (Number.isFinite(x) ? x : Number.NaN));
    }
  }
  return out;
}

/** Concatenates the batches' rows into one batch (test-only, small sizes). */
function concat(batches: TrajectoryBatch[]): TrajectoryBatch {
  const first = batches[0];
  const out = { ...first, length: batches.reduce((n, b) => n + b.length, 0) } as TrajectoryBatch;
  for (const key of Object.keys(first) as (keyof TrajectoryBatch)[]) {
    const v = first[key];
    if (ArrayBuffer.isView(v)) {
      const Ctor = v.constructor as new (n: number) => Float64Array;
      const all = new Ctor(batches.reduce((n, b) => n + (b[key] as Float64Array).length, 0));
      let at = 0;
      for (const b of batches) {
        all.set(b[key] as Float64Array, at);
        at += (b[key] as Float64Array).length;
      }
      (out as unknown as Record<string, unknown>)[key] = all;
    }
  }
  return out;
}

describe('readTrajectoryRowGroups', () => {
  const rows = makeRows(5, 201, { seed: 5, weights: true, paramCount: 4 }); // 1005 rows
  let path: string;
  beforeAll(async () => {
    path = join(tmp.dir, 'trajectories.parquet');
    const writer = await TrajectoryWriter.open(path, {
      weights: true,
      paramCount: 4,
      kvMetadata: kv,
      rowGroupSize: 100,
    });
    await writer.append(rows);
    await writer.close();
  });

  it('yields one batch per row group, reproducing every row', async () => {
    const batches: TrajectoryBatch[] = [];
    for await (const batch of readTrajectoryRowGroups(path)) batches.push(batch);
    expect(batches.map((b) => b.length)).toEqual([...new Array(10).fill(100), 5]); // ceil(1005 / 100) groups
    expect(batches.every((b) => b.paramCount === 4)).toBe(true);
    expect(concat(batches)).toEqual(asStored(rows));
  });

  it('reports row count, groups, columns and footer metadata', async () => {
    const info = await readParquetMetadata(path);
    expect(info.rowCount).toBe(1005);
    expect(info.rowGroups).toHaveLength(11);
    expect(info.rowGroups[10]).toEqual({ rowStart: 1000, rowCount: 5 });
    expect(info.kvMetadata).toEqual(kv);
    expect(info.columns.find((c) => c.name === 'weights_final')).toEqual({
      name: 'weights_final',
      type: 'LIST<DOUBLE>',
      nullable: false,
    });
    expect(info.columns.find((c) => c.name === 'period')).toEqual({ name: 'period', type: 'INT32', nullable: true });
  });

  it('reads selected columns of any file group by group', async () => {
    let total = 0;
    for await (const group of readRowGroups(path, { columns: ['trajectory', 'outcome'] })) {
      expect(Object.keys(group.columns)).toEqual(['trajectory', 'outcome']);
      expect(group.columns.trajectory).toHaveLength(group.rowCount);
      total += group.rowCount;
    }
    expect(total).toBe(1005);
    await expect(readRowGroups(path, { columns: ['nope'] }).next()).rejects.toMatchObject({ code: 'BAD_OPTIONS' });
  });

  it('reads only some fields, of any row group in any order, decoded as in the full batches', async () => {
    const full: TrajectoryBatch[] = [];
    for await (const batch of readTrajectoryRowGroups(path)) full.push(batch);
    const fields = ['etaIndex', 'outcome', 'sharpnessFinal', 'trajectory'] as const;
    const pick = (b: TrajectoryBatch) => ({
      length: b.length,
      etaIndex: b.etaIndex,
      outcome: b.outcome,
      sharpnessFinal: b.sharpnessFinal,
      trajectory: b.trajectory,
    });
    const sequential = [];
    for await (const part of readTrajectoryFields(path, fields)) sequential.push(part);
    expect(sequential).toEqual(full.map(pick));
    const file = await openTrajectoryFile(path);
    expect(file.info).toEqual(await readParquetMetadata(path));
    for (const index of [10, 3, 0, 3]) expect(await file.readFields(index, fields)).toEqual(pick(full[index]));
    await expect(file.readFields(11, fields)).rejects.toMatchObject({ code: 'BAD_OPTIONS' });
  });

  it('refuses a file that is not trajectories.parquet', async () => {
    const summary = join(tmp.dir, 'summary.parquet');
    await writeParquetTable(
      summary,
      SUMMARY_COLUMNS.map((c) => ({ ...c, values: [] })),
      kv,
    );
    await expect(readTrajectoryRowGroups(summary).next()).rejects.toMatchObject({ code: 'SCHEMA_MISMATCH' });
    await expect(openTrajectoryFile(summary)).rejects.toMatchObject({ code: 'SCHEMA_MISMATCH' });
  });
});

describe('reading damaged files', () => {
  it('reports BAD_PARQUET for a file that is not Parquet', async () => {
    const path = join(tmp.dir, 'garbage.parquet');
    writeFileSync(path, 'this is not parquet at all');
    await expect(readParquetMetadata(path)).rejects.toMatchObject({ code: 'BAD_PARQUET' });
    await expect(readTable(path)).rejects.toMatchObject({ code: 'BAD_PARQUET' });
  });

  it('lets a missing file fail with ENOENT', async () => {
    await expect(readParquetMetadata(join(tmp.dir, 'missing.parquet'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

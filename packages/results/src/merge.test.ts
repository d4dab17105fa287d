import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { footerMetadata } from './footer.js';
import { mergeTrajectoryFiles } from './merge.js';
import { readParquetMetadata } from './reader.js';
import { makeRows, seeded, selectRows, tempDir } from './testing/fixtures.js';
import type { TrajectoryBatch } from './trajectory-batch.js';
import { TrajectoryWriter } from './trajectory-writer.js';

const kv = footerMetadata('0.1.0-test', '{"sweep":{"trajectories":1500}}');
let tmp: ReturnType<typeof tempDir>;
beforeAll(() => {
  tmp = tempDir();
});
afterAll(() => tmp.cleanup());

async function write(name: string, rows: TrajectoryBatch, rowGroupSize: number, metadata = kv): Promise<string> {
  const path = join(tmp.dir, name);
  const weights = rows.weightsInitial !== undefined;
  const writer = await TrajectoryWriter.open(path, {
    weights,
    paramCount: rows.paramCount,
    kvMetadata: metadata,
    rowGroupSize,
  });
  await writer.append(rows);
  await writer.close();
  return path;
}

describe('mergeTrajectoryFiles', () => {
  const rows = makeRows(6, 1500, { seed: 9, weights: true, paramCount: 2 }); // 9000 rows
  let direct: string;
  beforeAll(async () => {
    direct = await write('direct.parquet', rows, 500);
  });

  it('reproduces the unsharded file byte for byte from shards that partition it', async () => {
    // shard i holds the initializations k ≡ i (mod 3), as `--shard i/3` would
    const shards = await Promise.all(
      [0, 1, 2].map((i) =>
        write(
          `shard-${i}.parquet`,
          selectRows(rows, (r) => rows.trajectory[r] % 3 === i),
          170 + i,
        ),
      ),
    );
    const out = join(tmp.dir, 'merged.parquet');
    const result = await mergeTrajectoryFiles(shards, out, { rowGroupSize: 500 });
    expect(result).toEqual({ rowCount: 9000, weights: true, paramCount: 2 });
    expect(readFileSync(out).equals(readFileSync(direct))).toBe(true);
  });

  it('also for an uneven random partition, one part empty, in any input order', async () => {
    const rand = seeded(2);
    const part = Array.from({ length: rows.length }, () => (rand() < 0.7 ? 0 : 1));
    const inputs = [
      await write(
        'part-1.parquet',
        selectRows(rows, (r) => part[r] === 1),
        64,
      ),
      await write(
        'part-empty.parquet',
        selectRows(rows, () => false),
        64,
      ),
      await write(
        'part-0.parquet',
        selectRows(rows, (r) => part[r] === 0),
        1000,
      ),
    ];
    const out = join(tmp.dir, 'merged-random.parquet');
    await mergeTrajectoryFiles(inputs, out, { rowGroupSize: 500, kvMetadata: kv });
    expect(readFileSync(out).equals(readFileSync(direct))).toBe(true);
  });

  it('takes the footer metadata of the first input unless given', async () => {
    const other = { ...kv, 'eos_sweep.version': 'other' };
    const a = await write(
      'kv-a.parquet',
      selectRows(rows, (r) => r < 10),
      500,
      other,
    );
    const out = join(tmp.dir, 'merged-kv.parquet');
    await mergeTrajectoryFiles([a], out);
    expect((await readParquetMetadata(out)).kvMetadata['eos_sweep.version']).toBe('other');
    await mergeTrajectoryFiles([a], out, { kvMetadata: kv });
    expect((await readParquetMetadata(out)).kvMetadata['eos_sweep.version']).toBe('0.1.0-test');
  });

  it('reports the first duplicated (eta_index, trajectory) and writes nothing', async () => {
    const a = await write(
      'dup-a.parquet',
      selectRows(rows, (r) => r < 3000),
      500,
    );
    const b = await write(
      'dup-b.parquet',
      selectRows(rows, (r) => r >= 2998 && r < 4000),
      500,
    );
    const out = join(tmp.dir, 'merged-dup.parquet');
    const error = await mergeTrajectoryFiles([a, b], out).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'DUPLICATE_ROWS',
      details: { etaIndex: 1, trajectory: 1498, paths: [a, b] },
      message: expect.stringContaining('(eta_index 1, trajectory 1498)'),
    });
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(tmp.dir).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  it('reports an input that is not sorted', async () => {
    const reversed = selectRows(rows, (r) => r < 20);
    reversed.trajectory.reverse();
    const path = await write('unsorted.parquet', reversed, 500);
    await expect(mergeTrajectoryFiles([path], join(tmp.dir, 'x.parquet'))).rejects.toMatchObject({
      code: 'UNSORTED_ROWS',
    });
  });

  it('refuses inputs with and without weights', async () => {
    const noWeights = selectRows(rows, (r) => r < 5);
    noWeights.weightsInitial = undefined;
    noWeights.weightsFinal = undefined;
    const a = await write(
      'w-a.parquet',
      selectRows(rows, (r) => r >= 5 && r < 10),
      500,
    );
    const b = await write('w-b.parquet', noWeights, 500);
    await expect(mergeTrajectoryFiles([a, b], join(tmp.dir, 'x.parquet'))).rejects.toMatchObject({
      code: 'SCHEMA_MISMATCH',
    });
  });
});

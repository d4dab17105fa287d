import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { footerMetadata } from './footer.js';
import { readParquetMetadata } from './reader.js';
import { duckQuery, makeRows, seeded, sliceRows, tempDir, viewRows } from './testing/fixtures.js';
import { OUTCOMES } from './trajectory-batch.js';
import { TrajectoryWriter } from './trajectory-writer.js';

const kv = footerMetadata('0.1.0-test', '{"name":"test","seed":42}');
let tmp: ReturnType<typeof tempDir>;
beforeAll(() => {
  tmp = tempDir();
});
afterAll(() => tmp.cleanup());

/** Null where the writer must write null (non-finite doubles, period 0), else the value. */
const nullable = (v: number) => (Number.isFinite(v) ? v : null);

describe('TrajectoryWriter', () => {
  const paramCount = 3;
  const rows = makeRows(4, 25, { seed: 7, weights: true, paramCount });
  let path: string;

  beforeAll(async () => {
    path = join(tmp.dir, 'with-weights.parquet');
    const writer = await TrajectoryWriter.open(path, { weights: true, paramCount, kvMetadata: kv, rowGroupSize: 30 });
    await writer.append(sliceRows(rows, 0, 55));
    await writer.append(sliceRows(rows, 55, rows.length));
    await writer.close();
  });

  it('round-trips every value through hyparquet, non-finite doubles and period 0 as null', async () => {
    const objects = await parquetReadObjects({ file: await asyncBufferFromFile(path) });
    expect(objects).toHaveLength(rows.length);
    for (let r = 0; r < rows.length; r++) {
      const o = objects[r];
      const w = (flat: Float64Array) => Array.from(flat.subarray(r * paramCount, (r + 1) * paramCount), nullable);
      expect(o).toEqual({
        eta: rows.eta[r],
        eta_index: rows.etaIndex[r],
        eta_ratio: nullable(rows.etaRatio[r]),
        trajectory: BigInt(rows.trajectory[r]),
        outcome: OUTCOMES[rows.outcome[r]],
        period: rows.period[r] === 0 ? null : rows.period[r],
        steps: rows.steps[r],
        loss_initial: nullable(rows.lossInitial[r]),
        loss_final: nullable(rows.lossFinal[r]),
        loss_min: nullable(rows.lossMin[r]),
        grad_norm_final: nullable(rows.gradNormFinal[r]),
        sharpness_initial: nullable(rows.sharpnessInitial[r]),
        sharpness_final: nullable(rows.sharpnessFinal[r]),
        param_norm_initial: nullable(rows.paramNormInitial[r]),
        param_norm_final: nullable(rows.paramNormFinal[r]),
        weights_initial: w(rows.weightsInitial as Float64Array),
        weights_final: w(rows.weightsFinal as Float64Array),
      });
    }
  });

  describe('read by DuckDB', () => {
    let instance: DuckDBInstance;
    const query = (sql: string) => duckQuery(instance, sql);
    beforeAll(async () => {
      instance = await DuckDBInstance.create();
    });
    afterAll(() => instance.closeSync());

    it('sees the documented column names and types', async () => {
      const described = await query(`DESCRIBE SELECT * FROM read_parquet('${path}')`);
      expect(described.map((d) => [d.column_name, d.column_type])).toEqual([
        ['eta', 'DOUBLE'],
        ['eta_index', 'INTEGER'],
        ['eta_ratio', 'DOUBLE'],
        ['trajectory', 'BIGINT'],
        ['outcome', 'VARCHAR'],
        ['period', 'INTEGER'],
        ['steps', 'INTEGER'],
        ['loss_initial', 'DOUBLE'],
        ['loss_final', 'DOUBLE'],
        ['loss_min', 'DOUBLE'],
        ['grad_norm_final', 'DOUBLE'],
        ['sharpness_initial', 'DOUBLE'],
        ['sharpness_final', 'DOUBLE'],
        ['param_norm_initial', 'DOUBLE'],
        ['param_norm_final', 'DOUBLE'],
        ['weights_initial', 'DOUBLE[]'],
        ['weights_final', 'DOUBLE[]'],
      ]);
    });

    it('finds the three eos_sweep footer keys', async () => {
      const pairs = await query(`SELECT decode(key) AS k, decode(value) AS v FROM parquet_kv_metadata('${path}')`);
      expect(Object.fromEntries(pairs.map((p) => [p.k, p.v]))).toEqual({
        'eos_sweep.schema_version': '1',
        'eos_sweep.version': '0.1.0-test',
        'eos_sweep.config': '{"name":"test","seed":42}',
      });
    });

    it('counts rows, nulls, outcomes and never sees NaN', async () => {
      const count = (pred: (r: number) => boolean) => {
        let c = 0;
        for (let r = 0; r < rows.length; r++) if (pred(r)) c++;
        return c;
      };
      const [stats] = await query(
        `SELECT count(*)::INTEGER AS n, count(*) FILTER (eta_ratio IS NULL)::INTEGER AS ratio_null,
           count(*) FILTER (loss_final IS NULL)::INTEGER AS loss_null,
           count(*) FILTER (period IS NULL)::INTEGER AS period_null,
           count(*) FILTER (isnan(loss_final) OR isinf(loss_final))::INTEGER AS loss_nan,
           count(*) FILTER (outcome = 'periodic')::INTEGER AS periodic,
           sum(trajectory)::BIGINT AS trajectory_sum,
           count(*) FILTER (list_count(weights_final) < 3)::INTEGER AS weights_with_null
         FROM read_parquet('${path}')`,
      );
      expect(stats).toEqual({
        n: rows.length,
        ratio_null: count((r) => !Number.isFinite(rows.etaRatio[r])),
        loss_null: count((r) => !Number.isFinite(rows.lossFinal[r])),
        period_null: count((r) => rows.period[r] === 0),
        loss_nan: 0,
        periodic: count((r) => rows.outcome[r] === 2),
        trajectory_sum: BigInt(rows.trajectory.reduce((a, b) => a + b, 0)),
        weights_with_null: count((r) =>
          Array.from((rows.weightsFinal as Float64Array).subarray(r * 3, r * 3 + 3)).some((v) => !Number.isFinite(v)),
        ),
      });
      expect(stats.loss_null).toBeGreaterThan(0);
      expect(stats.weights_with_null).toBeGreaterThan(0);
    });
  });

  it('leaves the weight columns out without record.weights', async () => {
    const out = join(tmp.dir, 'no-weights.parquet');
    const writer = await TrajectoryWriter.open(out, { weights: false, paramCount: 3, kvMetadata: kv });
    await writer.append(rows); // batch weights are ignored
    await writer.close();
    const [first] = await parquetReadObjects({ file: await asyncBufferFromFile(out), rowEnd: 1 });
    expect(Object.keys(first)).not.toContain('weights_initial');
    expect(Object.keys(first)).toHaveLength(15);
  });

  it('rejects a batch whose paramCount differs from the writer', async () => {
    const writer = await TrajectoryWriter.open(join(tmp.dir, 'bad.parquet'), {
      weights: true,
      paramCount: 2,
      kvMetadata: kv,
    });
    await expect(writer.append(rows)).rejects.toMatchObject({ code: 'BAD_VALUE' });
    await writer.abort();
  });

  it('rejects an unknown outcome code', async () => {
    const writer = await TrajectoryWriter.open(join(tmp.dir, 'bad.parquet'), {
      weights: false,
      paramCount: 0,
      kvMetadata: kv,
    });
    const bad = sliceRows(rows, 0, 3);
    bad.outcome[1] = OUTCOMES.length;
    await expect(writer.append(bad)).rejects.toMatchObject({ code: 'BAD_VALUE' });
    await writer.abort();
  });
});

describe('TrajectoryWriter bytes', () => {
  let dir: string;
  afterEach(() => {
    for (const name of readdirSync(dir)) expect(name.startsWith('.')).toBe(false); // no temp files left
  });
  beforeAll(() => {
    dir = tmp.dir;
  });

  it('depend only on the rows, not on how they were batched', async () => {
    const rows = makeRows(8, 25_000, { seed: 3 }); // 200k rows
    const write = async (name: string, cuts: number[]) => {
      const out = join(dir, name);
      const writer = await TrajectoryWriter.open(out, {
        weights: false,
        paramCount: 0,
        kvMetadata: kv,
        rowGroupSize: 1000,
      });
      for (let i = 0; i + 1 < cuts.length; i++) await writer.append(viewRows(rows, cuts[i], cuts[i + 1]));
      await writer.close();
      return out;
    };
    const rand = seeded(11);
    const cuts = [0];
    while (cuts[cuts.length - 1] < rows.length) {
      const size = rand() < 0.2 ? 0 : Math.floor(rand() * 3500) + 1; // includes empty and tiny batches
      cuts.push(Math.min(rows.length, cuts[cuts.length - 1] + size));
    }
    expect(cuts.length).toBeGreaterThan(100);
    const whole = await write('whole.parquet', [0, rows.length]);
    const pieces = await write('pieces.parquet', cuts);
    expect(readFileSync(pieces).equals(readFileSync(whole))).toBe(true);
    const info = await readParquetMetadata(pieces);
    expect(info.rowCount).toBe(200_000);
    expect(info.rowGroups.map((g) => g.rowCount)).toEqual(new Array(200).fill(1000));
  });

  it('are written under a temporary name and renamed on close; abort leaves nothing', async () => {
    const rows = makeRows(2, 10);
    const out = join(dir, 'atomic.parquet');
    const writer = await TrajectoryWriter.open(out, { weights: false, paramCount: 0, kvMetadata: kv, rowGroupSize: 4 });
    await writer.append(rows);
    expect(existsSync(out)).toBe(false);
    expect(existsSync(writer.tempPath)).toBe(true);
    expect(writer.tempPath).toBe(join(dir, `.atomic.parquet.tmp-${process.pid}`));
    await writer.close();
    expect(existsSync(out)).toBe(true);
    expect(existsSync(writer.tempPath)).toBe(false);
    await expect(writer.append(rows)).rejects.toMatchObject({ code: 'WRITER_CLOSED' });

    const aborted = join(dir, 'aborted.parquet');
    const other = await TrajectoryWriter.open(aborted, {
      weights: false,
      paramCount: 0,
      kvMetadata: kv,
      rowGroupSize: 4,
    });
    await other.append(rows);
    await other.abort();
    expect(existsSync(aborted)).toBe(false);
    expect(existsSync(other.tempPath)).toBe(false);
  });
});

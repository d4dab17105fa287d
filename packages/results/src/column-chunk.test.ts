import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from 'hyparquet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { footerMetadata } from './footer.js';
import type { ColumnDef } from './schema.js';
import { ParquetTableWriter } from './table-writer.js';
import { duckQuery, makeRows, seeded, tempDir } from './testing/fixtures.js';
import { TrajectoryWriter } from './trajectory-writer.js';

const kv = footerMetadata('0.1.0-test', '{}');
const GROUP = 300;

const COLUMNS: ColumnDef[] = [
  { name: 'd', type: 'DOUBLE', nullable: true },
  { name: 'r', type: 'DOUBLE', nullable: false },
  { name: 'i', type: 'INT32', nullable: true },
  { name: 'k', type: 'INT64', nullable: false },
  { name: 's', type: 'STRING', nullable: true },
];

type Row = { d: number | null; r: number; i: number | null; k: bigint; s: string | null };

/**
 * Four row groups of GROUP rows and a tail of 7: values that repeat (a dictionary) with −0, 0, extremes and
 * nulls; distinct values without a null; only nulls; and a short mixed tail.
 */
function rows(): Row[] {
  const rand = seeded(21);
  const repeated = [-0, 0, 1.5, 5e-324, -1.7976931348623157e308, 1.7976931348623157e308];
  const strings = ['converged', 'périodique', '😀', 'z', 'Z', 'ｚ'];
  const out: Row[] = [];
  for (let r = 0; r < 3 * GROUP + 7; r++) {
    const group = Math.floor(r / GROUP);
    const pick = Math.floor(rand() * 7);
    if (group === 0 || group === 3) {
      out.push({
        d: pick === 6 ? null : repeated[pick],
        r: 0.25,
        i: pick === 6 ? null : pick - 3,
        k: BigInt(r) - 2n ** 40n,
        s: pick === 6 ? null : strings[pick],
      });
    } else if (group === 1) {
      out.push({ d: rand() - 0.5, r: rand() * 1e6, i: Math.floor(rand() * 2 ** 31), k: BigInt(r), s: `k${r}` });
    } else {
      out.push({ d: null, r: -rand(), i: null, k: BigInt(r) * 3n, s: null });
    }
  }
  return out;
}

let tmp: ReturnType<typeof tempDir>;
let duck: DuckDBInstance;
let path: string;
const expected = rows();
const query = (sql: string) => duckQuery(duck, sql);

beforeAll(async () => {
  tmp = tempDir();
  duck = await DuckDBInstance.create();
  path = join(tmp.dir, 'flat.parquet');
  const writer = await ParquetTableWriter.open(path, { columns: COLUMNS, kvMetadata: kv, rowGroupSize: GROUP });
  const column = <K extends keyof Row>(key: K) => expected.map((row) => row[key]);
  await writer.append(
    { d: column('d'), r: column('r'), i: column('i'), k: column('k'), s: column('s') },
    expected.length,
  );
  await writer.close();
});
afterAll(() => {
  duck.closeSync();
  tmp.cleanup();
});

describe('flat column chunks', () => {
  it('round-trip every value through hyparquet, −0 and nulls included', async () => {
    const read = await parquetReadObjects({ file: await asyncBufferFromFile(path) });
    expect(read).toEqual(expected); // toEqual tells −0 from 0
    expect(read.filter((row) => Object.is(row.d, -0)).length).toBeGreaterThan(10);
  });

  it('read back in DuckDB with the same values', async () => {
    const got = await query(`SELECT d, signbit(d) AS negative, r, i, k, s FROM read_parquet('${path}')`);
    expect(got).toEqual(
      expected.map((row) => ({ ...row, negative: row.d === null ? null : row.d < 0 || Object.is(row.d, -0) })),
    );
  });

  it('use a dictionary for repeated values and strings, PLAIN otherwise, uncompressed', async () => {
    const chunks = await query(
      `SELECT row_group_id AS g, path_in_schema AS c, encodings AS e, compression AS z
       FROM parquet_metadata('${path}') ORDER BY g, column_id`,
    );
    const encodings = (g: number) => Object.fromEntries(chunks.filter((c) => c.g === BigInt(g)).map((c) => [c.c, c.e]));
    const dictionary = 'PLAIN, RLE_DICTIONARY';
    expect(encodings(0)).toEqual({ d: dictionary, r: dictionary, i: dictionary, k: 'PLAIN', s: dictionary });
    expect(encodings(1)).toEqual({ d: 'PLAIN', r: 'PLAIN', i: 'PLAIN', k: 'PLAIN', s: dictionary });
    // only nulls: no values to encode
    expect(encodings(2)).toMatchObject({ d: 'PLAIN', i: 'PLAIN', s: 'PLAIN' });
    expect(new Set(chunks.map((c) => c.z))).toEqual(new Set(['UNCOMPRESSED']));
  });

  it('carry min, max and null count per chunk, strings in UTF-8 byte order', async () => {
    const metadata = await parquetMetadataAsync(await asyncBufferFromFile(path));
    metadata.row_groups.forEach((group, g) => {
      const slice = expected.slice(g * GROUP, (g + 1) * GROUP);
      group.columns.forEach((chunk, c) => {
        const name = COLUMNS[c].name as keyof Row;
        const present = slice.map((row) => row[name]).filter((v) => v !== null);
        const stats = chunk.meta_data?.statistics;
        expect(stats?.null_count).toBe(BigInt(slice.length - present.length));
        if (present.length === 0) {
          expect(stats?.min_value).toBeUndefined();
          return;
        }
        const order =
          name === 's'
            ? (a: unknown, b: unknown) => Buffer.compare(Buffer.from(a as string), Buffer.from(b as string))
            : (a: unknown, b: unknown) => ((a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0);
        const sorted = [...present].sort(order);
        const [min, max] = [sorted[0], sorted[sorted.length - 1]];
        // a DOUBLE's zero min is written as −0 and its zero max as +0
        const double = COLUMNS[c].type === 'DOUBLE';
        expect(stats?.min_value).toEqual(double && min === 0 ? -0 : min);
        expect(stats?.max_value).toEqual(double && max === 0 ? 0 : max);
      });
    });
  });

  it('answer DuckDB queries whose row groups are pruned by those statistics', async () => {
    const count = (pred: (row: Row) => boolean) => BigInt(expected.filter(pred).length);
    const [got] = await query(
      `SELECT count(*) FILTER (d < 0) AS negative, count(*) FILTER (d >= 1e308) AS huge,
         count(*) FILTER (s = '😀') AS emoji, count(*) FILTER (s > 'z') AS above_z,
         count(*) FILTER (k < 0) AS below, count(*) FILTER (i IS NULL) AS nulls
       FROM read_parquet('${path}')`,
    );
    expect(got).toEqual({
      negative: count((row) => row.d !== null && row.d < 0),
      huge: count((row) => row.d !== null && row.d >= 1e308),
      emoji: count((row) => row.s === '😀'),
      above_z: count((row) => row.s !== null && Buffer.compare(Buffer.from(row.s), Buffer.from('z')) > 0),
      below: count((row) => row.k < 0n),
      nulls: count((row) => row.i === null),
    });
    expect(await query(`SELECT count(*) AS n FROM read_parquet('${path}') WHERE d = -1.7976931348623157e308`)).toEqual([
      { n: count((row) => row.d === -1.7976931348623157e308) },
    ]);
  });

  it('are not used for a table with a LIST column: hyparquet-writer encodes it all', async () => {
    const listPath = join(tmp.dir, 'weights.parquet');
    const writer = await TrajectoryWriter.open(listPath, { weights: true, paramCount: 2, kvMetadata: kv });
    await writer.append(makeRows(2, 50, { weights: true, paramCount: 2 }));
    await writer.close();
    const codecs = await query(`SELECT DISTINCT compression AS z FROM parquet_metadata('${listPath}')`);
    expect(codecs).toEqual([{ z: 'SNAPPY' }]);
  });
});

/**
 * The paired tables a run's report writes: transitions.parquet against a
 * self-join of trajectories.parquet in DuckDB, and step-budget.parquet
 * against a second run with a smaller maxSteps (a trajectory decided by
 * step B is decided the same way with maxSteps = B).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { eosSweep } from './cli.js';
import { query } from './duckdb.js';

const dir = mkdtempSync(join(tmpdir(), 'eos-paired-'));
const config = [
  'examples/scalar-depth3.yaml',
  '--set',
  'sweep.trajectories=150',
  '--set',
  'sweep.eta.values=[0.5,0.9,0.99,1.01,1.3,1.6]',
];

function run(out: string, maxSteps: number): void {
  const r = eosSweep([
    'run',
    ...config,
    '--set',
    `sweep.maxSteps=${maxSteps}`,
    '--workers',
    '2',
    '--out',
    out,
    '--quiet',
  ]);
  expect(r.status, r.stderr).toBe(0);
}

describe('paired tables', () => {
  beforeAll(() => {
    run(join(dir, 'long'), 3000);
    run(join(dir, 'short'), 375);
  });

  it('transitions.parquet holds the counts of a self-join of trajectories.parquet', async () => {
    const long = join(dir, 'long');
    const expected = await query(
      `WITH t AS (SELECT * FROM read_parquet('${join(long, 'trajectories.parquet')}'))
       SELECT a.eta_index::INT AS f, a.outcome AS o1, b.outcome AS o2, count(*)::INT AS n
       FROM t a JOIN t b ON b.trajectory = a.trajectory AND b.eta_index = a.eta_index + 1
       GROUP BY ALL ORDER BY ALL`,
    );
    const got = await query(
      `SELECT eta_index_from::INT AS f, "from" AS o1, "to" AS o2, count::INT AS n, probability,
              sum(count) OVER (PARTITION BY eta_index_from, "from")::INT AS total
       FROM read_parquet('${join(long, 'transitions.parquet')}') WHERE count > 0 ORDER BY f, o1, o2`,
    );
    expect(got.map(({ f, o1, o2, n }) => ({ f, o1, o2, n }))).toEqual(expected);
    for (const row of got) expect(row.probability).toBeCloseTo(Number(row.n) / Number(row.total), 12);
  });

  it('step-budget.parquet at maxSteps/8 matches a run with that maxSteps', async () => {
    const budget = await query(
      `SELECT eta_index::INT AS e, converged::INT AS c, unresolved::INT AS u
       FROM read_parquet('${join(dir, 'long', 'step-budget.parquet')}') WHERE max_steps = 375 ORDER BY e`,
    );
    const short = await query(
      `SELECT eta_index::INT AS e, converged::INT AS c, unresolved::INT AS u
       FROM read_parquet('${join(dir, 'short', 'summary.parquet')}') ORDER BY e`,
    );
    expect(budget).toEqual(short);
    expect(budget.some((r) => Number(r.u) > 0)).toBe(true);
  });
});

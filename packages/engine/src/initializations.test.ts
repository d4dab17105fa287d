import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Rng } from '@eos-sweep/core';
import type { TableData, TrajectoryBatch } from '@eos-sweep/results';
import {
  createTrajectoryBatch,
  INITIALIZATION_COLUMNS,
  OUTCOMES,
  readTable,
  readTrajectoryRowGroups,
  TrajectoryWriter,
  writeParquetTable,
} from '@eos-sweep/results';
import { afterAll, describe, expect, it } from 'vitest';
import { writeInitializations } from './initializations.js';
import { aggregateFiles } from './outputs.js';

const root = mkdtempSync(join(tmpdir(), 'eos-inits-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const kv = { 'eos_sweep.version': 'test' };
const ETAS = [0.5, 0.9, 1.2, 1.3];
let dirs = 0;

/**
 * Rows sorted by (eta_index, trajectory) for the initializations `present(e, k)` keeps, k < n. Initial values
 * differ between step sizes (so which row's value is kept matters), with NaN, ±Infinity and −0 among them.
 */
function rowsOf(n: number, present: (e: number, k: number) => boolean, seed: number): TrajectoryBatch {
  const rng = new Rng(seed);
  const keys: [number, number][] = [];
  for (let e = 0; e < ETAS.length; e++) for (let k = 0; k < n; k++) if (present(e, k)) keys.push([e, k]);
  const batch = createTrajectoryBatch(keys.length, false, 0);
  const odd = () => {
    const u = rng.nextDouble();
    return u < 0.05 ? Number.NaN : u < 0.07 ? Number.POSITIVE_INFINITY : u < 0.09 ? -0 : rng.nextNormal();
  };
  keys.forEach(([e, k], r) => {
    batch.eta[r] = ETAS[e];
    batch.etaIndex[r] = e;
    batch.etaRatio[r] = ETAS[e];
    batch.trajectory[r] = k;
    // convergence gets rarer with η, as in a sweep
    batch.outcome[r] = rng.nextDouble() < 0.9 - 0.25 * e ? 0 : 1 + Math.floor(rng.nextDouble() * 4);
    batch.steps[r] = 1 + Math.floor(rng.nextDouble() * 100);
    batch.sharpnessInitial[r] = odd();
    batch.paramNormInitial[r] = odd();
    batch.sharpnessFinal[r] = odd();
    batch.paramNormFinal[r] = odd();
  });
  return batch;
}

async function writeTrajectories(dir: string, rows: TrajectoryBatch, rowGroupSize: number): Promise<string> {
  const path = join(dir, 'trajectories.parquet');
  const writer = await TrajectoryWriter.open(path, { weights: false, paramCount: 0, kvMetadata: kv, rowGroupSize });
  await writer.append(rows);
  await writer.close();
  return path;
}

/**
 * The table as eos-sweep wrote it before it streamed: every row of the file read into per-initialization
 * arrays (the last row of each k wins), then written at once.
 */
async function writeReference(path: string, trajectories: string): Promise<void> {
  const etaMax: number[] = [];
  const norm: number[] = [];
  const sharpness: number[] = [];
  for await (const batch of readTrajectoryRowGroups(trajectories)) {
    for (let r = 0; r < batch.length; r++) {
      const k = batch.trajectory[r];
      while (etaMax.length <= k) {
        for (const column of [etaMax, norm, sharpness]) column.push(Number.NaN);
      }
      if (OUTCOMES[batch.outcome[r]] === 'converged' && !(etaMax[k] >= batch.eta[r])) etaMax[k] = batch.eta[r];
      norm[k] = batch.paramNormInitial[r];
      sharpness[k] = batch.sharpnessInitial[r];
    }
  }
  const values: Record<string, number[]> = {
    trajectory: etaMax.map((_, k) => k),
    eta_max_converged: etaMax,
    param_norm_initial: norm,
    sharpness_initial: sharpness,
  };
  await writeParquetTable(
    path,
    INITIALIZATION_COLUMNS.map((def) => ({ ...def, values: values[def.name] })),
    kv,
  );
}

/** Streams the table of `rows` and checks it byte for byte against the in-memory reference; returns the table. */
async function expectSameAsReference(rows: TrajectoryBatch, rowGroupSize: number): Promise<TableData> {
  const dir = mkdtempSync(join(root, `case-${dirs++}-`));
  const trajectories = await writeTrajectories(dir, rows, rowGroupSize);
  const { summary } = await aggregateFiles([trajectories], 1, { dir });
  await writeInitializations(join(dir, 'streamed.parquet'), trajectories, summary, kv);
  await writeReference(join(dir, 'reference.parquet'), trajectories);
  const streamed = await readTable(join(dir, 'streamed.parquet'));
  const reference = await readTable(join(dir, 'reference.parquet'));
  expect(streamed.columns).toEqual(reference.columns);
  expect(readFileSync(join(dir, 'streamed.parquet')).equals(readFileSync(join(dir, 'reference.parquet')))).toBe(true);
  expect(readdirSync(dir).sort()).toEqual(['reference.parquet', 'streamed.parquet', 'trajectories.parquet']);
  return streamed;
}

describe('writeInitializations', () => {
  it('gives the in-memory table, byte for byte, on a full grid', async () => {
    // segments straddle row groups (97 rows), and the table spans several of the writer's chunks
    await expectSameAsReference(
      rowsOf(5000, () => true, 1),
      97,
    );
    await expectSameAsReference(
      rowsOf(300, () => true, 2),
      65_536,
    );
  });

  it('lists initializations missing at some or all step sizes, as a shard file has them', async () => {
    const rows = rowsOf(1000, (e, k) => k >= 5 && k % 3 !== 1 && (k + e) % 7 !== 0, 3);
    const table = await expectSameAsReference(rows, 64);
    expect(table.columns.trajectory.slice(0, 6)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(table.columns.param_norm_initial.slice(0, 5)).toEqual([null, null, null, null, null]);
  });

  it('takes its values from the step sizes in grid order, the last one winning', async () => {
    await expectSameAsReference(
      rowsOf(200, (e) => e !== 3, 4),
      50,
    );
  });

  it('refuses a file that is not sorted as its summary says, and leaves no table', async () => {
    const dir = mkdtempSync(join(root, 'unsorted-'));
    const rows = rowsOf(100, () => true, 5);
    const trajectories = await writeTrajectories(dir, rows, 30);
    const { summary } = await aggregateFiles([trajectories], 1, { dir });
    const shifted = summary.map((row, e) => ({
      ...row,
      trajectories: row.trajectories + (e === 0 ? 1 : e === 1 ? -1 : 0),
    }));
    const out = join(dir, 'initializations.parquet');
    await expect(writeInitializations(out, trajectories, shifted, kv)).rejects.toMatchObject({ code: 'UNSORTED_ROWS' });
    expect(existsSync(out)).toBe(false);
    const longer = summary.map((row) => ({ ...row, trajectories: row.trajectories + 1 }));
    await expect(writeInitializations(out, trajectories, longer, kv)).rejects.toMatchObject({ code: 'UNSORTED_ROWS' });
    expect(readdirSync(dir)).toEqual(['trajectories.parquet']);
  });
});

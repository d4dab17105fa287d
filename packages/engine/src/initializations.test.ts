import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
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
import type { InitializationRows } from './initializations.js';
import { InitializationsTable } from './initializations.js';

const root = mkdtempSync(join(tmpdir(), 'eos-inits-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const kv = { 'eos_sweep.version': 'test' };
const ETAS = [0.5, 0.9, 1.2, 1.3];
let dirs = 0;

/**
 * Rows sorted by (eta_index, trajectory), k < n at every step size. Initial values
 * differ between step sizes (so which row's value is kept matters), with NaN, ±Infinity and −0 among them.
 */
function rowsOf(n: number, seed: number): TrajectoryBatch {
  const rng = new Rng(seed);
  const keys: [number, number][] = [];
  for (let e = 0; e < ETAS.length; e++) for (let k = 0; k < n; k++) keys.push([e, k]);
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

/** Streams `rows` through the table in pieces of `piece` rows; the writer's bytes are those of the reference. */
async function expectSameAsReference(rows: TrajectoryBatch, trajectories: number, piece: number): Promise<TableData> {
  const dir = mkdtempSync(join(root, `case-${dirs++}-`));
  const source = await writeTrajectories(dir, rows, 1000);
  const table = await InitializationsTable.open(join(dir, 'streamed.parquet'), {
    etas: ETAS,
    trajectories,
    kvMetadata: kv,
  });
  for (let from = 0; from < rows.length; from += piece) await table.add(slice(rows, from, piece));
  await table.close();
  await writeReference(join(dir, 'reference.parquet'), source);
  const streamed = await readTable(join(dir, 'streamed.parquet'));
  const reference = await readTable(join(dir, 'reference.parquet'));
  expect(streamed.columns).toEqual(reference.columns);
  expect(readFileSync(join(dir, 'streamed.parquet')).equals(readFileSync(join(dir, 'reference.parquet')))).toBe(true);
  expect(readdirSync(dir).sort()).toEqual(['reference.parquet', 'streamed.parquet', 'trajectories.parquet']);
  return streamed;
}

/** Rows [from, from + count) of `rows` as a batch of their own (as the run's reused batches hand them over). */
function slice(rows: TrajectoryBatch, from: number, count: number): InitializationRows {
  const to = Math.min(rows.length, from + count);
  return {
    length: to - from,
    etaIndex: rows.etaIndex.slice(from, to),
    trajectory: rows.trajectory.slice(from, to),
    outcome: rows.outcome.slice(from, to),
    paramNormInitial: rows.paramNormInitial.slice(from, to),
    sharpnessInitial: rows.sharpnessInitial.slice(from, to),
  };
}

describe('InitializationsTable', () => {
  it('gives the in-memory table, byte for byte: the largest converged η, the last step size’s initial values', async () => {
    // pieces straddle step sizes, and the table spans several of the writer's chunks
    const table = await expectSameAsReference(rowsOf(5000, 1), 5000, 997);
    expect(table.columns.trajectory).toHaveLength(5000);
    await expectSameAsReference(rowsOf(300, 2), 300, 1);
    await expectSameAsReference(rowsOf(7, 3), 7, 1000);
  });

  it('takes the largest converged η when the grid is not sorted', async () => {
    const dir = mkdtempSync(join(root, 'unsorted-grid-'));
    const etas = [0.9, 1.3, 0.5];
    const table = await InitializationsTable.open(join(dir, 'i.parquet'), { etas, trajectories: 2, kvMetadata: kv });
    const converged = OUTCOMES.indexOf('converged');
    const diverged = OUTCOMES.indexOf('diverged');
    // k = 0 converges at 0.9 and 0.5, k = 1 at 1.3 only
    await table.add({
      length: 6,
      etaIndex: Int32Array.of(0, 0, 1, 1, 2, 2),
      trajectory: Float64Array.of(0, 1, 0, 1, 0, 1),
      outcome: Uint8Array.of(converged, diverged, diverged, converged, converged, diverged),
      paramNormInitial: Float64Array.of(1, 2, 1, 2, 1, 2),
      sharpnessInitial: Float64Array.of(3, 4, 3, 4, 3, 4),
    });
    await table.close();
    const { columns } = await readTable(join(dir, 'i.parquet'));
    expect(columns.eta_max_converged).toEqual([0.9, 1.3]);
    expect(columns.param_norm_initial).toEqual([1, 2]);
  });

  it('refuses rows out of order or missing, and leaves no table', async () => {
    const dir = mkdtempSync(join(root, 'refused-'));
    const rows = rowsOf(100, 5);
    const out = join(dir, 'initializations.parquet');
    const open = () => InitializationsTable.open(out, { etas: ETAS, trajectories: 100, kvMetadata: kv });
    const skipped = await open();
    await skipped.add(slice(rows, 0, 50));
    await expect(skipped.add(slice(rows, 51, 10))).rejects.toThrow(
      /expected the row of \(eta_index 0, trajectory 50\), got \(0, 51\)/,
    );
    await skipped.abort();
    const short = await open();
    await short.add(slice(rows, 0, rows.length - 1));
    await expect(short.close()).rejects.toThrow(/stopped at \(eta_index 3, trajectory 99\) of 4 × 100/);
    await short.abort();
    expect(readdirSync(dir)).toEqual([]);
  });
});

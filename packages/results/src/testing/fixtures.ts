/** Test-only helpers (excluded from the build): seeded rows, temporary directories, DuckDB queries. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DuckDBInstance } from '@duckdb/node-api';
import { copyTrajectoryRow, createTrajectoryBatch, type TrajectoryBatch } from '../trajectory-batch.js';

/** mulberry32: a tiny seeded generator, so every test sees the same rows on every run. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Rows sorted by (eta_index, trajectory): etaCount step sizes × trajectories initializations, with NaN and
 * ±Infinity sprinkled into the nullable columns and zero periods (null) for non-periodic outcomes.
 */
export function makeRows(
  etaCount: number,
  trajectories: number,
  options: { seed?: number; weights?: boolean; paramCount?: number } = {},
): TrajectoryBatch {
  const rand = seeded(options.seed ?? 1);
  const weights = options.weights ?? false;
  const paramCount = options.paramCount ?? 0;
  const n = etaCount * trajectories;
  const b = createTrajectoryBatch(n, weights, paramCount);
  const odd = () => {
    const u = rand();
    return u < 0.05 ? Number.NaN : u < 0.08 ? Number.POSITIVE_INFINITY : u < 0.1 ? Number.NEGATIVE_INFINITY : u * 10;
  };
  let r = 0;
  for (let e = 0; e < etaCount; e++) {
    for (let k = 0; k < trajectories; k++, r++) {
      b.eta[r] = 0.5 + e / 16;
      b.etaIndex[r] = e;
      b.etaRatio[r] = e === 0 ? Number.NaN : b.eta[r] / 1.25;
      b.trajectory[r] = k;
      b.outcome[r] = Math.floor(rand() * 5);
      b.period[r] = b.outcome[r] === 2 ? 2 ** (1 + Math.floor(rand() * 4)) : 0;
      b.steps[r] = Math.floor(rand() * 20000);
      b.lossInitial[r] = rand() * 3;
      b.lossFinal[r] = odd();
      b.lossMin[r] = rand();
      b.gradNormFinal[r] = odd();
      b.sharpnessInitial[r] = rand() * 4;
      b.sharpnessFinal[r] = odd();
      b.paramNormInitial[r] = rand() * 2;
      b.paramNormFinal[r] = odd();
      if (weights && b.weightsInitial && b.weightsFinal) {
        for (let j = 0; j < paramCount; j++) {
          b.weightsInitial[r * paramCount + j] = rand() - 0.5;
          b.weightsFinal[r * paramCount + j] = odd();
        }
      }
    }
  }
  return b;
}

/** Rows from..to−1 of `src` as a new batch. */
export function sliceRows(src: TrajectoryBatch, from: number, to: number): TrajectoryBatch {
  const out = createTrajectoryBatch(to - from, src.weightsInitial !== undefined, src.paramCount);
  for (let r = from; r < to; r++) copyTrajectoryRow(src, r, out, r - from);
  return out;
}

/** The rows of `src` whose index r satisfies keep(r), in order. */
export function selectRows(src: TrajectoryBatch, keep: (row: number) => boolean): TrajectoryBatch {
  const rows: number[] = [];
  for (let r = 0; r < src.length; r++) if (keep(r)) rows.push(r);
  const out = createTrajectoryBatch(rows.length, src.weightsInitial !== undefined, src.paramCount);
  for (let i = 0; i < rows.length; i++) copyTrajectoryRow(src, rows[i], out, i);
  return out;
}

/** A fresh temporary directory and a function removing it. */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'eos-results-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Rows from..to−1 of `src` as views (no copy). */
export function viewRows(src: TrajectoryBatch, from: number, to: number): TrajectoryBatch {
  const p = src.paramCount;
  return {
    length: to - from,
    eta: src.eta.subarray(from, to),
    etaIndex: src.etaIndex.subarray(from, to),
    etaRatio: src.etaRatio.subarray(from, to),
    trajectory: src.trajectory.subarray(from, to),
    outcome: src.outcome.subarray(from, to),
    period: src.period.subarray(from, to),
    steps: src.steps.subarray(from, to),
    lossInitial: src.lossInitial.subarray(from, to),
    lossFinal: src.lossFinal.subarray(from, to),
    lossMin: src.lossMin.subarray(from, to),
    gradNormFinal: src.gradNormFinal.subarray(from, to),
    sharpnessInitial: src.sharpnessInitial.subarray(from, to),
    sharpnessFinal: src.sharpnessFinal.subarray(from, to),
    paramNormInitial: src.paramNormInitial.subarray(from, to),
    paramNormFinal: src.paramNormFinal.subarray(from, to),
    weightsInitial: src.weightsInitial?.subarray(from * p, to * p),
    weightsFinal: src.weightsFinal?.subarray(from * p, to * p),
    paramCount: p,
  };
}

/** The rows of `sql` through a fresh connection to `duck` (DuckDB: an independent Parquet reader). */
export async function duckQuery(duck: DuckDBInstance, sql: string) {
  const connection = await duck.connect();
  try {
    return (await connection.runAndReadAll(sql)).getRowObjectsJS();
  } finally {
    connection.closeSync();
  }
}

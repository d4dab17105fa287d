/**
 * `eos-sweep trace` as a library: trace each (η, k) pair, write
 * trace.parquet (one row per pair and step) and the edge-of-stability figure
 * trace.svg / trace.png.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { canonicalJson } from '@eos-sweep/config';
import type { PreparedSweep } from '@eos-sweep/engine';
import { EngineError, VERSION } from '@eos-sweep/engine';
import type { ColumnDef } from '@eos-sweep/results';
import { footerMetadata, ParquetTableWriter } from '@eos-sweep/results';
import { writeFigure } from './report.js';
import type { TraceSeries } from './trace.js';
import { JACOBIAN_LIMIT, TRACE_STEP_LIMIT, traceTrajectory } from './trace.js';
import { traceFigure } from './trace-figure.js';

const TRACE_FILE = 'trace.parquet';

/** trace.parquet: one row per (pair, step); sampled columns are null between samples. */
const TRACE_COLUMNS: readonly ColumnDef[] = Object.freeze([
  { name: 'eta', type: 'DOUBLE', nullable: false },
  { name: 'trajectory', type: 'INT64', nullable: false },
  { name: 'step', type: 'INT32', nullable: false },
  { name: 'loss', type: 'DOUBLE', nullable: true },
  { name: 'grad_norm', type: 'DOUBLE', nullable: true },
  { name: 'sharpness', type: 'DOUBLE', nullable: true },
  { name: 'eta_sharpness_half', type: 'DOUBLE', nullable: true },
  { name: 'gd_jacobian_det', type: 'DOUBLE', nullable: true },
]);

/** Footer key holding the per-pair summary (outcome, steps, sign changes of the determinant). */
const TRACE_SUMMARY_KEY = 'eos_sweep.trace';

export interface TracePair {
  readonly eta: number;
  readonly trajectory: number;
}

interface TraceSummary {
  readonly eta: number;
  readonly eta_ratio: number | null;
  readonly trajectory: number;
  readonly outcome: string;
  readonly period: number | null;
  readonly steps: number;
  readonly loss_final: number | null;
  readonly sharpness_final: number | null;
  readonly two_over_eta: number;
  readonly gd_jacobian_det_sign_changes: number | null;
}

export interface TraceRequest {
  readonly pairs: readonly TracePair[];
  /** Sharpness (and determinant) every this many steps. */
  readonly every: number;
  readonly outDir: string;
}

export interface TraceResult {
  readonly series: TraceSeries[];
  readonly summaries: TraceSummary[];
  readonly files: string[];
}

function orNull(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

function summarize(s: TraceSeries, etaCritical: number | null, jacobian: boolean): TraceSummary {
  return {
    eta: s.eta,
    eta_ratio: etaCritical ? s.eta / etaCritical : null,
    trajectory: s.trajectory,
    outcome: s.outcome,
    period: s.outcome === 'periodic' ? s.period : null,
    steps: s.steps,
    loss_final: orNull(s.loss[s.loss.length - 1]),
    sharpness_final: orNull(s.sharpnessFinal),
    two_over_eta: 2 / s.eta,
    gd_jacobian_det_sign_changes: jacobian ? s.detSignChanges : null,
  };
}

/** Default sampling interval: every step for models of up to 64 parameters, else every 10th. */
export function defaultEvery(paramCount: number): number {
  return paramCount <= 64 ? 1 : 10;
}

async function writeTraceTable(
  path: string,
  series: readonly TraceSeries[],
  kv: Record<string, string>,
): Promise<void> {
  const writer = await ParquetTableWriter.open(path, { columns: TRACE_COLUMNS, kvMetadata: kv });
  try {
    for (const s of series) {
      const n = s.loss.length;
      const step = new Int32Array(n);
      for (let i = 0; i < n; i++) step[i] = i;
      await writer.append(
        {
          eta: new Float64Array(n).fill(s.eta),
          trajectory: new Float64Array(n).fill(s.trajectory),
          step,
          loss: s.loss,
          grad_norm: s.gradNorm,
          sharpness: s.sharpness,
          eta_sharpness_half: s.etaSharpnessHalf,
          gd_jacobian_det: s.jacobianDet,
        },
        n,
      );
    }
    await writer.close();
  } catch (error) {
    await writer.abort();
    throw error;
  }
}

export async function runTrace(prepared: PreparedSweep, request: TraceRequest): Promise<TraceResult> {
  const { setup, theory, config, problem } = prepared;
  if (request.pairs.length === 0)
    throw new EngineError('CONFIG_INVALID', 'trace: give at least one --eta and --trajectory');
  if (setup.trajectory.maxSteps > TRACE_STEP_LIMIT) {
    throw new EngineError(
      'CONFIG_INVALID',
      `trace keeps every step in memory: sweep.maxSteps must be at most ${TRACE_STEP_LIMIT} (got ${setup.trajectory.maxSteps}); lower it with --set sweep.maxSteps=…`,
    );
  }
  const jacobian = problem.layout.paramCount <= JACOBIAN_LIMIT;
  const series = request.pairs.map((pair) =>
    traceTrajectory(setup, pair.eta, pair.trajectory, { every: request.every, jacobian }),
  );
  const summaries = series.map((s) => summarize(s, theory.etaCritical, jacobian));
  await mkdir(request.outDir, { recursive: true });
  const kv = {
    ...footerMetadata(VERSION, canonicalJson(config)),
    [TRACE_SUMMARY_KEY]: JSON.stringify({ every: request.every, pairs: summaries }),
  };
  const tablePath = join(request.outDir, TRACE_FILE);
  await writeTraceTable(tablePath, series, kv);
  const figure = {
    name: 'trace',
    title: 'Edge of stability',
    caption: '',
    spec: traceFigure({
      series,
      lambdaStar: theory.lambdaStar,
      etaCritical: theory.etaCritical,
      lossMin: theory.lossMin,
    }),
  };
  const { files } = await writeFigure(request.outDir, figure);
  return { series, summaries, files: [tablePath, ...files] };
}

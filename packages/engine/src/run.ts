/**
 * `eos-sweep run`, as a library: plan → pool → journal → Parquet → summary.
 *
 * Output bytes depend only on the config: trajectories.parquet holds the
 * journaled tasks in (step size, initialization) order — appended while the
 * pool runs, each once every task before it is in (ordered-output.ts) — so
 * worker count, task completion order, shards and interruptions cannot
 * change it.
 */
import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Config } from '@eos-sweep/config';
import { canonicalJson, configHash } from '@eos-sweep/config';
import type { Theory } from '@eos-sweep/core';
import { footerMetadata } from '@eos-sweep/results';
import type { Piscina } from 'piscina';
import type { AdaptiveRecord } from './adaptive/record.js';
import { runAdaptive, runAdaptiveRoundShard } from './adaptive/run-adaptive.js';
import type { SummaryRow, Threshold } from './aggregate.js';
import { crashPoint } from './crash-point.js';
import { EngineError } from './errors.js';
import type { CostEstimate } from './estimate.js';
import { checkFits, estimateCost } from './estimate.js';
import { SPOOL_FILE, TaskJournal } from './journal.js';
import { OrderedTrajectoryOutput } from './ordered-output.js';
import { RunTables, TRAJECTORIES_FILE } from './outputs.js';
import type { PlanShape, Task } from './plan.js';
import { defaultTaskSize, taskAt, taskCount } from './plan.js';
import type { FailedTask } from './pool.js';
import { openPool, runTasks } from './pool.js';
import type { PreparedSweep } from './problem.js';
import { completeSweep, loadSweep } from './problem.js';
import type { RunStatus } from './run-dir.js';
import { machineInfo, prepareRunDir, RUN_FILE, removeLeftovers, writeFileAtomic } from './run-dir.js';
import { lockRunDir } from './run-lock.js';
import { RUN_FORMAT, resumableRecord } from './run-record.js';
import type { Shard } from './shard.js';
import { NO_SHARD, ownsTask } from './shard.js';
import { recordWidth, STEPS_FIELD } from './task-codec.js';
import { VERSION } from './version.js';
import { sweepWarnings } from './warnings.js';

export interface RunOptions {
  readonly config: Config;
  /** Directory that relative data paths resolve against. */
  readonly baseDir: string;
  readonly outDir: string;
  readonly workers: number;
  /** Attempts after the first for a task whose worker failed. */
  readonly retries?: number;
  readonly taskSize?: number;
  readonly shard?: Shard;
  readonly resume?: boolean;
  readonly argv?: readonly string[];
  readonly signal?: AbortSignal;
  /** Run even when the estimate says the buffers will not fit in memory. */
  readonly force?: boolean;
  readonly onEstimate?: (estimate: CostEstimate) => void;
  /** Called before the run with each warning about the sweep (warnings.ts); they cost a few sharpness evaluations. */
  readonly onWarning?: (message: string) => void;
  readonly onProgress?: (progress: Progress) => void;
  /** Called once the plan is known, before any task runs. */
  readonly onStart?: (info: { tasks: number; trajectories: number; done: number }) => void;
  /**
   * An adaptive sweep on a cluster, planning step: gather the last round's shards, replay the finished rounds
   * and plan the next one for a job array (RunResult.nextRound), or write the outputs when nothing is left.
   */
  readonly planRound?: boolean;
  /** An adaptive sweep on a cluster: run this round's share of `shard`, as planned by the planning step. */
  readonly adaptiveRound?: number;
}

export interface Progress {
  readonly tasksDone: number;
  readonly tasksTotal: number;
  readonly trajectoriesDone: number;
  readonly trajectoriesTotal: number;
  /** GD steps taken by this process so far. */
  readonly steps: number;
  readonly elapsedSeconds: number;
}

export interface RunRecord {
  version: string;
  schemaVersion: number;
  status: RunStatus;
  configHash: string;
  config: Config;
  /** The directory relative data paths resolve against (absent before format 2). */
  configDir?: string;
  argv: readonly string[];
  node: string;
  host: string;
  cores: number;
  workers: number;
  startedAt: string;
  endedAt: string | null;
  plan: PlanShape & { tasks: number; etas: readonly number[] };
  shard: Shard;
  theory: Theory;
  counts: Record<string, number> | null;
  threshold: Threshold | null;
  failedTasks: readonly FailedTask[];
  performance: RunPerformance | null;
  resumes: number;
  /** An adaptive sweep's rounds, step sizes and threshold bracket (sweep.adaptive). */
  adaptive?: AdaptiveRecord;
}

/** What a run took; `seconds` runs from the start to the last task's result. */
interface RunPerformance {
  trajectories: number;
  steps: number;
  seconds: number;
  /**
   * `trajectories`: seconds the main thread spent writing the rows out — trajectories.parquet, and for a
   * whole run the summary's sums and initializations.parquet — mostly while the pool runs
   * (ordered-output.ts); `tables`: wall seconds after it, closing initializations.parquet and writing
   * summary.parquet (0 for a shard, which writes neither); `parquet`: of both, the seconds inside the
   * Parquet writers (encoding, writing, fsync).
   */
  outputSeconds?: { trajectories: number; tables: number; parquet: number };
}

export interface RunResult {
  readonly record: RunRecord;
  readonly summary: SummaryRow[] | null;
  readonly outDir: string;
  /** The directory held a finished run already (a --resume of a complete run): nothing ran. */
  readonly alreadyComplete: boolean;
  /** The planning step of an adaptive cluster run left this round for a job array to run. */
  readonly nextRound?: { round: number; tasks: number };
}

function countsOf(rows: readonly SummaryRow[]): Record<string, number> {
  const counts = { trajectories: 0, converged: 0, saddle: 0, periodic: 0, diverged: 0, unresolved: 0 };
  for (const r of rows) {
    for (const key of Object.keys(counts) as (keyof typeof counts)[]) counts[key] += r[key];
  }
  return counts;
}

export async function runSweep(options: RunOptions): Promise<RunResult> {
  const started = Date.now();
  // everything that can reject the config happens before the output directory is touched
  const loaded = await loadSweep(options.config, options.baseDir);
  // the workers start (threads, modules, kernels) while the main thread computes λ*; the planning step of an
  // adaptive cluster run runs no task
  const pool = options.planRound ? null : openPool(loaded.worker, options.workers);
  try {
    return await runLoaded(completeSweep(loaded), pool, options, started);
  } finally {
    await pool?.destroy();
  }
}

async function runLoaded(
  prepared: PreparedSweep,
  pool: Piscina | null,
  options: RunOptions,
  started: number,
): Promise<RunResult> {
  const { sweep, classify } = options.config;
  const estimate = estimateCost(prepared.problem.layout, options.workers, {
    trajectories: sweep.trajectories,
    etaCount: prepared.setup.etas.length,
    maxSteps: sweep.maxSteps,
    periods: classify.periods,
  });
  checkFits(estimate, options.force ?? false);
  options.onEstimate?.(estimate);
  if (options.onWarning) for (const warning of sweepWarnings(prepared)) options.onWarning(warning);
  const hash = configHash(options.config);
  const shard = options.shard ?? NO_SHARD;
  if ((options.planRound || options.adaptiveRound !== undefined) && !sweep.adaptive) {
    throw new EngineError('CONFIG_INVALID', '--plan-round and --round are for an adaptive sweep (sweep.adaptive)');
  }
  if (options.planRound && options.adaptiveRound !== undefined) {
    throw new EngineError('CONFIG_INVALID', '--plan-round and --round are two separate steps');
  }
  if (options.adaptiveRound !== undefined) {
    return runAdaptiveRoundShard(prepared, taskPool(pool), options, options.adaptiveRound, hash);
  }
  if (sweep.adaptive && shard.count > 1) {
    throw new EngineError(
      'CONFIG_INVALID',
      `sweep.adaptive plans each round from the last: it cannot run as --shard ${shard.index}/${shard.count} (on a cluster, run its rounds with --plan-round and --round R --shard I/N, e.g. deploy/slurm/adaptive.sh)`,
    );
  }
  const mode = await prepareRunDir(options.outDir, options.resume ?? false);
  const width = recordWidth(prepared.problem.layout.paramCount, options.config.record.weights);
  const previous = mode === 'resume' ? await resumableRecord(options.outDir, options.config, hash, shard, width) : null;
  const unlock = await lockRunDir(options.outDir);
  try {
    // only now, holding the lock, is it certain that no live process owns these
    await removeLeftovers(options.outDir);
    const record = await startRecord(prepared, hash, shard, previous, options);
    if (record.status === 'complete') return { record, summary: null, outDir: options.outDir, alreadyComplete: true };
    // an adaptive sweep's rounds share the pool
    if (sweep.adaptive) return await runAdaptive(prepared, record, pool, options, started);
    return await execute(prepared, record, taskPool(pool), options, started);
  } finally {
    await unlock();
  }
}

/** The pool of a run that runs tasks: runSweep opens one for every run but the planning step (--plan-round). */
function taskPool(pool: Piscina | null): Piscina {
  if (pool === null) throw new Error('a run with tasks to run has no worker pool');
  return pool;
}

/** The record a run starts with; a resume's `previous` (already checked against this run) carries over. */
async function startRecord(
  prepared: PreparedSweep,
  hash: string,
  shard: Shard,
  previous: RunRecord | null,
  options: RunOptions,
): Promise<RunRecord> {
  if (previous?.status === 'complete') return previous;
  const etas = prepared.setup.etas;
  const shape: PlanShape = previous?.plan ?? {
    etaCount: etas.length,
    trajectories: prepared.config.sweep.trajectories,
    taskSize: options.taskSize ?? defaultTaskSize(etas.length, prepared.config.sweep.trajectories),
  };
  const machine = machineInfo();
  const record: RunRecord = {
    version: VERSION,
    schemaVersion: RUN_FORMAT,
    status: 'running',
    configHash: hash,
    config: prepared.config,
    configDir: resolve(options.baseDir),
    argv: options.argv ?? process.argv.slice(2),
    node: machine.node,
    host: machine.host,
    cores: machine.cores,
    workers: options.workers,
    startedAt: previous?.startedAt ?? new Date().toISOString(),
    endedAt: null,
    plan: {
      etaCount: shape.etaCount,
      trajectories: shape.trajectories,
      taskSize: shape.taskSize,
      tasks: taskCount(shape),
      etas,
    },
    shard,
    theory: prepared.theory,
    counts: null,
    threshold: null,
    failedTasks: [],
    performance: null,
    resumes: previous ? previous.resumes + 1 : 0,
  };
  await writeRecord(options.outDir, record);
  crashPoint('run-started');
  return record;
}

export async function writeRecord(dir: string, record: RunRecord): Promise<void> {
  await writeFileAtomic(join(dir, RUN_FILE), `${JSON.stringify(record, null, 2)}\n`);
}

async function execute(
  prepared: PreparedSweep,
  record: RunRecord,
  pool: Piscina,
  options: RunOptions,
  started: number,
): Promise<RunResult> {
  const { outDir } = options;
  const shape = record.plan;
  const shard = record.shard;
  const total = taskCount(shape);
  const width = recordWidth(prepared.problem.layout.paramCount, record.config.record.weights);
  const journal = await TaskJournal.open(outDir, total, width);
  // the plan is counted and walked, never listed: it has a task per block of initializations per step size
  const owns = (j: number) => ownsTask(shard, j, shape.etaCount);
  let ownedTasks = 0;
  let trajectoriesTotal = 0;
  let tasksDone = 0;
  let trajectoriesDone = 0;
  for (let j = 0; j < total; j++) {
    if (!owns(j)) continue;
    const { count } = taskAt(shape, j);
    ownedTasks++;
    trajectoriesTotal += count;
    if (journal.has(j)) {
      tasksDone++;
      trajectoriesDone += count;
    }
  }
  const { etas } = prepared.setup;
  function* pending(): Generator<Task> {
    for (let j = 0; j < total; j++) {
      if (!owns(j) || journal.has(j)) continue;
      const task = taskAt(shape, j);
      yield { ...task, eta: etas[task.etaIndex] };
    }
  }
  let steps = 0;
  options.onStart?.({ tasks: ownedTasks, trajectories: trajectoriesTotal, done: trajectoriesDone });
  const kv = footerMetadata(record.version, canonicalJson(record.config));
  // a whole run makes its tables from the rows as they are written (a shard writes none)
  const tables =
    shard.count === 1
      ? await RunTables.open(outDir, {
          etas: prepared.setup.etas,
          trajectories: shape.trajectories,
          etaCritical: prepared.theory.etaCritical,
          kvMetadata: kv,
        })
      : null;
  let output: OrderedTrajectoryOutput;
  try {
    output = await OrderedTrajectoryOutput.open(join(outDir, TRAJECTORIES_FILE), journal, {
      prepared,
      plan: shape,
      shard,
      weights: record.config.record.weights,
      kvMetadata: kv,
      onRows: tables ? (rows) => tables.add(rows) : undefined,
    });
  } catch (error) {
    // no half-made initializations.parquet or spill files beside a run that could not start writing
    await tables?.abort();
    throw error;
  }
  /** A run that stops early: no Parquet, no spill files; the journal keeps what is done. */
  const abandon = async () => {
    await tables?.abort();
    await output.abort();
    await journal.close();
  };
  let failed: FailedTask[] = [];
  try {
    // a resume first writes what is already journaled
    await output.advance();
    failed = await runTasks(pool, pending(), {
      workers: options.workers,
      retries: options.retries ?? 2,
      signal: options.signal,
      onResult: async (task, data) => {
        await journal.record(task.index, data);
        crashPoint('task-recorded');
        await output.advance({ index: task.index, data });
        for (let r = 0; r < task.count; r++) steps += data[r * width + STEPS_FIELD];
        tasksDone++;
        trajectoriesDone += task.count;
        options.onProgress?.({
          tasksDone,
          tasksTotal: ownedTasks,
          trajectoriesDone,
          trajectoriesTotal,
          steps,
          elapsedSeconds: (Date.now() - started) / 1000,
        });
      },
    });
  } catch (error) {
    await abandon();
    await finishRecord(outDir, record, 'failed', started, steps, trajectoriesDone);
    throw error;
  }
  const seconds = (Date.now() - started) / 1000;
  const poolFigures = { trajectories: trajectoriesDone, steps, seconds };
  if (options.signal?.aborted) {
    await abandon();
    await finishRecord(outDir, record, 'interrupted', started, steps, trajectoriesDone);
    throw new EngineError(
      'INTERRUPTED',
      `interrupted; ${tasksDone} of ${ownedTasks} tasks are saved — rerun with --resume to finish`,
    );
  }
  if (failed.length > 0) {
    await abandon();
    record.failedTasks = failed;
    await finishRecord(outDir, record, 'failed', started, steps, trajectoriesDone);
    throw new EngineError(
      'TASKS_FAILED',
      `${failed.length} task(s) failed after retries (first: task ${failed[0].task}: ${failed[0].error}); everything else is saved — rerun with --resume`,
    );
  }
  try {
    await output.close();
  } catch (error) {
    await tables?.abort();
    throw error;
  }
  crashPoint('trajectories-written');
  await journal.close();
  const tablesStarted = performance.now();
  let summary: SummaryRow[] | null = null;
  if (tables) {
    const aggregate = await tables.close();
    crashPoint('tables-written');
    summary = aggregate.summary;
    record.counts = countsOf(summary);
    record.threshold = aggregate.threshold;
  }
  record.performance = {
    ...poolFigures,
    outputSeconds: {
      trajectories: output.seconds,
      tables: (performance.now() - tablesStarted) / 1000,
      parquet: output.parquetSeconds + (tables?.parquetSeconds ?? 0),
    },
  };
  record.status = 'complete';
  record.endedAt = new Date().toISOString();
  await writeRecord(outDir, record);
  // the spool only serves resumes; the journal stays as the record of what ran
  await rm(join(outDir, SPOOL_FILE), { force: true });
  return { record, summary, outDir, alreadyComplete: false };
}

async function finishRecord(
  dir: string,
  record: RunRecord,
  status: RunStatus,
  started: number,
  steps: number,
  trajectories: number,
): Promise<void> {
  record.status = status;
  record.endedAt = new Date().toISOString();
  record.performance = { trajectories, steps, seconds: (Date.now() - started) / 1000 };
  await writeRecord(dir, record).catch(() => undefined);
}

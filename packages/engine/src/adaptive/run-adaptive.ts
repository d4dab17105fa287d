/**
 * An adaptive sweep: rounds of work planned from the results of the rounds
 * before (planner.ts), each round's tasks journaled in `rounds/<r>/` like a
 * plain run's, and the output files written from the journals at the end
 * (outputs.ts). Locally every round runs here, on one worker pool; on a
 * cluster a planning step (`planRound`) stops at each new round, which the
 * shards of a job array run (`runAdaptiveRoundShard`).
 *
 * Initialization k depends only on (seed, k), so adding trajectories at a
 * step size extends k, and re-running an unresolved row with a larger
 * budget re-runs the same initialization. A start (or a --resume after
 * kill -9 in the middle of a round) replays the finished rounds from their
 * journals, plans each next round again — the same plan, from the same
 * results — and runs what its journal lacks; so the files are the same
 * bytes for any worker count and any interruption.
 */
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { AdaptiveConfig } from '@eos-sweep/config';
import { canonicalJson } from '@eos-sweep/config';
import { footerMetadata } from '@eos-sweep/results';
import type { Piscina } from 'piscina';
import { empiricalThreshold } from '../aggregate.js';
import { crashPoint } from '../crash-point.js';
import { EngineError } from '../errors.js';
import { JOURNAL_FILE, parseJournal, SPOOL_FILE, TaskJournal } from '../journal.js';
import type { Task } from '../plan.js';
import type { FailedTask } from '../pool.js';
import { runTasks } from '../pool.js';
import type { PreparedSweep } from '../problem.js';
import type { RunOptions, RunRecord, RunResult } from '../run.js';
import { writeRecord } from '../run.js';
import { writeFileAtomic } from '../run-dir.js';
import { lockRunDir } from '../run-lock.js';
import { readRunRecord } from '../run-record.js';
import { NO_SHARD } from '../shard.js';
import { OUTCOME_FIELD, recordWidth, STEPS_FIELD } from '../task-codec.js';
import { writeAdaptiveOutputs } from './outputs.js';
import type { RoundPlan } from './planner.js';
import { planRound } from './planner.js';
import type { RowExtension, StepSize } from './points.js';
import { addRows, applyExtensions, newStepSize } from './points.js';
import type { AdaptiveRecord, RoundRecord } from './record.js';
import { bracketRecord, stepSizeRecords } from './record.js';

const ROUNDS_DIR = 'rounds';
const ROUND_PLAN_FILE = 'plan.json';

/** A task of a round: a block of one work item, run with the item's budget. */
export interface RoundTask extends Task {
  readonly maxSteps: number;
  readonly kind: 'sample' | 'extend';
}

function roundDir(outDir: string, round: number): string {
  return join(outDir, ROUNDS_DIR, String(round).padStart(4, '0'));
}

/** The round's tasks: each work item cut into blocks of at most `taskSize`, numbered in item order. */
export function roundTasks(plan: RoundPlan, taskSize: number): RoundTask[] {
  const tasks: RoundTask[] = [];
  for (const item of plan.items) {
    for (let at = 0; at < item.count; at += taskSize) {
      const count = Math.min(taskSize, item.count - at);
      const base = { index: tasks.length, etaIndex: item.stepSize, count, maxSteps: item.maxSteps, kind: item.kind };
      tasks.push(
        item.kind === 'extend'
          ? { ...base, start: 0, trajectories: item.trajectories?.slice(at, at + count) }
          : { ...base, start: item.start + at },
      );
    }
  }
  return tasks;
}

/** The step sizes of the configured grid, before any round. */
function initialStepSizes(prepared: PreparedSweep): StepSize[] {
  return prepared.setup.etas.map((eta, id) => newStepSize(id, eta, 'grid', 0, prepared.config.sweep.maxSteps));
}

/** A round's plan as its file holds it: with every step size's η by id, so a shard can set up its workers. */
interface PinnedPlan extends RoundPlan {
  readonly etas: readonly number[];
  readonly taskSize: number;
}

/** Puts a round's plan in place, or checks it against the one a previous start (or a planning job) wrote. */
async function pinPlan(dir: string, plan: PinnedPlan): Promise<void> {
  const text = `${JSON.stringify(plan)}\n`;
  const path = join(dir, ROUND_PLAN_FILE);
  const existing = await readFile(path, 'utf8').catch(() => null);
  if (existing === null) await writeFileAtomic(path, text);
  else if (existing !== text) {
    throw new EngineError(
      'RUN_DIR',
      `${path} differs from the plan this run computes from the rounds before it; the run directory was changed`,
    );
  }
}

/** A round's plan file, or null when it is missing or unreadable. */
async function readPlan(dir: string): Promise<PinnedPlan | null> {
  try {
    return JSON.parse(await readFile(join(dir, ROUND_PLAN_FILE), 'utf8')) as PinnedPlan;
  } catch {
    return null;
  }
}

/** Shard directories of a round run as a job array (`--round R --shard I/N`). */
const SHARD_DIR = /^shard-\d+$/;

/** Copies the tasks the round's shards journaled into the round's own journal (the planning step of a cluster run). */
async function absorbShards(dir: string, journal: TaskJournal, taskCount: number, width: number): Promise<void> {
  const shards = (await readdir(dir)).filter((name) => SHARD_DIR.test(name)).sort();
  for (const name of shards) {
    const shard = await TaskJournal.open(join(dir, name), taskCount, width);
    try {
      for (let task = 0; task < taskCount; task++) {
        if (shard.has(task) && !journal.has(task)) await journal.record(task, await shard.read(task));
      }
    } finally {
      await shard.close();
    }
  }
}

/** What running a round's tasks needs besides the tasks. */
interface RoundRun {
  /** Null in the planning step of a cluster run, which leaves every round with tasks to a job array. */
  readonly pool: Piscina | null;
  readonly options: RunOptions;
  /** Every step size's η, by id. */
  readonly etas: readonly number[];
  readonly journal: TaskJournal;
  readonly onResult: (task: Task, data: Float64Array) => void;
}

/** Runs `pending` into the journal; each task brings its η and budget, so one pool serves every round. */
async function runRoundTasks(pending: readonly RoundTask[], run: RoundRun): Promise<FailedTask[]> {
  const { options, pool } = run;
  if (pending.length === 0) return [];
  if (pool === null) throw new Error('an adaptive round has tasks to run but no worker pool');
  return runTasks(
    pool,
    pending.map((task) => ({ ...task, eta: run.etas[task.etaIndex] })),
    {
      workers: options.workers,
      retries: options.retries ?? 2,
      signal: options.signal,
      onResult: async (task, data) => {
        await run.journal.record(task.index, data);
        crashPoint('task-recorded');
        run.onResult(task, data);
      },
    },
  );
}

function failedError(round: number, failed: readonly FailedTask[]): EngineError {
  return new EngineError(
    'TASKS_FAILED',
    `round ${round}: ${failed.length} task(s) failed after retries (first: task ${failed[0].task}: ${failed[0].error}); everything else is saved — rerun with --resume`,
  );
}

/** Folds a finished round's results into the step sizes; returns the GD steps its rows took. */
async function foldRound(
  points: StepSize[],
  plan: RoundPlan,
  tasks: readonly RoundTask[],
  journal: TaskJournal,
  width: number,
): Promise<number> {
  for (const added of plan.added) points.push(newStepSize(added.id, added.eta, added.role, plan.round, added.maxSteps));
  let steps = 0;
  const extensions = new Map<number, { extension: RowExtension; outcomes: Float64Array }[]>();
  for (const task of tasks) {
    const data = await journal.read(task.index);
    const outcomes = new Float64Array(task.count);
    for (let r = 0; r < task.count; r++) {
      outcomes[r] = data[r * width + OUTCOME_FIELD];
      steps += data[r * width + STEPS_FIELD];
    }
    const point = points[task.etaIndex];
    if (task.kind === 'sample') {
      addRows(point, { round: plan.round, task: task.index, start: task.start, count: task.count }, outcomes);
    } else {
      const extension = { round: plan.round, task: task.index, trajectories: task.trajectories ?? [] };
      extensions.set(point.id, [...(extensions.get(point.id) ?? []), { extension, outcomes }]);
    }
  }
  for (const item of plan.items) {
    const runs = extensions.get(item.stepSize);
    if (item.kind === 'extend' && runs) applyExtensions(points[item.stepSize], item.maxSteps, runs);
  }
  return steps;
}

function roundRecord(plan: RoundPlan, points: readonly StepSize[], steps: number): RoundRecord {
  return {
    round: plan.round,
    stepSizes: plan.items.map((item) => ({
      eta: points[item.stepSize].eta,
      role: points[item.stepSize].role,
      kind: item.kind,
      trajectories: item.count,
      maxSteps: item.maxSteps,
      reason: item.reason,
    })),
    trajectories: plan.items.reduce((sum, item) => sum + item.count, 0),
    steps,
  };
}

/**
 * Runs (or resumes) an adaptive sweep in `options.outDir` on `pool`, which the caller opened before λ* was
 * known and destroys afterwards; null for the planning step of a cluster run, which runs no task.
 */
export async function runAdaptive(
  prepared: PreparedSweep,
  record: RunRecord,
  pool: Piscina | null,
  options: RunOptions,
  started: number,
): Promise<RunResult> {
  const { outDir } = options;
  const settings = prepared.config.sweep.adaptive as AdaptiveConfig;
  const context = { settings, etaCritical: prepared.theory.etaCritical };
  const width = recordWidth(prepared.problem.layout.paramCount, prepared.config.record.weights);
  const taskSize = record.plan.taskSize;
  const points = initialStepSizes(prepared);
  const rounds: RoundRecord[] = [];
  const adaptive: AdaptiveRecord = { rounds, stepSizes: [], threshold: null };
  record.adaptive = adaptive;
  let steps = 0;
  let trajectoriesDone = 0;

  const finish = async (status: RunRecord['status']) => {
    record.status = status;
    record.endedAt = new Date().toISOString();
    record.performance = { trajectories: trajectoriesDone, steps, seconds: (Date.now() - started) / 1000 };
    await writeRecord(outDir, record).catch(() => undefined);
  };

  try {
    for (let round = 0; ; round++) {
      const plan = planRound(points, round, context);
      if (plan.items.length === 0) break;
      const tasks = roundTasks(plan, taskSize);
      const dir = roundDir(outDir, round);
      await mkdir(dir, { recursive: true });
      const etas = [...points.map((p) => p.eta), ...plan.added.map((a) => a.eta)];
      await pinPlan(dir, { ...plan, etas, taskSize });
      const journal = await TaskJournal.open(dir, tasks.length, width);
      // what the shards of a cluster round saved (a local --resume can finish a cluster run too)
      await absorbShards(dir, journal, tasks.length, width);
      const pending = tasks.filter((t) => !journal.has(t.index));
      if (pending.length > 0 && options.planRound) {
        // the planning step of a cluster run: this round is for a job array to run
        await journal.close();
        await writeRecord(outDir, record);
        return { record, summary: null, outDir, alreadyComplete: false, nextRound: { round, tasks: tasks.length } };
      }
      const roundTrajectories = tasks.reduce((sum, t) => sum + t.count, 0);
      let roundDone = roundTrajectories - pending.reduce((sum, t) => sum + t.count, 0);
      if (pending.length > 0)
        options.onStart?.({ tasks: tasks.length, trajectories: roundTrajectories, done: roundDone });
      let failed: FailedTask[];
      try {
        failed = await runRoundTasks(pending, {
          pool,
          options,
          etas,
          journal,
          onResult: (task, data) => {
            for (let r = 0; r < task.count; r++) steps += data[r * width + STEPS_FIELD];
            roundDone += task.count;
            trajectoriesDone += task.count;
            options.onProgress?.({
              tasksDone: journal.size,
              tasksTotal: tasks.length,
              trajectoriesDone: roundDone,
              trajectoriesTotal: roundTrajectories,
              steps,
              elapsedSeconds: (Date.now() - started) / 1000,
            });
          },
        });
      } catch (error) {
        await journal.close();
        await finish('failed');
        throw error;
      }
      if (options.signal?.aborted) {
        await journal.close();
        await finish('interrupted');
        throw new EngineError(
          'INTERRUPTED',
          `interrupted in round ${round}; ${journal.size} of its ${tasks.length} tasks are saved — rerun with --resume to finish`,
        );
      }
      if (failed.length > 0) {
        await journal.close();
        record.failedTasks = failed;
        await finish('failed');
        throw failedError(round, failed);
      }
      const roundSteps = await foldRound(points, plan, tasks, journal, width);
      await journal.close();
      rounds.push(roundRecord(plan, points, roundSteps));
      adaptive.stepSizes = stepSizeRecords(points, settings);
      adaptive.threshold = bracketRecord(points, settings, prepared.theory.etaCritical);
      await writeRecord(outDir, record);
    }
  } finally {
    await pool?.destroy();
  }

  const kv = footerMetadata(record.version, canonicalJson(record.config));
  const journals = new Map<number, TaskJournal>();
  let summary: Awaited<ReturnType<typeof writeAdaptiveOutputs>>;
  try {
    summary = await writeAdaptiveOutputs(outDir, points, {
      prepared,
      settings,
      kvMetadata: kv,
      journalOf: async (round) => {
        let journal = journals.get(round);
        if (!journal) {
          journal = await TaskJournal.open(roundDir(outDir, round), Number.MAX_SAFE_INTEGER, width);
          journals.set(round, journal);
        }
        return journal;
      },
    });
  } finally {
    for (const journal of journals.values()) await journal.close();
  }
  crashPoint('tables-written');
  adaptive.stepSizes = stepSizeRecords(points, settings);
  adaptive.threshold = bracketRecord(points, settings, prepared.theory.etaCritical);
  const counts = { trajectories: 0, converged: 0, saddle: 0, periodic: 0, diverged: 0, unresolved: 0 };
  for (const row of summary) for (const key of Object.keys(counts) as (keyof typeof counts)[]) counts[key] += row[key];
  record.counts = counts;
  const threshold = empiricalThreshold(summary, prepared.theory.etaCritical);
  // the bound at the upper end from the confidence sequence, valid under the sweep's stopping
  record.threshold = { ...threshold, upperBound: adaptive.threshold?.highUpperBound ?? threshold.upperBound };
  record.status = 'complete';
  record.endedAt = new Date().toISOString();
  record.performance = { trajectories: trajectoriesDone, steps, seconds: (Date.now() - started) / 1000 };
  await writeRecord(outDir, record);
  // the spools only serve resumes; the journals and plans stay as the record of what ran
  for (let round = 0; round < rounds.length; round++)
    await rm(join(roundDir(outDir, round), SPOOL_FILE), { force: true });
  return { record, summary, outDir, alreadyComplete: false };
}

/**
 * One shard of one round of a cluster run (`--round R --shard I/N`): the tasks j ≡ I (mod N) of the round's
 * plan, which the planning step wrote, journaled in `rounds/R/shard-I/`. It touches nothing else of the run
 * directory, so the shards of a round run side by side; the next planning step gathers them.
 */
export async function runAdaptiveRoundShard(
  prepared: PreparedSweep,
  pool: Piscina,
  options: RunOptions,
  round: number,
  configHash: string,
): Promise<RunResult> {
  const { outDir } = options;
  const shard = options.shard ?? NO_SHARD;
  const record = await readRunRecord(outDir);
  if (!record)
    throw new EngineError(
      'RUN_DIR',
      `--round ${round}: ${outDir} has no readable run.json; run the planning step (--plan-round) first`,
    );
  if (record.configHash !== configHash) {
    throw new EngineError('RUN_DIR', `--round ${round}: the config differs from the one ${outDir} was planned with`);
  }
  const dir = roundDir(outDir, round);
  const plan = await readPlan(dir);
  if (!plan)
    throw new EngineError(
      'RUN_DIR',
      `--round ${round}: ${dir} has no ${ROUND_PLAN_FILE}; run the planning step (--plan-round) first`,
    );
  const tasks = roundTasks(plan, plan.taskSize);
  const shardDir = join(dir, `shard-${shard.index}`);
  await mkdir(shardDir, { recursive: true });
  const unlock = await lockRunDir(shardDir);
  try {
    const width = recordWidth(prepared.problem.layout.paramCount, prepared.config.record.weights);
    const journal = await TaskJournal.open(shardDir, tasks.length, width);
    let failed: FailedTask[];
    try {
      const pending = tasks.filter((t) => t.index % shard.count === shard.index && !journal.has(t.index));
      failed = await runRoundTasks(pending, { pool, options, etas: plan.etas, journal, onResult: () => undefined });
    } finally {
      await journal.close();
    }
    if (options.signal?.aborted) {
      throw new EngineError(
        'INTERRUPTED',
        `interrupted in round ${round}, shard ${shard.index}/${shard.count}; rerun it to finish`,
      );
    }
    if (failed.length > 0) throw failedError(round, failed);
    return { record, summary: null, outDir, alreadyComplete: false };
  } finally {
    await unlock();
  }
}

/**
 * How far the rounds planned so far got, for `eos-sweep status`: their tasks, and those journaled by the
 * round or by its shards (a task a shard ran and the planning step gathered counts once).
 */
export async function roundsProgress(outDir: string): Promise<{ tasks: number; done: number }> {
  const rounds = await readdir(join(outDir, ROUNDS_DIR)).catch(() => [] as string[]);
  let tasks = 0;
  let done = 0;
  for (const name of rounds) {
    const dir = join(outDir, ROUNDS_DIR, name);
    const plan = await readPlan(dir);
    if (!plan) continue;
    const count = roundTasks(plan, plan.taskSize).length;
    const journaled = new Set<number>();
    for (const journalDir of [dir, ...(await readdir(dir)).filter((n) => SHARD_DIR.test(n)).map((n) => join(dir, n))]) {
      const text = await readFile(join(journalDir, JOURNAL_FILE), 'utf8').catch(() => '');
      for (const [task] of parseJournal(text, Number.POSITIVE_INFINITY, count).entries()) journaled.add(task);
    }
    tasks += count;
    done += journaled.size;
  }
  return { tasks, done };
}

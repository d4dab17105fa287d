/**
 * The sweep on a real Slurm scheduler: a one-node cluster (munged, slurmctld,
 * slurmd on localhost, no systemd) is started by test/e2e/slurm-cluster.sh,
 * and deploy/slurm/submit.sh queues the shards as a job array plus the
 * dependent merge job, exactly as a user would on a cluster.
 *
 * Needs root and the Debian packages slurmctld, slurmd, slurm-client and
 * munge. Without them the tests are skipped — unless EOS_SWEEP_REQUIRE_SLURM=1
 * (CI), where a missing Slurm is a failure.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bytes, CLI, eosSweep, tempDir, writeConfig } from './cli.js';
import { query } from './duckdb.js';

const CLUSTER = fileURLToPath(new URL('./slurm-cluster.sh', import.meta.url));
const SUBMIT = fileURLToPath(new URL('../../deploy/slurm/submit.sh', import.meta.url));
const ADAPTIVE = fileURLToPath(new URL('../../deploy/slurm/adaptive.sh', import.meta.url));
const SHARDS = 3;
/** Every shard and the reference cut the plan the same way (merge checks it). */
const RUN_ARGS = ['--task-size', '16', '--no-progress'];

const CONFIG = `
name: slurm-e2e
seed: 11
model: { depth: 2, hidden: 1 }
data: { kind: point, x: [1], y: [1] }
sweep:
  eta: { values: [0.5, 0.9, 1.05, 1.3] }
  trajectories: 200
  maxSteps: 2000
`;

/** An adaptive sweep of a few rounds (coarse half-width and tolerance). */
const ADAPTIVE_CONFIG = `
name: slurm-adaptive-e2e
seed: 3
model: { depth: 2, hidden: 1 }
data: { kind: point, x: [1], y: [1] }
sweep:
  eta: { values: [0.6, 0.9, 1.2, 1.5] }
  maxSteps: 500
  adaptive: { halfWidth: 0.1, batch: 48, maxTrajectories: 480, thresholdTolerance: 0.02, maxStepSizes: 12, maxStepsCap: 50000 }
`;

function onPath(command: string): boolean {
  return spawnSync('sh', ['-c', `PATH="$PATH:/usr/sbin:/sbin" command -v ${command}`]).status === 0;
}

const required = process.env.EOS_SWEEP_REQUIRE_SLURM === '1';
const missing = ['slurmctld', 'slurmd', 'sbatch', 'scontrol', 'munged'].filter((c) => !onPath(c));
const isRoot = process.getuid?.() === 0;
const skipReason =
  missing.length > 0
    ? `${missing.join(', ')} not installed (apt-get install -y --no-install-recommends slurmctld slurmd slurm-client munge)`
    : !isRoot
      ? 'the test cluster runs its daemons and jobs as root, and this is not root'
      : null;
const skip = skipReason !== null && !required;
if (skip)
  console.warn(`test/e2e/slurm.test.ts skipped: ${skipReason}; set EOS_SWEEP_REQUIRE_SLURM=1 to make this fail`);

const TERMINAL = new Set([
  'COMPLETED',
  'FAILED',
  'CANCELLED',
  'TIMEOUT',
  'NODE_FAIL',
  'OUT_OF_MEMORY',
  'BOOT_FAIL',
  'DEADLINE',
  'PREEMPTED',
]);

interface JobState {
  /** The array index, or null for a plain job (and for a not yet split pending array record). */
  task: number | null;
  state: string;
  reason: string;
  exitCode: number;
}

describe.skipIf(skip)('Slurm job array → merge on a real one-node cluster', () => {
  // made in beforeAll: a skipped suite's body still runs (to collect the tests) and must leave nothing behind
  let state = '';
  let work = '';
  let config = '';
  let reference = '';
  let clientEnv: NodeJS.ProcessEnv = process.env;

  /** Runs a Slurm client command against the test cluster. */
  function slurm(command: string, args: string[]): string {
    const r = spawnSync(command, args, { encoding: 'utf8', env: clientEnv, cwd: work, timeout: 30_000 });
    if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${r.status}): ${r.stderr}${r.stdout}`);
    return r.stdout;
  }

  function jobStates(id: string): JobState[] {
    return slurm('scontrol', ['show', 'job', '--oneliner', id])
      .split('\n')
      .filter((line) => line.includes('JobState='))
      .map((line) => {
        const field = (name: string) => new RegExp(`(?:^|\\s)${name}=(\\S*)`).exec(line)?.[1] ?? '';
        const task = field('ArrayTaskId');
        return {
          task: /^\d+$/.test(task) ? Number(task) : null,
          state: field('JobState'),
          reason: field('Reason'),
          exitCode: Number(field('ExitCode').split(':')[0]),
        };
      })
      .sort((a, b) => (a.task ?? -1) - (b.task ?? -1));
  }

  async function waitForJobs(ids: string[], seconds = 90): Promise<void> {
    const deadline = Date.now() + seconds * 1000;
    while (!ids.every((id) => jobStates(id).every((j) => TERMINAL.has(j.state)))) {
      if (Date.now() > deadline) {
        throw new Error(`jobs ${ids.join(', ')} not finished after ${seconds} s:\n${slurm('squeue', ['-a'])}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  /** Queues the shards (ARRAY: which indices) and the merge with deploy/slurm/submit.sh. */
  function submit(runRoot: string, array?: string): { arrayJob: string; mergeJob: string } {
    const r = spawnSync(SUBMIT, [...RUN_ARGS], {
      encoding: 'utf8',
      cwd: work,
      timeout: 30_000,
      env: {
        ...clientEnv,
        CONFIG: config,
        RUN_ROOT: runRoot,
        SHARDS: String(SHARDS),
        CPUS_PER_TASK: '1',
        EOS_SWEEP: `${process.execPath} ${CLI}`,
        ...(array ? { ARRAY: array } : {}),
      },
    });
    const ids = /ARRAY_JOB=(\d+) MERGE_JOB=(\d+)/.exec(r.stdout);
    if (r.status !== 0 || !ids) throw new Error(`submit.sh failed (${r.status}): ${r.stderr}${r.stdout}`);
    return { arrayJob: ids[1], mergeJob: ids[2] };
  }

  /** The jobs' logs, to read when an assertion fails. */
  function logs(runRoot: string): string {
    const dir = join(runRoot, 'logs');
    if (!existsSync(dir)) return '(no logs)';
    return readdirSync(dir)
      .map((f) => `--- ${f}\n${readFileSync(join(dir, f), 'utf8')}`)
      .join('\n');
  }

  beforeAll(() => {
    if (skipReason) throw new Error(`EOS_SWEEP_REQUIRE_SLURM=1, but ${skipReason}`);
    state = tempDir('eos-slurm-state-');
    work = tempDir('eos-slurm-work-');
    config = writeConfig(work, 'sweep.yaml', CONFIG);
    reference = join(work, 'reference');
    const start = spawnSync(CLUSTER, ['start', state], { encoding: 'utf8', timeout: 60_000 });
    const conf = /^SLURM_CONF=(.+)$/m.exec(start.stdout)?.[1];
    if (start.status !== 0 || !conf) {
      throw new Error(`could not start the Slurm test cluster (exit ${start.status}):\n${start.stderr}${start.stdout}`);
    }
    clientEnv = { ...process.env, SLURM_CONF: conf };
    // the unsharded run that the merged shards must reproduce byte for byte
    const ref = eosSweep(['run', config, '--out', reference, '--workers', '2', '--quiet', ...RUN_ARGS]);
    if (ref.status !== 0) throw new Error(`reference run failed (${ref.status}): ${ref.stderr}`);
  }, 90_000);

  afterAll(() => {
    if (!state) return;
    // stops the jobs and daemons by pid and removes the state directory, whatever happened above
    const stop = spawnSync(CLUSTER, ['stop', state], { encoding: 'utf8', timeout: 60_000 });
    rmSync(work, { recursive: true, force: true });
    rmSync(state, { recursive: true, force: true }); // the script removes it too, unless it failed
    if (stop.status !== 0) throw new Error(`stopping the Slurm test cluster failed: ${stop.stderr}`);
  }, 90_000);

  it('runs the shards as an array job and the dependent merge reproduces the unsharded run byte for byte', async () => {
    const runRoot = join(work, 'runs-ok');
    const { arrayJob, mergeJob } = submit(runRoot);
    await waitForJobs([arrayJob, mergeJob]);
    const shards = jobStates(arrayJob);
    const merge = jobStates(mergeJob);
    expect(
      shards.map((j) => [j.task, j.state, j.exitCode]),
      logs(runRoot),
    ).toEqual([
      [0, 'COMPLETED', 0],
      [1, 'COMPLETED', 0],
      [2, 'COMPLETED', 0],
    ]);
    expect(
      merge.map((j) => j.state),
      logs(runRoot),
    ).toEqual(['COMPLETED']);

    // each array index ran its own shard, with the cores Slurm gave it as workers
    for (let i = 0; i < SHARDS; i++) {
      const run = JSON.parse(readFileSync(join(runRoot, `shard-${i}`, 'run.json'), 'utf8'));
      expect(run.status).toBe('complete');
      expect(run.shard).toMatchObject({ index: i, count: SHARDS });
      expect(run.workers).toBe(1);
    }

    const merged = join(runRoot, 'merged');
    expect(bytes(join(merged, 'trajectories.parquet')).equals(bytes(join(reference, 'trajectories.parquet')))).toBe(
      true,
    );
    expect(existsSync(join(merged, 'summary.parquet'))).toBe(true);
    expect(bytes(join(merged, 'summary.parquet')).equals(bytes(join(reference, 'summary.parquet')))).toBe(true);
    const [summary] = await query(
      `SELECT count(*)::INT AS etas, sum(trajectories)::INT AS trajectories FROM read_parquet('${join(merged, 'summary.parquet')}')`,
    );
    expect(summary).toEqual({ etas: 4, trajectories: 800 });
    // no scratch directory is left next to the result
    expect(readdirSync(runRoot).sort()).toEqual(['logs', 'merged', 'shard-0', 'shard-1', 'shard-2']);
  });

  it('runs an adaptive sweep as a chain of round arrays and planning jobs, with the bytes of a local run', async () => {
    const adaptiveConfig = writeConfig(work, 'adaptive.yaml', ADAPTIVE_CONFIG);
    const local = join(work, 'adaptive-local');
    const ref = eosSweep(['run', adaptiveConfig, '--out', local, '--workers', '2', '--quiet', ...RUN_ARGS]);
    expect(ref.status, ref.stderr).toBe(0);
    const runRoot = join(work, 'runs-adaptive');
    const r = spawnSync(ADAPTIVE, [...RUN_ARGS], {
      encoding: 'utf8',
      cwd: work,
      timeout: 30_000,
      env: {
        ...clientEnv,
        CONFIG: adaptiveConfig,
        RUN_ROOT: runRoot,
        SHARDS: String(SHARDS),
        CPUS_PER_TASK: '1',
        EOS_SWEEP: `${process.execPath} ${CLI}`,
      },
    });
    expect(r.status, r.stderr).toBe(0);
    const runJson = join(runRoot, 'run', 'run.json');
    const deadline = Date.now() + 240_000;
    const status = () => (existsSync(runJson) ? JSON.parse(readFileSync(runJson, 'utf8')).status : 'missing');
    const jobsFile = join(runRoot, 'logs', 'jobs');
    // the chain ends with a planning job that queues nothing: wait for the run to complete and no job to be left
    while (status() !== 'complete' || slurm('squeue', ['-h', '-a']).trim() !== '') {
      if (Date.now() > deadline) throw new Error(`the adaptive chain did not finish:\n${logs(runRoot)}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const rounds = readFileSync(jobsFile, 'utf8').trim().split('\n');
    expect(rounds.length, logs(runRoot)).toBeGreaterThan(2);
    for (const line of rounds) {
      const ids = /ARRAY_JOB=(\d+) PLAN_JOB=(\d+)/.exec(line);
      expect(ids, line).not.toBeNull();
      for (const id of [ids?.[1], ids?.[2]] as string[]) {
        for (const job of jobStates(id))
          expect([id, job.state, job.exitCode], logs(runRoot)).toEqual([id, 'COMPLETED', 0]);
      }
    }
    for (const f of ['trajectories.parquet', 'summary.parquet', 'initializations.parquet']) {
      expect(bytes(join(runRoot, 'run', f)).equals(bytes(join(local, f))), f).toBe(true);
    }
    // every round but the last planned one ran as SHARDS shards
    expect(
      readdirSync(join(runRoot, 'run', 'rounds', '0000'))
        .filter((n) => n.startsWith('shard-'))
        .sort(),
    ).toEqual(['shard-0', 'shard-1', 'shard-2']);
  }, 300_000);

  it('a failed shard cancels the merge; resubmitting it completes the sweep', async () => {
    const runRoot = join(work, 'runs-retry');
    // shard 1 fails: its --out holds something that is not a run directory (exit 2)
    mkdirSync(join(runRoot, 'shard-1'), { recursive: true });
    writeFileSync(join(runRoot, 'shard-1', 'not-a-run'), '');
    const first = submit(runRoot);
    await waitForJobs([first.arrayJob, first.mergeJob]);
    expect(
      jobStates(first.arrayJob).map((j) => [j.task, j.state, j.exitCode]),
      logs(runRoot),
    ).toEqual([
      [0, 'COMPLETED', 0],
      [1, 'FAILED', 2],
      [2, 'COMPLETED', 0],
    ]);
    // --kill-on-invalid-dep=yes: the merge goes away instead of pending forever
    expect(jobStates(first.mergeJob).map((j) => [j.state, j.reason])).toEqual([
      ['CANCELLED', 'DependencyNeverSatisfied'],
    ]);
    expect(existsSync(join(runRoot, 'merged'))).toBe(false);

    // fix the cause and resubmit shard 1 — and shard 0, which is already done: --resume makes it a no-op
    rmSync(join(runRoot, 'shard-1'), { recursive: true });
    const retry = submit(runRoot, '0-1');
    await waitForJobs([retry.arrayJob, retry.mergeJob]);
    expect(
      jobStates(retry.arrayJob).map((j) => [j.task, j.state]),
      logs(runRoot),
    ).toEqual([
      [0, 'COMPLETED'],
      [1, 'COMPLETED'],
    ]);
    expect(
      jobStates(retry.mergeJob).map((j) => j.state),
      logs(runRoot),
    ).toEqual(['COMPLETED']);
    const shard0 = JSON.parse(readFileSync(join(runRoot, 'shard-0', 'run.json'), 'utf8'));
    expect(shard0.resumes).toBe(0); // finished the first time, untouched by the resubmission
    expect(
      bytes(join(runRoot, 'merged', 'trajectories.parquet')).equals(bytes(join(reference, 'trajectories.parquet'))),
    ).toBe(true);
  });
});

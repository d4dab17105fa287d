/**
 * An adaptive sweep end to end: the same bytes for any worker count and after
 * kill -9 in the middle of a later round plus --resume; run.json's adaptive
 * block; summary.parquet naming its interval method.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bytes, eosSweep, tempDir, writeConfig } from './cli.js';
import { query } from './duckdb.js';

/** Small: a coarse half-width and tolerance, so it is a few rounds of a few seconds. η_c = 1. */
const CONFIG = `
name: adaptive-small
seed: 5
model: { depth: 2, hidden: 1 }
data: { kind: point, x: [1], y: [1] }
sweep:
  eta: { values: [0.6, 0.9, 1.2, 1.5] }
  maxSteps: 500
  adaptive:
    halfWidth: 0.1
    batch: 48
    maxTrajectories: 480
    thresholdTolerance: 0.02
    maxStepSizes: 12
    maxStepsCap: 50000
`;
const FILES = ['trajectories.parquet', 'summary.parquet', 'initializations.parquet'];
const common = ['--task-size', '16', '--no-progress', '--no-report', '--quiet'];

const dir = tempDir('eos-adaptive-');
const config = writeConfig(dir, 'adaptive.yaml', CONFIG);
const reference = join(dir, 'ref');
const refRun = eosSweep(['run', config, '--out', reference, '--workers', '1', ...common]);

function sameOutputs(out: string): void {
  for (const f of FILES) expect(bytes(join(out, f)).equals(bytes(join(reference, f))), f).toBe(true);
}

describe('an adaptive sweep', () => {
  it('runs', () => {
    expect(refRun.stderr).toBe('');
    expect(refRun.status).toBe(0);
  });

  it('writes run.json’s adaptive block: rounds with their reasons, budgets, the bracket around η_c', () => {
    const record = JSON.parse(readFileSync(join(reference, 'run.json'), 'utf8'));
    const { rounds, stepSizes, threshold } = record.adaptive;
    expect(rounds.length).toBeGreaterThan(2);
    const reasons = rounds.flatMap((r: { stepSizes: { reason: string }[] }) => r.stepSizes.map((s) => s.reason));
    expect(reasons.some((r: string) => r.startsWith('interval:'))).toBe(true);
    expect(reasons.some((r: string) => r.startsWith('bisection'))).toBe(true);
    expect(reasons.some((r: string) => r.startsWith('budget:'))).toBe(true);
    expect(stepSizes.some((s: { role: string }) => s.role === 'bisection')).toBe(true);
    expect(stepSizes.some((s: { maxSteps: number }) => s.maxSteps > 500)).toBe(true);
    expect(threshold.low).toBeLessThan(1);
    expect(threshold.high).toBeGreaterThanOrEqual(1);
    expect(threshold.containsEtaCritical).toBe(true);
    expect(threshold.width).toBeLessThanOrEqual(0.02);
    expect(threshold.statement).toMatch(/0 of \d+ converged at η = [\d.]+: p < [\d.]+ at 95%/);
    expect(record.threshold.etaLastConverged).toBe(threshold.low);
    expect(record.threshold.etaEmpirical).toBe(threshold.high);
  });

  it('summary.parquet has a row per step size, varying counts, and names its interval method', async () => {
    const record = JSON.parse(readFileSync(join(reference, 'run.json'), 'utf8'));
    const rows = await query(
      `SELECT eta, trajectories, converged, p_converged_low, p_converged_high, interval_method FROM '${join(reference, 'summary.parquet')}' ORDER BY eta`,
    );
    expect(rows.length).toBe(record.adaptive.stepSizes.length);
    expect(new Set(rows.map((r) => r.interval_method))).toEqual(new Set(['beta-binomial-mixture']));
    expect(new Set(rows.map((r) => Number(r.trajectories))).size).toBeGreaterThan(1);
    rows.forEach((row, i) => {
      const step = record.adaptive.stepSizes[i];
      expect(row.eta).toBe(step.eta);
      expect(Number(row.trajectories)).toBe(step.trajectories);
      expect(row.p_converged_high).toBe(step.pConvergedHigh);
    });
    const trajectories = await query(
      `SELECT eta, count(*) AS n, max(trajectory) AS k FROM '${join(reference, 'trajectories.parquet')}' GROUP BY eta ORDER BY eta`,
    );
    // initializations 0..n−1 at every step size
    trajectories.forEach((row, i) => {
      expect(Number(row.n)).toBe(Number(rows[i].trajectories));
      expect(Number(row.k)).toBe(Number(rows[i].trajectories) - 1);
    });
  });

  it('its report shows the budget per step size, the bracket and the confidence sequence', () => {
    const report = eosSweep(['report', reference, '--quiet']);
    expect(report.status, report.stderr).toBe(0);
    expect(existsSync(join(reference, 'budget.svg'))).toBe(true);
    const html = readFileSync(join(reference, 'report.html'), 'utf8');
    expect(html).toMatch(/Threshold bracket η ∈ \(/);
    expect(html).toContain('Budget per step size');
    expect(html).toContain('confidence sequence (beta-binomial mixture');
    expect(html).not.toContain('Wilson');
  });

  it('gives the same bytes with 2 workers', () => {
    const out = join(dir, 'two');
    expect(eosSweep(['run', config, '--out', out, '--workers', '2', ...common]).status).toBe(0);
    sameOutputs(out);
  });

  it('gives the same bytes after kill -9 in the middle of a later round and --resume', () => {
    const out = join(dir, 'crash');
    // task-recorded is passed once per task: let the reference's rounds before the last one of two or more
    // tasks pass, and one task of that round
    const plans = readdirSync(join(reference, 'rounds'))
      .sort()
      .map((r) => JSON.parse(readFileSync(join(reference, 'rounds', r, 'plan.json'), 'utf8')));
    const taskCounts = plans.map((plan) =>
      plan.items.reduce((n: number, item: { count: number }) => n + Math.ceil(item.count / 16), 0),
    );
    let target = taskCounts.length - 1;
    while (target > 0 && taskCounts[target] < 2) target--;
    expect(target).toBeGreaterThan(0);
    const skip = taskCounts.slice(0, target).reduce((a: number, b: number) => a + b, 0);
    const killed = eosSweep(['run', config, '--out', out, '--workers', '2', ...common], {
      env: { EOS_SWEEP_CRASH_AT: 'task-recorded', EOS_SWEEP_CRASH_SKIP: String(skip) },
    });
    expect(killed.status).toBe(-1);
    const rounds = readdirSync(join(out, 'rounds')).sort();
    expect(rounds.length).toBeGreaterThan(1);
    // the last round started was cut short: fewer tasks journaled than it planned
    const last = join(out, 'rounds', rounds[rounds.length - 1]);
    const plan = JSON.parse(readFileSync(join(last, 'plan.json'), 'utf8'));
    const planned = plan.items.reduce((n: number, item: { count: number }) => n + Math.ceil(item.count / 16), 0);
    const journaled = readFileSync(join(last, 'journal.jsonl'), 'utf8').split('\n').filter(Boolean).length;
    expect(journaled).toBeGreaterThan(0);
    expect(journaled).toBeLessThan(planned);
    // status counts the tasks of the rounds planned so far
    const status = eosSweep(['status', out]);
    const [, done, total] = /running, (\d+)\/(\d+) tasks/.exec(status.stdout + status.stderr) ?? [];
    expect(Number(total) - Number(done)).toBe(planned - journaled);
    expect(existsSync(join(out, 'trajectories.parquet'))).toBe(false);
    const resumed = eosSweep(['run', config, '--out', out, '--resume', '--workers', '1', ...common]);
    expect(resumed.stderr).toBe('');
    expect(resumed.status).toBe(0);
    sameOutputs(out);
    expect(JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')).resumes).toBe(1);
  });

  it('runs round by round as shards (--plan-round, then --round R --shard I/N) with the same bytes', () => {
    const out = join(dir, 'rounds');
    let plans = 0;
    for (;;) {
      const planned = eosSweep(['run', config, '--out', out, '--resume', '--plan-round', '--json', ...common]);
      expect(planned.status, planned.stderr).toBe(0);
      plans++;
      const { nextRound } = JSON.parse(planned.stdout);
      if (nextRound === undefined) break;
      for (const shard of ['0/2', '1/2']) {
        const ran = eosSweep(['run', config, '--out', out, '--round', String(nextRound), '--shard', shard, ...common]);
        expect(ran.status, ran.stderr).toBe(0);
      }
      expect(plans).toBeLessThan(50);
    }
    expect(plans).toBeGreaterThan(2);
    sameOutputs(out);
  });

  it('rejects a bad sweep.adaptive key, and --plan-round with --round, with one line (exit 2)', () => {
    const bad = eosSweep(['run', config, '--out', join(dir, 'bad'), '--set', 'sweep.adaptive.batch=0', ...common]);
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim()).toMatch(/sweep\.adaptive\.batch must be a positive integer/);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    const both = eosSweep(['run', config, '--out', join(dir, 'both'), '--plan-round', '--round', '0', ...common]);
    expect(both.status).toBe(2);
    expect(both.stderr.trim()).toBe('eos-sweep: --plan-round and --round are two separate steps');
  });

  it('--adaptive turns it on with the defaults; a plain run names its Wilson intervals', async () => {
    const plain = join(dir, 'plain');
    const args = [
      '--set',
      'sweep.eta.values=[0.5,1.5]',
      '--set',
      'sweep.trajectories=32',
      '--set',
      'sweep.maxSteps=200',
    ];
    expect(eosSweep(['run', '--out', plain, ...args, ...common]).status).toBe(0);
    const methods = await query(`SELECT DISTINCT interval_method FROM '${join(plain, 'summary.parquet')}'`);
    expect(methods).toEqual([{ interval_method: 'wilson' }]);
    const refused = eosSweep(['run', '--adaptive', '--out', join(dir, 'flag'), '--shard', '0/2', ...common]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/sweep\.adaptive .*--shard 0\/2/);
  });
});

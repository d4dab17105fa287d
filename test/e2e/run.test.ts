import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bytes, eosSweep, eosSweepAsync, killAfterJournalLines, SMALL_CONFIG, tempDir, writeConfig } from './cli.js';
import { query } from './duckdb.js';

const dir = tempDir();
const config = writeConfig(dir, 'small.yaml', SMALL_CONFIG);

/** One reference run everyone compares against. */
const reference = join(dir, 'ref');
const refRun = eosSweep([
  'run',
  config,
  '--out',
  reference,
  '--workers',
  '2',
  '--task-size',
  '16',
  '--json',
  '--no-progress',
]);

describe('eos-sweep run (end to end)', () => {
  it('runs a custom YAML config and reports a machine-readable result', () => {
    expect(refRun.stderr).not.toMatch(/internal error/);
    expect(refRun.status).toBe(0);
    const result = JSON.parse(refRun.stdout);
    expect(result.status).toBe('complete');
    expect(result.theory).toEqual({ lambda_star: 2, eta_critical: 1, loss_min: 0, method: 'closed-form-scalar' });
    expect(result.counts.trajectories).toBe(6 * 300);
    // the time spent on the Parquet outputs after the last task, apart from the pool's
    const { outputSeconds } = result.performance;
    expect(outputSeconds.trajectories).toBeGreaterThanOrEqual(0);
    expect(outputSeconds.tables).toBeGreaterThanOrEqual(0);
    expect(outputSeconds.parquet).toBeGreaterThan(0);
    expect(outputSeconds.parquet).toBeLessThanOrEqual(outputSeconds.trajectories + outputSeconds.tables);
    // no trajectory converges above η_c = 1; the empirical threshold is the first grid point above it
    expect(result.threshold.etaEmpirical).toBe(1.05);
    expect(result.threshold.upperBound).toBeCloseTo(1 - 0.05 ** (1 / 300), 12);
    for (const f of [
      'run.json',
      'trajectories.parquet',
      'summary.parquet',
      'initializations.parquet',
      'journal.jsonl',
    ]) {
      expect(existsSync(join(reference, f)), f).toBe(true);
    }
    // nothing temporary is left behind
    expect(readdirSync(reference).filter((f) => f.includes('.tmp') || f === 'spool.bin' || f === 'run.lock')).toEqual(
      [],
    );
  });

  it('writes the documented columns and types, and DuckDB reads them', async () => {
    const file = join(reference, 'trajectories.parquet');
    const schema = await query(`DESCRIBE SELECT * FROM read_parquet('${file}')`);
    expect(schema.map((c) => [c.column_name, c.column_type])).toEqual([
      ['eta', 'DOUBLE'],
      ['eta_index', 'INTEGER'],
      ['eta_ratio', 'DOUBLE'],
      ['trajectory', 'BIGINT'],
      ['outcome', 'VARCHAR'],
      ['period', 'INTEGER'],
      ['steps', 'INTEGER'],
      ['loss_initial', 'DOUBLE'],
      ['loss_final', 'DOUBLE'],
      ['loss_min', 'DOUBLE'],
      ['grad_norm_final', 'DOUBLE'],
      ['sharpness_initial', 'DOUBLE'],
      ['sharpness_final', 'DOUBLE'],
      ['param_norm_initial', 'DOUBLE'],
      ['param_norm_final', 'DOUBLE'],
    ]);
    const [counts] = await query(
      `SELECT count(*)::INT AS n, count(DISTINCT trajectory)::INT AS k, count(DISTINCT eta)::INT AS e,
              count(*) FILTER (WHERE outcome = 'converged' AND eta > 1)::INT AS above,
              count(*) FILTER (WHERE outcome = 'periodic' AND period IS NULL)::INT AS bad_period,
              count(*) FILTER (WHERE outcome <> 'periodic' AND period IS NOT NULL)::INT AS stray_period,
              count(*) FILTER (WHERE outcome = 'converged' AND NOT (sharpness_final <= 2 / eta + 1e-9 AND sharpness_final >= 2 - 1e-9))::INT AS off_eos,
              count(*) FILTER (WHERE isnan(loss_final) OR isinf(loss_final))::INT AS nan_loss
       FROM read_parquet('${file}')`,
    );
    expect(counts).toEqual({
      n: 1800,
      k: 300,
      e: 6,
      above: 0,
      bad_period: 0,
      stray_period: 0,
      off_eos: 0,
      nan_loss: 0,
    });
    const mix = await query(
      `SELECT outcome, count(*)::INT AS n FROM read_parquet('${file}') GROUP BY outcome ORDER BY outcome`,
    );
    const outcomes = mix.map((r) => r.outcome);
    expect(outcomes).toEqual(expect.arrayContaining(['converged', 'periodic', 'diverged']));
    const kv = await query(`SELECT decode(key) AS key FROM parquet_kv_metadata('${file}') ORDER BY key`);
    expect(kv.map((r) => r.key)).toEqual(['eos_sweep.config', 'eos_sweep.schema_version', 'eos_sweep.version']);
  });

  it('summary.parquet agrees with the trajectories and has a Wilson interval around p', async () => {
    const traj = join(reference, 'trajectories.parquet');
    const summary = await query(
      `SELECT * FROM read_parquet('${join(reference, 'summary.parquet')}') ORDER BY eta_index`,
    );
    const direct = await query(
      `SELECT eta_index, count(*) FILTER (WHERE outcome = 'converged')::BIGINT AS converged, count(*)::BIGINT AS n
       FROM read_parquet('${traj}') GROUP BY eta_index ORDER BY eta_index`,
    );
    expect(summary.length).toBe(6);
    summary.forEach((row, i) => {
      expect(row.converged).toBe(direct[i].converged);
      expect(row.trajectories).toBe(direct[i].n);
      expect(row.p_converged).toBeCloseTo(Number(direct[i].converged) / 300, 12);
      expect(row.p_converged_low as number).toBeLessThanOrEqual(row.p_converged as number);
      expect(row.p_converged_high as number).toBeGreaterThanOrEqual(row.p_converged as number);
      expect(row.two_over_eta).toBeCloseTo(2 / (row.eta as number), 12);
      expect(row.eta_critical).toBe(1);
    });
    const inits = await query(
      `SELECT * FROM read_parquet('${join(reference, 'initializations.parquet')}') ORDER BY trajectory`,
    );
    expect(inits.length).toBe(300);
    const [check] = await query(
      `SELECT count(*)::INT AS bad FROM read_parquet('${join(reference, 'initializations.parquet')}') i
       WHERE i.eta_max_converged IS DISTINCT FROM (SELECT max(eta) FROM read_parquet('${traj}') t
              WHERE t.trajectory = i.trajectory AND t.outcome = 'converged')`,
    );
    expect(check.bad).toBe(0);
  });

  it('gives byte-identical Parquet whatever the worker count and task size', () => {
    const one = join(dir, 'one');
    const r = eosSweep(['run', config, '--out', one, '--workers', '1', '--task-size', '100', '--quiet']);
    expect(r.status).toBe(0);
    for (const f of ['trajectories.parquet', 'summary.parquet', 'initializations.parquet']) {
      expect(bytes(join(one, f)).equals(bytes(join(reference, f))), f).toBe(true);
    }
  });

  it('resumes after kill -9 and produces the same data as an uninterrupted run', async () => {
    const out = join(dir, 'killed');
    const child = eosSweepAsync(['run', config, '--out', out, '--workers', '2', '--task-size', '16', '--no-progress']);
    // wait until a few tasks are journaled, then kill hard
    await killAfterJournalLines(child, out, 8);
    await child.exited;
    expect(existsSync(join(out, 'trajectories.parquet'))).toBe(false);
    // a torn last line, as after a power loss mid-write
    writeFileSync(join(out, 'journal.jsonl'), `${readFileSync(join(out, 'journal.jsonl'), 'utf8')}{"task":9`);
    const refused = eosSweep(['run', config, '--out', out, '--quiet']);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/not empty.*--resume/);
    const resumed = eosSweep(['run', config, '--out', out, '--resume', '--workers', '1', '--quiet']);
    expect(resumed.stderr).toBe('');
    expect(resumed.status).toBe(0);
    expect(bytes(join(out, 'trajectories.parquet')).equals(bytes(join(reference, 'trajectories.parquet')))).toBe(true);
    const record = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8'));
    expect(record.resumes).toBe(1);
    expect(record.status).toBe('complete');
  });

  it('refuses to resume with a different config', () => {
    const r = eosSweep(['run', config, '--out', reference, '--resume', '--set', 'seed=8']);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/config differs/);
  });

  it('retries a task whose worker crashed, with identical results', () => {
    const out = join(dir, 'crash');
    const marker = join(dir, 'crash-marker');
    const r = eosSweep(['run', config, '--out', out, '--workers', '2', '--task-size', '16', '--quiet'], {
      env: { EOS_SWEEP_FAULT: `exit-once:5:${marker}` },
    });
    expect(existsSync(marker)).toBe(true);
    expect(r.status).toBe(0);
    expect(bytes(join(out, 'trajectories.parquet')).equals(bytes(join(reference, 'trajectories.parquet')))).toBe(true);
  });

  it('retries a task that throws on its first attempt only, with identical results', () => {
    const out = join(dir, 'throw-once');
    const marker = join(dir, 'throw-marker');
    const r = eosSweep(['run', config, '--out', out, '--workers', '2', '--task-size', '16', '--quiet'], {
      env: { EOS_SWEEP_FAULT: `throw-once:7:${marker}` },
    });
    expect(existsSync(marker)).toBe(true);
    expect(r.status).toBe(0);
    expect(bytes(join(out, 'trajectories.parquet')).equals(bytes(join(reference, 'trajectories.parquet')))).toBe(true);
  });

  it('ends with exit 3 when a task always fails, keeping the rest, and --resume finishes', () => {
    const out = join(dir, 'fail');
    const r = eosSweep(
      ['run', config, '--out', out, '--workers', '2', '--task-size', '16', '--retries', '1', '--quiet'],
      {
        env: { EOS_SWEEP_FAULT: 'throw-always:3' },
      },
    );
    expect(r.status).toBe(3);
    expect(r.stderr).toMatch(/1 task\(s\) failed/);
    const record = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8'));
    expect(record.status).toBe('failed');
    expect(record.failedTasks.map((f: { task: number }) => f.task)).toEqual([3]);
    const lines = readFileSync(join(out, 'journal.jsonl'), 'utf8').trim().split('\n');
    expect(lines.length).toBe(record.plan.tasks - 1);
    const resumed = eosSweep(['run', config, '--out', out, '--resume', '--quiet']);
    expect(resumed.status).toBe(0);
    expect(bytes(join(out, 'trajectories.parquet')).equals(bytes(join(reference, 'trajectories.parquet')))).toBe(true);
  });
});

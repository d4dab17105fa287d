/**
 * End to end: saved state. The committed run directories of format 2
 * (test/fixtures/run-v2) read back with every command that reads a run
 * directory; a resume continues the config a directory recorded; another
 * format, or another config, is refused in one line with nothing changed.
 */
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readTable } from '../../packages/results/src/index.js';
import { eosSweep, tempDir } from './cli.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/run-v2/', import.meta.url));
const dir = tempDir('eos-state-');

/** A writable copy of a fixture directory. */
function copyOf(name: string): string {
  const out = join(dir, `${name}-${readdirSync(dir).length}`);
  cpSync(join(FIXTURE, name), out, { recursive: true });
  return out;
}

/** Every file in `out` with its bytes, to prove a refusal changed nothing. */
function snapshot(out: string): Record<string, string> {
  return Object.fromEntries(readdirSync(out).map((f) => [f, readFileSync(join(out, f)).toString('base64')]));
}

async function rows(path: string) {
  return (await readTable(path)).columns;
}

/**
 * `written` holds the rows of `golden`, column for column; a column added since format 2 (summary.parquet's
 * interval_method) must say what the old file meant: Wilson intervals.
 */
async function sameRows(written: string, golden: string): Promise<void> {
  const now = await rows(written);
  const then = await rows(golden);
  const added = Object.keys(now).filter((column) => !(column in then));
  expect(added, written).toEqual(written.endsWith('summary.parquet') ? ['interval_method'] : []);
  for (const column of added) expect(new Set(now[column]), column).toEqual(new Set(['wilson']));
  expect(Object.fromEntries(Object.keys(then).map((c) => [c, now[c]])), written).toEqual(then);
}

function oneLine(stderr: string): string {
  const lines = stderr.trim().split('\n');
  expect(lines, stderr).toHaveLength(1);
  return lines[0];
}

describe('run directories of format 2 (golden files) read back', () => {
  it('status reads every kind of directory', () => {
    const dirs = ['whole', 'shard-0', 'shard-1', 'killed'].map((d) => join(FIXTURE, d));
    const r = eosSweep(['status', ...dirs, '--json']);
    expect(r.status, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.dirs.map((d: { status: string }) => d.status)).toEqual([
      'complete',
      'complete',
      'complete',
      'running',
    ]);
    expect(report.dirs[3].tasksDone).toBe(1);
  });

  it('status still reads an unfinished run of format 1, whose spool had no header', () => {
    const old = copyOf('killed');
    const run = join(old, 'run.json');
    writeFileSync(run, readFileSync(run, 'utf8').replace('"schemaVersion": 2', '"schemaVersion": 1'));
    const journal = join(old, 'journal.jsonl');
    writeFileSync(journal, readFileSync(journal, 'utf8').replace('"offset":64', '"offset":0'));
    const r = eosSweep(['status', old, '--json']);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).dirs[0]).toMatchObject({ status: 'running', tasksDone: 1 });
  });

  it('aggregate gives the summary the run wrote', async () => {
    const out = join(dir, 'summary.parquet');
    const r = eosSweep(['aggregate', join(FIXTURE, 'whole'), '--out', out, '--quiet']);
    expect(r.status, r.stderr).toBe(0);
    await sameRows(out, join(FIXTURE, 'whole', 'summary.parquet'));
  });

  it('report draws it', () => {
    const out = copyOf('whole');
    const r = eosSweep(['report', out, '--quiet']);
    expect(r.status, r.stderr).toBe(0);
    expect(readdirSync(out)).toContain('report.html');
  });

  it('merge combines the shards into the rows of the whole run', async () => {
    const out = join(dir, 'merged');
    const r = eosSweep([
      'merge',
      join(FIXTURE, 'shard-0'),
      join(FIXTURE, 'shard-1'),
      '--out',
      out,
      '--quiet',
      '--no-report',
    ]);
    expect(r.status, r.stderr).toBe(0);
    for (const file of ['trajectories.parquet', 'summary.parquet', 'initializations.parquet']) {
      await sameRows(join(out, file), join(FIXTURE, 'whole', file));
    }
  });

  it('a resume of the complete run changes nothing', () => {
    const out = copyOf('whole');
    const before = snapshot(out);
    const r = eosSweep(['run', '--resume', '--out', out, '--json']);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).alreadyComplete).toBe(true);
    expect(snapshot(out)).toEqual(before);
  });

  it('a resume by directory finishes the killed run: no config, no --set, the rows of the whole run', async () => {
    const out = copyOf('killed');
    const r = eosSweep(['run', '--resume', '--out', out, '--workers', '1', '--quiet', '--no-report']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const record = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8'));
    expect(record.status).toBe('complete');
    expect(record.resumes).toBe(1);
    expect(record.plan.taskSize).toBe(8);
    for (const file of ['trajectories.parquet', 'summary.parquet', 'initializations.parquet']) {
      await sameRows(join(out, file), join(FIXTURE, 'whole', file));
    }
  });
});

describe('resume by directory', () => {
  it('resolves a relative data file against the recorded config directory, from any working directory', () => {
    const source = join(dir, 'with-data');
    mkdirSync(source);
    writeFileSync(join(source, 'points.csv'), 'x1,y1\n1,1\n2,1.5\n');
    const config = join(source, 'c.yaml');
    writeFileSync(config, 'data: {kind: file, path: points.csv}\nsweep: {trajectories: 40, maxSteps: 2000}\n');
    const out = join(dir, 'with-data-run');
    const common = ['--workers', '1', '--task-size', '8', '--quiet', '--no-report'];
    const killed = eosSweep(['run', config, '--out', out, ...common], { env: { EOS_SWEEP_CRASH_AT: 'task-recorded' } });
    expect(killed.status).toBe(-1);
    const resumed = eosSweep(['run', '--resume', '--out', out, ...common], { cwd: tempDir('eos-state-cwd-') });
    expect(resumed.stderr).toBe('');
    expect(resumed.status).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')).status).toBe('complete');
  });
});

describe('refusals change nothing', () => {
  it('a resume with another config names each key that differs with both values (exit 2)', () => {
    const out = copyOf('killed');
    const before = snapshot(out);
    const r = eosSweep([
      'run',
      join(FIXTURE, 'config.yaml'),
      '--set',
      'sweep.trajectories=30',
      '--set',
      'seed=12',
      '--resume',
      '--out',
      out,
    ]);
    expect(r.status).toBe(2);
    expect(oneLine(r.stderr)).toBe(
      `eos-sweep: --resume: the config differs from the one ${out} was started with (recorded → given): ` +
        'seed 11 → 12, sweep.trajectories 24 → 30; to continue the recorded config, give no config and no --set',
    );
    expect(snapshot(out)).toEqual(before);
  });

  it('resume and merge refuse a directory of another format version (exit 2)', () => {
    const killed = copyOf('killed');
    const shard = copyOf('shard-1');
    for (const out of [killed, shard]) {
      const path = join(out, 'run.json');
      writeFileSync(path, readFileSync(path, 'utf8').replace('"schemaVersion": 2', '"schemaVersion": 1'));
    }
    const before = snapshot(killed);
    const resumed = eosSweep(['run', '--resume', '--out', killed]);
    expect(resumed.status).toBe(2);
    expect(oneLine(resumed.stderr)).toMatch(
      new RegExp(
        `^eos-sweep: cannot resume ${killed}: it was written by eos-sweep 0\\.1\\.0 in run directory format 1, .*resumes format 2 only`,
      ),
    );
    expect(snapshot(killed)).toEqual(before);
    const merged = join(dir, 'merged-old');
    const merge = eosSweep(['merge', join(FIXTURE, 'shard-0'), shard, '--out', merged]);
    expect(merge.status).toBe(2);
    expect(oneLine(merge.stderr)).toMatch(new RegExp(`^eos-sweep: cannot merge ${shard}: .* format 1`));
    expect(() => readdirSync(merged)).toThrow();
  });

  it('a resume refuses a spool whose header does not match, in one line (exit 2)', () => {
    const out = copyOf('killed');
    const spool = join(out, 'spool.bin');
    writeFileSync(spool, readFileSync(spool).subarray(64));
    const before = snapshot(out);
    const r = eosSweep(['run', '--resume', '--out', out]);
    expect(r.status).toBe(2);
    expect(oneLine(r.stderr)).toBe(
      `eos-sweep: ${spool} has no spool header: it was written by another version of eos-sweep; start a new run`,
    );
    expect(snapshot(out)).toEqual(before);
  });
});

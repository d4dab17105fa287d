import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bytes, eosSweep, eosSweepAsync, SMALL_CONFIG, tempDir, writeConfig } from './cli.js';

const dir = tempDir('eos-faults-');
const config = writeConfig(dir, 'small.yaml', SMALL_CONFIG);
const common = ['--task-size', '16', '--workers', '2', '--quiet'];
const reference = join(dir, 'ref');
const refStatus = eosSweep(['run', config, '--out', reference, ...common]).status;

function sameOutputs(out: string): void {
  for (const f of ['trajectories.parquet', 'summary.parquet', 'initializations.parquet']) {
    expect(bytes(join(out, f)).equals(bytes(join(reference, f))), f).toBe(true);
  }
  expect(readdirSync(out).filter((f) => f.includes('.tmp-') || f === 'run.lock' || f === 'spool.bin')).toEqual([]);
}

/** Runs until the named crash point kills the process with SIGKILL. */
function crashAt(point: string, out: string): void {
  const killed = eosSweep(['run', config, '--out', out, ...common], { env: { EOS_SWEEP_CRASH_AT: point } });
  expect(killed.status).toBe(-1); // ended by a signal: no exit code
}

describe('faults during a run: resume gives the same data', () => {
  it('has a reference run', () => expect(refStatus).toBe(0));

  it.each(['run-started', 'task-recorded', 'trajectories-writing', 'trajectories-written', 'tables-written'])(
    'kill -9 at %s, then --resume',
    (point) => {
      const out = join(dir, `crash-${point}`);
      crashAt(point, out);
      expect(JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')).status).toBe('running');
      const resumed = eosSweep(['run', config, '--out', out, '--resume', ...common]);
      expect(resumed.stderr).toBe('');
      expect(resumed.status).toBe(0);
      sameOutputs(out);
    },
  );

  it('a second process on the same directory is refused while the first runs', async () => {
    const out = join(dir, 'locked');
    // the first run's task 0 waits for this file, so the run certainly outlives the second's start-up
    const release = join(dir, 'locked-release');
    const first = eosSweepAsync(['run', config, '--out', out, '--task-size', '4', '--workers', '1', '--quiet'], {
      EOS_SWEEP_FAULT: `wait:0:${release}`,
    });
    let ended = false;
    void first.exited.then(() => (ended = true));
    while (!existsSync(join(out, 'run.lock')) && !ended) await new Promise((r) => setTimeout(r, 10));
    expect(ended, `the first run ended before its lock was seen: ${first.stderr()}`).toBe(false);
    const second = eosSweep(['run', config, '--out', out, '--resume', '--quiet']);
    writeFileSync(release, 'go');
    expect(second.status).toBe(2);
    expect(second.stderr).toMatch(/in use by process \d+/);
    expect(await first.exited).toBe(0);
    sameOutputs(out);
  });

  it('a corrupt journal line and stray temporary files from a crash are tolerated', () => {
    const out = join(dir, 'corrupt');
    crashAt('task-recorded', out);
    const journal = join(out, 'journal.jsonl');
    writeFileSync(journal, `garbage{\n${readFileSync(journal, 'utf8')}{"task": "x"}\n`);
    writeFileSync(join(out, '.trajectories.parquet.tmp-999999'), 'half a file');
    writeFileSync(join(out, 'run.json.tmp-999999'), '{"half":');
    // a spill file of the median aggregator, as a kill -9 while summarising leaves it
    writeFileSync(join(out, '.steps-0.tmp-999999'), Buffer.from(new Float64Array(1000).buffer));
    const resumed = eosSweep(['run', config, '--out', out, '--resume', ...common]);
    expect(resumed.status).toBe(0);
    sameOutputs(out);
  });
});

/** A tiny tmpfs makes a real ENOSPC; needs root and mount(2), as in CI here. Skipped elsewhere. */
function tryMount(target: string, options: string): boolean {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', target], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('a full or read-only disk', () => {
  const mnt = join(dir, 'mnt');
  mkdirSync(mnt);
  const mounted = tryMount(mnt, 'size=96k');
  afterAll(() => {
    if (mounted) execFileSync('umount', [mnt]);
  });

  it.skipIf(!mounted)('ENOSPC: exit 3 with a clear message, then --resume finishes once there is room', () => {
    const out = join(mnt, 'run');
    const full = eosSweep(['run', config, '--out', out, ...common]);
    expect(full.status, full.stderr).toBe(3);
    expect(full.stderr.trim().split('\n'), full.stderr).toHaveLength(1);
    expect(full.stderr).toMatch(/ENOSPC.*--resume/);
    execFileSync('mount', ['-o', 'remount,size=64m', mnt]);
    const resumed = eosSweep(['run', config, '--out', out, '--resume', ...common]);
    expect(resumed.stderr).toBe('');
    expect(resumed.status).toBe(0);
    sameOutputs(out);
  });

  it.skipIf(!mounted)('read-only output: exit 3 with a clear message, nothing lost', () => {
    const out = join(mnt, 'ro');
    crashAt('task-recorded', out);
    const before = readFileSync(join(out, 'journal.jsonl'), 'utf8');
    execFileSync('mount', ['-o', 'remount,ro', mnt]);
    let r: ReturnType<typeof eosSweep>;
    try {
      r = eosSweep(['run', config, '--out', out, '--resume', ...common]);
    } finally {
      execFileSync('mount', ['-o', 'remount,rw', mnt]);
    }
    expect(r.status, r.stderr).toBe(3);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/EROFS/);
    expect(readFileSync(join(out, 'journal.jsonl'), 'utf8')).toBe(before);
  });
});

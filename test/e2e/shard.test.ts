import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bytes, eosSweep, eosSweepAsync, killAfterJournalLines, SMALL_CONFIG, tempDir, writeConfig } from './cli.js';

const dir = tempDir('eos-shard-');
const config = writeConfig(dir, 'small.yaml', SMALL_CONFIG);
const common = ['--task-size', '16', '--workers', '1', '--no-progress'];

describe('sharded runs merged (end to end)', () => {
  it('3 concurrent shards, one killed with kill -9 and rerun, merge to the single-process bytes', async () => {
    const single = join(dir, 'single');
    expect(eosSweep(['run', config, '--out', single, ...common, '--quiet']).status).toBe(0);

    const shardDir = (i: number) => join(dir, `shard-${i}`);
    const children = [0, 1, 2].map((i) =>
      eosSweepAsync(['run', config, '--shard', `${i}/3`, '--out', shardDir(i), ...common]),
    );
    // kill shard 1 once it has journaled a few tasks
    await killAfterJournalLines(children[1], shardDir(1), 3);
    const codes = await Promise.all(children.map((child) => child.exited));
    expect(codes[0]).toBe(0);
    expect(codes[2]).toBe(0);

    // status names the unfinished shard; merge refuses it
    const status = JSON.parse(eosSweep(['status', shardDir(0), shardDir(1), shardDir(2), '--json']).stdout);
    expect(status.resubmit).toEqual([shardDir(1)]);
    const early = eosSweep(['merge', shardDir(0), shardDir(1), shardDir(2), '--out', join(dir, 'early')]);
    expect(early.status).toBe(2);
    expect(early.stderr).toMatch(/shard 1\/3 is running, not complete/);

    // rerunning the shard as a scheduler would (same command, --resume) finishes it
    const rerun = eosSweep(['run', config, '--shard', '1/3', '--out', shardDir(1), '--resume', ...common, '--quiet']);
    expect(rerun.status).toBe(0);
    const missing = eosSweep(['merge', shardDir(0), shardDir(2), '--out', join(dir, 'partial')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/missing shard\(s\) 1\/3/);

    const merged = join(dir, 'merged');
    const r = eosSweep(['merge', shardDir(2), shardDir(0), shardDir(1), '--out', merged, '--json']);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).counts.trajectories).toBe(1800);
    for (const f of ['trajectories.parquet', 'summary.parquet', 'initializations.parquet']) {
      expect(bytes(join(merged, f)).equals(bytes(join(single, f))), f).toBe(true);
    }
    const record = JSON.parse(readFileSync(join(merged, 'run.json'), 'utf8'));
    expect(record.counts).toEqual(JSON.parse(readFileSync(join(single, 'run.json'), 'utf8')).counts);
  });

  it('takes the shard from Slurm and Kubernetes environment variables', () => {
    const slurm = join(dir, 'slurm-2');
    const r = eosSweep(['run', config, '--out', slurm, ...common, '--quiet', '--set', 'sweep.trajectories=40'], {
      env: {
        SLURM_ARRAY_TASK_ID: '2',
        SLURM_ARRAY_TASK_MIN: '0',
        SLURM_ARRAY_TASK_MAX: '3',
        SLURM_ARRAY_TASK_COUNT: '4',
      },
    });
    expect(r.status).toBe(0);
    const record = JSON.parse(readFileSync(join(slurm, 'run.json'), 'utf8'));
    expect(record.shard).toEqual({ index: 2, count: 4, source: 'slurm' });
    const k8s = join(dir, 'k8s-1');
    const k = eosSweep(['run', config, '--out', k8s, ...common, '--quiet', '--set', 'sweep.trajectories=40'], {
      env: { JOB_COMPLETION_INDEX: '1', EOS_SWEEP_SHARD_COUNT: '2' },
    });
    expect(k.status).toBe(0);
    expect(JSON.parse(readFileSync(join(k8s, 'run.json'), 'utf8')).shard).toEqual({
      index: 1,
      count: 2,
      source: 'kubernetes',
    });
  });
});

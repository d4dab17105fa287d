import { describe, expect, it } from 'vitest';
import { checkShards } from './merge-runs.js';
import type { RunRecord } from './run.js';
import type { RunStatus } from './run-dir.js';
import { RUN_FORMAT } from './run-record.js';

const HASH = 'a'.repeat(64);

/** The fields of run.json that checkShards reads; the rest does not matter here. */
function shard(
  index: number,
  count: number,
  over: { status?: RunStatus; configHash?: string; taskSize?: number; schemaVersion?: number } = {},
) {
  return {
    version: '0.0.9',
    schemaVersion: over.schemaVersion ?? RUN_FORMAT,
    status: over.status ?? 'complete',
    configHash: over.configHash ?? HASH,
    shard: { index, count, source: 'flag' },
    plan: { etaCount: 3, trajectories: 100, taskSize: over.taskSize ?? 16, tasks: 21, etas: [0.5, 1, 1.5] },
  } as unknown as RunRecord;
}

function dirsFor(records: readonly unknown[]): string[] {
  return records.map((_, i) => `/runs/shard-${i}`);
}

function mergeError(records: readonly (RunRecord | null)[]): { code?: string; message: string } {
  try {
    checkShards(dirsFor(records), records);
  } catch (error) {
    return error as { code?: string; message: string };
  }
  throw new Error('expected checkShards to refuse these shards');
}

describe('checkShards', () => {
  it('refuses a shard written in another run directory format, naming it and both formats', () => {
    const error = mergeError([shard(0, 2), shard(1, 2, { schemaVersion: RUN_FORMAT - 1 })]);
    expect(error.code).toBe('MERGE_INVALID');
    expect(error.message).toMatch(
      new RegExp(
        `^cannot merge /runs/shard-1: it was written by eos-sweep 0\\.0\\.9 in run directory format ${RUN_FORMAT - 1}, .* merges format ${RUN_FORMAT} only`,
      ),
    );
  });

  it('accepts a complete set of shards in any order', () => {
    const records = [shard(2, 3), shard(0, 3), shard(1, 3)];
    expect(() => checkShards(dirsFor(records), records)).not.toThrow();
    expect(() => checkShards(['/one'], [shard(0, 1)])).not.toThrow();
  });

  it('refuses shards run with different configs, naming both directories', () => {
    const error = mergeError([shard(0, 2), shard(1, 2, { configHash: 'b'.repeat(64) })]);
    expect(error.code).toBe('MERGE_INVALID');
    expect(error.message).toMatch(/different config/);
    expect(error.message).toContain('/runs/shard-1');
    expect(error.message).toContain('/runs/shard-0');
  });

  it('refuses shards cut differently (shard count or task size)', () => {
    for (const records of [
      [shard(0, 2), shard(1, 3), shard(2, 3)],
      [shard(0, 2), shard(1, 2, { taskSize: 32 })],
    ]) {
      const error = mergeError(records);
      expect(error.code).toBe('MERGE_INVALID');
      expect(error.message).toContain('/runs/shard-1');
      expect(error.message).toMatch(/shards \(task size/);
    }
  });

  it.each(['running', 'failed', 'interrupted'] as const)('refuses a shard that is %s, saying so', (status) => {
    const error = mergeError([shard(0, 2), shard(1, 2, { status })]);
    expect(error.code).toBe('MERGE_INVALID');
    expect(error.message).toContain('/runs/shard-1');
    expect(error.message).toContain('1/2');
    expect(error.message).toContain(`is ${status}, not complete`);
    expect(error.message).toMatch(/--resume/);
  });

  it('refuses a directory without a readable run.json', () => {
    const error = mergeError([shard(0, 2), null]);
    expect(error.code).toBe('MERGE_INVALID');
    expect(error.message).toContain('/runs/shard-1');
    expect(error.message).toContain('run.json');
  });

  it('refuses a shard index given twice, naming both directories', () => {
    const error = mergeError([shard(0, 2), shard(1, 2), shard(1, 2)]);
    expect(error.code).toBe('MERGE_INVALID');
    expect(error.message).toContain('shard 1/2 appears twice');
    expect(error.message).toContain('/runs/shard-1');
    expect(error.message).toContain('/runs/shard-2');
  });

  it('refuses a set with missing shards, naming each as I/N', () => {
    const one = mergeError([shard(0, 3), shard(2, 3)]);
    expect(one.code).toBe('MERGE_INVALID');
    expect(one.message).toMatch(/missing shard\(s\) 1\/3\b/);
    expect(one.message).not.toContain('0/3');
    const two = mergeError([shard(3, 4), shard(1, 4)]);
    expect(two.message).toMatch(/missing shard\(s\) 0\/4, 2\/4\b/);
  });
});

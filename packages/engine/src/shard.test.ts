import { describe, expect, it } from 'vitest';
import { taskAt, taskCount } from './plan.js';
import { NO_SHARD, ownsTask, parseShard, shardFromEnv } from './shard.js';

function expectConfigInvalid(f: () => unknown, message: RegExp): void {
  try {
    f();
  } catch (error) {
    expect((error as { code?: string }).code).toBe('CONFIG_INVALID');
    expect((error as Error).message).toMatch(message);
    return;
  }
  throw new Error('expected a CONFIG_INVALID error');
}

describe('parseShard', () => {
  it.each([
    ['0/1', 0, 1],
    ['3/4', 3, 4],
    [' 2 / 5 ', 2, 5],
  ])('parses "%s"', (text, index, count) => {
    expect(parseShard(text)).toEqual({ index, count, source: 'flag' });
  });

  it.each([
    ['3/2', /need 0 ≤ I < N/],
    ['2/2', /need 0 ≤ I < N/],
    ['0/0', /need 0 ≤ I < N/],
    ['a/b', /must look like I\/N/],
    ['-1/2', /must look like I\/N/],
    ['1.5/2', /must look like I\/N/],
    ['1', /must look like I\/N/],
    ['', /must look like I\/N/],
  ])('rejects "%s"', (text, message) => {
    expectConfigInvalid(() => parseShard(text), message);
    expectConfigInvalid(() => parseShard(text), /--shard/);
  });
});

describe('shardFromEnv', () => {
  it('reads SLURM_ARRAY_TASK_ID with SLURM_ARRAY_TASK_COUNT', () => {
    expect(shardFromEnv({ SLURM_ARRAY_TASK_ID: '2', SLURM_ARRAY_TASK_COUNT: '5' })).toEqual({
      index: 2,
      count: 5,
      source: 'slurm',
    });
  });

  it("trusts Slurm's count only for an array numbered 0..N−1 without a step", () => {
    const env = { SLURM_ARRAY_TASK_MIN: '0', SLURM_ARRAY_TASK_MAX: '3', SLURM_ARRAY_TASK_COUNT: '4' };
    expect([0, 1, 2, 3].map((id) => shardFromEnv({ ...env, SLURM_ARRAY_TASK_ID: String(id) }).index)).toEqual([
      0, 1, 2, 3,
    ]);
    // a resubmitted single index (sbatch --array=3): COUNT = 1 must not become "shard 0 of 1"
    const resubmitted = {
      SLURM_ARRAY_TASK_ID: '3',
      SLURM_ARRAY_TASK_MIN: '3',
      SLURM_ARRAY_TASK_MAX: '3',
      SLURM_ARRAY_TASK_COUNT: '1',
    };
    expectConfigInvalid(() => shardFromEnv(resubmitted), /--shard-count/);
    // arrays not starting at 0, and stepped arrays, need the count given
    const shifted = {
      SLURM_ARRAY_TASK_ID: '2',
      SLURM_ARRAY_TASK_MIN: '1',
      SLURM_ARRAY_TASK_MAX: '4',
      SLURM_ARRAY_TASK_COUNT: '4',
    };
    expectConfigInvalid(() => shardFromEnv(shifted), /not 0\.\.N−1/);
    const stepped = {
      SLURM_ARRAY_TASK_ID: '2',
      SLURM_ARRAY_TASK_MIN: '0',
      SLURM_ARRAY_TASK_MAX: '4',
      SLURM_ARRAY_TASK_COUNT: '3',
      SLURM_ARRAY_TASK_STEP: '2',
    };
    expectConfigInvalid(() => shardFromEnv(stepped), /--shard-count/);
  });

  it('uses the id as it is with a count from --shard-count or EOS_SWEEP_SHARD_COUNT', () => {
    const resubmitted = {
      SLURM_ARRAY_TASK_ID: '3',
      SLURM_ARRAY_TASK_MIN: '3',
      SLURM_ARRAY_TASK_MAX: '3',
      SLURM_ARRAY_TASK_COUNT: '1',
    };
    expect(shardFromEnv(resubmitted, 5)).toEqual({ index: 3, count: 5, source: 'slurm' });
    expect(shardFromEnv({ ...resubmitted, EOS_SWEEP_SHARD_COUNT: '4' })).toEqual({
      index: 3,
      count: 4,
      source: 'slurm',
    });
    expectConfigInvalid(() => shardFromEnv(resubmitted, 3), /need 0 ≤ I < N/);
  });

  it('refuses SLURM_ARRAY_TASK_ID without a count, or with a non-integer', () => {
    expectConfigInvalid(() => shardFromEnv({ SLURM_ARRAY_TASK_ID: '1' }), /--shard-count/);
    expectConfigInvalid(
      () => shardFromEnv({ SLURM_ARRAY_TASK_ID: 'x', SLURM_ARRAY_TASK_COUNT: '4' }),
      /SLURM_ARRAY_TASK_ID must be a non-negative integer/,
    );
  });

  it('reads JOB_COMPLETION_INDEX with the completion count, from the flag or EOS_SWEEP_SHARD_COUNT', () => {
    expect(shardFromEnv({ JOB_COMPLETION_INDEX: '3' }, 8)).toEqual({ index: 3, count: 8, source: 'kubernetes' });
    expect(shardFromEnv({ JOB_COMPLETION_INDEX: '0', EOS_SWEEP_SHARD_COUNT: '2' })).toEqual({
      index: 0,
      count: 2,
      source: 'kubernetes',
    });
    // the flag wins over the environment
    expect(shardFromEnv({ JOB_COMPLETION_INDEX: '1', EOS_SWEEP_SHARD_COUNT: '2' }, 3).count).toBe(3);
    expectConfigInvalid(() => shardFromEnv({ JOB_COMPLETION_INDEX: '1' }), /--shard-count or EOS_SWEEP_SHARD_COUNT/);
    expectConfigInvalid(() => shardFromEnv({ JOB_COMPLETION_INDEX: '4' }, 4), /need 0 ≤ I < N/);
  });

  it('gives NO_SHARD when neither scheduler is present', () => {
    expect(shardFromEnv({})).toBe(NO_SHARD);
    expect(shardFromEnv({ SLURM_ARRAY_TASK_ID: '', JOB_COMPLETION_INDEX: '' })).toBe(NO_SHARD);
    expect(NO_SHARD).toEqual({ index: 0, count: 1, source: 'none' });
  });
});

describe('ownsTask', () => {
  // [etaCount, trajectories, taskSize, shards]; always at least `shards` blocks per step size, so
  // every shard can have every step size. gcd(E, N) > 1 in the last three.
  const cases: [number, number, number, number][] = [
    [5, 40, 10, 2],
    [21, 1000, 256, 4],
    [6, 90, 10, 4],
    [21, 1000, 100, 3],
    [4, 40, 10, 2],
  ];

  /** The shards of n that own task j of a plan with `etaCount` step sizes. */
  function owners(j: number, n: number, etaCount: number): number[] {
    return Array.from({ length: n }, (_, i) => i).filter((i) =>
      ownsTask({ index: i, count: n, source: 'flag' }, j, etaCount),
    );
  }

  it.each(cases)(
    'shards partition the tasks (E = %i, T = %i, size %i, N = %i)',
    (etaCount, trajectories, taskSize, n) => {
      const shape = { etaCount, trajectories, taskSize };
      for (let j = 0; j < taskCount(shape); j++) expect(owners(j, n, etaCount), `task ${j}`).toHaveLength(1);
    },
  );

  it.each(cases)(
    'every shard gets every step size (E = %i, T = %i, size %i, N = %i)',
    (etaCount, trajectories, taskSize, n) => {
      const shape = { etaCount, trajectories, taskSize };
      const etas = Array.from({ length: n }, () => new Set<number>());
      for (let j = 0; j < taskCount(shape); j++)
        for (const i of owners(j, n, etaCount)) etas[i].add(taskAt(shape, j).etaIndex);
      etas.forEach((set, i) => {
        expect(set.size, `shard ${i}/${n}`).toBe(etaCount);
      });
    },
  );

  it('NO_SHARD owns every task', () => {
    for (let j = 0; j < 50; j++) expect(owners(j, 1, 7)).toEqual([0]);
    expect(ownsTask(NO_SHARD, 7, 3)).toBe(true);
  });
});

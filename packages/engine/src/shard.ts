/**
 * Which shard of the plan this process runs: `--shard I/N`, or a scheduler's
 * environment (Slurm job arrays, Kubernetes Indexed Jobs).
 */
import { EngineError } from './errors.js';

export interface Shard {
  readonly index: number;
  readonly count: number;
  /** Where it came from, for run.json. */
  readonly source: 'flag' | 'slurm' | 'kubernetes' | 'none';
}

export const NO_SHARD: Shard = { index: 0, count: 1, source: 'none' };

function parseIndex(text: string, what: string): number {
  if (!/^\d+$/.test(text.trim()))
    throw new EngineError('CONFIG_INVALID', `${what} must be a non-negative integer, got "${text}"`);
  return Number(text.trim());
}

/** Parses "I/N" (0 ≤ I < N). */
export function parseShard(text: string, source: Shard['source'] = 'flag'): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!m) throw new EngineError('CONFIG_INVALID', `--shard must look like I/N (e.g. 0/4), got "${text}"`);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || index >= count) throw new EngineError('CONFIG_INVALID', `--shard ${text}: need 0 ≤ I < N`);
  return { index, count, source };
}

/**
 * The shard from the environment: SLURM_ARRAY_TASK_ID with
 * SLURM_ARRAY_TASK_COUNT (or MIN/MAX), or JOB_COMPLETION_INDEX with
 * `completions` (flag) or EOS_SWEEP_SHARD_COUNT.
 */
export function shardFromEnv(env: NodeJS.ProcessEnv, completions?: number): Shard {
  const slurmId = env.SLURM_ARRAY_TASK_ID;
  if (slurmId !== undefined && slurmId !== '') {
    const id = parseIndex(slurmId, 'SLURM_ARRAY_TASK_ID');
    const min =
      env.SLURM_ARRAY_TASK_MIN !== undefined ? parseIndex(env.SLURM_ARRAY_TASK_MIN, 'SLURM_ARRAY_TASK_MIN') : 0;
    let count: number;
    if (env.SLURM_ARRAY_TASK_COUNT) count = parseIndex(env.SLURM_ARRAY_TASK_COUNT, 'SLURM_ARRAY_TASK_COUNT');
    else if (env.SLURM_ARRAY_TASK_MAX) count = parseIndex(env.SLURM_ARRAY_TASK_MAX, 'SLURM_ARRAY_TASK_MAX') - min + 1;
    else
      throw new EngineError(
        'CONFIG_INVALID',
        'SLURM_ARRAY_TASK_ID is set but neither SLURM_ARRAY_TASK_COUNT nor SLURM_ARRAY_TASK_MAX is',
      );
    return parseShard(`${id - min}/${count}`, 'slurm');
  }
  const k8sIndex = env.JOB_COMPLETION_INDEX;
  if (k8sIndex !== undefined && k8sIndex !== '') {
    const total =
      completions ??
      (env.EOS_SWEEP_SHARD_COUNT ? parseIndex(env.EOS_SWEEP_SHARD_COUNT, 'EOS_SWEEP_SHARD_COUNT') : undefined);
    if (total === undefined) {
      throw new EngineError(
        'CONFIG_INVALID',
        'JOB_COMPLETION_INDEX is set: give the completion count with --shard-count or EOS_SWEEP_SHARD_COUNT',
      );
    }
    return parseShard(`${parseIndex(k8sIndex, 'JOB_COMPLETION_INDEX')}/${total}`, 'kubernetes');
  }
  return NO_SHARD;
}

/**
 * Does the shard own task j? Task j is block ⌊j/E⌋ at step size j mod E, and
 * ownership rotates with the block, (e + b) mod N, so every shard gets every
 * step size even when E and N share a factor (j mod N would give shard I only
 * the step sizes e ≡ I mod gcd(E, N)).
 */
export function ownsTask(shard: Shard, taskIndex: number, etaCount: number): boolean {
  return ((taskIndex % etaCount) + Math.floor(taskIndex / etaCount)) % shard.count === shard.index;
}

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
 * The shard from the environment: SLURM_ARRAY_TASK_ID, or
 * JOB_COMPLETION_INDEX, with the shard count from `completions` (the
 * --shard-count flag) or EOS_SWEEP_SHARD_COUNT.
 *
 * A Slurm array task's id is used as the shard index as it is. Slurm's own
 * SLURM_ARRAY_TASK_COUNT is trusted as the shard count only for an array
 * numbered 0..COUNT−1 without a step: a resubmission of one failed index
 * (`sbatch --array=3`) has COUNT = 1, and counting from MIN would silently
 * turn it into "shard 0 of 1" — the whole sweep.
 */
export function shardFromEnv(env: NodeJS.ProcessEnv, completions?: number): Shard {
  const given =
    completions ??
    (env.EOS_SWEEP_SHARD_COUNT ? parseIndex(env.EOS_SWEEP_SHARD_COUNT, 'EOS_SWEEP_SHARD_COUNT') : undefined);
  const slurmId = env.SLURM_ARRAY_TASK_ID;
  if (slurmId !== undefined && slurmId !== '') {
    const id = parseIndex(slurmId, 'SLURM_ARRAY_TASK_ID');
    if (given !== undefined) return parseShard(`${id}/${given}`, 'slurm');
    const read = (name: string) => (env[name] ? parseIndex(env[name] as string, name) : undefined);
    const count = read('SLURM_ARRAY_TASK_COUNT');
    const min = read('SLURM_ARRAY_TASK_MIN') ?? 0;
    const max = read('SLURM_ARRAY_TASK_MAX');
    const step = read('SLURM_ARRAY_TASK_STEP') ?? 1;
    if (count !== undefined && min === 0 && (max === undefined || max === count - 1) && step === 1) {
      return parseShard(`${id}/${count}`, 'slurm');
    }
    throw new EngineError(
      'CONFIG_INVALID',
      `SLURM_ARRAY_TASK_ID is set but the array is not 0..N−1 (min ${min}, max ${max ?? '?'}, count ${count ?? '?'}): ` +
        'give the shard count with --shard-count N or EOS_SWEEP_SHARD_COUNT, and number array tasks from 0',
    );
  }
  const k8sIndex = env.JOB_COMPLETION_INDEX;
  if (k8sIndex !== undefined && k8sIndex !== '') {
    if (given === undefined) {
      throw new EngineError(
        'CONFIG_INVALID',
        'JOB_COMPLETION_INDEX is set: give the completion count with --shard-count or EOS_SWEEP_SHARD_COUNT',
      );
    }
    return parseShard(`${parseIndex(k8sIndex, 'JOB_COMPLETION_INDEX')}/${given}`, 'kubernetes');
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

/**
 * One catalogue of the engine's errors, each with a stable `code`. Errors that
 * cross the worker boundary are structured-cloned, so callers match on
 * `code`, never on `instanceof`.
 */
export type EngineErrorCode =
  /** Bad configuration or input: exit 2, nothing run. */
  | 'CONFIG_INVALID'
  /** The output directory is not usable as asked (non-empty without --resume, hash mismatch, locked). */
  | 'RUN_DIR'
  /** Shards that do not fit together. */
  | 'MERGE_INVALID'
  /** Some tasks failed after their retries: exit 3, resumable. */
  | 'TASKS_FAILED'
  /** Stopped by a signal: exit 130, resumable. */
  | 'INTERRUPTED';

export class EngineError extends Error {
  readonly code: EngineErrorCode;
  constructor(code: EngineErrorCode, message: string) {
    super(message);
    this.name = 'EngineError';
    this.code = code;
  }
}

/** Exit code for an error (SPEC.md): 2 bad input, 3 work failed, 130 interrupted. */
export function exitCodeFor(error: unknown): number {
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case 'CONFIG_INVALID':
    case 'RUN_DIR':
    case 'MERGE_INVALID':
      return 2;
    case 'INTERRUPTED':
      return 130;
    default:
      return 3;
  }
}

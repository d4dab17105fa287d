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

/** What a command reports when it fails: its exit code and one line for stderr (null: already printed). */
export interface Failure {
  readonly exitCode: number;
  readonly message: string | null;
}

/**
 * Bad input: a config, a flag, a data file, a run directory that cannot be used as asked, shards that do
 * not fit, a file that is not eos-sweep Parquet (the results package's codes). Retrying unchanged fails again.
 */
const BAD_INPUT: ReadonlySet<string> = new Set([
  'CONFIG_INVALID',
  'RUN_DIR',
  'MERGE_INVALID',
  'SCHEMA_MISMATCH',
  'BAD_PARQUET',
  'DUPLICATE_ROWS',
]);

/** The output cannot be written (full disk, read-only or forbidden directory, quota): finished work is kept. */
const CANNOT_WRITE: ReadonlySet<string> = new Set(['ENOSPC', 'EACCES', 'EROFS', 'EDQUOT']);

/**
 * The one mapping from an error to an exit code and a message, for every command of every program
 * (docs/reference.md, "Exit codes"): 2 bad input (nothing run or overwritten; a command line the parser
 * rejects too), 3 some work failed (retry with --resume), 130 interrupted. A user's mistake is its one-line message, never a stack trace; an
 * unexpected error (a bug) keeps its stack so that it can be reported.
 */
export function describeFailure(error: unknown): Failure {
  const code = (error as { code?: unknown } | null)?.code;
  const message = (error as Error | null)?.message ?? String(error);
  if (typeof code === 'string') {
    if (code.startsWith('commander.')) {
      // the argument parser (an unknown option, a missing argument; --help and --version end this way too)
      // has printed its own message and usage hint
      return { exitCode: (error as { exitCode?: unknown }).exitCode === 0 ? 0 : 2, message: null };
    }
    if (BAD_INPUT.has(code)) return { exitCode: 2, message };
    if (code === 'TASKS_FAILED') return { exitCode: 3, message };
    if (code === 'INTERRUPTED') return { exitCode: 130, message };
    if (CANNOT_WRITE.has(code)) {
      return {
        exitCode: 3,
        message: `cannot write output (${code}): ${message}; finished work is kept — fix it and rerun with --resume`,
      };
    }
  }
  return { exitCode: 3, message: `internal error: ${(error as Error | null)?.stack ?? message}` };
}

/**
 * A reader that stops early (`eos-sweep … --json | head`) closes our stdout:
 * that is the reader's choice, not a failure, so later writes are dropped
 * instead of ending the process with an unhandled EPIPE. The work itself
 * (and its files) carries on to the end.
 */
export function ignoreClosedOutput(stream: NodeJS.WritableStream): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
}

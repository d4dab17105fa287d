/**
 * Errors to exit codes (SPEC.md): 2 bad input (nothing run or overwritten),
 * 3 some work failed (retry with --resume), 130 interrupted. A user's
 * mistake is one line on stderr, never a stack trace; an unexpected error
 * (a bug) keeps its stack so it can be reported.
 */
import { exitCodeFor } from '@eos-sweep/engine';

const USER_ERRORS = new Set([
  'CONFIG_INVALID',
  'RUN_DIR',
  'MERGE_INVALID',
  'TASKS_FAILED',
  'INTERRUPTED',
  'SCHEMA_MISMATCH',
  'BAD_PARQUET',
  'DUPLICATE_ROWS',
]);

export function reportError(error: unknown): number {
  const code = (error as { code?: unknown } | null)?.code;
  const message = (error as Error | null)?.message ?? String(error);
  if (typeof code === 'string' && USER_ERRORS.has(code)) {
    process.stderr.write(`eos-sweep: ${message}\n`);
    if (code === 'SCHEMA_MISMATCH' || code === 'BAD_PARQUET' || code === 'DUPLICATE_ROWS') return 2;
    return exitCodeFor(error);
  }
  const errno = (error as NodeJS.ErrnoException | null)?.code;
  if (errno === 'ENOSPC' || errno === 'EACCES' || errno === 'EROFS' || errno === 'EDQUOT') {
    process.stderr.write(
      `eos-sweep: cannot write output (${errno}): ${message}; finished work is kept — fix it and rerun with --resume\n`,
    );
    return 3;
  }
  process.stderr.write(`eos-sweep: internal error: ${(error as Error)?.stack ?? message}\n`);
  return 3;
}

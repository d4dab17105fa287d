/**
 * The end of a failed command: the failure's one line on stderr and its exit
 * code, both from the mapping every eos-sweep program shares
 * (`describeFailure`, docs/reference.md "Exit codes").
 */
import { describeFailure } from '@eos-sweep/engine';

export function reportError(error: unknown): number {
  const { exitCode, message } = describeFailure(error);
  if (message !== null) process.stderr.write(`eos-sweep: ${message}\n`);
  return exitCode;
}

/**
 * Named points where the test suite can kill the process the hard way
 * (SIGKILL, as `kill -9` or a power loss would), to prove that a resume from
 * each of them gives the same output. Inert unless EOS_SWEEP_CRASH_AT names
 * the point.
 */
export type CrashPoint =
  | 'run-started'
  | 'task-recorded'
  | 'trajectories-writing'
  | 'trajectories-written'
  | 'tables-written';

/** Times the named point was passed: EOS_SWEEP_CRASH_SKIP=n lets the first n pass (a crash in a later round). */
let passed = 0;

export function crashPoint(name: CrashPoint): void {
  if (process.env.EOS_SWEEP_CRASH_AT !== name) return;
  if (passed++ < Number(process.env.EOS_SWEEP_CRASH_SKIP ?? 0)) return;
  process.kill(process.pid, 'SIGKILL');
}

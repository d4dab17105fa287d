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

export function crashPoint(name: CrashPoint): void {
  if (process.env.EOS_SWEEP_CRASH_AT === name) process.kill(process.pid, 'SIGKILL');
}

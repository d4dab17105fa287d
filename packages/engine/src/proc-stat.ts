import { readFileSync } from 'node:fs';

/**
 * The state letter of a process from /proc/<pid>/stat (R running, S sleeping, T stopped, Z zombie, …):
 * null when there is no such process, undefined when this system has no /proc (then ask kill(pid, 0)).
 * The state follows the command name, which is in parentheses and may itself hold spaces and ')'.
 */
export function readProcStat(pid: number): string | null | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return undefined;
    try {
      readFileSync('/proc/self/stat');
      return null;
    } catch {
      return undefined;
    }
  }
  const state = /\) (\S)/.exec(text.slice(text.lastIndexOf(')')));
  return state ? state[1] : undefined;
}

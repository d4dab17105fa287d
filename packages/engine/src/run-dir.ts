/**
 * The run directory: provenance in run.json (written before any work,
 * updated at the end), a lock so two processes never write one directory
 * (run-lock.ts), and atomic writes (temporary name, fsync, rename) for everything under a
 * final name.
 */

import { mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import { availableParallelism, hostname } from 'node:os';
import { join } from 'node:path';
import { EngineError } from './errors.js';

export const RUN_FILE = 'run.json';
export const LOCK_FILE = 'run.lock';

export type RunStatus = 'running' | 'complete' | 'failed' | 'interrupted';

/** Writes `text` to `path` atomically: never a half-written file under the final name. */
export async function writeFileAtomic(path: string, text: string | Uint8Array): Promise<void> {
  const tmp = `${path}.tmp-${process.pid}`;
  const handle = await open(tmp, 'w');
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(tmp, path);
}

export function machineInfo(): { host: string; cores: number; node: string } {
  return { host: hostname(), cores: availableParallelism(), node: process.version };
}

/** Files an earlier crash may leave that do not make a directory "used". */
function isLeftover(name: string): boolean {
  return name.includes('.tmp-') || name === LOCK_FILE;
}

/**
 * Makes sure `dir` can take a new run (empty or absent) or a resume (has a
 * run.json). Creates it if missing.
 */
export async function prepareRunDir(dir: string, resume: boolean): Promise<'fresh' | 'resume'> {
  let entries: string[];
  try {
    entries = (await readdir(dir)).filter((n) => !isLeftover(n));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new EngineError('RUN_DIR', `--out ${dir}: cannot read the directory (${(error as Error).message})`);
    }
    await mkdir(dir, { recursive: true });
    return 'fresh';
  }
  if (entries.length === 0) return 'fresh';
  if (!resume) {
    throw new EngineError(
      'RUN_DIR',
      `--out ${dir} is not empty: pass --resume to continue that run, or choose another directory`,
    );
  }
  if (!entries.includes(RUN_FILE)) {
    throw new EngineError(
      'RUN_DIR',
      `--out ${dir} has no ${RUN_FILE}: it is not a run directory, so there is nothing to resume`,
    );
  }
  return 'resume';
}

/** Removes temporary files an earlier process left when it died mid-write (never a final name). */
export async function removeLeftovers(dir: string): Promise<void> {
  for (const name of await readdir(dir)) {
    if (name.includes('.tmp-')) await rm(join(dir, name), { force: true });
  }
}

/**
 * The run directory's lock, run.lock: one process writes a directory at a
 * time, and a lock whose holder is dead never blocks the next run.
 *
 * The file holds "<host> <pid>" and is a lease: its holder renews it (its
 * mtime) every LEASE_RENEW_MS. Whether the holder lives is judged by what
 * can be known from here:
 * - on this host, by the process table: a pid that is gone, or a zombie (a
 *   killed process nobody has reaped yet: `kill -9` through `npx` leaves one,
 *   and kill(pid, 0) still succeeds on it), is dead; any other is alive,
 *   however old its lease (a stopped process, Ctrl-Z, wakes up and writes);
 * - on another host (a shared filesystem: NFS, a Kubernetes volume, a
 *   requeued Slurm job), by the lease: renewed within LEASE_STALE_MS, alive;
 *   older, its host or process died, and the lock is taken over.
 */
import { link, open, readFile, rm, stat, utimes } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { EngineError } from './errors.js';
import { readProcStat } from './proc-stat.js';
import { LOCK_FILE } from './run-dir.js';

/** How often the holder renews its lease. */
export const LEASE_RENEW_MS = 5_000;
/**
 * A lease from another host older than this is stale: twelve missed renewals, which also absorbs a main
 * thread busy for a while and clocks apart by less than a minute.
 */
export const LEASE_STALE_MS = 12 * LEASE_RENEW_MS;

export interface LockHolder {
  readonly host: string;
  readonly pid: number;
  /** When the lease was last renewed (the lock file's mtime), ms since the epoch. */
  readonly renewedMs: number;
}

/** What the decision needs to know about this machine; tests pass fakes. */
export interface LockContext {
  readonly host: string;
  readonly nowMs: number;
  /** The state letter of /proc/<pid>/stat ('R', 'S', 'Z', …); null when there is no such process. */
  readonly processState: (pid: number) => string | null;
}

/** Whether the holder of a lock may still be writing the directory. */
export function holderAlive(holder: LockHolder, here: LockContext): boolean {
  if (holder.host !== here.host) return here.nowMs - holder.renewedMs < LEASE_STALE_MS;
  const state = here.processState(holder.pid);
  // Z: exited, not yet reaped; X: being removed
  return state !== null && state !== 'Z' && state !== 'X';
}

/** The state of a process on this host: from /proc where there is one, else from kill(pid, 0). */
function processState(pid: number): string | null {
  const stat = readProcStat(pid);
  if (stat !== undefined) return stat;
  try {
    process.kill(pid, 0);
    return 'R';
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM' ? 'R' : null;
  }
}

/**
 * Takes the lock of `dir`, or throws a RUN_DIR error naming the live holder. Returns the unlock function,
 * which stops the renewals and removes the lock if it is still ours.
 */
export async function lockRunDir(
  dir: string,
  context: Omit<LockContext, 'nowMs'> = { host: hostname(), processState },
): Promise<() => Promise<void>> {
  const path = join(dir, LOCK_FILE);
  const mine = `${context.host} ${process.pid}\n`;
  for (let attempt = 0; attempt < 2; attempt++) {
    if (await createWith(path, mine)) return holdLease(path, mine);
    const holder = await readHolder(path);
    // a lock with our own host and pid was left by an earlier process that had our pid: stale
    const ours = holder?.host === context.host && holder.pid === process.pid;
    if (holder && !ours && holderAlive(holder, { ...context, nowMs: Date.now() })) {
      if (holder.host !== context.host) {
        const age = Math.round((Date.now() - holder.renewedMs) / 1000);
        throw new EngineError(
          'RUN_DIR',
          `--out ${dir} is locked by process ${holder.pid} on host ${holder.host}, whose lease was renewed ${age} s ago ` +
            `(${LOCK_FILE}); it is taken over once not renewed for ${LEASE_STALE_MS / 1000} s`,
        );
      }
      throw new EngineError(
        'RUN_DIR',
        `--out ${dir} is in use by process ${holder.pid} (${LOCK_FILE}); wait for it or stop it`,
      );
    }
    // dead, or torn by a crash while it was written (anything but "<host> <pid>"): stale
    await rm(path, { force: true });
  }
  throw new EngineError('RUN_DIR', `--out ${dir}: could not take ${LOCK_FILE}`);
}

/**
 * Creates the lock with its content in one step: written under a temporary name, then hard-linked to the
 * final one, which fails if it exists (atomic on local filesystems and NFS alike). So no other process
 * ever reads a lock half-written and takes it for a torn one.
 */
async function createWith(path: string, content: string): Promise<boolean> {
  const tmp = `${path}.tmp-${process.pid}`;
  const handle = await open(tmp, 'w');
  try {
    await handle.writeFile(content);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await link(tmp, path);
    return true;
  } catch (error) {
    // ENOENT: a holder cleaning up leftovers (*.tmp-*) removed our temporary file; the holder is alive
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST' && (error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw error;
    }
    return false;
  } finally {
    await rm(tmp, { force: true });
  }
}

async function readHolder(path: string): Promise<LockHolder | null> {
  try {
    const [text, info] = await Promise.all([readFile(path, 'utf8'), stat(path)]);
    const m = /^(\S+) (\d+)$/.exec(text.trim());
    return m ? { host: m[1], pid: Number(m[2]), renewedMs: info.mtimeMs } : null;
  } catch {
    return null;
  }
}

function holdLease(path: string, mine: string): () => Promise<void> {
  const ours = () =>
    readFile(path, 'utf8').then(
      (text) => text === mine,
      () => false,
    );
  let renewing = Promise.resolve();
  const timer = setInterval(() => {
    renewing = (async () => {
      // never renew a lock that another process has taken over
      if (await ours()) {
        const now = new Date();
        await utimes(path, now, now).catch(() => undefined);
      }
    })();
  }, LEASE_RENEW_MS);
  // a lease must not keep a finished process alive
  timer.unref();
  return async () => {
    clearInterval(timer);
    await renewing;
    if (await ours()) await rm(path, { force: true });
  };
}

import { closeSync, fsyncSync, openSync, renameSync, unlinkSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Nothing under a final name is ever half-written (docs/reference.md): files are written to a hidden temporary name in
 * the same directory (so the rename cannot cross file systems), fsynced, then renamed.
 */
export function tempPathFor(finalPath: string): string {
  return join(dirname(finalPath), `.${basename(finalPath)}.tmp-${process.pid}`);
}

/** Renames a finished, fsynced temporary file onto its final name and makes the rename durable. */
export function commitFile(tempPath: string, finalPath: string): void {
  renameSync(tempPath, finalPath);
  fsyncDirectory(dirname(finalPath));
}

/** Removes a file if it exists; never throws (used on the error path). */
export function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone, or never created
  }
}

function fsyncDirectory(dir: string): void {
  // A rename is durable only once its directory is synced. Some file systems refuse to fsync a directory
  // (EINVAL/EISDIR/EPERM); the rename has still happened, so that is not an error.
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // best effort
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

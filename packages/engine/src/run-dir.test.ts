import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LOCK_FILE, lockRunDir, prepareRunDir, RUN_FILE, writeFileAtomic } from './run-dir.js';

const root = mkdtempSync(join(tmpdir(), 'eos-run-dir-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function freshDir(): string {
  return mkdtempSync(join(root, 'd-'));
}

async function rejection(promise: Promise<unknown>): Promise<{ code?: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { code?: string; message: string };
  }
  throw new Error('expected a rejection');
}

describe('prepareRunDir', () => {
  it('creates a missing directory (and its parents) for a fresh run', async () => {
    const dir = join(freshDir(), 'a', 'b');
    expect(await prepareRunDir(dir, false)).toBe('fresh');
    expect(existsSync(dir)).toBe(true);
    // an existing empty directory is fresh too, with or without --resume
    expect(await prepareRunDir(dir, false)).toBe('fresh');
    expect(await prepareRunDir(dir, true)).toBe('fresh');
  });

  it('refuses a non-empty directory without --resume, changing nothing', async () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    const error = await rejection(prepareRunDir(dir, false));
    expect(error.code).toBe('RUN_DIR');
    expect(error.message).toContain(dir);
    expect(error.message).toMatch(/not empty.*--resume/);
    expect(readdirSync(dir)).toEqual(['notes.txt']);
  });

  it('refuses --resume of a directory without run.json', async () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'trajectories.parquet'), '');
    const error = await rejection(prepareRunDir(dir, true));
    expect(error.code).toBe('RUN_DIR');
    expect(error.message).toContain(RUN_FILE);
    expect(error.message).toMatch(/nothing to resume/);
  });

  it('resumes a directory with run.json', async () => {
    const dir = freshDir();
    writeFileSync(join(dir, RUN_FILE), '{}');
    expect(await prepareRunDir(dir, true)).toBe('resume');
  });

  it('does not count leftover *.tmp-* files or a lock as content', async () => {
    const dir = freshDir();
    writeFileSync(join(dir, `${RUN_FILE}.tmp-12345`), '{"half":');
    writeFileSync(join(dir, `summary.parquet.tmp-${process.pid}`), '');
    writeFileSync(join(dir, LOCK_FILE), '999999999\n');
    expect(await prepareRunDir(dir, false)).toBe('fresh');
    // with --resume, leftovers alone are not a run either
    expect(await prepareRunDir(dir, true)).toBe('fresh');
  });

  it('reports a path that is not a directory as RUN_DIR', async () => {
    const file = join(freshDir(), 'file');
    writeFileSync(file, 'x');
    const error = await rejection(prepareRunDir(file, false));
    expect(error.code).toBe('RUN_DIR');
    expect(error.message).toContain(file);
  });
});

describe('lockRunDir', () => {
  let holder: ChildProcess | undefined;
  afterAll(() => {
    holder?.kill('SIGKILL');
  });

  it('writes our pid to run.lock and removes it on unlock', async () => {
    const dir = freshDir();
    const unlock = await lockRunDir(dir);
    expect(readFileSync(join(dir, LOCK_FILE), 'utf8').trim()).toBe(`${hostname()} ${process.pid}`);
    await unlock();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });

  it('refuses a directory locked by another live process, naming its pid; takes it over once it is dead', async () => {
    const dir = freshDir();
    holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    const pid = holder.pid as number;
    expect(pid).toBeGreaterThan(0);
    writeFileSync(join(dir, LOCK_FILE), `${hostname()} ${pid}\n`);
    const error = await rejection(lockRunDir(dir));
    expect(error.code).toBe('RUN_DIR');
    expect(error.message).toContain(`process ${pid}`);
    expect(error.message).toContain(dir);
    expect(readFileSync(join(dir, LOCK_FILE), 'utf8').trim()).toBe(`${hostname()} ${pid}`);
    // kill -9 leaves the lock behind; the next run takes it over
    const exited = new Promise((resolve) => holder?.once('exit', resolve));
    holder.kill('SIGKILL');
    await exited;
    const unlock = await lockRunDir(dir);
    expect(readFileSync(join(dir, LOCK_FILE), 'utf8').trim()).toBe(`${hostname()} ${process.pid}`);
    await unlock();
  });

  it('never takes over a lock from another host: its owner may be alive there (shared filesystems)', async () => {
    const dir = freshDir();
    writeFileSync(join(dir, LOCK_FILE), 'some-other-node 999999999\n');
    const error = await rejection(lockRunDir(dir));
    expect(error.code).toBe('RUN_DIR');
    expect(error.message).toMatch(/process 999999999 on host some-other-node/);
  });

  it('takes over a stale lock whose pid is dead, and one with garbage in it', async () => {
    for (const stale of [`${hostname()} 999999999\n`, '', 'not a pid']) {
      const dir = freshDir();
      writeFileSync(join(dir, LOCK_FILE), stale);
      const unlock = await lockRunDir(dir);
      expect(readFileSync(join(dir, LOCK_FILE), 'utf8').trim()).toBe(`${hostname()} ${process.pid}`);
      await unlock();
    }
  });
});

describe('writeFileAtomic', () => {
  it('replaces the file in one step and leaves no temporary file', async () => {
    const dir = freshDir();
    const path = join(dir, 'out.json');
    await writeFileAtomic(path, 'first');
    await writeFileAtomic(path, 'second');
    expect(readFileSync(path, 'utf8')).toBe('second');
    expect(readdirSync(dir)).toEqual(['out.json']);
  });
});

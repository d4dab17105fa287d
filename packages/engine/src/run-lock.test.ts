import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { readProcStat } from './proc-stat.js';
import { LOCK_FILE } from './run-dir.js';
import type { LockContext } from './run-lock.js';
import { holderAlive, LEASE_RENEW_MS, LEASE_STALE_MS, lockRunDir } from './run-lock.js';

const root = mkdtempSync(join(tmpdir(), 'eos-run-lock-'));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
  rmSync(root, { recursive: true, force: true });
});

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

/** A lock file written by someone else, its lease last renewed `ageMs` ago. */
function writeLock(dir: string, text: string, ageMs = 0): void {
  const path = join(dir, LOCK_FILE);
  writeFileSync(path, text);
  const renewed = new Date(Date.now() - ageMs);
  utimesSync(path, renewed, renewed);
}

function lockText(dir: string): string {
  return readFileSync(join(dir, LOCK_FILE), 'utf8').trim();
}

describe('holderAlive (the decision)', () => {
  const here = (states: Record<number, string>): LockContext => ({
    host: 'node-a',
    nowMs: 1_000_000,
    processState: (pid) => states[pid] ?? null,
  });

  it('on this host: alive while the process runs, sleeps or is stopped, whatever the lease says', () => {
    for (const state of ['R', 'S', 'D', 'T']) {
      expect(holderAlive({ host: 'node-a', pid: 7, renewedMs: 0 }, here({ 7: state })), state).toBe(true);
    }
  });

  it('on this host: dead when the process is gone or a zombie', () => {
    expect(holderAlive({ host: 'node-a', pid: 7, renewedMs: 1_000_000 }, here({}))).toBe(false);
    expect(holderAlive({ host: 'node-a', pid: 7, renewedMs: 1_000_000 }, here({ 7: 'Z' }))).toBe(false);
    expect(holderAlive({ host: 'node-a', pid: 7, renewedMs: 1_000_000 }, here({ 7: 'X' }))).toBe(false);
  });

  it('on another host: alive while its lease is fresh, dead once it is stale (its pid means nothing here)', () => {
    const now = 1_000_000;
    const other = (age: number) => ({ host: 'node-b', pid: 7, renewedMs: now - age });
    expect(holderAlive(other(0), here({}))).toBe(true);
    expect(holderAlive(other(LEASE_STALE_MS - 1), here({}))).toBe(true);
    expect(holderAlive(other(LEASE_STALE_MS), here({ 7: 'R' }))).toBe(false);
    expect(LEASE_STALE_MS).toBeGreaterThanOrEqual(3 * LEASE_RENEW_MS);
  });
});

describe('readProcStat', () => {
  it('reads this process as running or sleeping, and a pid that does not exist as null', () => {
    expect(['R', 'S']).toContain(readProcStat(process.pid));
    expect(readProcStat(2 ** 22 + 12345)).toBeNull();
  });
});

describe('lockRunDir', () => {
  afterEach(() => vi.useRealTimers());

  it('writes our host and pid to run.lock and removes it on unlock', async () => {
    const dir = freshDir();
    const unlock = await lockRunDir(dir);
    expect(lockText(dir)).toBe(`${hostname()} ${process.pid}`);
    await unlock();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });

  it('refuses a directory locked by another live process, naming its pid; takes it over once it is dead', async () => {
    const dir = freshDir();
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    children.push(holder);
    const pid = holder.pid as number;
    // an old lease does not matter on this host: the process table does
    writeLock(dir, `${hostname()} ${pid}\n`, 10 * LEASE_STALE_MS);
    const error = await rejection(lockRunDir(dir));
    expect(error.code).toBe('RUN_DIR');
    expect(error.message).toBe(`--out ${dir} is in use by process ${pid} (${LOCK_FILE}); wait for it or stop it`);
    expect(lockText(dir)).toBe(`${hostname()} ${pid}`);
    // kill -9 leaves the lock behind; the next run takes it over
    const exited = new Promise((resolve) => holder.once('exit', resolve));
    holder.kill('SIGKILL');
    await exited;
    const unlock = await lockRunDir(dir);
    expect(lockText(dir)).toBe(`${hostname()} ${process.pid}`);
    await unlock();
  });

  it('takes over a lock whose holder is a zombie (exited, never reaped: kill(pid, 0) still succeeds)', async () => {
    const dir = freshDir();
    // sh starts a child that exits shortly after sh has become `sleep 60`, which never reaps it
    const parent = spawn('sh', ['-c', 'sleep 0.3 & echo $!; exec sleep 60'], { stdio: ['ignore', 'pipe', 'ignore'] });
    children.push(parent);
    const zombie = Number(
      await new Promise<string>((resolve) => parent.stdout?.once('data', (d) => resolve(String(d)))),
    );
    for (let i = 0; i < 200 && readProcStat(zombie) !== 'Z'; i++) await new Promise((r) => setTimeout(r, 10));
    expect(readProcStat(zombie)).toBe('Z');
    expect(() => process.kill(zombie, 0)).not.toThrow();
    writeLock(dir, `${hostname()} ${zombie}\n`);
    const unlock = await lockRunDir(dir);
    expect(lockText(dir)).toBe(`${hostname()} ${process.pid}`);
    await unlock();
  });

  it('refuses a fresh lease from another host, and takes over a stale one', async () => {
    const fresh = freshDir();
    writeLock(fresh, 'other-node 4242\n', LEASE_RENEW_MS);
    const error = await rejection(lockRunDir(fresh));
    expect(error.code).toBe('RUN_DIR');
    expect(error.message).toMatch(
      new RegExp(
        `^--out ${fresh} is locked by process 4242 on host other-node, whose lease was renewed \\d+ s ago \\(run\\.lock\\); it is taken over once not renewed for ${LEASE_STALE_MS / 1000} s$`,
      ),
    );
    expect(lockText(fresh)).toBe('other-node 4242');

    const stale = freshDir();
    writeLock(stale, 'other-node 4242\n', LEASE_STALE_MS + 1000);
    const unlock = await lockRunDir(stale);
    expect(lockText(stale)).toBe(`${hostname()} ${process.pid}`);
    await unlock();
  });

  it('renews its lease while held, so another host keeps seeing it fresh', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const dir = freshDir();
    const unlock = await lockRunDir(dir);
    const path = join(dir, LOCK_FILE);
    const old = new Date(Date.now() - LEASE_STALE_MS);
    utimesSync(path, old, old);
    await vi.advanceTimersByTimeAsync(LEASE_RENEW_MS);
    // the renewal is asynchronous file I/O: under load it can take longer than a few event-loop turns
    for (let i = 0; i < 1000 && statSync(path).mtimeMs <= old.getTime() + 1000; i++) {
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(Date.now() - statSync(path).mtimeMs).toBeLessThan(LEASE_STALE_MS / 2);
    await unlock();
  });

  it('neither renews nor removes a lock another process has taken over', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const dir = freshDir();
    const unlock = await lockRunDir(dir);
    writeLock(dir, 'other-node 99\n', LEASE_STALE_MS + 1000);
    const before = statSync(join(dir, LOCK_FILE)).mtimeMs;
    await vi.advanceTimersByTimeAsync(LEASE_RENEW_MS);
    await unlock();
    expect(lockText(dir)).toBe('other-node 99');
    expect(statSync(join(dir, LOCK_FILE)).mtimeMs).toBe(before);
  });

  it('refuses a fresh lease from another host that happens to hold our pid', async () => {
    const dir = freshDir();
    writeLock(dir, `other-node ${process.pid}\n`);
    expect((await rejection(lockRunDir(dir))).message).toMatch(/locked by process \d+ on host other-node/);
  });

  it('takes over a stale lock whose pid is dead, and one with garbage in it', async () => {
    for (const stale of [`${hostname()} 999999999\n`, '', 'not a pid']) {
      const dir = freshDir();
      writeLock(dir, stale);
      const unlock = await lockRunDir(dir);
      expect(lockText(dir)).toBe(`${hostname()} ${process.pid}`);
      await unlock();
    }
  });
});

import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LOCK_FILE, prepareRunDir, RUN_FILE, writeFileAtomic } from './run-dir.js';

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

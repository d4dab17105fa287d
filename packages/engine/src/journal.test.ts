import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { JOURNAL_FILE, parseJournal, SPOOL_FILE, TaskJournal } from './journal.js';

const root = mkdtempSync(join(tmpdir(), 'eos-journal-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Tasks in the plan of every journal here. */
const TASKS = 1000;

function freshDir(): string {
  return mkdtempSync(join(root, 'j-'));
}

/** A task's record: distinct values per task, `rows` × 3 doubles. */
function recordOf(task: number, rows = 1 + (task % 3)): Float64Array {
  return Float64Array.from({ length: rows * 3 }, (_, i) => task * 1000 + i + 0.25);
}

async function withJournal<T>(dir: string, f: (journal: TaskJournal) => Promise<T>): Promise<T> {
  const journal = await TaskJournal.open(dir, TASKS);
  try {
    return await f(journal);
  } finally {
    await journal.close();
  }
}

async function expectTasks(dir: string, tasks: readonly number[]): Promise<void> {
  await withJournal(dir, async (journal) => {
    expect(journal.size).toBe(tasks.length);
    for (const task of tasks) {
      expect(journal.has(task), `task ${task}`).toBe(true);
      expect(await journal.read(task)).toEqual(recordOf(task));
    }
  });
}

function journalLines(dir: string): string[] {
  return readFileSync(join(dir, JOURNAL_FILE), 'utf8').split('\n');
}

describe('TaskJournal', () => {
  it('reads back what it recorded, in the same process and after close and reopen', async () => {
    const dir = freshDir();
    await withJournal(dir, async (journal) => {
      expect(journal.size).toBe(0);
      for (const task of [4, 0, 7]) await journal.record(task, recordOf(task));
      expect(journal.has(4) && journal.has(0) && journal.has(7)).toBe(true);
      expect(journal.has(1)).toBe(false);
      expect(await journal.read(7)).toEqual(recordOf(7));
      await expect(journal.read(1)).rejects.toThrow(/task 1/);
    });
    await expectTasks(dir, [4, 0, 7]);
    // a second run appends; the first run's records stay readable
    await withJournal(dir, (journal) => journal.record(2, recordOf(2)));
    await expectTasks(dir, [4, 0, 7, 2]);
  });

  it('reads into a buffer it is given when the record fits, else into a new one', async () => {
    const dir = freshDir();
    await withJournal(dir, async (journal) => {
      for (const task of [3, 4, 5]) await journal.record(task, recordOf(task));
      const buffer = new Float64Array(9).fill(-1);
      const four = await journal.read(4, buffer); // 2 rows × 3
      expect(four).toEqual(recordOf(4));
      expect(four.buffer).toBe(buffer.buffer);
      expect(buffer.subarray(6)).toEqual(Float64Array.of(-1, -1, -1));
      expect((await journal.read(5, buffer)).buffer).toBe(buffer.buffer); // 3 rows: exactly fits
      const small = new Float64Array(2);
      const three = await journal.read(3, small);
      expect(three).toEqual(recordOf(3));
      expect(three.buffer).not.toBe(small.buffer);
    });
  });

  it('skips a torn last line and a corrupt middle line, and appends cleanly after them', async () => {
    const dir = freshDir();
    await withJournal(dir, async (journal) => {
      for (const task of [0, 1, 2, 3]) await journal.record(task, recordOf(task));
    });
    const lines = journalLines(dir);
    expect(lines).toHaveLength(5); // four records and the final newline
    lines[1] = lines[1].replace('}', '');
    lines[2] = '\u0000\u0000garbage';
    writeFileSync(join(dir, JOURNAL_FILE), `${lines.join('\n')}{"task":9,"offset":`);
    await expectTasks(dir, [0, 3]);
    await withJournal(dir, (journal) => journal.record(9, recordOf(9)));
    await expectTasks(dir, [0, 3, 9]);
  });

  it('skips an entry that points beyond the end of the spool', async () => {
    const dir = freshDir();
    await withJournal(dir, async (journal) => {
      for (const task of [0, 1]) await journal.record(task, recordOf(task));
    });
    const size = statSync(join(dir, SPOOL_FILE)).size;
    appendFileSync(join(dir, JOURNAL_FILE), `${JSON.stringify({ task: 5, offset: size - 8, bytes: 16 })}\n`);
    appendFileSync(join(dir, JOURNAL_FILE), `${JSON.stringify({ task: 6, offset: size, bytes: 8 })}\n`);
    await expectTasks(dir, [0, 1]);
  });

  it('a skipped entry stays skipped when the spool later grows past it', async () => {
    const dir = freshDir();
    await withJournal(dir, (journal) => journal.record(0, recordOf(0)));
    const size = statSync(join(dir, SPOOL_FILE)).size;
    appendFileSync(join(dir, JOURNAL_FILE), `${JSON.stringify({ task: 5, offset: size, bytes: 8 })}\n`);
    // task 5 is not done, so it would run again; meanwhile another task lands at that offset
    await withJournal(dir, async (journal) => {
      expect(journal.has(5)).toBe(false);
      await journal.record(1, recordOf(1));
    });
    // stopped before task 5 ran again: task 5 must still be missing, not read as task 1's bytes
    await withJournal(dir, async (journal) => expect(journal.has(5), 'task 5 revived').toBe(false));
    await expectTasks(dir, [0, 1]);
  });

  it('truncates spool bytes beyond the last journaled record, and new records after that read back', async () => {
    const dir = freshDir();
    await withJournal(dir, async (journal) => {
      for (const task of [0, 1, 2]) await journal.record(task, recordOf(task));
    });
    const spool = join(dir, SPOOL_FILE);
    const end = statSync(spool).size;
    expect(end).toBe([0, 1, 2].reduce((s, t) => s + recordOf(t).byteLength, 0));
    // a task that was being spooled when the process died: its bytes are there, its journal line is not
    appendFileSync(spool, Buffer.from(recordOf(99).buffer));
    appendFileSync(spool, Buffer.from([1, 2, 3]));
    await withJournal(dir, async (journal) => {
      expect(statSync(spool).size).toBe(end);
      expect(journal.has(99)).toBe(false);
      await journal.record(3, recordOf(3));
    });
    expect(statSync(spool).size).toBe(end + recordOf(3).byteLength);
    await expectTasks(dir, [0, 1, 2, 3]);
  });

  it('concurrent record() calls all land (group commit), each readable', async () => {
    const dir = freshDir();
    const tasks = Array.from({ length: 200 }, (_, i) => i);
    await withJournal(dir, async (journal) => {
      await Promise.all(tasks.map((task) => journal.record(task, recordOf(task))));
      expect(journal.size).toBe(tasks.length);
      for (const task of tasks) expect(await journal.read(task)).toEqual(recordOf(task));
    });
    expect(journalLines(dir).filter((l) => l !== '')).toHaveLength(tasks.length);
    await expectTasks(dir, tasks);
  });

  it('close() waits for records still being flushed', async () => {
    const dir = freshDir();
    const journal = await TaskJournal.open(dir, TASKS);
    const pending = [10, 11, 12].map((task) => journal.record(task, recordOf(task)));
    await journal.close();
    await Promise.all(pending);
    await expectTasks(dir, [10, 11, 12]);
  });
});

describe('parseJournal', () => {
  it('keeps well-formed entries inside the spool, the last line for a task winning', () => {
    const text = [
      '{"task":0,"offset":0,"bytes":16}',
      '{"task":1,"offset":16,"bytes":8}',
      '{"task":0,"offset":24,"bytes":8}',
      '{"task":2,"offset":32,"bytes":12}', // not a whole number of doubles
      '{"task":-1,"offset":0,"bytes":8}',
      '{"task":3,"offset":0.5,"bytes":8}',
      '{"task":4,"offset":32,"bytes":16}', // past the end of a 40-byte spool
      '{"task":1000000000000,"offset":0,"bytes":8}', // outside the plan (a corrupt line)
      'null',
      '[]',
      '',
    ].join('\n');
    const entries = parseJournal(text, 40, TASKS);
    expect(entries.size).toBe(2);
    expect([...entries.entries()]).toEqual([
      [0, { offset: 24, bytes: 8 }],
      [1, { offset: 16, bytes: 8 }],
    ]);
  });

  it('finishes short writes (a filling disk writes part of a buffer before it fails)', async () => {
    const dir = freshDir();
    const probe = await open(join(dir, 'probe'), 'w');
    const fileHandle = Object.getPrototypeOf(probe) as { write: (...args: unknown[]) => Promise<unknown> };
    await probe.close();
    const write = fileHandle.write;
    // every write writes at most 5 bytes, as write(2) may
    const spy = vi.spyOn(fileHandle, 'write').mockImplementation(function (this: unknown, ...args: unknown[]) {
      const [buffer, offset, length, position] = args as [Uint8Array, number, number, number | null];
      return write.call(this, buffer, offset, Math.min(5, length), position);
    });
    try {
      await withJournal(dir, async (journal) => {
        await Promise.all([3, 1, 4].map((task) => journal.record(task, recordOf(task))));
      });
    } finally {
      spy.mockRestore();
    }
    await expectTasks(dir, [1, 3, 4]);
  });
});

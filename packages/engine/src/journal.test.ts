import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { JOURNAL_FILE, parseJournal, SPOOL_FILE, SPOOL_HEADER_BYTES, spoolHeader, TaskJournal } from './journal.js';

const root = mkdtempSync(join(tmpdir(), 'eos-journal-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Tasks in the plan of every journal here. */
const TASKS = 1000;
/** Values per trajectory in every record here. */
const WIDTH = 3;

function freshDir(): string {
  return mkdtempSync(join(root, 'j-'));
}

/** A task's record: distinct values per task, `rows` × 3 doubles. */
function recordOf(task: number, rows = 1 + (task % 3)): Float64Array {
  return Float64Array.from({ length: rows * WIDTH }, (_, i) => task * 1000 + i + 0.25);
}

async function withJournal<T>(dir: string, f: (journal: TaskJournal) => Promise<T>): Promise<T> {
  const journal = await TaskJournal.open(dir, TASKS, WIDTH);
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
    expect(end).toBe(SPOOL_HEADER_BYTES + [0, 1, 2].reduce((s, t) => s + recordOf(t).byteLength, 0));
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
    const journal = await TaskJournal.open(dir, TASKS, WIDTH);
    const pending = [10, 11, 12].map((task) => journal.record(task, recordOf(task)));
    await journal.close();
    await Promise.all(pending);
    await expectTasks(dir, [10, 11, 12]);
  });
});

describe('the spool header', () => {
  it('starts the spool, names its layout in text, and is 8-byte aligned', async () => {
    const dir = freshDir();
    await withJournal(dir, (journal) => journal.record(0, recordOf(0)));
    const bytes = readFileSync(join(dir, SPOOL_FILE));
    expect(bytes.subarray(0, SPOOL_HEADER_BYTES)).toEqual(spoolHeader(WIDTH));
    expect(bytes.subarray(0, SPOOL_HEADER_BYTES).toString()).toMatch(
      /^eos-sweep spool 1: float64 little-endian, 3 per trajectory +\n$/,
    );
    expect(SPOOL_HEADER_BYTES % 8).toBe(0);
    expect(
      new Float64Array(bytes.buffer.slice(bytes.byteOffset + SPOOL_HEADER_BYTES, bytes.byteOffset + bytes.length)),
    ).toEqual(recordOf(0));
  });

  async function refusal(dir: string, width = WIDTH): Promise<{ code?: string; message: string }> {
    return TaskJournal.open(dir, TASKS, width).then(
      () => {
        throw new Error('expected a refusal');
      },
      (error: { code?: string; message: string }) => error,
    );
  }

  it('refuses a spool of another record width or layout, or with no header, changing nothing', async () => {
    const dir = freshDir();
    await withJournal(dir, (journal) => journal.record(0, recordOf(0)));
    const spool = join(dir, SPOOL_FILE);
    const before = readFileSync(spool);
    const journalBefore = readFileSync(join(dir, JOURNAL_FILE));
    const wide = await refusal(dir, WIDTH + 1);
    expect(wide.code).toBe('RUN_DIR');
    expect(wide.message).toBe(
      `${spool} holds 3 values per trajectory, this run writes 4: its records belong to another version or run`,
    );
    writeFileSync(
      spool,
      Buffer.concat([
        Buffer.from(spoolHeader(WIDTH).toString().replace('spool 1', 'spool 2')),
        before.subarray(SPOOL_HEADER_BYTES),
      ]),
    );
    expect((await refusal(dir)).message).toMatch(/is in spool layout 2, this eos-sweep reads layout 1/);
    // a spool from before the header existed: records from byte 0
    writeFileSync(
      spool,
      Buffer.concat([
        Buffer.from(recordOf(0).buffer),
        Buffer.from(recordOf(1).buffer),
        Buffer.from(recordOf(2).buffer),
      ]),
    );
    const old = await refusal(dir);
    expect(old.message).toBe(
      `${spool} has no spool header: it was written by another version of eos-sweep; start a new run`,
    );
    expect(old.message).not.toMatch(/\n/);
    expect(readFileSync(join(dir, JOURNAL_FILE))).toEqual(journalBefore);
  });

  it('rewrites a header torn while the spool was being created (no record can be there yet)', async () => {
    const dir = freshDir();
    writeFileSync(join(dir, SPOOL_FILE), spoolHeader(WIDTH).subarray(0, 20));
    await withJournal(dir, (journal) => journal.record(1, recordOf(1)));
    await expectTasks(dir, [1]);
    expect(readFileSync(join(dir, SPOOL_FILE)).subarray(0, SPOOL_HEADER_BYTES)).toEqual(spoolHeader(WIDTH));
  });
});

describe('parseJournal', () => {
  it('keeps well-formed entries inside the spool, the last line for a task winning', () => {
    const h = SPOOL_HEADER_BYTES;
    const text = [
      `{"task":0,"offset":${h},"bytes":16}`,
      `{"task":1,"offset":${h + 16},"bytes":8}`,
      `{"task":0,"offset":${h + 24},"bytes":8}`,
      `{"task":2,"offset":${h + 32},"bytes":12}`, // not a whole number of doubles
      `{"task":-1,"offset":${h},"bytes":8}`,
      `{"task":3,"offset":${h + 0.5},"bytes":8}`,
      `{"task":4,"offset":${h + 32},"bytes":16}`, // past the end of the spool
      `{"task":5,"offset":0,"bytes":8}`, // inside the header
      `{"task":1000000000000,"offset":${h},"bytes":8}`, // outside the plan (a corrupt line)
      'null',
      '[]',
      '',
    ].join('\n');
    // a format-1 journal (no spool header) keeps entries from offset 0
    expect(parseJournal('{"task":5,"offset":0,"bytes":8}', 8, TASKS, 0).has(5)).toBe(true);
    const entries = parseJournal(text, h + 40, TASKS);
    expect(entries.size).toBe(2);
    expect([...entries.entries()]).toEqual([
      [0, { offset: h + 24, bytes: 8 }],
      [1, { offset: h + 16, bytes: 8 }],
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

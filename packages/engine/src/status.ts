/**
 * `eos-sweep status DIR...`: how far each run or shard got, and which
 * shards are missing or unfinished — what to resubmit.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { roundsProgress } from './adaptive/run-adaptive.js';
import { JOURNAL_FILE, parseJournal, SPOOL_HEADER_BYTES } from './journal.js';
import { taskCount } from './plan.js';
import type { RunRecord } from './run.js';
import { readRunRecord } from './run-record.js';
import { ownsTask } from './shard.js';

interface DirStatus {
  readonly dir: string;
  /** null when the directory has no readable run.json. */
  readonly status: RunRecord['status'] | 'missing';
  readonly shard: string | null;
  readonly tasksDone: number;
  readonly tasksOwned: number;
  readonly configHash: string | null;
}

export interface StatusReport {
  readonly dirs: DirStatus[];
  /** Shards (as "I/N") of the sweep that no given directory holds. */
  readonly missingShards: string[];
  /** Directories whose shard is not complete: resubmit these with --resume. */
  readonly resubmit: string[];
}

async function dirStatus(dir: string): Promise<DirStatus> {
  // a directory whose run.json cannot be read as a run record has no status to give
  const record = await readRunRecord(dir).catch(() => null);
  if (!record) return { dir, status: 'missing', shard: null, tasksDone: 0, tasksOwned: 0, configHash: null };
  if (record.config.sweep.adaptive) {
    // an adaptive sweep's tasks are those of the rounds planned so far
    const { tasks, done } = await roundsProgress(dir);
    const shard = `${record.shard.index}/${record.shard.count}`;
    return { dir, status: record.status, shard, tasksDone: done, tasksOwned: tasks, configHash: record.configHash };
  }
  const total = taskCount(record.plan);
  let owned = 0;
  for (let j = 0; j < total; j++) if (ownsTask(record.shard, j, record.plan.etaCount)) owned++;
  // spool size is unknown after completion (the spool is removed): trust the journal lines then
  const text = await readFile(join(dir, JOURNAL_FILE), 'utf8').catch(() => '');
  // format 1 spools had no header: their first record is at offset 0
  const header = record.schemaVersion === 1 ? 0 : SPOOL_HEADER_BYTES;
  const done = record.status === 'complete' ? owned : parseJournal(text, Number.POSITIVE_INFINITY, total, header).size;
  return {
    dir,
    status: record.status,
    shard: `${record.shard.index}/${record.shard.count}`,
    tasksDone: Math.min(done, owned),
    tasksOwned: owned,
    configHash: record.configHash,
  };
}

export async function runStatus(dirs: readonly string[]): Promise<StatusReport> {
  const statuses = await Promise.all(dirs.map(dirStatus));
  const counts = new Set(statuses.filter((s) => s.shard).map((s) => Number((s.shard as string).split('/')[1])));
  const missingShards: string[] = [];
  if (counts.size === 1) {
    const [count] = counts;
    const present = new Set(statuses.map((s) => s.shard));
    for (let i = 0; i < count; i++) if (!present.has(`${i}/${count}`)) missingShards.push(`${i}/${count}`);
  }
  return {
    dirs: statuses,
    missingShards,
    resubmit: statuses.filter((s) => s.status !== 'complete').map((s) => s.dir),
  };
}

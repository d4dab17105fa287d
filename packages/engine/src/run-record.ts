/**
 * run.json read back through a schema, never an unchecked cast: resume, merge,
 * status and report act on what it says, so a hand-edited, truncated or
 * foreign file is one clear error rather than a crash deep inside a run.
 *
 * `schemaVersion` is the format of the whole run directory (run.json, the
 * journal and the spool). Format 2 put a header at the start of spool.bin;
 * format 1 directories are still read (report, aggregate, status) but never
 * resumed or merged, since their spool cannot be appended to safely.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from '@eos-sweep/config';
import { configDifferences, configSchema } from '@eos-sweep/config';
import { z } from 'zod';
import type { EngineErrorCode } from './errors.js';
import { EngineError } from './errors.js';
import { checkSpool } from './journal.js';
import type { RunRecord } from './run.js';
import { RUN_FILE } from './run-dir.js';
import type { Shard } from './shard.js';
import { VERSION } from './version.js';

/** The run directory format this version writes, resumes and merges. */
export const RUN_FORMAT = 2;
/** The oldest format it still reads (report, aggregate, status). */
const OLDEST_READABLE_FORMAT = 1;

const count = z.number().int().nonnegative();
const positive = z.number().int().positive();
const nullableNumber = z.number().nullable();

const runRecordSchema = z.looseObject({
  version: z.string(),
  schemaVersion: positive,
  status: z.enum(['running', 'complete', 'failed', 'interrupted']),
  configHash: z.string().regex(/^[0-9a-f]{64}$/, 'must be a sha256 in hex'),
  config: configSchema,
  configDir: z.string().optional(),
  argv: z.array(z.string()),
  node: z.string(),
  host: z.string(),
  cores: positive,
  workers: positive,
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  plan: z.looseObject({
    etaCount: positive,
    trajectories: positive,
    taskSize: positive,
    tasks: positive,
    etas: z.array(z.number().positive()),
  }),
  shard: z.looseObject({
    index: count,
    count: positive,
    source: z.enum(['flag', 'slurm', 'kubernetes', 'none']),
  }),
  theory: z.looseObject({
    lambdaStar: nullableNumber,
    etaCritical: nullableNumber,
    lossMin: z.number(),
    method: z.string(),
  }),
  counts: z.record(z.string(), count).nullable(),
  threshold: z
    .looseObject({
      etaEmpirical: nullableNumber,
      ratio: nullableNumber,
      trajectories: count,
      upperBound: nullableNumber,
      etaLastConverged: nullableNumber,
    })
    .nullable(),
  failedTasks: z.array(z.looseObject({ task: count, error: z.string() })),
  performance: z.looseObject({ trajectories: count, steps: z.number(), seconds: z.number() }).nullable(),
  resumes: count,
});

/**
 * The run record in `dir`, validated; null when there is no run.json. A file that is not a run record
 * this version can read is a RUN_DIR error naming the file and what is wrong.
 */
export async function readRunRecord(dir: string): Promise<RunRecord | null> {
  const path = join(dir, RUN_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new EngineError('RUN_DIR', `${path}: cannot read it (${(error as Error).message})`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new EngineError('RUN_DIR', `${path} is not valid JSON (${(error as Error).message}); is it a run directory?`);
  }
  const format = (value as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (typeof format !== 'number' || !Number.isInteger(format)) {
    throw new EngineError('RUN_DIR', `${path} has no format version (schemaVersion): it is not a run record`);
  }
  if (format > RUN_FORMAT || format < OLDEST_READABLE_FORMAT) {
    const by = (value as { version?: unknown }).version;
    throw new EngineError(
      'RUN_DIR',
      `${path} is in run directory format ${format}${typeof by === 'string' ? ` (eos-sweep ${by})` : ''}; ` +
        `this eos-sweep (${VERSION}) reads formats ${OLDEST_READABLE_FORMAT}–${RUN_FORMAT}`,
    );
  }
  const parsed = runRecordSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue.path.map(String).join('.') || 'the record';
    throw new EngineError('RUN_DIR', `${path} is not a valid run record: ${field}: ${issue.message}`);
  }
  // the schema checks every field RunRecord declares and keeps the ones other versions add
  return parsed.data as unknown as RunRecord;
}

/**
 * Refuses to `action` (resume, merge) a directory of another format: mixing two formats' results would go
 * unnoticed, or fail halfway. Nothing in `dir` has changed when this throws.
 */
export function requireCurrentFormat(record: RunRecord, dir: string, action: string, code: EngineErrorCode): void {
  if (record.schemaVersion === RUN_FORMAT) return;
  throw new EngineError(
    code,
    `cannot ${action} ${dir}: it was written by eos-sweep ${record.version} in run directory format ` +
      `${record.schemaVersion}, and this eos-sweep (${VERSION}) ${action}s format ${RUN_FORMAT} only — ` +
      `finish it with eos-sweep ${record.version}, or start a new run`,
  );
}

/**
 * The record of `dir` for a resume of this run: it must be of this format, with this config and shard, and
 * a spool of records `width` values wide. Checked before anything in `dir` changes.
 */
export async function resumableRecord(
  dir: string,
  config: Config,
  hash: string,
  shard: Shard,
  width: number,
): Promise<RunRecord> {
  const record = await readRunRecord(dir);
  if (!record) throw new EngineError('RUN_DIR', `${join(dir, RUN_FILE)} is unreadable; cannot resume`);
  checkResumable(record, dir, config, hash, shard);
  await checkSpool(dir, width);
  return record;
}

/**
 * Refuses `--resume` of `dir` with a config or shard other than the recorded one, naming each key that
 * differs with both values (a hash says only that something did).
 */
export function checkResumable(record: RunRecord, dir: string, config: Config, hash: string, shard: Shard): void {
  requireCurrentFormat(record, dir, 'resume', 'RUN_DIR');
  if (record.configHash !== hash) {
    const differences = configDifferences(record.config, config);
    const shown = differences.slice(0, 4).map((d) => `${d.key} ${d.a} → ${d.b}`);
    if (differences.length > shown.length) shown.push(`${differences.length - shown.length} more`);
    throw new EngineError(
      'RUN_DIR',
      `--resume: the config differs from the one ${dir} was started with (recorded → given): ` +
        `${shown.join(', ') || `hash ${record.configHash.slice(0, 12)} → ${hash.slice(0, 12)}`}; ` +
        'to continue the recorded config, give no config and no --set',
    );
  }
  if (record.shard.index !== shard.index || record.shard.count !== shard.count) {
    throw new EngineError(
      'RUN_DIR',
      `--resume: ${dir} holds shard ${record.shard.index}/${record.shard.count}, not ${shard.index}/${shard.count}`,
    );
  }
}

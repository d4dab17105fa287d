/**
 * `eos-sweep merge RUN_DIR... --out DIR`: shards of one sweep become one run
 * directory whose trajectories.parquet is byte-identical to the unsharded
 * run's (rows are merged in (step size, initialization) order and the
 * writer's bytes depend only on that row sequence).
 */
import { join } from 'node:path';
import { canonicalJson } from '@eos-sweep/config';
import { footerMetadata, mergeTrajectoryFiles } from '@eos-sweep/results';
import { EngineError } from './errors.js';
import { TRAJECTORIES_FILE, writeTables } from './outputs.js';
import type { RunRecord } from './run.js';
import { prepareRunDir, RUN_FILE, writeFileAtomic } from './run-dir.js';
import { lockRunDir } from './run-lock.js';
import { readRunRecord, requireCurrentFormat } from './run-record.js';
import { NO_SHARD } from './shard.js';

/** Checks that the shards belong together and cover the plan exactly once. */
export function checkShards(dirs: readonly string[], records: readonly (RunRecord | null)[]): void {
  records.forEach((r, i) => {
    if (!r) throw new EngineError('MERGE_INVALID', `${dirs[i]}: no readable ${RUN_FILE}; is it a run directory?`);
    requireCurrentFormat(r, dirs[i], 'merge', 'MERGE_INVALID');
    if (r.status !== 'complete') {
      throw new EngineError(
        'MERGE_INVALID',
        `${dirs[i]}: shard ${r.shard.index}/${r.shard.count} is ${r.status}, not complete — rerun it with --resume`,
      );
    }
  });
  const runs = records as RunRecord[];
  const first = runs[0];
  runs.forEach((r, i) => {
    if (r.configHash !== first.configHash) {
      throw new EngineError(
        'MERGE_INVALID',
        `${dirs[i]} was run with a different config than ${dirs[0]} (hash ${r.configHash.slice(0, 12)} ≠ ${first.configHash.slice(0, 12)})`,
      );
    }
    if (r.shard.count !== first.shard.count || r.plan.taskSize !== first.plan.taskSize) {
      throw new EngineError(
        'MERGE_INVALID',
        `${dirs[i]} was cut into ${r.shard.count} shards (task size ${r.plan.taskSize}), ${dirs[0]} into ${first.shard.count} (task size ${first.plan.taskSize})`,
      );
    }
  });
  const count = first.shard.count;
  const seen = new Map<number, string>();
  runs.forEach((r, i) => {
    const other = seen.get(r.shard.index);
    if (other !== undefined) {
      throw new EngineError('MERGE_INVALID', `shard ${r.shard.index}/${count} appears twice: ${other} and ${dirs[i]}`);
    }
    seen.set(r.shard.index, dirs[i]);
  });
  const missing: number[] = [];
  for (let s = 0; s < count; s++) if (!seen.has(s)) missing.push(s);
  if (missing.length > 0) {
    throw new EngineError(
      'MERGE_INVALID',
      `missing shard(s) ${missing.map((s) => `${s}/${count}`).join(', ')}; run them, then merge again`,
    );
  }
}

export async function mergeRuns(dirs: readonly string[], outDir: string): Promise<RunRecord> {
  if (dirs.length === 0) throw new EngineError('CONFIG_INVALID', 'merge needs at least one RUN_DIR');
  const records = await Promise.all(dirs.map(readRunRecord));
  checkShards(dirs, records);
  const runs = records as RunRecord[];
  const first = runs[0];
  await prepareRunDir(outDir, false);
  const unlock = await lockRunDir(outDir);
  try {
    const kv = footerMetadata(first.version, canonicalJson(first.config));
    const out = join(outDir, TRAJECTORIES_FILE);
    let merged: { rowCount: number };
    try {
      merged = await mergeTrajectoryFiles(
        dirs.map((d) => join(d, TRAJECTORIES_FILE)),
        out,
        { kvMetadata: kv },
      );
    } catch (error) {
      if ((error as { code?: string }).code === 'DUPLICATE_ROWS')
        throw new EngineError('MERGE_INVALID', (error as Error).message);
      throw error;
    }
    const expected = first.plan.etaCount * first.plan.trajectories;
    if (merged.rowCount !== expected) {
      throw new EngineError(
        'MERGE_INVALID',
        `the shards hold ${merged.rowCount} trajectories, the plan has ${expected}`,
      );
    }
    const aggregate = await writeTables(outDir, {
      etas: first.plan.etas,
      trajectories: first.plan.trajectories,
      etaCritical: first.theory.etaCritical,
      kvMetadata: kv,
    });
    const counts = { trajectories: 0, converged: 0, saddle: 0, periodic: 0, diverged: 0, unresolved: 0 };
    for (const row of aggregate.summary)
      for (const key of Object.keys(counts) as (keyof typeof counts)[]) counts[key] += row[key];
    const steps = runs.reduce((s, r) => s + (r.performance?.steps ?? 0), 0);
    const seconds = Math.max(...runs.map((r) => r.performance?.seconds ?? 0));
    const record: RunRecord & { mergedFrom: string[] } = {
      ...first,
      shard: NO_SHARD,
      status: 'complete',
      argv: process.argv.slice(2),
      endedAt: new Date().toISOString(),
      counts,
      threshold: aggregate.threshold,
      performance: { trajectories: expected, steps, seconds },
      mergedFrom: [...dirs],
    };
    await writeFileAtomic(join(outDir, RUN_FILE), `${JSON.stringify(record, null, 2)}\n`);
    return record;
  } finally {
    await unlock();
  }
}

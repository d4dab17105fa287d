/**
 * `eos-sweep aggregate INPUT... --out FILE`: a summary from trajectory files
 * or run directories, e.g. the shards of a cluster run read in place.
 */
import { stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { readParquetMetadata, readTrajectoryFields } from '@eos-sweep/results';
import { EngineError } from './errors.js';
import type { Aggregate } from './outputs.js';
import { aggregateFiles, TRAJECTORIES_FILE, writeSummary } from './outputs.js';

/** Each input is a trajectories.parquet file or a run directory holding one. */
async function trajectoryFiles(inputs: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const input of inputs) {
    const info = await stat(input).catch(() => null);
    if (!info) throw new EngineError('CONFIG_INVALID', `${input}: no such file or directory`);
    const file = info.isDirectory() ? join(input, TRAJECTORIES_FILE) : input;
    if (!(await stat(file).catch(() => null))) {
      throw new EngineError('CONFIG_INVALID', `${input}: has no ${TRAJECTORIES_FILE} (is the run finished?)`);
    }
    files.push(file);
  }
  return files;
}

/** η_c recorded in the rows (η / η_ratio), or null when it was unknown. */
async function etaCriticalOf(file: string): Promise<number | null> {
  for await (const batch of readTrajectoryFields(file, ['eta', 'etaRatio'])) {
    if (batch.length === 0) continue;
    const ratio = batch.etaRatio[0];
    return Number.isFinite(ratio) && ratio > 0 ? batch.eta[0] / ratio : null;
  }
  return null;
}

export async function aggregateInputs(inputs: readonly string[], outFile: string): Promise<Aggregate> {
  const files = await trajectoryFiles(inputs);
  const etaCritical = await etaCriticalOf(files[0]);
  // spilled values go beside the output, so a full disk is the output's, not /tmp's
  const aggregate = await aggregateFiles(files, etaCritical, { dir: dirname(outFile) });
  const { kvMetadata } = await readParquetMetadata(files[0]);
  await writeSummary(outFile, aggregate.summary, kvMetadata);
  return aggregate;
}

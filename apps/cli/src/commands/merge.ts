import { resolve } from 'node:path';
import { mergeRuns } from '@eos-sweep/engine';
import { Output } from '../output.js';
import { writeRunReport } from '../write-report.js';

export async function mergeCommand(
  dirs: string[],
  flags: { out: string; json?: boolean; quiet?: boolean; report: boolean },
): Promise<number> {
  const out = new Output(flags);
  const outDir = resolve(flags.out);
  const record = await mergeRuns(dirs, outDir);
  out.info(`merged ${dirs.length} shard(s) into ${outDir}: ${record.counts?.trajectories} trajectories`);
  if (flags.report) await writeRunReport(outDir, out);
  out.result({ outDir, counts: record.counts, threshold: record.threshold });
  return 0;
}

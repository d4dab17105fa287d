import { runStatus } from '@eos-sweep/engine';
import { Output } from '../output.js';

export async function statusCommand(dirs: string[], flags: { json?: boolean; quiet?: boolean }): Promise<number> {
  const out = new Output(flags);
  const report = await runStatus(dirs);
  for (const s of report.dirs) {
    const shard = s.shard ? `shard ${s.shard}` : 'no run.json';
    out.info(`${s.dir}: ${shard}, ${s.status}, ${s.tasksDone}/${s.tasksOwned} tasks`);
  }
  if (report.missingShards.length > 0) out.info(`missing shards: ${report.missingShards.join(', ')}`);
  if (report.resubmit.length > 0) out.info(`not complete (rerun with --resume): ${report.resubmit.join(' ')}`);
  if (report.missingShards.length === 0 && report.resubmit.length === 0) out.info('all complete: ready to merge');
  out.result(report);
  return 0;
}

import { aggregate } from '@eos-sweep/aggregator';
import { Output } from '../output.js';
import { summaryTable, thresholdLine } from '../table.js';

export async function aggregateCommand(
  inputs: string[],
  flags: { out: string; json?: boolean; quiet?: boolean },
): Promise<number> {
  const out = new Output(flags);
  const result = await aggregate(inputs, flags.out);
  const first = result.summary.find((r) => Number.isFinite(r.etaCritical));
  out.info(summaryTable(result.summary));
  out.info(thresholdLine(result.threshold, first ? first.etaCritical : null));
  out.info(`wrote ${flags.out}`);
  out.result({ out: flags.out, threshold: result.threshold, summary: result.summary });
  return 0;
}

/**
 * The aggregator: trajectory files or run directories in, summary.parquet
 * out, and the run-level answer (the empirical threshold beside η_c).
 * `eos-sweep aggregate` and the standalone `eos-sweep-aggregate` both call
 * this.
 */

import type { Aggregate } from '@eos-sweep/engine';
import { aggregateInputs, EngineError } from '@eos-sweep/engine';

export async function aggregate(inputs: readonly string[], outFile: string): Promise<Aggregate> {
  if (inputs.length === 0) throw new EngineError('CONFIG_INVALID', 'aggregate needs at least one INPUT');
  return aggregateInputs(inputs, outFile);
}

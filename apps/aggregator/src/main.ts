#!/usr/bin/env node
import { exitCodeFor } from '@eos-sweep/engine';
import { Command } from 'commander';
import { aggregate } from './aggregate.js';

const program = new Command('eos-sweep-aggregate')
  .description('Summarise eos-sweep trajectory files (or run directories) into a summary.parquet')
  .argument('<input...>', 'trajectories.parquet files or run directories')
  .requiredOption('--out <file>', 'summary.parquet to write')
  .action(async (inputs: string[], opts: { out: string }) => {
    const result = await aggregate(inputs, opts.out);
    process.stdout.write(`${JSON.stringify({ summary: result.summary, threshold: result.threshold }, null, 2)}\n`);
  });

program.parseAsync().catch((error: Error) => {
  process.stderr.write(`eos-sweep-aggregate: ${error.message}\n`);
  process.exitCode = exitCodeFor(error);
});

#!/usr/bin/env node
/**
 * `eos-sweep-aggregate`: the standalone form of `eos-sweep aggregate`, over
 * the same `aggregate` and the same failure mapping (`describeFailure`), so
 * both give the same exit code and message for the same input.
 */
import { describeFailure, ignoreClosedOutput } from '@eos-sweep/engine';
import { Command } from 'commander';
import { aggregate } from './aggregate.js';

ignoreClosedOutput(process.stdout);

const program = new Command('eos-sweep-aggregate')
  // a rejected command line is thrown, so that it gets the exit code every other error gets
  .exitOverride()
  .description('Summarise eos-sweep trajectory files (or run directories) into a summary.parquet')
  .argument('<input...>', 'trajectories.parquet files or run directories')
  .requiredOption('--out <file>', 'summary.parquet to write')
  .action(async (inputs: string[], opts: { out: string }) => {
    const result = await aggregate(inputs, opts.out);
    process.stdout.write(`${JSON.stringify({ summary: result.summary, threshold: result.threshold }, null, 2)}\n`);
  });

program.parseAsync().catch((error: unknown) => {
  const { exitCode, message } = describeFailure(error);
  if (message !== null) process.stderr.write(`eos-sweep-aggregate: ${message}\n`);
  process.exitCode = exitCode;
});

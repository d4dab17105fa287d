/**
 * `eos-sweep aggregate` and the standalone `eos-sweep-aggregate` are one
 * command: for the same bad input they exit with the same code and print the
 * same message (after the program's name).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AGGREGATOR, eosSweep, tempDir } from './cli.js';

/** stderr without the program's name: `eos-sweep: …` and `eos-sweep-aggregate: …` say the same. */
const message = (stderr: string, program: string) => {
  expect(stderr.startsWith(`${program}: `), stderr).toBe(true);
  return stderr.slice(program.length + 2);
};

describe('eos-sweep aggregate and eos-sweep-aggregate', () => {
  const both = (args: string[]) => ({
    cli: eosSweep(['aggregate', ...args]),
    standalone: eosSweep(args, { program: AGGREGATOR }),
  });

  it('give exit code 2 and the same one-line message for a file that is not Parquet', () => {
    const dir = tempDir();
    const bad = join(dir, 'trajectories.parquet');
    writeFileSync(bad, 'not a parquet file, just some bytes\n'.repeat(4));
    const { cli, standalone } = both([bad, '--out', join(dir, 'summary.parquet')]);
    expect(cli.status).toBe(2);
    expect(standalone.status).toBe(2);
    const text = message(cli.stderr, 'eos-sweep');
    expect(text).toContain(bad);
    expect(text.trim().split('\n')).toHaveLength(1);
    expect(message(standalone.stderr, 'eos-sweep-aggregate')).toBe(text);
  });

  it('give exit code 2 for a command line without --out, as for any other bad input', () => {
    const { cli, standalone } = both([join(tempDir(), 'trajectories.parquet')]);
    expect(cli.status).toBe(2);
    expect(standalone.status).toBe(2);
    expect(cli.stderr).toContain("required option '--out <file>' not specified");
    expect(standalone.stderr).toContain("required option '--out <file>' not specified");
  });

  it('give exit code 2 and the same message for an input that does not exist', () => {
    const dir = tempDir();
    const { cli, standalone } = both([join(dir, 'missing.parquet'), '--out', join(dir, 'summary.parquet')]);
    expect(cli.status).toBe(2);
    expect(standalone.status).toBe(cli.status);
    expect(message(standalone.stderr, 'eos-sweep-aggregate')).toBe(message(cli.stderr, 'eos-sweep'));
  });
});

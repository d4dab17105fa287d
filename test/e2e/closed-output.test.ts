/**
 * A reader that closes stdout early (`eos-sweep … | head -c 0`) is not an
 * error: the command finishes, exits 0 and prints no stack trace.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CLI } from './cli.js';

/** Runs `node PROGRAM ARGS | head -c 0` through the shell and returns the program's exit code and stderr. */
function intoClosedPipe(program: string, args: string[]) {
  const quoted = [process.execPath, program, ...args].map((a) => `'${a}'`).join(' ');
  const r = spawnSync('bash', ['-c', `${quoted} 2>"$ERR" | head -c 0; echo "\${PIPESTATUS[0]}"; cat "$ERR"`], {
    encoding: 'utf8',
    env: { ...process.env, ERR: `/tmp/eos-closed-output-${process.pid}-${Math.random().toString(36).slice(2)}` },
  });
  const [status, ...stderr] = r.stdout.split('\n');
  return { status: Number(status), stderr: stderr.join('\n') };
}

describe('stdout closed by the reader', () => {
  it.each([
    ['theory --json', CLI, ['theory', '--json']],
    ['config', CLI, ['config']],
  ])('%s exits 0 without a stack trace', (_name, program, args) => {
    const { status, stderr } = intoClosedPipe(program, args);
    expect(stderr).not.toContain('EPIPE');
    expect(status).toBe(0);
  });
});

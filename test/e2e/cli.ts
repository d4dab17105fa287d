/**
 * Helpers for the end-to-end tests: they run the *built* CLI as a user
 * would (node apps/cli/dist/main.js), in temporary directories.
 */

import type { ChildProcess } from 'node:child_process';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CLI = fileURLToPath(new URL('../../apps/cli/dist/main.js', import.meta.url));

export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
}

/** The standalone aggregator, `eos-sweep-aggregate`. */
export const AGGREGATOR = fileURLToPath(new URL('../../apps/aggregator/dist/main.js', import.meta.url));

export function eosSweep(
  args: string[],
  options: { env?: Record<string, string>; cwd?: string; program?: string } = {},
): CliResult {
  const r = spawnSync(process.execPath, [options.program ?? CLI, ...args], {
    encoding: 'utf8',
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    timeout: 300_000,
  });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export interface RunningCli {
  child: ChildProcess;
  /**
   * Settles with the exit code (null when killed by a signal). Made at spawn:
   * a listener attached later misses an exit that already happened — a
   * shard that finished early hung the shard test until its timeout.
   */
  exited: Promise<number | null>;
  /** Everything written to stderr so far (the pipes are drained, so a chatty child never blocks). */
  stderr(): string;
}

export function eosSweepAsync(args: string[], env: Record<string, string> = {}): RunningCli {
  const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...env }, stdio: 'pipe' });
  let stderr = '';
  child.stdout?.resume();
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, stderr: () => stderr };
}

/**
 * Resolves once `journal.jsonl` under `out` has more than `lines` lines, then
 * kills the run with SIGKILL; rejects if the run ends first.
 */
export function killAfterJournalLines(run: RunningCli, out: string, lines: number): Promise<void> {
  const journal = join(out, 'journal.jsonl');
  return new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (existsSync(journal) && readFileSync(journal, 'utf8').split('\n').length > lines) {
        clearInterval(timer);
        run.child.kill('SIGKILL');
        resolve();
      }
    }, 5);
    void run.exited.then((code) => {
      clearInterval(timer);
      reject(new Error(`the run ended (exit ${code}) before it could be killed: ${run.stderr()}`));
    });
  });
}

export function tempDir(prefix = 'eos-e2e-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function writeConfig(dir: string, name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

export function bytes(path: string): Buffer {
  return readFileSync(path);
}

/** A small but non-trivial sweep: every outcome class shows up, in a few seconds. */
export const SMALL_CONFIG = `
name: small
seed: 7
model: { depth: 2, hidden: 1 }
data: { kind: point, x: [1], y: [1] }
sweep:
  eta: { values: [0.5, 0.9, 0.99, 1.05, 1.3, 1.6] }
  trajectories: 300
  maxSteps: 3000
`;

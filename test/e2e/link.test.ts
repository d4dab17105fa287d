/**
 * End to end: `npm link` at the repository root puts `eos-sweep` on PATH,
 * and the linked command works from any directory. Linked into a temporary
 * prefix, so nothing outside the test's directories changes.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir, writeConfig } from './cli.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const prefix = tempDir('eos-link-prefix-');
const elsewhere = tempDir('eos-link-cwd-');
// npm's global prefix is where `npm link` puts the package and its command
const env = { ...process.env, npm_config_prefix: prefix, npm_config_update_notifier: 'false' };
// without the node_modules/.bin directories that npx and npm scripts put on PATH, which hold eos-sweep too
const path = (process.env.PATH ?? '').split(delimiter).filter((dir) => !dir.includes('node_modules'));
const onPath = { ...env, PATH: [join(prefix, 'bin'), ...path].join(delimiter) };

function run(command: string, args: string[], cwd: string) {
  const r = spawnSync(command, args, { cwd, env: onPath, encoding: 'utf8', timeout: 300_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('npm link at the repository root', () => {
  const link = spawnSync('npm', ['link', '--no-audit', '--no-fund'], { cwd: ROOT, env, encoding: 'utf8' });

  it('links the eos-sweep command into the prefix', () => {
    expect(link.status, link.stderr).toBe(0);
    expect(existsSync(join(prefix, 'bin', 'eos-sweep'))).toBe(true);
  });

  it('eos-sweep --version works from another directory', () => {
    const version = JSON.parse(readFileSync(join(ROOT, 'apps/cli/package.json'), 'utf8')).version;
    const r = run('eos-sweep', ['--version'], elsewhere);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe(version);
  });

  it('a small run works from another directory, its relative paths resolved there', () => {
    writeConfig(elsewhere, 'small.yaml', 'sweep:\n  trajectories: 20\n  eta: {count: 3}\n');
    const r = run(
      'eos-sweep',
      ['run', 'small.yaml', '--out', 'out', '--workers', '1', '--no-report', '--json'],
      elsewhere,
    );
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).counts.trajectories).toBe(60);
    expect(existsSync(join(elsewhere, 'out', 'trajectories.parquet'))).toBe(true);
  });
});

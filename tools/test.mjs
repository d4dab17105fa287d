#!/usr/bin/env node
// The project's one test command (README, CI): build every package with Nx,
// lint, run the whole vitest suite, and end with the plain line
// "N passed, N failed" that the CI reader recognises (vitest's own summary
// line is not one it knows). Exits non-zero if any step fails.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';

const ci = process.env.CI === 'true';
const run = (cmd, args, env = {}) =>
  spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, NX_DAEMON: 'false', ...env } }).status ?? 1;

// In CI the Nx cache is skipped so that nothing is replayed from another checkout.
const build = run('npx', ['nx', 'run-many', '-t', 'build', '--outputStyle=static', ...(ci ? ['--skip-nx-cache'] : [])]);
if (build !== 0) {
  console.log('0 passed, 1 failed');
  process.exit(build);
}
const lint = run('npx', ['biome', 'check', '.']);
const report = '.vitest-report.json';
rmSync(report, { force: true });
const vitest = run('npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
  ...process.argv.slice(2),
]);
let passed = 0;
let failed = 0;
try {
  const json = JSON.parse(readFileSync(report, 'utf8'));
  passed = json.numPassedTests;
  failed = json.numFailedTests + (json.numFailedTestSuites ?? 0) * (json.numFailedTests === 0 ? 1 : 0);
} catch {
  failed = 1;
}
if (lint !== 0) {
  console.log('lint failed: run `npm run format` to fix formatting, then read the remaining diagnostics');
  failed += 1;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(vitest !== 0 || lint !== 0 ? 1 : 0);

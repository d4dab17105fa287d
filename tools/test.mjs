#!/usr/bin/env node
// The project's one test command (README, CI): build every package with Nx,
// run the static checks (tests type-checked, lint, unused exports and
// dependencies, Markdown links), run the whole vitest suite (the unit and e2e
// projects), and end with the plain line "N passed, N failed, N skipped" that
// the CI reader recognises (vitest's own summary line is not one it knows). A
// failed check counts as one failed test. Exits non-zero if anything fails.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';

const ci = process.env.CI === 'true';
const run = (cmd, args, env = {}) =>
  spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, NX_DAEMON: 'false', ...env } }).status ?? 1;

// In CI the Nx cache is skipped so that nothing is replayed from another checkout.
const build = run('npx', ['nx', 'run-many', '-t', 'build', '--outputStyle=static', ...(ci ? ['--skip-nx-cache'] : [])]);
if (build !== 0) {
  console.log('0 passed, 1 failed, 0 skipped');
  process.exit(build);
}

/** Static checks: each prints what is wrong and how to fix it. */
const checks = [
  {
    name: 'type-check of the tests',
    status: () => run('npx', ['tsc', '-p', 'tsconfig.test.json']),
    fix: 'fix the type errors above (tsconfig.test.json covers every test and test helper)',
  },
  {
    name: 'lint',
    status: () => run('npx', ['biome', 'check', '.']),
    fix: 'run `npm run format` to fix formatting, then read the remaining diagnostics',
  },
  {
    name: 'unused exports',
    status: () => run('npx', ['knip', '--no-progress']),
    fix: 'an index.ts exports only what other packages use, and a file exports only what another file imports (knip.json)',
  },
  {
    name: 'links',
    status: () => run('node', ['tools/check-links.mjs']),
    fix: 'every relative link in a Markdown file must name a file of the repository (and a heading of it)',
  },
];
const failedChecks = checks.filter((check) => check.status() !== 0);

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
let skipped = 0;
try {
  const json = JSON.parse(readFileSync(report, 'utf8'));
  passed = json.numPassedTests;
  // a test file that fails to load has no failed test of its own: count it once
  failed = json.numFailedTests + (json.numFailedTestSuites ?? 0) * (json.numFailedTests === 0 ? 1 : 0);
  skipped = (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0);
} catch {
  failed = 1;
}
for (const check of failedChecks) {
  console.log(`${check.name} failed: ${check.fix}`);
  failed += 1;
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(vitest !== 0 || failedChecks.length > 0 ? 1 : 0);

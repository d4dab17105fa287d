/**
 * Bad input ends with exit 2, one line on stderr naming the field or flag
 * and the rule, nothing on stdout, and nothing run or overwritten (docs/reference.md, "Exit codes").
 */
import { existsSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliResult } from './cli.js';
import { eosSweep, SMALL_CONFIG, tempDir, writeConfig } from './cli.js';

const dir = tempDir('eos-bad-input-');

/** Exit 2 and exactly one `eos-sweep: …` line on stderr, no stack trace, empty stdout. */
function expectBadInput(r: CliResult, ...patterns: RegExp[]): void {
  expect(r.stderr).not.toMatch(/internal error/);
  expect(r.stderr).not.toContain('    at ');
  expect(r.status, r.stderr).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr.endsWith('\n'), JSON.stringify(r.stderr)).toBe(true);
  const lines = r.stderr.slice(0, -1).split(/\r\n|\r|\n|\u2028|\u2029/);
  expect(lines, JSON.stringify(r.stderr)).toHaveLength(1);
  expect(lines[0].startsWith('eos-sweep: ')).toBe(true);
  for (const pattern of patterns) expect(lines[0]).toMatch(pattern);
}

/** A run into a fresh --out that must be refused before the directory is created. */
function refusedRun(name: string, args: string[]): CliResult {
  const out = join(dir, `out-${name}`);
  const r = eosSweep(['run', ...args, '--out', out, '--json', '--no-progress']);
  expect(existsSync(out), `${out} was created`).toBe(false);
  return r;
}

describe('bad config files', () => {
  it.each<[string, string, RegExp[]]>([
    ['unknown key', 'sweep:\n  etta: {from: 0.5}\n', [/unknown key "sweep\.etta"/]],
    ['wrong type', 'sweep:\n  trajectories: "many"\n', [/sweep\.trajectories must be a positive integer/, /"many"/]],
    ['negative step size', 'sweep:\n  eta: {values: [-1]}\n', [/sweep\.eta\.values\[0\] must be a positive number/]],
    ['zero depth', 'model:\n  depth: 0\n', [/model\.depth must be a positive integer/, /got 0/]],
    ['zero count', 'sweep:\n  eta: {from: 0.5, to: 1, count: 0}\n', [/sweep\.eta\.count must be a positive integer/]],
    ['NaN step size', 'sweep:\n  eta: {values: [0.5, .nan]}\n', [/sweep\.eta\.values\[1\] must be a finite number/]],
    ['infinite bound', 'sweep:\n  eta: {from: 0.5, to: .inf}\n', [/sweep\.eta\.to must be a finite number/]],
    ['NaN tolerance', 'classify:\n  gradTol: .nan\n', [/classify\.gradTol must be a finite number/]],
    [
      'mismatched inline shapes',
      'data:\n  kind: inline\n  X: [[1, 2], [3, 4]]\n  Y: [[1, 2, 3]]\n',
      [/data\.Y must have as many columns \(samples\) as X \(2\), got 3/],
    ],
    [
      'non-finite data',
      'data:\n  kind: inline\n  X: [[1, .inf]]\n  Y: [[1, 2]]\n',
      [/data\.X\[0\]\[1\] must be a finite/],
    ],
    ['missing data file', 'data:\n  kind: file\n  path: absent.csv\n', [/data\.path: file not found: absent\.csv/]],
    [
      'missing data file with a newline in its name',
      'data:\n  kind: file\n  path: "absent\\nfile.csv"\n',
      [/data\.path: file not found: absent/],
    ],
    ['YAML that does not parse', 'sweep: [1, 2\nmodel: {\n', [/broken\.yaml:\d+:\d+: invalid YAML/]],
  ])('%s', (name, text, patterns) => {
    const file = name.startsWith('YAML') ? 'broken.yaml' : `${name.replace(/\W+/g, '-')}.yaml`;
    const config = writeConfig(dir, file, text);
    expectBadInput(refusedRun(file, [config]), ...patterns);
  });

  it('JSON that does not parse', () => {
    const config = writeConfig(dir, 'broken.json', '{"seed": 1,}\n');
    expectBadInput(refusedRun('broken-json', [config]), /broken\.json:1:\d+: invalid JSON/);
  });

  it('a data file over 1 GiB is refused at once, without reading it', () => {
    const big = join(dir, 'huge.csv');
    writeFileSync(big, 'x1,y1\n1,1\n');
    truncateSync(big, 1024 ** 3 + 1); // sparse: costs no disk
    const config = writeConfig(dir, 'huge.yaml', `data: { kind: file, path: ${big} }\n`);
    expectBadInput(refusedRun('huge', [config]), /data\.path/, /GiB|bytes|too large|limit/);
  });

  it('a config path that does not exist', () => {
    const missing = join(dir, 'no-such-config.yaml');
    expectBadInput(refusedRun('missing', [missing]), /config file not found/, /no-such-config\.yaml/);
  });
});

describe('bad flags', () => {
  it.each<[string[], RegExp[]]>([
    [['--set', 'sweep.nope=1'], [/unknown key "sweep\.nope"/]],
    [
      ['--set', 'seed=abc'],
      [/seed must be a non-negative integer/, /"abc"/],
    ],
    [
      ['--workers', '0'],
      [/--workers must be a positive integer/, /"0"/],
    ],
    [
      ['--workers', 'abc'],
      [/--workers must be a positive integer/, /"abc"/],
    ],
    [
      ['--shard', '5/2'],
      [/--shard 5\/2/, /0 ≤ I < N/],
    ],
  ])('%j', (args, patterns) => {
    expectBadInput(refusedRun(args.join('_').replace(/\W+/g, '-'), args), ...patterns);
  });
});

describe('nothing is overwritten', () => {
  const config = writeConfig(dir, 'small.yaml', SMALL_CONFIG);
  const small = ['--set', 'sweep.trajectories=20', '--set', 'sweep.maxSteps=500'];
  const out = join(dir, 'done');

  /** Every file of the run directory with its bytes and mtime (ns). */
  function snapshot(): Map<string, { bytes: Buffer; mtime: bigint }> {
    const files = new Map<string, { bytes: Buffer; mtime: bigint }>();
    for (const name of readdirSync(out).sort()) {
      const path = join(out, name);
      files.set(name, { bytes: readFileSync(path), mtime: statSync(path, { bigint: true }).mtimeNs });
    }
    return files;
  }

  it('a completed run survives a bad config, a missing --resume and a --resume with another config', () => {
    const first = eosSweep(['run', config, ...small, '--out', out, '--workers', '2', '--quiet']);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    const before = snapshot();
    for (const f of ['run.json', 'trajectories.parquet', 'summary.parquet', 'initializations.parquet']) {
      expect(before.has(f), f).toBe(true);
    }
    const bad = writeConfig(dir, 'bad-for-done.yaml', SMALL_CONFIG.replace('depth: 2', 'depth: 0'));
    expect(readFileSync(bad, 'utf8')).toMatch(/depth: 0/);

    const attempts: [string, string[], RegExp][] = [
      ['bad config', ['run', bad, ...small, '--out', out], /model\.depth/],
      ['bad config with --resume', ['run', bad, ...small, '--out', out, '--resume'], /model\.depth/],
      ['no --resume', ['run', config, ...small, '--out', out], /not empty.*--resume/],
      [
        '--resume, other config',
        ['run', config, ...small, '--set', 'seed=8', '--out', out, '--resume'],
        /config differs/,
      ],
    ];
    for (const [what, args, pattern] of attempts) {
      const r = eosSweep([...args, '--no-progress']);
      expectBadInput(r, pattern);
      const after = snapshot();
      expect([...after.keys()], what).toEqual([...before.keys()]);
      for (const [name, was] of before) {
        const now = after.get(name);
        expect(now?.bytes.equals(was.bytes), `${what}: ${name} bytes`).toBe(true);
        expect(now?.mtime, `${what}: ${name} mtime`).toBe(was.mtime);
      }
    }
  });
});

describe('theory and config', () => {
  it('theory --json on the default config is the scalar closed form', () => {
    const r = eosSweep(['theory', '--json']);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      lambda_star: 2,
      eta_critical: 1,
      loss_min: 0,
      method: 'closed-form-scalar',
    });
  });

  it('theory gives λ* = N for a depth-N scalar point x = y = 1 (N = 3), and η_c = 2/λ*', () => {
    const config = writeConfig(dir, 'depth3.yaml', 'model: {depth: 3}\ndata: {kind: point, x: [1], y: [1]}\n');
    const r = eosSweep(['theory', config, '--json']);
    expect(r.status, r.stderr).toBe(0);
    const theory = JSON.parse(r.stdout);
    expect(theory.lambda_star).toBeCloseTo(3, 12);
    expect(theory.eta_critical).toBeCloseTo(2 / 3, 12);
    expect(theory.loss_min).toBe(0);
    // the human form says the same on stdout
    const human = eosSweep(['theory', config]);
    expect(human.status).toBe(0);
    expect(human.stdout).toMatch(/λ\*\s*=\s*3\b/);
  });

  it('the output of `eos-sweep config` is a config that theory reads back as the default', () => {
    const printed = eosSweep(['config']);
    expect(printed.status).toBe(0);
    expect(printed.stdout.length).toBeGreaterThan(0);
    const file = writeConfig(dir, 'default.yaml', printed.stdout);
    const fromFile = eosSweep(['theory', file, '--json']);
    expect(fromFile.stderr).not.toMatch(/eos-sweep:/);
    expect(fromFile.status, fromFile.stderr).toBe(0);
    const embedded = eosSweep(['theory', '--json']);
    expect(JSON.parse(fromFile.stdout)).toEqual(JSON.parse(embedded.stdout));
  });
});

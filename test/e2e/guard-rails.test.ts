/**
 * End to end: what a newcomer meets first. The config template, the
 * warnings before and after a run that would otherwise measure nothing,
 * and config errors that point at the line and suggest the key.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { eosSweep, tempDir, writeConfig } from './cli.js';

const dir = tempDir('eos-guard-');
const quick = ['--no-progress', '--no-report', '--workers', '1'];

function warnings(stderr: string): string[] {
  return stderr.split('\n').filter((line) => line.startsWith('warning: '));
}

describe('a config from `eos-sweep config`, made deeper, on random data', () => {
  const template = eosSweep(['config']).stdout;
  const config = writeConfig(dir, 'my.yaml', template);
  const deeper = [
    '--set',
    'model.depth=3',
    '--set',
    'model.hidden=4',
    '--set',
    'data={kind: random, dIn: 3, dOut: 2, n: 100}',
    '--set',
    'sweep.trajectories=40',
    '--set',
    'sweep.eta.count=5',
  ];

  it('the template is relative to η_c and points to examples/', () => {
    expect(template).toMatch(/^\s*relative: true\b/m);
    expect(template).toContain('examples/');
  });

  it('warns on stderr before the run that most initializations start unstable, and after it why nothing converged', () => {
    const r = eosSweep(['run', config, ...deeper, '--out', `${dir}/deep`, ...quick, '--json']);
    expect(r.status, r.stderr).toBe(0);
    // stdout holds the JSON result and nothing else
    const result = JSON.parse(r.stdout);
    expect(result.counts.converged).toBe(0);
    const [before, after, ...rest] = warnings(r.stderr);
    expect(rest).toEqual([]);
    expect(before).toMatch(
      /^warning: \d+ of 32 sampled initializations start with sharpness above 2\/η at every step size \(median [\d.]+, 2\/η ≤ [\d.]+\), so they diverge at once; try init\.std: [\d.]+ \(examples\/ has configs that work\)$/,
    );
    expect(after).toMatch(/^warning: no trajectory converged at any step size: \d+ of 200 diverged: /);
    expect(r.stderr.indexOf(before)).toBeLessThan(r.stderr.indexOf(after));
  });

  it('with the suggested init.std the run is quiet and something converges', () => {
    const first = eosSweep(['run', config, ...deeper, '--out', `${dir}/probe`, ...quick, '--json']);
    const std = /try init\.std: ([\d.]+)/.exec(first.stderr)?.[1];
    expect(std).toBeDefined();
    const r = eosSweep([
      'run',
      config,
      ...deeper,
      '--set',
      `init.std=${std}`,
      '--out',
      `${dir}/fixed`,
      ...quick,
      '--json',
    ]);
    expect(r.status, r.stderr).toBe(0);
    expect(warnings(r.stderr)).toEqual([]);
    expect(JSON.parse(r.stdout).counts.converged).toBeGreaterThan(0);
  });
});

describe('a grid that misses η_c', () => {
  it('is one warning line before the run, and the after-run warning blames the grid', () => {
    const config = writeConfig(
      dir,
      'above.yaml',
      'sweep:\n  eta: {values: [2, 3]}\n  trajectories: 20\n  maxSteps: 500\n',
    );
    const r = eosSweep(['run', config, '--out', `${dir}/above`, ...quick]);
    expect(r.status, r.stderr).toBe(0);
    expect(warnings(r.stderr)).toEqual([
      'warning: η_c = 1 lies outside the step-size grid [2, 3], so the sweep cannot show where convergence stops; ' +
        'set sweep.relative: true and sweep.eta around 1, e.g. {from: 0.5, to: 1.5, count: 21}',
      'warning: no trajectory converged at any step size: every step size is above η_c = 1, where the converging ' +
        'set has measure zero; include step sizes below η_c (sweep.relative: true, sweep.eta from 0.5)',
    ]);
    expect(r.stdout).toMatch(/empirical threshold: not measured — no trajectory converged at any step size/);
  });

  it('the embedded default sweep gets no warning', () => {
    const r = eosSweep(['run', '--set', 'sweep.trajectories=20', '--out', `${dir}/default`, ...quick]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
  });
});

describe('a typo in a config file', () => {
  it('is one line with the file, line and column, and the key it probably meant (exit 2)', () => {
    const template = readFileSync(writeConfig(dir, 't.yaml', eosSweep(['config']).stdout), 'utf8');
    const lines = template.split('\n');
    const at = lines.findIndex((line) => line.startsWith('  trajectories:'));
    lines[at] = lines[at].replace('trajectories', 'trajectores');
    const config = writeConfig(dir, 'typo.yaml', lines.join('\n'));
    const r = eosSweep(['run', config, '--out', `${dir}/typo`]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      `eos-sweep: ${config}:${at + 1}:3: unknown key "sweep.trajectores"; did you mean "sweep.trajectories"?\n`,
    );
  });
});

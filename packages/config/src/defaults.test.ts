import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CONFIG_TEMPLATE_YAML, DEFAULT_CONFIG_YAML } from './defaults.js';
import { configDifferences } from './diff.js';
import { resolveConfig } from './load.js';

/** The documented default config (docs/reference.md), written out by hand: the contract, not a copy of the schema. */
const SPEC_DEFAULTS = {
  name: 'scalar-depth2',
  seed: 42,
  model: { depth: 2, hidden: 1 },
  data: { kind: 'point', x: [1], y: [1] },
  loss: { normalization: 'mean' },
  init: { kind: 'gaussian', std: 1.0 },
  sweep: {
    eta: { from: 0.5, to: 1.5, count: 21, spacing: 'linear' },
    relative: false,
    trajectories: 1000,
    maxSteps: 20000,
  },
  classify: {
    gradTol: 1e-10,
    lossTol: 1e-10,
    divergeFactor: 1e6,
    paramLimit: 1e6,
    holdSteps: 10,
    periods: [2, 4, 8, 16],
    periodTol: 1e-8,
    periodHold: 100,
    periodAmplitude: 1e-4,
  },
  record: { sharpness: true, weights: false },
};

describe('defaults', () => {
  it('resolveConfig(undefined) is the documented default config', () => {
    expect(resolveConfig(undefined)).toEqual(SPEC_DEFAULTS);
    expect(resolveConfig(null)).toEqual(SPEC_DEFAULTS);
    expect(resolveConfig({})).toEqual(SPEC_DEFAULTS);
  });

  it('DEFAULT_CONFIG_YAML resolves to the same config', () => {
    expect(resolveConfig(parse(DEFAULT_CONFIG_YAML))).toEqual(resolveConfig(undefined));
  });

  it('DEFAULT_CONFIG_YAML spells out every key (it relies on no schema default)', () => {
    expect(parse(DEFAULT_CONFIG_YAML)).toEqual(SPEC_DEFAULTS);
  });

  it('DEFAULT_CONFIG_YAML is commented and fits in 120 columns', () => {
    const lines = DEFAULT_CONFIG_YAML.split('\n');
    expect(lines.filter((line) => line.includes('#')).length).toBeGreaterThan(20);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(120);
  });

  it('the embedded sweep brackets η_c = 1 of the two-layer scalar network on x = y = 1', () => {
    const config = resolveConfig(undefined);
    const eta = config.sweep.eta;
    expect('from' in eta && eta.from < 1 && eta.to > 1).toBe(true);
    expect(config.model).toEqual({ depth: 2, hidden: 1 });
  });
});

describe('the template `eos-sweep config` prints', () => {
  it('differs from the embedded default only in sweep.relative: true, and says so', () => {
    const template = resolveConfig(parse(CONFIG_TEMPLATE_YAML));
    expect(configDifferences(resolveConfig(undefined), template)).toEqual([
      { key: 'sweep.relative', a: 'false', b: 'true' },
    ]);
    expect(CONFIG_TEMPLATE_YAML).toMatch(/differs from the embedded default .* in one key: sweep\.relative is true/s);
  });

  it('points to examples/ and to init.std, and fits in 120 columns', () => {
    expect(CONFIG_TEMPLATE_YAML).toContain('examples/');
    expect(CONFIG_TEMPLATE_YAML).toMatch(/lower init\.std/);
    for (const line of CONFIG_TEMPLATE_YAML.split('\n')) expect(line.length).toBeLessThanOrEqual(120);
  });
});

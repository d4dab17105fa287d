import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DEFAULT_CONFIG_YAML } from './defaults.js';
import { ConfigError } from './errors.js';
import { resolveConfig } from './load.js';
import { applyOverrides } from './overrides.js';

function rejection(raw: unknown, overrides: string[]): ConfigError {
  try {
    resolveConfig(raw, overrides);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).not.toMatch(/[\r\n]/);
    return error as ConfigError;
  }
  throw new Error(`resolved, but expected a ConfigError for ${overrides.join(' ')}`);
}

describe('--set overrides', () => {
  it('parse numbers, lists, booleans and strings as YAML', () => {
    const config = resolveConfig(undefined, [
      'sweep.trajectories=200',
      'sweep.eta.values=[0.5,1]',
      'record.weights=true',
      'classify.gradTol=1e-12',
      'init.std=xavier',
      'model.depth=3',
      'model.hidden=[4, 2]',
      'name=my sweep',
    ]);
    expect(config.sweep.trajectories).toBe(200);
    expect(config.sweep.eta).toEqual({ values: [0.5, 1] });
    expect(config.record.weights).toBe(true);
    expect(config.classify.gradTol).toBe(1e-12);
    expect(config.init).toEqual({ kind: 'gaussian', std: 'xavier' });
    expect(config.model).toEqual({ depth: 3, hidden: [4, 2] });
    expect(config.name).toBe('my sweep');
  });

  it('keep a string key a string even when the text looks like a number', () => {
    expect(resolveConfig(undefined, ['name=2024']).name).toBe('2024');
    expect(resolveConfig(undefined, ['data.kind=file', 'data.path=123']).data).toEqual({ kind: 'file', path: '123' });
  });

  it('switch data.kind and build the new variant key by key, in either order', () => {
    const expected = { kind: 'random', dIn: 3, dOut: 2, n: 50, whiten: true, noise: 0, seed: 0 };
    const forward = ['data.kind=random', 'data.dIn=3', 'data.dOut=2', 'data.n=50', 'data.whiten=true'];
    expect(resolveConfig(undefined, forward).data).toEqual(expected);
    expect(resolveConfig(parse(DEFAULT_CONFIG_YAML), forward).data).toEqual(expected);
    const backward = ['data.dIn=3', 'data.dOut=2', 'data.n=50', 'data.whiten=true', 'data.kind=random'];
    expect(resolveConfig(parse(DEFAULT_CONFIG_YAML), backward).data).toEqual(expected);
  });

  it('switch init.kind and the eta form', () => {
    expect(resolveConfig(parse(DEFAULT_CONFIG_YAML), ['init.kind=uniform', 'init.radius=0.5']).init).toEqual({
      kind: 'uniform',
      radius: 0.5,
    });
    const values = { sweep: { eta: { values: [1, 2] } } };
    expect(resolveConfig(values, ['sweep.eta.count=3']).sweep.eta).toEqual({
      from: 0.5,
      to: 1.5,
      count: 3,
      spacing: 'linear',
    });
  });

  it('keep keys of no variant, so a typo in the file is still reported', () => {
    const raw = { sweep: { eta: { cuont: 3 } } };
    expect(rejection(raw, ['sweep.eta.values=[1]']).field).toBe('sweep.eta.cuont');
  });

  it('create missing sections and replace a whole section', () => {
    expect(resolveConfig({}, ['classify.periods=[2]']).classify.periods).toEqual([2]);
    expect(resolveConfig({ sweep: null }, ['sweep.maxSteps=10']).sweep.maxSteps).toBe(10);
    expect(resolveConfig(undefined, ['sweep.eta={values: [0.7]}']).sweep.eta).toEqual({ values: [0.7] });
  });

  it('do not modify the raw config', () => {
    const raw = { sweep: { trajectories: 5 } };
    applyOverrides(raw, ['sweep.trajectories=6', 'seed=1']);
    expect(raw).toEqual({ sweep: { trajectories: 5 } });
  });

  it('are validated like the file (the value is checked after the override)', () => {
    const error = rejection(undefined, ['sweep.eta.count=-3']);
    expect(error.field).toBe('sweep.eta.count');
    expect(error.message).toBe('sweep.eta.count must be a positive integer (got -3)');
    expect(rejection(undefined, ['sweep.trajectories=.nan']).message).toContain('must be a finite number (got NaN)');
    expect(rejection(undefined, ['sweep.eta.from=.inf']).field).toBe('sweep.eta.from');
    expect(rejection(undefined, ['record.weights=yes']).field).toBe('record.weights');
  });

  it('reject an unknown key, naming the path', () => {
    const error = rejection(undefined, ['sweep.etta=1']);
    expect(error.field).toBe('sweep.etta');
    expect(error.message).toBe('unknown key "sweep.etta"; did you mean "sweep.eta"?');
    expect(rejection(undefined, ['sweep.colour=1']).message).toBe('unknown key "sweep.colour"');
    expect(rejection(undefined, ['bogus.key=1']).field).toBe('bogus');
    expect(rejection(undefined, ['__proto__.polluted=1']).field).toBe('__proto__');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reject a path whose parent is not a mapping', () => {
    const leaf = rejection(undefined, ['seed.value=1']);
    expect(leaf.field).toBe('seed.value');
    expect(leaf.message).toBe('cannot set seed.value: seed is not a mapping');
    const raw = rejection({ sweep: 5 }, ['sweep.trajectories=1']);
    expect(raw.field).toBe('sweep.trajectories');
    expect(raw.message).toBe('cannot set sweep.trajectories: sweep is 5, not a mapping');
    expect(rejection(undefined, ['model.hidden.0=3']).field).toBe('model.hidden.0');
  });

  it('reject malformed overrides', () => {
    expect(rejection(undefined, ['sweep.trajectories']).message).toBe(
      '--set expects path=value, got "sweep.trajectories"',
    );
    expect(rejection(undefined, ['sweep..trajectories=1']).field).toBe('sweep..trajectories');
    expect(rejection(undefined, ['=1']).field).toBe('');
    const yaml = rejection(undefined, ['sweep.eta.values=[0.5,']);
    expect(yaml.field).toBe('sweep.eta.values');
    expect(yaml.message).toMatch(/^--set sweep\.eta\.values: the value is not valid YAML: /);
  });
});

import { describe, expect, it } from 'vitest';
import { ConfigError } from './errors.js';
import { resolveConfig } from './load.js';

/** The ConfigError thrown for `raw`; fails the test if it resolves or throws anything else. */
function rejection(raw: unknown, overrides: string[] = []): ConfigError {
  try {
    resolveConfig(raw, overrides);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error(`resolved, but expected a ConfigError: ${JSON.stringify(raw)}`);
}

type Case = [label: string, raw: unknown, field: string, message: string | RegExp];

const cases: Case[] = [
  // top level
  ['unknown top-level key', { nmae: 'x' }, 'nmae', 'unknown key "nmae"'],
  ['name not a string', { name: 5 }, 'name', 'name must be a string (got 5)'],
  ['name empty', { name: '' }, 'name', 'name must not be empty'],
  ['name too long', { name: 'a'.repeat(201) }, 'name', /name must be at most 200 .*sanity limit/],
  ['name with a line break', { name: 'a\nb' }, 'name', 'name must be a single line'],
  ['seed negative', { seed: -1 }, 'seed', 'seed must be a non-negative integer (got -1)'],
  ['seed fractional', { seed: 1.5 }, 'seed', 'seed must be a non-negative integer'],
  ['seed unsafe', { seed: 2 ** 60 }, 'seed', 'seed must be a safe integer'],
  ['seed as a string', { seed: '42' }, 'seed', 'seed must be a non-negative integer (got the string "42")'],
  // model
  ['depth zero', { model: { depth: 0 } }, 'model.depth', 'model.depth must be a positive integer (got 0)'],
  ['depth fractional', { model: { depth: 2.5 } }, 'model.depth', 'model.depth must be a positive integer'],
  ['depth over the limit', { model: { depth: 65 } }, 'model.depth', 'model.depth must be at most 64 (sanity limit)'],
  ['hidden zero', { model: { hidden: 0 } }, 'model.hidden', 'model.hidden must be a positive integer'],
  ['hidden too wide', { model: { hidden: 5000 } }, 'model.hidden', 'model.hidden must be at most 4096 (sanity limit)'],
  [
    'hidden a string',
    { model: { hidden: 'wide' } },
    'model.hidden',
    'model.hidden must be a positive integer or a list of positive integers',
  ],
  [
    'hidden list entry',
    { model: { depth: 3, hidden: [2, -1] } },
    'model.hidden[1]',
    'model.hidden[1] must be a positive integer',
  ],
  [
    'hidden list length',
    { model: { depth: 3, hidden: [2] } },
    'model.hidden',
    'model.hidden must list depth − 1 = 2 widths (model.depth is 3), got 1',
  ],
  ['unknown model key', { model: { width: 2 } }, 'model.width', 'unknown key "model.width"'],
  // data
  [
    'unknown data kind',
    { data: { kind: 'csv' } },
    'data.kind',
    'data.kind must be one of point | inline | random | file (got the string "csv")',
  ],
  ['point x empty', { data: { x: [] } }, 'data.x', 'data.x must be a non-empty list of numbers'],
  ['point y empty', { data: { kind: 'point', y: [] } }, 'data.y', 'data.y must be a non-empty list of numbers'],
  ['point x NaN', { data: { x: [Number.NaN] } }, 'data.x[0]', 'data.x[0] must be a finite number (got NaN)'],
  ['point y Infinity', { data: { y: [1, Infinity] } }, 'data.y[1]', 'data.y[1] must be a finite number (got Infinity)'],
  ['point x "NaN" string', { data: { x: ['NaN'] } }, 'data.x[0]', 'data.x[0] must be a finite number'],
  ['point with a random key', { data: { kind: 'point', dIn: 3 } }, 'data.dIn', /unknown key "data.dIn" for data.kind/],
  ['inline X missing', { data: { kind: 'inline', Y: [[1]] } }, 'data.X', 'data.X is required'],
  ['inline X no rows', { data: { kind: 'inline', X: [], Y: [[1]] } }, 'data.X', 'data.X must have at least one row'],
  [
    'inline X no columns',
    { data: { kind: 'inline', X: [[]], Y: [[]] } },
    'data.X[0]',
    'data.X[0] must have at least one column',
  ],
  [
    'inline ragged X',
    {
      data: {
        kind: 'inline',
        X: [
          [1, 2, 3],
          [4, 5],
        ],
        Y: [[1, 2, 3]],
      },
    },
    'data.X[1]',
    'data.X[1] must have as many columns as X[0] (3)',
  ],
  [
    'inline ragged Y',
    { data: { kind: 'inline', X: [[1, 2]], Y: [[1, 2], [3]] } },
    'data.Y[1]',
    'data.Y[1] must have as many columns as Y[0] (2)',
  ],
  [
    'inline X/Y column mismatch',
    { data: { kind: 'inline', X: [[1, 2, 3]], Y: [[1, 2]] } },
    'data.Y',
    'data.Y must have as many columns (samples) as X (3), got 2',
  ],
  [
    'inline non-finite',
    { data: { kind: 'inline', X: [[1, -Infinity]], Y: [[1, 2]] } },
    'data.X[0][1]',
    'data.X[0][1] must be a finite number (got -Infinity)',
  ],
  ['random dIn missing', { data: { kind: 'random', dOut: 1, n: 4 } }, 'data.dIn', 'data.dIn is required'],
  [
    'random dOut zero',
    { data: { kind: 'random', dIn: 1, dOut: 0, n: 4 } },
    'data.dOut',
    'data.dOut must be a positive integer',
  ],
  ['random n fractional', { data: { kind: 'random', dIn: 1, dOut: 1, n: 2.5 } }, 'data.n', 'data.n must be a positive'],
  [
    'random width over the limit',
    { data: { kind: 'random', dIn: 10_000, dOut: 1, n: 4 } },
    'data.dIn',
    'data.dIn must be at most 4096 (sanity limit)',
  ],
  [
    'random size over the limit',
    { data: { kind: 'random', dIn: 4096, dOut: 1, n: 1e6 } },
    'data.n',
    /data.n times max\(data.dIn, data.dOut\) must be at most 100000000 \(sanity limit\)/,
  ],
  [
    'random whiten n < dIn',
    { data: { kind: 'random', dIn: 5, dOut: 1, n: 3, whiten: true } },
    'data.n',
    'data.n must be ≥ data.dIn (5) when data.whiten is true',
  ],
  [
    'random whiten not boolean',
    { data: { kind: 'random', dIn: 1, dOut: 1, n: 3, whiten: 'yes' } },
    'data.whiten',
    'data.whiten must be true or false',
  ],
  [
    'random noise negative',
    { data: { kind: 'random', dIn: 1, dOut: 1, n: 3, noise: -0.1 } },
    'data.noise',
    'data.noise must be a non-negative number',
  ],
  [
    'random seed fractional',
    { data: { kind: 'random', dIn: 1, dOut: 1, n: 3, seed: 0.5 } },
    'data.seed',
    'data.seed must be a non-negative integer',
  ],
  ['file path missing', { data: { kind: 'file' } }, 'data.path', 'data.path is required'],
  ['file path empty', { data: { kind: 'file', path: '' } }, 'data.path', 'data.path must not be empty'],
  // loss, init
  ['normalization', { loss: { normalization: 'avg' } }, 'loss.normalization', 'loss.normalization must be mean or sum'],
  ['init kind', { init: { kind: 'normal' } }, 'init.kind', 'init.kind must be gaussian or uniform'],
  ['init std negative', { init: { std: -1 } }, 'init.std', 'init.std must be a positive number or xavier | he'],
  ['init std zero', { init: { std: 0 } }, 'init.std', 'init.std must be a positive number'],
  [
    'init std unknown scale',
    { init: { std: 'lecun' } },
    'init.std',
    'init.std must be a positive number or xavier | he',
  ],
  ['init std NaN', { init: { std: Number.NaN } }, 'init.std', 'init.std must be a positive number or xavier | he'],
  ['uniform radius', { init: { kind: 'uniform', radius: 0 } }, 'init.radius', 'init.radius must be a positive number'],
  ['uniform with std', { init: { kind: 'uniform', std: 1 } }, 'init.std', 'unknown key "init.std"'],
  // sweep
  ['eta from zero', { sweep: { eta: { from: 0 } } }, 'sweep.eta.from', 'sweep.eta.from must be a positive number'],
  ['eta to negative', { sweep: { eta: { to: -1 } } }, 'sweep.eta.to', 'sweep.eta.to must be a positive number'],
  [
    'eta to below from',
    { sweep: { eta: { from: 1, to: 0.5 } } },
    'sweep.eta.to',
    'sweep.eta.to must be ≥ sweep.eta.from (1), got 0.5',
  ],
  ['eta count zero', { sweep: { eta: { count: 0 } } }, 'sweep.eta.count', 'sweep.eta.count must be a positive integer'],
  [
    'eta count fractional',
    { sweep: { eta: { count: 2.5 } } },
    'sweep.eta.count',
    'sweep.eta.count must be a positive integer',
  ],
  [
    'eta count over the limit',
    { sweep: { eta: { count: 1e6 } } },
    'sweep.eta.count',
    'sweep.eta.count must be at most 100000 (sanity limit)',
  ],
  [
    'eta spacing',
    { sweep: { eta: { spacing: 'geometric' } } },
    'sweep.eta.spacing',
    'sweep.eta.spacing must be linear or log',
  ],
  [
    'eta values empty',
    { sweep: { eta: { values: [] } } },
    'sweep.eta.values',
    'must be a non-empty list of positive numbers',
  ],
  [
    'eta values negative',
    { sweep: { eta: { values: [0.5, -1] } } },
    'sweep.eta.values[1]',
    'sweep.eta.values[1] must be a positive number',
  ],
  [
    'eta values Infinity',
    { sweep: { eta: { values: [Infinity] } } },
    'sweep.eta.values[0]',
    'sweep.eta.values[0] must be a finite number',
  ],
  [
    'eta values mixed with a range',
    { sweep: { eta: { values: [1], count: 3 } } },
    'sweep.eta',
    /sweep.eta cannot combine "values" and "count"|sweep.eta cannot combine "count" and "values"/,
  ],
  ['eta unknown key', { sweep: { eta: { step: 0.1 } } }, 'sweep.eta.step', 'unknown key "sweep.eta.step"'],
  [
    'eta a list',
    { sweep: { eta: [0.5, 1] } },
    'sweep.eta',
    /sweep.eta must be a mapping: \{from, to, count, spacing\}/,
  ],
  ['sweep unknown key', { sweep: { etta: {} } }, 'sweep.etta', 'unknown key "sweep.etta"'],
  ['relative', { sweep: { relative: 1 } }, 'sweep.relative', 'sweep.relative must be true or false'],
  [
    'trajectories zero',
    { sweep: { trajectories: 0 } },
    'sweep.trajectories',
    'sweep.trajectories must be a positive integer',
  ],
  [
    'adaptive half-width zero',
    { sweep: { adaptive: { halfWidth: 0 } } },
    'sweep.adaptive.halfWidth',
    'sweep.adaptive.halfWidth must be a number in (0, 0.5] (got 0)',
  ],
  [
    'adaptive confidence 1',
    { sweep: { adaptive: { confidence: 1 } } },
    'sweep.adaptive.confidence',
    'sweep.adaptive.confidence must be a number strictly between 0 and 1 (got 1)',
  ],
  [
    'adaptive batch fractional',
    { sweep: { adaptive: { batch: 2.5 } } },
    'sweep.adaptive.batch',
    'sweep.adaptive.batch must be a positive integer (got 2.5)',
  ],
  [
    'adaptive maxTrajectories below batch',
    { sweep: { adaptive: { batch: 256, maxTrajectories: 100 } } },
    'sweep.adaptive.maxTrajectories',
    'sweep.adaptive.maxTrajectories must be ≥ sweep.adaptive.batch (256), got 100',
  ],
  [
    'adaptive cap below maxSteps',
    { sweep: { maxSteps: 5000, adaptive: { maxStepsCap: 1000 } } },
    'sweep.adaptive.maxStepsCap',
    'sweep.adaptive.maxStepsCap must be ≥ sweep.maxSteps (5000), got 1000',
  ],
  [
    'adaptive maxStepSizes below the grid',
    { sweep: { adaptive: { maxStepSizes: 10 } } },
    'sweep.adaptive.maxStepSizes',
    'sweep.adaptive.maxStepSizes must be ≥ the number of step sizes in sweep.eta (21), got 10',
  ],
  [
    'adaptive unknown key',
    { sweep: { adaptive: { halfwidth: 0.1 } } },
    'sweep.adaptive.halfwidth',
    /unknown key "sweep.adaptive.halfwidth"/,
  ],
  [
    'trajectories over the limit',
    { sweep: { trajectories: 1e10 } },
    'sweep.trajectories',
    'sweep.trajectories must be at most 1000000000 (sanity limit)',
  ],
  ['maxSteps fractional', { sweep: { maxSteps: 10.5 } }, 'sweep.maxSteps', 'sweep.maxSteps must be a positive integer'],
  [
    'maxSteps over the limit',
    { sweep: { maxSteps: 1e12 } },
    'sweep.maxSteps',
    'sweep.maxSteps must be at most 1000000000 (sanity limit)',
  ],
  // classify
  ['gradTol zero', { classify: { gradTol: 0 } }, 'classify.gradTol', 'classify.gradTol must be a positive number'],
  ['lossTol negative', { classify: { lossTol: -1 } }, 'classify.lossTol', 'classify.lossTol must be a positive number'],
  [
    'divergeFactor Infinity',
    { classify: { divergeFactor: Infinity } },
    'classify.divergeFactor',
    'classify.divergeFactor must be a finite number',
  ],
  ['paramLimit NaN', { classify: { paramLimit: Number.NaN } }, 'classify.paramLimit', 'must be a finite number'],
  [
    'holdSteps zero',
    { classify: { holdSteps: 0 } },
    'classify.holdSteps',
    'classify.holdSteps must be a positive integer',
  ],
  ['periods empty', { classify: { periods: [] } }, 'classify.periods', 'classify.periods must be a non-empty list'],
  ['periods one', { classify: { periods: [1, 2] } }, 'classify.periods[0]', 'must be an integer ≥ 2 (got 1)'],
  ['periods fractional', { classify: { periods: [2.5] } }, 'classify.periods[0]', 'must be an integer ≥ 2'],
  [
    'periodTol zero',
    { classify: { periodTol: 0 } },
    'classify.periodTol',
    'classify.periodTol must be a positive number',
  ],
  [
    'periodHold zero',
    { classify: { periodHold: 0 } },
    'classify.periodHold',
    'classify.periodHold must be a positive integer',
  ],
  ['unknown classify key', { classify: { tol: 1 } }, 'classify.tol', 'unknown key "classify.tol"'],
  // record
  ['record sharpness', { record: { sharpness: 'yes' } }, 'record.sharpness', 'record.sharpness must be true or false'],
  ['record weights', { record: { weights: 0 } }, 'record.weights', 'record.weights must be true or false'],
  // structure
  ['section not a mapping', { sweep: 5 }, 'sweep', 'sweep must be a mapping (got 5)'],
  ['section a list', { model: [] }, 'model', 'model must be a mapping (got an empty list)'],
];

describe('schema rules', () => {
  it.each(cases)('%s', (_label, raw, field, message) => {
    const error = rejection(raw);
    expect(error.field).toBe(field);
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).not.toMatch(/[\r\n]/);
    if (typeof message === 'string') expect(error.message).toContain(message);
    else expect(error.message).toMatch(message);
  });

  it('rejects a config that is not a mapping', () => {
    for (const raw of [5, 'name: x', [1, 2], true]) {
      const error = rejection(raw);
      expect(error.field).toBe('');
      expect(error.message).toMatch(/^the config must be a mapping of keys/);
    }
  });

  it('reports only the first issue', () => {
    const error = rejection({ seed: -1, sweep: { trajectories: 0 } });
    expect(error.field).toBe('seed');
    expect(error.message).not.toContain('trajectories');
  });
});

describe('schema acceptance', () => {
  it('fills the defaults of a partial section', () => {
    const config = resolveConfig({ sweep: { eta: { count: 5 } }, classify: { holdSteps: 3 } });
    expect(config.sweep.eta).toEqual({ from: 0.5, to: 1.5, count: 5, spacing: 'linear' });
    expect(config.sweep.trajectories).toBe(1000);
    expect(config.classify.holdSteps).toBe(3);
    expect(config.classify.periods).toEqual([2, 4, 8, 16]);
  });

  it('accepts every data kind', () => {
    expect(resolveConfig({ data: { x: [1, 2], y: [3] } }).data).toEqual({ kind: 'point', x: [1, 2], y: [3] });
    const inline = {
      kind: 'inline',
      X: [[1, 2, 3]],
      Y: [
        [2, 4, 6],
        [1, 1, 1],
      ],
    };
    expect(resolveConfig({ data: inline }).data).toEqual(inline);
    expect(resolveConfig({ data: { kind: 'random', dIn: 3, dOut: 2, n: 3, whiten: true } }).data).toEqual({
      kind: 'random',
      dIn: 3,
      dOut: 2,
      n: 3,
      whiten: true,
      noise: 0,
      seed: 0,
    });
    expect(resolveConfig({ data: { kind: 'file', path: 'd.csv' } }).data).toEqual({ kind: 'file', path: 'd.csv' });
  });

  it('turns the adaptive sweep on with an empty sweep.adaptive block, every key at its default', () => {
    expect(resolveConfig(undefined).sweep.adaptive).toBeUndefined();
    expect(resolveConfig({ sweep: { adaptive: {} } }).sweep.adaptive).toEqual({
      halfWidth: 0.01,
      confidence: 0.95,
      batch: 256,
      maxTrajectories: 100000,
      thresholdTolerance: 1e-3,
      maxStepSizes: 64,
      maxStepsCap: 1000000,
    });
    expect(resolveConfig(undefined, ['sweep.adaptive.halfWidth=0.02']).sweep.adaptive?.halfWidth).toBe(0.02);
  });

  it('accepts the init forms and eta values', () => {
    expect(resolveConfig({ init: { std: 'he' } }).init).toEqual({ kind: 'gaussian', std: 'he' });
    expect(resolveConfig({ init: { kind: 'uniform' } }).init).toEqual({ kind: 'uniform', radius: 1 });
    expect(resolveConfig({ sweep: { eta: { values: [0.5, 2] } } }).sweep.eta).toEqual({ values: [0.5, 2] });
  });

  it('accepts a width list of depth − 1 entries, including the empty list at depth 1', () => {
    expect(resolveConfig({ model: { depth: 3, hidden: [4, 2] } }).model).toEqual({ depth: 3, hidden: [4, 2] });
    expect(resolveConfig({ model: { depth: 1, hidden: [] } }).model).toEqual({ depth: 1, hidden: [] });
  });

  it('is idempotent: a resolved config resolves to itself', () => {
    const config = resolveConfig({ data: { kind: 'random', dIn: 2, dOut: 1, n: 5 }, sweep: { eta: { values: [1] } } });
    expect(resolveConfig(JSON.parse(JSON.stringify(config)))).toEqual(config);
  });

  it('returns fresh default lists, so mutating one config cannot leak into the next', () => {
    const a = resolveConfig(undefined);
    a.classify.periods.push(32);
    if (a.data.kind === 'point') a.data.x.push(2);
    const b = resolveConfig(undefined);
    expect(b.classify.periods).toEqual([2, 4, 8, 16]);
    expect(b.data).toEqual({ kind: 'point', x: [1], y: [1] });
  });
});

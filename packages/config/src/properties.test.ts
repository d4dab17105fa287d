/**
 * Property-based tests: configs drawn from arbitraries that follow the rules
 * resolve; mutated configs either resolve or throw a one-line ConfigError,
 * never anything else.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConfigError } from './errors.js';
import { canonicalJson, configHash } from './hash.js';
import { resolveConfig } from './load.js';
import { cloneRaw } from './overrides.js';
import { isPlainObject, LIMITS } from './schema.js';

// ---------------------------------------------------------------- valid configs

const positive = fc.double({ min: 1e-12, max: 1e12, noNaN: true, noDefaultInfinity: true });
// `+ 0` maps -0 to 0: JSON (and so a config file) cannot tell them apart.
const finite = fc.double({ noNaN: true, noDefaultInfinity: true }).map((v) => v + 0);
const width = fc.integer({ min: 1, max: LIMITS.width });
const posInt = (max: number) => fc.integer({ min: 1, max });

const model = fc.integer({ min: 1, max: 8 }).chain((depth) =>
  fc.record(
    {
      depth: fc.constant(depth),
      hidden: fc.oneof(width, fc.array(width, { minLength: depth - 1, maxLength: depth - 1 })),
    },
    { requiredKeys: ['depth'] },
  ),
);

const matrix = (rows: number, columns: number) =>
  fc.array(fc.array(finite, { minLength: columns, maxLength: columns }), { minLength: rows, maxLength: rows });

const data = fc.oneof(
  fc.record(
    {
      kind: fc.constant('point'),
      x: fc.array(finite, { minLength: 1, maxLength: 5 }),
      y: fc.array(finite, { minLength: 1, maxLength: 5 }),
    },
    { requiredKeys: [] },
  ),
  fc
    .tuple(posInt(4), posInt(4), posInt(6))
    .chain(([dIn, dOut, n]) => fc.record({ kind: fc.constant('inline'), X: matrix(dIn, n), Y: matrix(dOut, n) })),
  fc.tuple(posInt(LIMITS.width), posInt(LIMITS.width), fc.boolean()).chain(([dIn, dOut, whiten]) =>
    fc.record(
      {
        kind: fc.constant('random'),
        dIn: fc.constant(dIn),
        dOut: fc.constant(dOut),
        n: fc.integer({
          min: whiten ? dIn : 1,
          max: Math.min(LIMITS.samples, Math.floor(LIMITS.dataEntries / Math.max(dIn, dOut))),
        }),
        whiten: fc.constant(whiten),
        noise: fc.double({ min: 0, max: 1e6, noNaN: true }).map((v) => v + 0),
        seed: fc.maxSafeNat(),
      },
      { requiredKeys: ['kind', 'dIn', 'dOut', 'n'] },
    ),
  ),
  fc.record({ kind: fc.constant('file'), path: fc.string({ minLength: 1 }) }),
);

const init = fc.oneof(
  fc.record(
    { kind: fc.constant('gaussian'), std: fc.oneof(positive, fc.constantFrom('xavier', 'he')) },
    { requiredKeys: [] },
  ),
  fc.record({ kind: fc.constant('uniform'), radius: positive }, { requiredKeys: ['kind'] }),
);

const eta = fc.oneof(
  fc.tuple(positive, positive).chain(([a, b]) =>
    fc.record(
      {
        from: fc.constant(Math.min(a, b)),
        to: fc.constant(Math.max(a, b)),
        count: posInt(LIMITS.etaCount),
        spacing: fc.constantFrom('linear', 'log'),
      },
      { requiredKeys: ['from', 'to'] },
    ),
  ),
  fc.record({ values: fc.array(positive, { minLength: 1, maxLength: 20 }) }),
);

const validConfig = fc.record(
  {
    name: fc.string({ minLength: 1, maxLength: LIMITS.nameLength }).filter((s) => !/[\r\n\u2028\u2029]/.test(s)),
    seed: fc.maxSafeNat(),
    model,
    data,
    loss: fc.record({ normalization: fc.constantFrom('mean', 'sum') }, { requiredKeys: [] }),
    init,
    sweep: fc.record(
      {
        eta,
        relative: fc.boolean(),
        trajectories: posInt(LIMITS.trajectories),
        maxSteps: posInt(LIMITS.maxSteps),
      },
      { requiredKeys: [] },
    ),
    classify: fc.record(
      {
        gradTol: positive,
        lossTol: positive,
        divergeFactor: positive,
        paramLimit: positive,
        holdSteps: posInt(LIMITS.steps),
        periods: fc.array(fc.integer({ min: 2, max: 64 }), { minLength: 1, maxLength: 8 }),
        periodTol: positive,
        periodHold: posInt(LIMITS.steps),
        periodAmplitude: positive,
      },
      { requiredKeys: [] },
    ),
    record: fc.record({ sharpness: fc.boolean(), weights: fc.boolean() }, { requiredKeys: [] }),
  },
  { requiredKeys: [] },
);

// ---------------------------------------------------------------- helpers

/** Every path to a leaf (arrays count as leaves, and so do their entries). */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (isPlainObject(value)) {
    return [prefix, ...Object.entries(value).flatMap(([k, v]) => paths(v, [...prefix, k]))];
  }
  if (Array.isArray(value)) return [prefix, ...value.map((_, i) => [...prefix, i])];
  return [prefix];
}

function setAt(root: unknown, path: readonly (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = cloneRaw(root) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1]] = value;
  return copy;
}

/** Resolve, or return the ConfigError; any other error fails the property. */
function outcome(raw: unknown, overrides: string[] = []): ConfigError | undefined {
  try {
    resolveConfig(raw, overrides);
    return undefined;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    expect(error.code).toBe('CONFIG_INVALID');
    expect(typeof error.field).toBe('string');
    expect(error.message).not.toMatch(/[\n\r\u2028\u2029]/);
    expect(error.message.length).toBeGreaterThan(0);
    return error;
  }
}

const formatField = (path: readonly (string | number)[]) =>
  path.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('');

const badValue = fc.oneof(
  fc.constantFrom(
    Number.NaN,
    Infinity,
    -Infinity,
    'NaN',
    'Infinity',
    '.inf',
    '-.inf',
    -1,
    -1e-300,
    0,
    1e300,
    2 ** 53,
    1.5,
    '',
    'x',
    true,
    false,
    null,
    [],
    [Number.NaN],
    [[]],
    {},
    { nested: 1 },
  ),
  fc.integer({ min: -1e12, max: -1 }),
  fc.integer({ min: 1e9 + 1, max: Number.MAX_SAFE_INTEGER }),
  fc.double(),
  fc.string(),
  fc.array(fc.oneof(fc.double(), fc.string()), { maxLength: 3 }),
  fc.jsonValue({ maxDepth: 2 }),
);

const weirdKey = fc.oneof(
  fc.string({ minLength: 1 }),
  fc.constantFrom('__proto__', 'constructor', 'toString', 'a\nb', 'etta', 'kind', 'values', 'x', '"quoted"'),
);

// ---------------------------------------------------------------- properties

describe('properties', () => {
  it('valid configs resolve, keep their values and resolve to themselves', () => {
    fc.assert(
      fc.property(validConfig, (raw) => {
        const config = resolveConfig(raw);
        if (raw.seed !== undefined) expect(config.seed).toBe(raw.seed);
        if (raw.data !== undefined) expect(config.data).toMatchObject(raw.data);
        if (raw.sweep?.eta !== undefined) expect(config.sweep.eta).toMatchObject(raw.sweep.eta);
        const again = resolveConfig(JSON.parse(canonicalJson(config)));
        expect(again).toEqual(config);
        expect(configHash(again)).toBe(configHash(config));
      }),
      { numRuns: 300 },
    );
  });

  it('a valid config given entirely as --set overrides resolves to the same', () => {
    fc.assert(
      fc.property(validConfig, (raw) => {
        const overrides = paths(raw)
          .filter((path) => {
            const value = path.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], raw);
            return path.length > 0 && typeof path[path.length - 1] === 'string' && !isPlainObject(value);
          })
          .map((path) => {
            const value = path.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], raw);
            return `${path.join('.')}=${JSON.stringify(value)}`;
          });
        expect(resolveConfig(undefined, overrides)).toEqual(resolveConfig(raw));
      }),
      { numRuns: 200 },
    );
  });

  it('a mutated leaf resolves or throws a one-line ConfigError', () => {
    fc.assert(
      fc.property(
        validConfig.chain((raw) => fc.tuple(fc.constant(raw), fc.constantFrom(...paths(raw)), badValue)),
        ([raw, path, value]) => {
          outcome(setAt(raw, path, value));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('a non-finite number or a numeric string at a numeric key is rejected at that key', () => {
    const base = resolveConfig(undefined);
    const numeric = paths(base).filter((path) => {
      const value = path.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], base);
      return typeof value === 'number';
    });
    expect(numeric.length).toBeGreaterThan(15);
    fc.assert(
      fc.property(
        fc.constantFrom(...numeric),
        fc.constantFrom(Number.NaN, Infinity, -Infinity, 'NaN', 'Infinity', '1', '-.inf'),
        (path, value) => {
          const error = outcome(setAt(base, path, value));
          expect(error?.field).toBe(formatField(path));
        },
      ),
    );
  });

  it('a negative number, an empty list or a huge size is rejected at that key', () => {
    const base = resolveConfig({ model: { depth: 3, hidden: [2, 2] } });
    const cases: [path: (string | number)[], value: unknown][] = [
      [['model', 'depth'], -2],
      [['model', 'hidden', 0], -1],
      [['model', 'hidden', 1], 1e6],
      [['sweep', 'trajectories'], 1e12],
      [['sweep', 'maxSteps'], -5],
      [['sweep', 'eta', 'count'], 1e9],
      [['classify', 'periods'], []],
      [['data', 'x'], []],
      [['classify', 'gradTol'], -1e-10],
    ];
    for (const [path, value] of cases) expect(outcome(setAt(base, path, value))?.field).toBe(formatField(path));
  });

  it('an unknown key anywhere is rejected, naming it', () => {
    fc.assert(
      fc.property(
        validConfig.chain((raw) => {
          const objects = paths(raw).filter((path) => {
            const value = path.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], raw);
            return isPlainObject(value);
          });
          return fc.tuple(fc.constant(raw), fc.constantFrom(...objects), weirdKey, badValue);
        }),
        ([raw, path, key, value]) => {
          const target = path.reduce<unknown>((node, k) => (node as Record<string | number, unknown>)[k], raw);
          fc.pre(!Object.hasOwn(target as object, key));
          const mutated = cloneRaw(raw);
          const node = path.reduce<unknown>((n, k) => (n as Record<string | number, unknown>)[k], mutated);
          Object.defineProperty(node, key, { value, enumerable: true, writable: true, configurable: true });
          const error = outcome(mutated);
          // The key may legitimately belong there (e.g. `kind` on data); else it must be named, as unknown
          // or (a key of the other eta form) as one that cannot be combined.
          if (error !== undefined && !['kind', 'values', 'x', 'y', 'std', 'radius'].includes(key)) {
            expect(error.message).toMatch(/unknown key|cannot combine/);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('random --set overrides resolve or throw a one-line ConfigError', () => {
    const knownPaths = paths(resolveConfig({ data: { kind: 'random', dIn: 2, dOut: 1, n: 4 } }))
      .filter((path) => path.length > 0 && path.every((k) => typeof k === 'string'))
      .map((path) => path.join('.'));
    const path = fc.oneof(fc.constantFrom(...knownPaths), fc.string(), fc.constantFrom('data.dIn', 'sweep.eta.values'));
    const value = fc.oneof(
      fc.string(),
      fc.constantFrom('.nan', '.inf', 'NaN', '[0.5, 1]', '[]', '{}', 'true', '-1', '1e400', '[1,', '{a: 1}', '~'),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(path, value), { maxLength: 4 }), (sets) => {
        outcome(
          undefined,
          sets.map(([p, v]) => `${p}=${v}`),
        );
      }),
      { numRuns: 1000 },
    );
  });

  it('arbitrary JSON values resolve or throw a one-line ConfigError', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (raw) => {
        outcome(raw);
      }),
      { numRuns: 500 },
    );
  });
});

/**
 * The config file (docs/reference.md, "Config") as a zod schema: every key, its
 * default and its rule. Parsing fills in the defaults, so the output type
 * `Config` is the resolved config every other package receives.
 *
 * Each leaf carries its rule as its error message ("must be a positive
 * integer"); `issues.ts` prefixes the dotted field name, so a user reads
 * `sweep.eta.count must be a positive integer (got -3)`.
 */
import { z } from 'zod';

/**
 * Upper bounds that no real sweep reaches: they turn a typo (an extra zero,
 * a width of 40960) into an error instead of an exhausted machine.
 */
export const LIMITS = {
  depth: 64,
  width: 4096,
  trajectories: 1e9,
  maxSteps: 1e9,
  etaCount: 1e5,
  /** samples (columns of X), for inline, random and file data */
  samples: 1e7,
  /** entries of X or of Y (d × n) */
  dataEntries: 1e8,
  /** holdSteps, periodHold and the largest period tested */
  steps: 1e9,
  periods: 64,
  nameLength: 200,
} as const;

const SANITY = 'sanity limit';
const tooBig = (max: number) => `must be at most ${max} (${SANITY})`;

const number = (rule: string) => z.number({ error: rule });

/** A finite number > 0 (z.number already rejects NaN and ±Infinity). */
const positiveNumber = (rule = 'must be a positive number') => number(rule).positive({ error: rule });

const nonNegativeNumber = (rule = 'must be a non-negative number') => number(rule).min(0, { error: rule });

/** An integer in [min, max]; the max check comes first so 1e300 reads "at most". */
const integer = (min: number, max: number, rule: string) =>
  number(rule)
    .max(max, { error: max === Number.MAX_SAFE_INTEGER ? `must be a safe integer (at most ${max})` : tooBig(max) })
    .min(min, { error: rule })
    .int({ error: rule });

const positiveInt = (max: number) => integer(1, max, 'must be a positive integer');

const seed = () => integer(0, Number.MAX_SAFE_INTEGER, 'must be a non-negative integer');

const boolean = () => z.boolean({ error: 'must be true or false' });

const list = <T extends z.ZodType>(item: T, max: number, what: string) =>
  z
    .array(item, { error: `must be a list of ${what}` })
    .min(1, { error: `must be a non-empty list of ${what}` })
    .max(max, { error: `must have at most ${max} entries (${SANITY})` });

/** Hydra-style: a node without `kind` takes its first variant (data → point, init → gaussian). */
const defaultKind = (kind: string) => (value: unknown) =>
  isPlainObject(value) && value.kind === undefined ? { ...value, kind } : value;

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

// ---------------------------------------------------------------- model

const width = positiveInt(LIMITS.width);

const modelSchema = z
  .strictObject({
    depth: positiveInt(LIMITS.depth).default(2),
    hidden: z
      .union([width, z.array(width, { error: 'must be a list of positive integers' })], {
        error: 'must be a positive integer or a list of positive integers',
      })
      .default(1),
  })
  .superRefine((model, ctx) => {
    if (Array.isArray(model.hidden) && model.hidden.length !== model.depth - 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['hidden'],
        input: model.hidden,
        message:
          `must list depth − 1 = ${model.depth - 1} widths (model.depth is ${model.depth}), ` +
          `got ${model.hidden.length}`,
      });
    }
  });

// ---------------------------------------------------------------- data

const finite = () => number('must be a finite number');
const vector = () => list(finite(), LIMITS.width, 'numbers');
const matrix = () =>
  z
    .array(z.array(finite(), { error: 'must be a list of numbers (one row)' }), {
      error: 'must be a list of rows (lists of numbers)',
    })
    .min(1, { error: 'must have at least one row' })
    .max(LIMITS.width, { error: `must have at most ${LIMITS.width} rows (${SANITY})` });

/**
 * The layout shared by `data.kind: inline` and `.json` data files: X is
 * d_in rows × n columns, Y is d_out rows × n columns.
 */
function checkMatrices(value: { X: number[][]; Y: number[][] }, ctx: z.RefinementCtx): void {
  for (const key of ['X', 'Y'] as const) {
    const rows = value[key];
    // Refinements also run after continuable issues (e.g. an empty list), so guard the shape.
    if (!Array.isArray(rows) || !Array.isArray(rows[0])) return;
    const n = rows[0].length;
    if (n === 0) {
      ctx.addIssue({ code: 'custom', path: [key, 0], input: rows[0], message: 'must have at least one column' });
      return;
    }
    const ragged = rows.findIndex((row) => row.length !== n);
    if (ragged >= 0) {
      ctx.addIssue({
        code: 'custom',
        path: [key, ragged],
        input: rows[ragged],
        message: `must have as many columns as ${key}[0] (${n}): all rows the same length, got ${rows[ragged].length}`,
      });
      return;
    }
    if (n > LIMITS.samples || rows.length * n > LIMITS.dataEntries) {
      ctx.addIssue({
        code: 'custom',
        path: [key],
        input: rows,
        message: `must have at most ${LIMITS.samples} columns and ${LIMITS.dataEntries} entries (${SANITY})`,
      });
      return;
    }
  }
  if (value.Y[0].length !== value.X[0].length) {
    ctx.addIssue({
      code: 'custom',
      path: ['Y'],
      input: value.Y,
      message: `must have as many columns (samples) as X (${value.X[0].length}), got ${value.Y[0].length}`,
    });
  }
}

/** `{X, Y}` as in a `.json` data file. */
export const matricesSchema = z.strictObject({ X: matrix(), Y: matrix() }).superRefine(checkMatrices);

const pointDataSchema = z.strictObject({
  kind: z.literal('point'),
  x: vector().default(() => [1]),
  y: vector().default(() => [1]),
});

const inlineDataSchema = z
  .strictObject({ kind: z.literal('inline'), X: matrix(), Y: matrix() })
  .superRefine(checkMatrices);

const randomDataSchema = z
  .strictObject({
    kind: z.literal('random'),
    dIn: positiveInt(LIMITS.width),
    dOut: positiveInt(LIMITS.width),
    n: positiveInt(LIMITS.samples),
    whiten: boolean().default(false),
    noise: nonNegativeNumber().default(0),
    seed: seed().default(0),
  })
  .superRefine((data, ctx) => {
    if (data.whiten && data.n < data.dIn) {
      ctx.addIssue({
        code: 'custom',
        path: ['n'],
        input: data.n,
        message: `must be ≥ data.dIn (${data.dIn}) when data.whiten is true (X Xᵀ/n = I needs n ≥ d_in), got ${data.n}`,
      });
    }
    if (Math.max(data.dIn, data.dOut) * data.n > LIMITS.dataEntries) {
      ctx.addIssue({
        code: 'custom',
        path: ['n'],
        input: data.n,
        message: `times max(data.dIn, data.dOut) must be at most ${LIMITS.dataEntries} (${SANITY})`,
      });
    }
  });

const fileDataSchema = z.strictObject({
  kind: z.literal('file'),
  path: z.string({ error: 'must be a file path (.csv or .json)' }).min(1, { error: 'must not be empty' }),
});

const DATA_KINDS = 'point | inline | random | file';

const dataSchema = z.preprocess(
  defaultKind('point'),
  z.discriminatedUnion('kind', [pointDataSchema, inlineDataSchema, randomDataSchema, fileDataSchema], {
    error: `must be one of ${DATA_KINDS}`,
  }),
);

// ---------------------------------------------------------------- loss, init

const lossSchema = z.strictObject({
  normalization: z.enum(['mean', 'sum'], { error: 'must be mean or sum' }).default('mean'),
});

const STD_RULE = 'must be a positive number or xavier | he';

const initSchema = z.preprocess(
  defaultKind('gaussian'),
  z.discriminatedUnion(
    'kind',
    [
      z.strictObject({
        kind: z.literal('gaussian'),
        std: z
          .union([positiveNumber(STD_RULE), z.enum(['xavier', 'he'], { error: STD_RULE })], { error: STD_RULE })
          .default(1),
      }),
      z.strictObject({ kind: z.literal('uniform'), radius: positiveNumber().default(1) }),
    ],
    { error: 'must be gaussian or uniform' },
  ),
);

// ---------------------------------------------------------------- sweep

/**
 * The two eta forms reject foreign keys with a failing catchall rather than
 * `strict`: an unknown key is then an aborting type issue, so zod's union
 * does not settle for the range form merely because `{values: [NaN]}` has no
 * other fault there (zod turns `catchall(never)` into strict, hence
 * `undefined`). issues.ts reads an issue with this message as "unknown key".
 */
export const FOREIGN_KEY = 'is not a key of this form';
const foreignKey = z.undefined({ error: FOREIGN_KEY });

const etaRangeSchema = z
  .object({
    from: positiveNumber().default(0.5),
    to: positiveNumber().default(1.5),
    count: positiveInt(LIMITS.etaCount).default(21),
    spacing: z.enum(['linear', 'log'], { error: 'must be linear or log' }).default('linear'),
  })
  .catchall(foreignKey)
  .superRefine((eta, ctx) => {
    if (eta.to < eta.from) {
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        input: eta.to,
        message: `must be ≥ sweep.eta.from (${eta.from}), got ${eta.to}`,
      });
    }
  });

const etaValuesSchema = z
  .object({ values: list(positiveNumber(), LIMITS.etaCount, 'positive numbers') })
  .catchall(foreignKey);

/** `sweep.eta`, the step-size grid: a range of `count` points from `from` to `to`, or explicit values. */
interface EtaRangeConfig {
  from: number;
  to: number;
  count: number;
  spacing: 'linear' | 'log';
}
interface EtaValuesConfig {
  values: number[];
}

// The cast drops the index signature `catchall` adds to the inferred type (its keys can only be absent).
const etaSchema = z.union([etaRangeSchema, etaValuesSchema], {
  error: 'must be a mapping: {from, to, count, spacing} or {values: [...]}',
}) as unknown as z.ZodType<EtaRangeConfig | EtaValuesConfig, unknown>;

/** A number strictly between 0 and 1 (a probability that cannot be certain). */
const openUnit = (rule: string) => number(rule).gt(0, { error: rule }).lt(1, { error: rule });

/**
 * `sweep.adaptive`: present, the sweep adds trajectories and step sizes in rounds until the intervals are
 * narrow enough and the threshold is bracketed (engine adaptive/); absent, every grid point gets
 * `sweep.trajectories`.
 */
const adaptiveSchema = z.strictObject({
  halfWidth: number('must be a number in (0, 0.5]')
    .gt(0, { error: 'must be a number in (0, 0.5]' })
    .max(0.5, { error: 'must be a number in (0, 0.5]' })
    .default(0.01),
  confidence: openUnit('must be a number strictly between 0 and 1').default(0.95),
  batch: positiveInt(LIMITS.trajectories).default(256),
  maxTrajectories: positiveInt(LIMITS.trajectories).default(100000),
  thresholdTolerance: positiveNumber().default(1e-3),
  maxStepSizes: positiveInt(LIMITS.etaCount).default(64),
  maxStepsCap: positiveInt(LIMITS.maxSteps).default(1000000),
});

const gridCount = (eta: EtaRangeConfig | EtaValuesConfig) => ('values' in eta ? eta.values.length : eta.count);

const sweepSchema = z
  .strictObject({
    eta: etaSchema.prefault({}),
    relative: boolean().default(false),
    trajectories: positiveInt(LIMITS.trajectories).default(1000),
    maxSteps: positiveInt(LIMITS.maxSteps).default(20000),
    adaptive: adaptiveSchema.optional(),
  })
  .superRefine((sweep, ctx) => {
    const adaptive = sweep.adaptive;
    if (!adaptive) return;
    const rule = (key: keyof typeof adaptive, message: string) =>
      ctx.addIssue({ code: 'custom', path: ['adaptive', key], input: adaptive[key], message });
    if (adaptive.maxTrajectories < adaptive.batch) {
      rule('maxTrajectories', `must be ≥ sweep.adaptive.batch (${adaptive.batch}), got ${adaptive.maxTrajectories}`);
    }
    if (adaptive.maxStepsCap < sweep.maxSteps) {
      rule('maxStepsCap', `must be ≥ sweep.maxSteps (${sweep.maxSteps}), got ${adaptive.maxStepsCap}`);
    }
    const count = gridCount(sweep.eta);
    if (adaptive.maxStepSizes < count) {
      rule('maxStepSizes', `must be ≥ the number of step sizes in sweep.eta (${count}), got ${adaptive.maxStepSizes}`);
    }
  });

// ---------------------------------------------------------------- classify, record

/** The classifier's thresholds (docs/theory.md, "Classifying a trajectory"). */
const classifySchema = z.strictObject({
  gradTol: positiveNumber().default(1e-10),
  lossTol: positiveNumber().default(1e-10),
  divergeFactor: positiveNumber().default(1e6),
  paramLimit: positiveNumber().default(1e6),
  holdSteps: positiveInt(LIMITS.steps).default(10),
  periods: list(integer(2, LIMITS.steps, 'must be an integer ≥ 2'), LIMITS.periods, 'integers ≥ 2').default(() => [
    2, 4, 8, 16,
  ]),
  periodTol: positiveNumber().default(1e-8),
  periodHold: positiveInt(LIMITS.steps).default(100),
  // a periodic orbit's period-1 displacement must be at least this (relative), see core classify.ts
  periodAmplitude: positiveNumber().default(1e-4),
});

const recordSchema = z.strictObject({
  sharpness: boolean().default(true),
  weights: boolean().default(false),
});

// ---------------------------------------------------------------- the config

export const configSchema = z.strictObject({
  name: z
    .string({ error: 'must be a string' })
    .min(1, { error: 'must not be empty' })
    .max(LIMITS.nameLength, { error: `${tooBig(LIMITS.nameLength)} characters` })
    .regex(/^[^\r\n\u2028\u2029]*$/, { error: 'must be a single line' })
    .default('scalar-depth2'),
  seed: seed().default(42),
  model: modelSchema.prefault({}),
  data: dataSchema.prefault({}),
  loss: lossSchema.prefault({}),
  init: initSchema.prefault({}),
  sweep: sweepSchema.prefault({}),
  classify: classifySchema.prefault({}),
  record: recordSchema.prefault({}),
});

/** The resolved config: every key present, every rule checked. */
export type Config = z.output<typeof configSchema>;
export type DataConfig = Config['data'];
export type AdaptiveConfig = NonNullable<Config['sweep']['adaptive']>;

/** `sweep.adaptive` with every key at its default: what `--adaptive` turns on. */
export const ADAPTIVE_DEFAULTS: AdaptiveConfig = adaptiveSchema.parse({});

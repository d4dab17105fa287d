import { resolveConfig } from '@eos-sweep/config';
import { initialParams, makeLayout } from '@eos-sweep/core';
import { describe, expect, it } from 'vitest';
import { prepareSweep } from './problem.js';
import {
  gridWarning,
  initialSharpness,
  nothingConvergedWarning,
  SHARPNESS_SAMPLES,
  sweepWarnings,
  unstableInitWarning,
} from './warnings.js';

const gaussian = { kind: 'gaussian' as const, std: 1 };

describe('gridWarning', () => {
  it('is silent when η_c lies in the grid or is unknown', () => {
    expect(gridWarning([0.5, 1, 1.5], 1, false)).toBeNull();
    expect(gridWarning([0.5, 1.5], 0.5, false)).toBeNull();
    expect(gridWarning([0.5, 1.5], null, false)).toBeNull();
  });

  it('names η_c and the grid when it lies outside, and the fix', () => {
    expect(gridWarning([0.5, 0.75, 1.5], 0.2, false)).toBe(
      'warning: η_c = 0.2 lies outside the step-size grid [0.5, 1.5], so the sweep cannot show where convergence ' +
        'stops; set sweep.relative: true and sweep.eta around 1, e.g. {from: 0.5, to: 1.5, count: 21}',
    );
    expect(gridWarning([0.1, 0.9], 1, true)).toMatch(/widen sweep\.eta to include 1/);
  });
});

describe('unstableInitWarning', () => {
  const etas = [0.5, 1, 1.5]; // 2/η ≤ 4
  it('is silent when at least half the sample starts below 2/η at the smallest step size', () => {
    expect(unstableInitWarning([1, 2, 3, 5, 6, 7], etas, gaussian, () => [])).toBeNull();
    expect(unstableInitWarning([1, 2, 3, 4, 5, 6], etas, gaussian, () => [])).toBeNull();
  });

  it('suggests the largest halving of init.std under which at most a quarter starts unstable', () => {
    const sample = [100, 120, 140, 160];
    // sharpness that falls with the square of the scale (as for two layers)
    const rescaled = (c: number) => sample.map((s) => s * c * c);
    const warning = unstableInitWarning(sample, etas, { kind: 'gaussian', std: 2 }, rescaled);
    // c = 1/8 gives 1.56–2.5 (all ≤ 4), c = 1/4 gives 6.25–10: the first that works is 1/8
    expect(warning).toBe(
      'warning: 4 of 4 sampled initializations start with sharpness above 2/η at every step size (median 140, ' +
        '2/η ≤ 4), so they diverge at once; try init.std: 0.25 (examples/ has configs that work)',
    );
    expect(unstableInitWarning(sample, etas, { kind: 'uniform', radius: 1 }, rescaled)).toMatch(
      /try init\.radius: 0\.125/,
    );
    expect(unstableInitWarning(sample, etas, { kind: 'gaussian', std: 'he' }, rescaled)).toMatch(
      /a numeric init\.std, about 0\.125× the he scale/,
    );
  });

  it('says when no smaller initialization helps', () => {
    expect(unstableInitWarning([9, 9, 9], etas, gaussian, () => [9, 9, 9])).toMatch(
      /no smaller initialization fixes that: lower the step sizes \(sweep\.eta\)$/,
    );
  });
});

describe('initialSharpness', () => {
  it('is λ_max of the closed-form Hessian for the two-layer scalar network on x = y = 1', async () => {
    // L = ½(w₁w₂ − 1)²: ∇²L = [[w₂², 2w₁w₂ − 1], [2w₁w₂ − 1, w₁²]]
    const config = resolveConfig({ seed: 5 });
    const prepared = await prepareSweep(config, process.cwd());
    const scale = 0.5;
    const got = initialSharpness(prepared, 8, scale);
    const theta = new Float64Array(2);
    got.forEach((s, k) => {
      initialParams(makeLayout([1, 1, 1]), { kind: 'gaussian', std: 1 }, 5, k, theta);
      const [a, b] = [theta[0] * scale, theta[1] * scale];
      const off = 2 * a * b - 1;
      const want = (b * b + a * a) / 2 + Math.sqrt(((b * b - a * a) / 2) ** 2 + off * off);
      expect(s).toBeCloseTo(want, 10);
    });
  });
});

describe('sweepWarnings', () => {
  it('for a grid wholly above η_c, warns about the grid alone (no initialization converges there)', async () => {
    const prepared = await prepareSweep(resolveConfig({ sweep: { eta: { values: [2, 3] } } }), process.cwd());
    expect(initialSharpness(prepared, 32).filter((s) => s > 1).length).toBeGreaterThan(16);
    const warnings = sweepWarnings(prepared);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^warning: η_c = 1 lies outside the step-size grid \[2, 3\]/);
  });

  it('has nothing to say about the embedded default sweep', async () => {
    expect(sweepWarnings(await prepareSweep(resolveConfig(undefined), process.cwd()))).toEqual([]);
  });

  it('warns about a deeper network on random data with init.std 1, and its suggestion makes most start stable', async () => {
    const raw = { model: { depth: 3, hidden: 4 }, data: { kind: 'random', dIn: 3, dOut: 2, n: 100 } };
    const prepared = await prepareSweep(resolveConfig(raw), process.cwd());
    const [warning, ...rest] = sweepWarnings(prepared);
    expect(rest).toEqual([]);
    const std = Number(/try init\.std: ([\d.]+)/.exec(warning)?.[1]);
    expect(std).toBeGreaterThan(0);
    expect(std).toBeLessThan(1);
    const better = await prepareSweep(resolveConfig({ ...raw, init: { std } }), process.cwd());
    const limit = 2 / Math.min(...better.setup.etas);
    const stable = initialSharpness(better, SHARPNESS_SAMPLES).filter((s) => s <= limit).length;
    expect(stable).toBeGreaterThanOrEqual((3 * SHARPNESS_SAMPLES) / 4);
    expect(sweepWarnings(better)).toEqual([]);
  });
});

describe('nothingConvergedWarning', () => {
  const counts = (over: Record<string, number>) => ({
    trajectories: 100,
    converged: 0,
    saddle: 0,
    periodic: 0,
    diverged: 0,
    unresolved: 0,
    ...over,
  });

  it('is silent when something converged, or for a shard (no counts)', () => {
    expect(nothingConvergedWarning(counts({ converged: 1, diverged: 99 }), [0.5], 1, 100)).toBeNull();
    expect(nothingConvergedWarning(null, [0.5], 1, 100)).toBeNull();
  });

  it('blames a grid above η_c first, else where most trajectories went', () => {
    expect(nothingConvergedWarning(counts({ diverged: 100 }), [1.1, 1.5], 1, 100)).toMatch(
      /every step size is above η_c = 1, where the converging set has measure zero/,
    );
    expect(nothingConvergedWarning(counts({ diverged: 70, unresolved: 30 }), [0.5, 1.5], 1, 100)).toBe(
      'warning: no trajectory converged at any step size: 70 of 100 diverged: the initializations start too sharp ' +
        'for these step sizes; lower init.std or the step sizes',
    );
    expect(nothingConvergedWarning(counts({ diverged: 30, unresolved: 70 }), [0.5], null, 500)).toMatch(
      /70 of 100 were unresolved after sweep\.maxSteps = 500 steps; raise sweep\.maxSteps$/,
    );
    expect(nothingConvergedWarning(counts({ saddle: 100 }), [0.5], 1, 100)).toMatch(/saddle points.*raise init\.std/);
    expect(nothingConvergedWarning(counts({ periodic: 100 }), [0.5], 1, 100)).toMatch(/periodic orbits/);
  });
});

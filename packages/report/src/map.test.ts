import { resolveConfig } from '@eos-sweep/config';
import { OUTCOME_CODE, TrajectoryRunner } from '@eos-sweep/core';
import type { BasinMap, InitPlane } from '@eos-sweep/engine';
import { buildProblem, computeMap, initializationOf, mapPlan, planeCoordinates, prepareSweep } from '@eos-sweep/engine';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';

import { MAX_FADE, mapPng, stepShade } from './map-image.js';
import { mapRequest } from './map-output.js';
import { OUTCOME_COLORS, rgbOf } from './palette.js';

const config = resolveConfig({ sweep: { maxSteps: 3000 } }, []);

describe('basin maps', () => {
  it('every pixel is the trajectory `run` would compute from that initialization', async () => {
    const prepared = await prepareSweep(config, process.cwd());
    const { request } = mapRequest(prepared, { eta: 0.95, size: 20, range: [-2.5, 2.5, -2, 3] });
    const map = await computeMap(prepared, request, { workers: 2 });
    const problem = buildProblem(prepared.setup.problem);
    const runner = new TrajectoryRunner(problem, { ...prepared.setup.trajectory, sharpness: false });
    const setup = { ...prepared.setup, plane: request.plane };
    const theta = new Float64Array(2);
    for (let q = 0; q < 400; q++) {
      initializationOf(setup, problem.layout, q, theta);
      const [x, y] = planeCoordinates(request.plane, q);
      expect(Array.from(theta)).toEqual([x, y]);
      const r = runner.run(0.95, theta);
      expect([map.outcome[q], map.steps[q]]).toEqual([r.outcome, r.steps]);
    }
    expect(map.xs[0]).toBeCloseTo(-2.5 + 5 / 40, 12);
    expect(map.ys[19]).toBeCloseTo(3 - 5 / 40, 12);
  });

  it('above η_c no pixel converges; below, the stable region around w₁w₂ = 1 does', async () => {
    const prepared = await prepareSweep(config, process.cwd());
    const above = await computeMap(prepared, mapRequest(prepared, { eta: 1.05, size: 24 }).request, { workers: 2 });
    expect(above.outcome.filter((o) => o === OUTCOME_CODE.converged).length).toBe(0);
    const below = await computeMap(prepared, mapRequest(prepared, { eta: 0.9, size: 24 }).request, { workers: 2 });
    // the balanced minimizer (1, 1) sits in the pixel at x, y ≈ 1.125
    const i = 16;
    expect(below.xs[i]).toBeCloseTo(1.125, 12);
    expect(below.outcome[i + i * 24]).toBe(OUTCOME_CODE.converged);
  });

  it('the (η, scale) map runs column i at η_i from θ₀ = s_j·d', async () => {
    const prepared = await prepareSweep(config, process.cwd());
    const { request } = mapRequest(prepared, {
      etaRange: [0.5, 1.5],
      size: 10,
      direction: { kind: 'values', values: [1, 1] },
    });
    const map = await computeMap(prepared, request, { workers: 1 });
    const problem = buildProblem(prepared.setup.problem);
    const runner = new TrajectoryRunner(problem, { ...prepared.setup.trajectory, sharpness: false });
    for (const [i, j] of [
      [0, 0],
      [3, 7],
      [9, 9],
      [6, 2],
    ]) {
      const s = map.ys[j];
      const r = runner.run(map.etas[i], Float64Array.of(s / Math.SQRT2, s / Math.SQRT2));
      expect([map.outcome[i + 10 * j], map.steps[i + 10 * j]]).toEqual([r.outcome, r.steps]);
    }
    expect(map.etas[0]).toBeCloseTo(0.55, 12);
    // on the balanced line GD converges below η_c = 1 for small scales and never above it
    expect(map.outcome[0]).toBe(OUTCOME_CODE.converged);
    expect(map.outcome[9]).not.toBe(OUTCOME_CODE.converged);
  });

  it('rejects bad requests before any work', async () => {
    const prepared = await prepareSweep(config, process.cwd());
    expect(() => mapRequest(prepared, {})).toThrow(/--eta/);
    expect(() => mapRequest(prepared, { eta: 1, etaRange: [0.5, 1] })).toThrow(/not both/);
    expect(() => mapRequest(prepared, { eta: 1, coords: [0, 5] })).toThrow(/--coords/);
    expect(() => mapRequest(prepared, { eta: 1, center: { kind: 'values', values: [1] } })).toThrow(/2 numbers/);
    const { request } = mapRequest(prepared, { eta: 1, size: 3 });
    expect(() => mapPlan(prepared, { ...request, width: 0 })).toThrow(/width/);
  });
});

describe('map.png', () => {
  const plane: InitPlane = { center: [0, 0], u: [1, 0], v: [0, 1], x: [0, 1], y: [0, 1], width: 3, height: 2 };
  const map: BasinMap = {
    kind: 'plane',
    width: 3,
    height: 2,
    xs: Float64Array.of(0, 1, 2),
    ys: Float64Array.of(0, 1),
    xRange: [0, 1],
    yRange: [0, 1],
    etas: new Float64Array(3).fill(0.9),
    // bottom row: converged fast, converged slow, diverged; top row: periodic, saddle, unresolved
    outcome: Uint8Array.of(0, 0, 3, 2, 1, 4),
    steps: Int32Array.of(10, 1000, 5, 300, 50, 3000),
    maxSteps: 3000,
    xLabel: 'w₁',
    yLabel: 'w₂',
    plane,
  };

  it('has one pixel per trajectory, top row = largest y, coloured by outcome and paler when slower', () => {
    const png = PNG.sync.read(mapPng(map));
    expect([png.width, png.height]).toEqual([3, 2]);
    const at = (i: number, row: number) => Array.from(png.data.subarray(4 * (row * 3 + i), 4 * (row * 3 + i) + 3));
    expect(at(0, 1)).toEqual(rgbOf(OUTCOME_COLORS.converged));
    expect(at(2, 1)).toEqual(rgbOf(OUTCOME_COLORS.diverged));
    expect(at(0, 0)).toEqual(rgbOf(OUTCOME_COLORS.periodic));
    const slow = at(1, 1);
    const base = rgbOf(OUTCOME_COLORS.converged);
    expect(slow).toEqual(base.map((c) => Math.round(c + (255 - c) * MAX_FADE)));
  });

  it('shades on a log scale within each outcome', () => {
    expect(stepShade(10, 10, 1000)).toBe(0);
    expect(stepShade(1000, 10, 1000)).toBe(1);
    expect(stepShade(5, 5, 5)).toBe(0);
    const mid = stepShade(100, 10, 1000);
    expect(mid).toBeGreaterThan(0.45);
    expect(mid).toBeLessThan(0.55);
  });
});

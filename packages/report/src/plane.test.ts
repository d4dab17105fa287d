import { resolveConfig } from '@eos-sweep/config';
import { makeLayout } from '@eos-sweep/core';
import { initializationOf, planeCoordinates, prepareSweep } from '@eos-sweep/engine';
import { describe, expect, it } from 'vitest';
import { coordinatePlane, parameterName, pixelCentres, randomDirections, randomPlane, scaleLine } from './plane.js';

const dot = (a: readonly number[], b: readonly number[]) => a.reduce((s, x, i) => s + x * b[i], 0);

describe('planes of initializations', () => {
  it('random directions are orthonormal to 12 digits and depend only on the seed', () => {
    for (const p of [2, 3, 17, 120]) {
      for (const seed of [0, 1, 42]) {
        const { u, v } = randomDirections(p, seed);
        expect(Math.abs(dot(u, u) - 1)).toBeLessThan(1e-12);
        expect(Math.abs(dot(v, v) - 1)).toBeLessThan(1e-12);
        expect(Math.abs(dot(u, v))).toBeLessThan(1e-12);
        expect(randomDirections(p, seed)).toEqual({ u, v });
      }
    }
    expect(randomDirections(5, 1).u).not.toEqual(randomDirections(5, 2).u);
  });

  it('a coordinate plane puts x and y into parameters i and j and keeps the rest of the centre', async () => {
    const config = resolveConfig({ model: { depth: 3, hidden: 1 } }, []);
    const prepared = await prepareSweep(config, process.cwd());
    const layout = prepared.problem.layout;
    const center = [0.3, -0.7, 1.1];
    const plane = coordinatePlane(center, 2, 0, { width: 8, height: 4, x: [-1, 1], y: [0, 2] });
    const setup = { ...prepared.setup, plane };
    const theta = new Float64Array(3);
    for (const k of [0, 5, 31]) {
      initializationOf(setup, layout, k, theta);
      const [x, y] = planeCoordinates(plane, k);
      expect(Array.from(theta)).toEqual([y, -0.7, x]);
    }
    expect(() => coordinatePlane(center, 1, 1, plane)).toThrow(/two different/);
    expect(() => coordinatePlane(center, 0, 3, plane)).toThrow(/0\.\.2/);
  });

  it('a random plane passes through its centre at (0, 0)', () => {
    const plane = randomPlane([1, 2, 3], 7, { width: 2, height: 2, x: [-1, 1], y: [-1, 1] });
    const c = plane.center.map((ci, i) => ci + 0 * plane.u[i] + 0 * plane.v[i]);
    expect(c).toEqual([1, 2, 3]);
  });

  it('the scale line is θ₀ = s·d with d normalised, over pixel-centre scales', () => {
    const line = scaleLine([3, 4], [0, 2], 4);
    expect(line.v).toEqual([0.6, 0.8]);
    expect(line.width).toBe(1);
    expect(Array.from(pixelCentres(0, 2, 4))).toEqual([0.25, 0.75, 1.25, 1.75]);
    expect(planeCoordinates(line, 2)[1]).toBe(1.25);
    expect(() => scaleLine([0, 0], [0, 1], 3)).toThrow(/non-zero/);
  });

  it('names parameters as in docs/theory.md', () => {
    expect([0, 1].map((i) => parameterName(makeLayout([1, 1, 1]), i))).toEqual(['w₁', 'w₂']);
    const layout = makeLayout([2, 3, 1]);
    expect(parameterName(layout, 0)).toBe('W₁[1,1]');
    expect(parameterName(layout, 5)).toBe('W₁[3,2]');
    expect(parameterName(layout, 6)).toBe('W₂[1,1]');
  });
});

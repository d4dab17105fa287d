import { describe, expect, it } from 'vitest';
import { EngineError } from './errors.js';
import { etaGrid } from './grid.js';

describe('etaGrid', () => {
  it('linear: count points from `from` to `to`, equally spaced', () => {
    const grid = etaGrid({ from: 0.5, to: 1.5, count: 21, spacing: 'linear' }, false, 1);
    expect(grid).toHaveLength(21);
    expect(grid[0]).toBe(0.5);
    expect(grid[20]).toBe(1.5);
    const step = (1.5 - 0.5) / 20;
    for (let i = 1; i < grid.length; i++) expect(grid[i] - grid[i - 1]).toBeCloseTo(step, 14);
  });

  it('log: geometric, every ratio of neighbours equal', () => {
    const grid = etaGrid({ from: 0.01, to: 10, count: 7, spacing: 'log' }, false, null);
    expect(grid).toHaveLength(7);
    expect(grid[0]).toBeCloseTo(0.01, 15);
    expect(grid[6]).toBeCloseTo(10, 12);
    const ratio = (10 / 0.01) ** (1 / 6);
    for (let i = 1; i < grid.length; i++) expect(grid[i] / grid[i - 1]).toBeCloseTo(ratio, 12);
  });

  it('a single point is `from`, for both spacings', () => {
    expect(etaGrid({ from: 0.7, to: 0.7, count: 1, spacing: 'linear' }, false, null)).toEqual([0.7]);
    expect(etaGrid({ from: 0.7, to: 2, count: 1, spacing: 'log' }, false, null)).toEqual([0.7]);
  });

  it('values: exactly the list, in the given order, and a copy of it', () => {
    const values = [1.3, 0.5, 0.99];
    const grid = etaGrid({ values }, false, 2);
    expect(grid).toEqual([1.3, 0.5, 0.99]);
    grid[0] = 42;
    expect(values[0]).toBe(1.3);
  });

  it('relative: every point scaled by η_c', () => {
    const etaCritical = 0.4;
    const ratios = etaGrid({ from: 0.5, to: 1.5, count: 5, spacing: 'linear' }, false, null);
    const grid = etaGrid({ from: 0.5, to: 1.5, count: 5, spacing: 'linear' }, true, etaCritical);
    expect(grid).toHaveLength(5);
    for (const [i, eta] of grid.entries()) expect(eta).toBeCloseTo(ratios[i] * etaCritical, 15);
    expect(etaGrid({ values: [0.5, 2] }, true, 3)).toEqual([1.5, 6]);
  });

  it('relative with η_c null is a CONFIG_INVALID EngineError naming sweep.relative', () => {
    let caught: unknown;
    try {
      etaGrid({ values: [0.5, 1] }, true, null);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(EngineError);
    expect((caught as EngineError).code).toBe('CONFIG_INVALID');
    expect((caught as Error).message).toMatch(/sweep\.relative/);
    // without `relative` a missing η_c does not matter
    expect(etaGrid({ values: [0.5, 1] }, false, null)).toEqual([0.5, 1]);
  });
});

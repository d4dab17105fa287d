import { describe, expect, it } from 'vitest';
import { logLogFit, studentT975 } from './log-log-fit.js';

describe('log-log fit', () => {
  it('recovers an exact power law with a zero-width interval', () => {
    const xs = [1, 2, 4, 8, 16];
    const f = logLogFit(
      xs,
      xs.map((x) => 3 * x ** -1.3),
    );
    expect(f.slope).toBeCloseTo(-1.3, 12);
    expect(f.intercept).toBeCloseTo(Math.log(3), 12);
    expect(f.slopeCi[1] - f.slopeCi[0]).toBeLessThan(1e-9);
  });

  it('gives the textbook interval for noisy points', () => {
    // log y = 0, 1, 1, 2 at log x = 0…3: slope 0.6, s = √(0.2/2·… ) by hand
    const xs = [0, 1, 2, 3].map(Math.exp);
    const ys = [0, 1, 1, 2].map(Math.exp);
    const f = logLogFit(xs, ys);
    expect(f.slope).toBeCloseTo(0.6, 12);
    const sse = [0, 1, 1, 2].reduce((s, y, x) => s + (y - (0.1 + 0.6 * x)) ** 2, 0);
    const half = studentT975(2) * Math.sqrt(sse / 2 / 5);
    expect(f.slopeCi[0]).toBeCloseTo(0.6 - half, 12);
    expect(f.slopeCi[1]).toBeCloseTo(0.6 + half, 12);
  });

  it('skips points that have no logarithm', () => {
    const f = logLogFit([1, 2, 4], [0, 2, 4]);
    expect(f.logX).toHaveLength(2);
    expect(f.slope).toBeCloseTo(1, 12);
  });
});

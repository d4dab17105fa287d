import { describe, expect, it } from 'vitest';
import { wilsonInterval, zeroSuccessUpperBound } from './stats.js';

describe('wilsonInterval', () => {
  it('matches the closed form and contains p̂', () => {
    const z = 1.959963984540054;
    for (const [k, n] of [
      [3, 10],
      [50, 100],
      [1, 1000],
      [999, 1000],
    ]) {
      const [low, high] = wilsonInterval(k, n);
      const p = k / n;
      // the Wilson bounds are the roots of (p̂ − q)² = z² q(1 − q)/n
      for (const q of [low, high]) expect((p - q) ** 2).toBeCloseTo((z * z * q * (1 - q)) / n, 12);
      expect(low).toBeLessThanOrEqual(p);
      expect(high).toBeGreaterThanOrEqual(p);
    }
  });

  it('is exactly 0 below at k = 0 and exactly 1 above at k = n', () => {
    expect(wilsonInterval(0, 300)[0]).toBe(0);
    expect(wilsonInterval(300, 300)[1]).toBe(1);
    // at k = 0 the upper bound is z²/(n + z²)
    const z2 = 1.959963984540054 ** 2;
    expect(wilsonInterval(0, 300)[1]).toBeCloseTo(z2 / (300 + z2), 14);
  });
});

describe('zeroSuccessUpperBound', () => {
  it('is the exact Clopper–Pearson bound: (1 − u)^n = 0.05', () => {
    for (const n of [1, 10, 1000, 100000]) expect((1 - zeroSuccessUpperBound(n)) ** n).toBeCloseTo(0.05, 10);
    // the rule of three
    expect(zeroSuccessUpperBound(1e5) * 1e5).toBeCloseTo(3, 1);
  });
});

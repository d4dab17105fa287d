import { describe, expect, it } from 'vitest';
import { Rng } from './rng.js';
import { scalarStableNormBound } from './stable-norm-bound.js';

/** λ_max at the scalar minimizer w (product c): a c² Σ 1/w_i². */
const lambdaMax = (w: number[], a: number, c: number) => a * c * c * w.reduce((s, x) => s + 1 / (x * x), 0);
const norm = (w: number[]) => Math.hypot(...w);

describe('the largest stable minimizer of a scalar network', () => {
  it('is √(2/(ηa)) at depth 2', () => {
    for (const [a, c, eta] of [
      [1, 1, 0.9],
      [2.5, -0.7, 0.3],
    ]) {
      expect(scalarStableNormBound(2, a, c, eta)).toBeCloseTo(Math.sqrt(2 / (eta * a)), 10);
    }
  });

  it('bounds every sampled stable minimizer and is nearly attained (depths 3 and 4)', () => {
    const rng = new Rng(11, 0);
    for (const depth of [3, 4]) {
      const a = 1.3;
      const c = 0.8;
      const etaC = 2 / (depth * a * Math.abs(c) ** ((2 * (depth - 1)) / depth));
      for (const ratio of [0.3, 0.9]) {
        const eta = ratio * etaC;
        const bound = scalarStableNormBound(depth, a, c, eta);
        let largest = 0;
        for (let s = 0; s < 200_000; s++) {
          const w = Array.from({ length: depth - 1 }, () => Math.exp(6 * (rng.nextDouble() - 0.5)));
          w.push(c / w.reduce((p, x) => p * x, 1));
          if (eta * lambdaMax(w, a, c) <= 2) largest = Math.max(largest, norm(w));
        }
        expect(largest).toBeLessThanOrEqual(bound * (1 + 1e-12));
        expect(largest).toBeGreaterThan(0.97 * bound);
      }
    }
  });

  it('has no stable minimizer above η_c', () => {
    const etaC = 2 / (3 * 1 * 1);
    expect(scalarStableNormBound(3, 1, 1, 0.999 * etaC)).toBeGreaterThan(Math.sqrt(3));
    expect(scalarStableNormBound(3, 1, 1, 1.001 * etaC)).toBeNaN();
  });
});

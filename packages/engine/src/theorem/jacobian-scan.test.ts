import { describe, expect, it } from 'vitest';
import type { SweepSetup } from '../worker-setup.js';
import { jacobianScan } from './jacobian-scan.js';

/** The two-layer scalar network on x = y = 1, from θ₀ = (w₁, w₂) (a one-pixel plane). */
function setup(w1: number, w2: number): SweepSetup {
  return {
    problem: {
      dims: [1, 1, 1],
      stats: { dIn: 1, dOut: 1, sigma: Float64Array.of(1), cross: Float64Array.of(1), c0: 0.5 },
    },
    init: { kind: 'gaussian', std: 1 },
    seed: 1,
    trajectory: {} as SweepSetup['trajectory'],
    etas: [],
    plane: { center: [w1, w2], u: [0, 0], v: [0, 0], x: [0, 1], y: [0, 1], width: 1, height: 1 },
  };
}

/**
 * The same scan by hand: L = ½(w₁w₂ − 1)², ∇²L = [[w₂², 2w₁w₂ − 1], [2w₁w₂ − 1, w₁²]],
 * det(I − ηH) = (1 − ηw₂²)(1 − ηw₁²) − η²(2w₁w₂ − 1)².
 */
function byHand(w1: number, w2: number, eta: number, steps: number, nearZero: number) {
  const dets: number[] = [];
  let near = 0;
  for (let t = 0; t <= steps; t++) {
    const a = w2 * w2;
    const d = w1 * w1;
    const b = 2 * w1 * w2 - 1;
    const det = (1 - eta * a) * (1 - eta * d) - eta * eta * b * b;
    const mean = (a + d) / 2;
    const r = Math.sqrt(((a - d) / 2) ** 2 + b * b);
    const scales = (1 + eta * Math.abs(mean + r)) * (1 + eta * Math.abs(mean - r));
    if (Math.abs(det) / scales <= nearZero) near++;
    dets.push(det);
    const r0 = w1 * w2 - 1;
    [w1, w2] = [w1 - eta * r0 * w2, w2 - eta * r0 * w1];
  }
  let changes = 0;
  for (let t = 1; t < dets.length; t++) if (Math.sign(dets[t]) !== Math.sign(dets[t - 1])) changes++;
  return { changes, near };
}

describe('scan of det(I − η∇²L) along a trajectory', () => {
  it('matches the closed form of the two-layer scalar network', () => {
    let changes = 0;
    let near = 0;
    for (const [w1, w2, eta] of [
      [0.1, 2.5, 0.5],
      [1.7, -0.4, 0.9],
      [0.3, 0.2, 0.95],
      [1.2, 0.5, 0.99],
      [0.05, 0.08, 0.3],
    ]) {
      const scan = jacobianScan(setup(w1, w2), eta, 0, { maxSteps: 60, nearZero: 0.1, gradTol: 0 });
      // an exactly zero gradient (w₁w₂ = 1 in floating point) or a non-finite loss ends the scan early
      expect(scan.samples).toBe(scan.stoppedBy === 'diverged' ? scan.steps : scan.steps + 1);
      const hand = byHand(w1, w2, eta, scan.samples - 1, 0.1);
      expect(scan.signChanges.length).toBe(hand.changes);
      expect(scan.nearSingular).toBe(hand.near);
      for (const c of scan.signChanges) expect(Math.abs(c.lambda - 1 / eta)).toBeLessThan(2);
      changes += hand.changes;
      near += hand.near;
    }
    // the cases exercise both counts
    expect(changes).toBeGreaterThan(0);
    expect(near).toBeGreaterThan(0);
  });

  it('stops at a minimizer and when the loss leaves the finite numbers', () => {
    expect(jacobianScan(setup(1, 1), 0.5, 0, { maxSteps: 100 }).stoppedBy).toBe('stationary');
    expect(jacobianScan(setup(30, 30), 0.5, 0, { maxSteps: 100 }).stoppedBy).toBe('diverged');
  });
});

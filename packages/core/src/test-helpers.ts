/** Shared fixtures for the core tests (not exported from the package). */
import type { ClassifyOptions } from './classify.js';
import { dataStats, randomData } from './data.js';
import { makeLayout } from './layout.js';
import { LinearNet, makeProblem } from './linear-net.js';
import { Rng } from './rng.js';

/** A random problem with the given widths d_0..d_N and random parameters. */
export function randomNet(dims: number[], seed: number, n = 7): { net: LinearNet; theta: Float64Array } {
  const data = randomData({ dIn: dims[0], dOut: dims[dims.length - 1], n, whiten: false, noise: 0.3, seed });
  const net = new LinearNet(makeProblem(makeLayout(dims), dataStats(data)));
  const rng = new Rng(seed, 1);
  const theta = new Float64Array(net.problem.layout.paramCount);
  for (let i = 0; i < theta.length; i++) theta[i] = 0.8 * rng.nextNormal();
  return { net, theta };
}

/** Relative error ‖a − b‖∞ / max(1, ‖b‖∞). */
export function relErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let diff = 0;
  let scale = 1;
  for (let i = 0; i < b.length; i++) {
    diff = Math.max(diff, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return diff / scale;
}

/** Classifier options that move every rule's boundary, for the whole-trajectory equivalence tests. */
export const CLASSIFY_VARIANTS: readonly Partial<ClassifyOptions>[] = [
  { periods: [3, 5, 2], periodHold: 30 },
  { periods: [1, 2, 4], periodHold: 20 },
  { periods: [] },
  { paramLimit: Number.POSITIVE_INFINITY, divergeFactor: Number.POSITIVE_INFINITY },
  { periodTol: 1e-4, periodHold: 40, periodAmplitude: 1e-3, holdSteps: 3 },
];

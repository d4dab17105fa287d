/**
 * What a sweep will cost, estimated before anything runs, so that a typo
 * in a width or a grid costs seconds rather than a night (or the machine).
 */
import { totalmem } from 'node:os';
import type { Layout } from '@eos-sweep/core';
import { sharpnessWords } from '@eos-sweep/core';
import { EngineError } from './errors.js';

export interface CostEstimate {
  readonly paramCount: number;
  /** Floating-point operations of one GD step (forward and backward passes). */
  readonly flopsPerStep: number;
  /** Memory one worker needs for its buffers. */
  readonly bytesPerWorker: number;
  readonly bytesTotal: number;
  /** GD steps if every trajectory ran to maxSteps. */
  readonly worstCaseSteps: number;
}

/** Flops of one GD step on the sufficient statistics: prefix products, G = PΣ − C, and the backward pass. */
export function flopsPerStep(layout: Layout): number {
  const d = layout.dims;
  const dIn = d[0];
  let flops = 2 * d[layout.depth] * dIn * dIn; // P Σ
  for (let i = 2; i <= layout.depth; i++) flops += 2 * d[i] * d[i - 1] * dIn; // prefix products
  for (let i = layout.depth; i >= 1; i--) {
    if (i > 1) flops += 2 * d[i] * dIn * d[i - 1] * 2; // gradient and backward product
  }
  return flops + 4 * layout.paramCount; // update and norms
}

export function estimateCost(
  layout: Layout,
  workers: number,
  options: { trajectories: number; etaCount: number; maxSteps: number; periods: readonly number[] },
): CostEstimate {
  const p = layout.paramCount;
  const dIn = layout.dims[0];
  const span = Math.max(1, ...options.periods) + 1;
  // θ, gradient, init, the classifier's ring of `span` states, the passes' buffers, and the
  // sharpness solver
  const passes = 4 * layout.dims.reduce((s, w) => s + w * dIn, 0);
  const bytesPerWorker = 8 * (p * (span + 4) + passes + sharpnessWords(layout)) + 64 * 1024 * 1024; // + V8 isolate overhead
  return {
    paramCount: p,
    flopsPerStep: flopsPerStep(layout),
    bytesPerWorker,
    bytesTotal: workers * bytesPerWorker,
    worstCaseSteps: options.trajectories * options.etaCount * options.maxSteps,
  };
}

const GiB = 1024 ** 3;

/**
 * Memory this process may use: the machine's, or less under a cgroup limit
 * (a Slurm job's --mem, a pod's limits.memory).
 */
function memoryLimit(): number {
  const constrained = process.constrainedMemory?.() ?? 0;
  return constrained > 0 ? Math.min(constrained, totalmem()) : totalmem();
}

/** Refuses a sweep whose buffers would not fit in memory (unless forced). */
export function checkFits(estimate: CostEstimate, force: boolean, available = memoryLimit()): void {
  if (force || estimate.bytesTotal <= 0.8 * available) return;
  throw new EngineError(
    'CONFIG_INVALID',
    `model size: ${estimate.paramCount} parameters need ~${(estimate.bytesTotal / GiB).toFixed(1)} GiB across the workers, ` +
      `more than the ${(available / GiB).toFixed(1)} GiB this process may use allows; reduce model.hidden / model.depth or --workers, or pass --force`,
  );
}

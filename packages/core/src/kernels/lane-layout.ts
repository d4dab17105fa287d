/**
 * The lane kernel's memory (lane-kernel.ts): where each trajectory's state,
 * the classifier's counters and the ring of past states live, and the byte
 * address of one lane vector in it.
 */
import type { ClassifyOptions } from '../classify.js';
import { ringSpan } from './fast-classifier.js';

/**
 * f64x2 vectors per iteration, 2 trajectories each. Measured on workload A
 * (Node 20, x64): 1 vector 1.34e8 steps/s, 2 vectors 1.2–1.3e8, 3 vectors
 * 0.9e8 — V8 has 16 vector registers and the step is bound by instruction
 * throughput, not latency.
 */
export const LANE_VECTORS = 1;

/** Memory layout, in f64 words; lane ℓ of per-lane value X is at X + ℓ, of parameter i at X + i·lanes + ℓ. */
export interface LanesLayout {
  lanes: number;
  theta: number;
  grad: number;
  loss: number;
  lossMin: number;
  eta: number;
  lossLimit: number;
  /** fl(gradLimit²)·(1 ∓ SQUARE_MARGIN) (lane-rules.ts): below, definitely ≤ gradLimit; above, definitely >. */
  gradLimitLow: number;
  gradLimitHigh: number;
  /**
   * FastClassifier's state: the gradient test's hold count at counters + ℓ,
   * period j's hold count at counters + (1 + j)·lanes + ℓ and its window's
   * starting period-1 displacement at counters + (1 + P + j)·lanes + ℓ.
   */
  counters: number;
  /** 1 for a lane without a trajectory (its steps are always quiet), else 0. */
  idle: number;
  /** `prepare`'s sums per lane: ‖∇L‖² at sums, ‖θ‖² at sums + lanes, 1/0 (all |θ_i| ≤ paramLimit) at sums + 2·lanes. */
  sums: number;
  /** Ring of states: slot s, parameter i, lane ℓ at ring + (s·p + i)·lanes + ℓ. */
  ring: number;
  /** ‖θ‖ of each ring state: ringNorm + s·lanes + ℓ. */
  ringNorm: number;
  /**
   * fl((periodTol·(1 + ‖θ‖))²)·(1 + SQUARE_MARGIN) of each ring state (as
   * ringNorm); −1 where the lane's trajectory has not written yet, which
   * makes the period test fail, as FastClassifier skips it for t < k. (The
   * lower margin is computed from ringNorm when needed.)
   */
  ringLimitHigh: number;
  words: number;
}

export function lanesLayout(p: number, options: ClassifyOptions, vectors = LANE_VECTORS): LanesLayout {
  const lanes = 2 * vectors;
  const span = ringSpan(options);
  let top = 0;
  const alloc = (n: number) => {
    const at = top;
    top += n;
    return at;
  };
  return {
    lanes,
    theta: alloc(p * lanes),
    grad: alloc(p * lanes),
    loss: alloc(lanes),
    lossMin: alloc(lanes),
    eta: alloc(lanes),
    lossLimit: alloc(lanes),
    gradLimitLow: alloc(lanes),
    gradLimitHigh: alloc(lanes),
    counters: alloc((1 + 2 * options.periods.length) * lanes),
    idle: alloc(lanes),
    sums: alloc(3 * lanes),
    ring: alloc(span * p * lanes),
    ringNorm: alloc(span * lanes),
    ringLimitHigh: alloc(span * lanes),
    words: top,
  };
}

/** Byte address of parameter i of lane vector u in a per-parameter block at word `base`. */
export function paramAddress(layout: LanesLayout, base: number, i: number, u: number): number {
  return 8 * (base + i * layout.lanes + 2 * u);
}

/** Byte address of lane vector u in a per-lane block at word `base`. */
export function laneAddress(base: number, u: number): number {
  return 8 * (base + 2 * u);
}

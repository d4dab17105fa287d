/**
 * The lane kernel's memory (lane-kernel.ts): where each trajectory's state,
 * the classifier's counters and the ring of past states live, and the byte
 * address of one lane vector in it.
 */
import type { ClassifyOptions } from '../classify.js';
import { decisionHold } from '../classify.js';
import { ringSpan } from './fast-classifier.js';

/**
 * f64x2 vectors per iteration, 2 trajectories each: 2 for networks of at
 * most 4 parameters, else 1. An unchecked step (see `stretchSteps`) of a
 * tiny network is a short chain of dependent operations, so a second vector
 * fills the wait: on the chaotic attractor of scalar depth 4 (η = 0.68,
 * steady state) 1.15e8 steps/s with one vector, 1.88e8 with two. With more
 * parameters the step is bound by instruction throughput and V8's 16 vector
 * registers; on 4×4×4×4 a second vector made whole runs slower.
 */
export function laneVectors(paramCount: number): number {
  return paramCount <= 4 ? 2 : 1;
}

/** The longest stretch (lane-kernel.ts): its last step's tests are made for all of its steps. */
export const STRETCH_LIMIT = 32;

/**
 * Steps in a stretch, or 0 for none: fewer than any period window's
 * decision count (classify.ts `decisionHold`), so that no window opened
 * inside a stretch can be decided before its last step.
 */
export function stretchSteps(options: ClassifyOptions): number {
  const steps = Math.min(STRETCH_LIMIT, ...options.periods.map((k) => decisionHold(k, options.periodHold)));
  return steps >= 2 ? steps : 0;
}

/** Memory layout, in f64 words; lane ℓ of per-lane value X is at X + ℓ, of parameter i at X + i·lanes + ℓ. */
export interface LanesLayout {
  lanes: number;
  /** Steps per stretch (`stretchSteps`). */
  stretch: number;
  /**
   * Slots in the ring: the states the period tests reach back to, and a
   * stretch more, so that a stretch's states never overwrite those its
   * replay reaches back to.
   */
  span: number;
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
  /** A stretch's starting state, to replay it from: entry j of (θ, ∇L, L, L_min) at saved + j·lanes + ℓ. */
  saved: number;
  words: number;
}

export function lanesLayout(p: number, options: ClassifyOptions, vectors = laneVectors(p)): LanesLayout {
  const lanes = 2 * vectors;
  const stretch = stretchSteps(options);
  const span = ringSpan(options) + stretch;
  let top = 0;
  const alloc = (n: number) => {
    const at = top;
    top += n;
    return at;
  };
  return {
    lanes,
    stretch,
    span,
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
    saved: alloc((2 * p + 2) * lanes),
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

/**
 * Classification of one GD trajectory, step by step (docs/theory.md,
 * "Classifying a trajectory"): the first rule that fires wins.
 *
 * 1. diverged   — a non-finite value, loss > divergeFactor·max(L(θ₀), c₀), or any |θ| > paramLimit.
 * 2. converged  — ‖∇L‖ ≤ gradTol·max(1, ‖∇L(θ₀)‖) for holdSteps consecutive steps;
 *                 a global minimizer if L − L* ≤ lossTol·max(1, L*), else a saddle.
 * 3. periodic   — ‖θ_{t+k} − θ_t‖ ≤ periodTol·(1 + ‖θ_t‖) for some k ∈ periods over periodHold
 *                 steps, while period 1 fails.
 * 4. unresolved — none of the above by the step limit.
 *
 * "Period 1 fails" is made quantitative: a trajectory that converges slowly
 * while oscillating (contraction |1 − 2η/η_c| close to 1 just below η_c)
 * passes the period-k test with period-1 steps only slightly above periodTol
 * for hundreds of steps. A genuine orbit has a period-1 displacement of at
 * least periodAmplitude·(1 + ‖θ‖) that does not decay over the hold window;
 * a decaying oscillation is thus never called periodic unless η is within
 * ~1e−4 of the threshold, where its contraction is slower than 0.9999.
 *
 * Each rule is written once, at the end of this file, over an arithmetic
 * that is either plain numbers (kernels/fast-classifier.ts evaluates them)
 * or SIMD lane vectors (kernels/lane-kernel.ts emits them as WebAssembly).
 * How a backend gets the norms it feeds them — exact square roots, or
 * squares with a safety margin — is the backend's; what is compared with
 * what, and what a hold count does, is here.
 */

export const OUTCOMES = ['converged', 'saddle', 'periodic', 'diverged', 'unresolved'] as const;
export type Outcome = (typeof OUTCOMES)[number];
export const OUTCOME_CODE: Readonly<Record<Outcome, number>> = {
  converged: 0,
  saddle: 1,
  periodic: 2,
  diverged: 3,
  unresolved: 4,
};

export interface ClassifyOptions {
  gradTol: number;
  lossTol: number;
  divergeFactor: number;
  paramLimit: number;
  holdSteps: number;
  periods: readonly number[];
  periodTol: number;
  periodHold: number;
  /** Minimum relative period-1 displacement of a periodic orbit (see above). */
  periodAmplitude: number;
}

export const DEFAULT_CLASSIFY: Readonly<ClassifyOptions> = {
  gradTol: 1e-10,
  lossTol: 1e-10,
  divergeFactor: 1e6,
  paramLimit: 1e6,
  holdSteps: 10,
  periods: [2, 4, 8, 16],
  periodTol: 1e-8,
  periodHold: 100,
  periodAmplitude: 1e-4,
};

/** Allowed relative decay of the period-1 displacement over a hold window. */
export const ORBIT_DECAY = 1e-2;

/** What `observe` returns while no rule has fired. */
export const RUNNING = -1;

// ---------------------------------------------------------------- the rules

/**
 * The arithmetic the rules are written in. The JavaScript classifier
 * evaluates them on numbers and booleans (`NUMBERS`); the lane kernel
 * (kernels/lane-kernel.ts) evaluates the same functions on f64x2 lane
 * vectors and lane masks, which emits their WebAssembly. So each rule below
 * is spelled once, and both backends perform its floating-point operations
 * in the same order.
 */
export interface RuleArithmetic<N, B> {
  constant(x: number): N;
  add(a: N, b: N): N;
  mul(a: N, b: N): N;
  abs(a: N): N;
  le(a: N, b: N): B;
  lt(a: N, b: N): B;
  gt(a: N, b: N): B;
  ge(a: N, b: N): B;
  eq(a: N, b: N): B;
  and(a: B, b: B): B;
  /** a and not b */
  andNot(a: B, b: B): B;
  /** a where `mask`, else b */
  select(mask: B, a: N, b: N): N;
}

/** The rules on plain numbers. */
export const NUMBERS: RuleArithmetic<number, boolean> = {
  constant: (x) => x,
  add: (a, b) => a + b,
  mul: (a, b) => a * b,
  abs: (a) => Math.abs(a),
  le: (a, b) => a <= b,
  lt: (a, b) => a < b,
  gt: (a, b) => a > b,
  ge: (a, b) => a >= b,
  eq: (a, b) => a === b,
  and: (a, b) => a && b,
  andNot: (a, b) => a && !b,
  select: (mask, a, b) => (mask ? a : b),
};

/** A trajectory's thresholds, set from θ₀: L > lossLimit diverges, ‖∇L‖ ≤ gradLimit counts towards convergence. */
export function trajectoryLimits(
  options: ClassifyOptions,
  loss0: number,
  gradNorm0: number,
  c0: number,
): { lossLimit: number; gradLimit: number } {
  return {
    lossLimit: options.divergeFactor * Math.max(loss0, c0),
    gradLimit: options.gradTol * Math.max(1, gradNorm0),
  };
}

/**
 * Rule 1, the tests on the whole state: L_t ≤ lossLimit and ‖∇L_t‖ finite
 * (true: rule 1 does not fire on them). `gradNorm` may be the squared norm:
 * one is finite exactly when the other is.
 */
export function bounded<N, B>(o: RuleArithmetic<N, B>, loss: N, lossLimit: N, gradNorm: N): B {
  return o.and(o.le(loss, lossLimit), o.lt(gradNorm, o.constant(Number.POSITIVE_INFINITY)));
}

/** Rule 1, the test on each parameter: |θ_i| ≤ paramLimit. */
export function paramInside<N, B>(o: RuleArithmetic<N, B>, options: ClassifyOptions, x: N): B {
  return o.le(o.abs(x), o.constant(options.paramLimit));
}

/** Rule 2: the gradient test's hold count after a step whose gradient is `below` the limit or not. */
export function gradientHold<N, B>(o: RuleArithmetic<N, B>, below: B, count: N): N {
  return o.select(below, o.add(count, o.constant(1)), o.constant(0));
}

/** Rule 2 fires: the gradient has been below the limit for holdSteps steps (`held`, the count after this one). */
export function gradientFires<N, B>(o: RuleArithmetic<N, B>, options: ClassifyOptions, below: B, held: N): B {
  return o.and(below, o.ge(held, o.constant(options.holdSteps)));
}

/** Rule 2's verdict once it fires: a global minimizer (L − L* ≤ lossTol·max(1, L*)), else a saddle. */
export function convergedOutcome(options: ClassifyOptions, loss: number, lossMin: number): number {
  return loss - lossMin <= options.lossTol * Math.max(1, lossMin) ? OUTCOME_CODE.converged : OUTCOME_CODE.saddle;
}

/** Rule 3's test of period k: ‖θ_t − θ_{t−k}‖ ≤ this, from ‖θ_{t−k}‖. */
export function periodLimit<N, B>(o: RuleArithmetic<N, B>, options: ClassifyOptions, normBack: N): N {
  return o.mul(o.constant(options.periodTol), o.add(o.constant(1), normBack));
}

/**
 * The hold count at which period k's window is decided: the first h ≥
 * periodHold at the orbit phase where the window began, (h − 1) mod k = 0
 * (along a period-k orbit the period-1 step varies with the phase).
 */
export function decisionHold(k: number, periodHold: number): number {
  return 1 + k * Math.max(0, Math.ceil((periodHold - 1) / k));
}

/**
 * Rule 3, period k: with the test passing (`within`) or not and the
 * window's hold count so far, a window opens here (count 0: it records the
 * period-1 displacement as its start) …
 */
export function windowOpens<N, B>(o: RuleArithmetic<N, B>, within: B, count: N): B {
  return o.and(within, o.eq(count, o.constant(0)));
}

/** The window's count if the test passes: one more. */
export function windowHeld<N, B>(o: RuleArithmetic<N, B>, count: N): N {
  return o.add(count, o.constant(1));
}

/** … or is decided here (`held` reaches `decideAt`, see decisionHold). Only then is the displacement needed. */
export function windowDecides<N, B>(o: RuleArithmetic<N, B>, within: B, held: N, decideAt: N): B {
  return o.and(within, o.eq(held, decideAt));
}

/** The window's start after this step: the displacement where it opens, else unchanged. */
export function windowStart<N, B>(o: RuleArithmetic<N, B>, opens: B, step1: N, start: N): N {
  return o.select(opens, step1, start);
}

/** The window's count after this step: `held` while the test passes, 0 when it fails or the window is decided. */
export function windowCount<N, B>(o: RuleArithmetic<N, B>, within: B, decides: B, held: N): N {
  return o.select(o.andNot(within, decides), held, o.constant(0));
}

/**
 * Rule 3 fires: a decided window is an orbit if the period-1 displacement is
 * at least periodAmplitude·(1 + ‖θ_t‖) and has not decayed by more than
 * ORBIT_DECAY since the window's start; otherwise (a decaying oscillation) a
 * fresh window starts.
 */
export function orbitFires<N, B>(
  o: RuleArithmetic<N, B>,
  options: ClassifyOptions,
  decides: B,
  step1: N,
  norm: N,
  start: N,
): B {
  const orbit = o.and(
    o.gt(step1, o.mul(o.constant(options.periodAmplitude), o.add(o.constant(1), norm))),
    o.ge(step1, o.mul(o.constant(1 - ORBIT_DECAY), start)),
  );
  return o.and(decides, orbit);
}

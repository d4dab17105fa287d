/**
 * The classification rules in the lane kernel (lane-kernel.ts): the rules
 * themselves come from classify.ts, evaluated on lane vectors; this file
 * holds how the lanes get the norms the rules compare, and which steps they
 * may take without JavaScript.
 *
 * The norm tests ‖x‖ ≤ ℓ are made on squares, without a square root, with a
 * margin of 2⁻³⁰ relative on either side: s ≤ fl(ℓ²)·(1 − 2⁻³⁰) implies
 * fl(√s) ≤ ℓ, s > fl(ℓ²)·(1 + 2⁻³⁰) implies fl(√s) > ℓ, for ℓ ≥
 * SQUARE_SAFE_MIN (no underflow in ℓ²); rounding moves ℓ² and √s by a few
 * units of 2⁻⁵³. A value inside the margin is not quiet and goes the exact way.
 * Sums of squares skip the reference's leading `0 +`: x² is never −0, so
 * 0 + x² = x².
 */
import type { ClassifyOptions } from '../classify.js';
import {
  bounded,
  decisionHold,
  gradientFires,
  gradientHold,
  orbitFires,
  paramInside,
  periodLimit,
  windowCount,
  windowDecides,
  windowHeld,
  windowOpens,
  windowStart,
} from '../classify.js';
import { EXIT_BLOCK } from './fast-classifier.js';
import type { LanesLayout } from './lane-layout.js';
import { laneAddress, paramAddress } from './lane-layout.js';
import type { LaneValues } from './lane-values.js';
import { laneArithmetic } from './lane-values.js';
import { OP, SIMD } from './wasm-assembler.js';

/** Relative margin of the squared norm tests (see above). */
export const SQUARE_MARGIN = 2 ** -30;
/** Limits below this keep their lane out of `run` (ℓ² could underflow). */
export const SQUARE_SAFE_MIN = 1e-140;

/** (x₀² + x₁²) + … — norm2's order (see above for its leading 0). */
function emitSumSquares(v: LaneValues, xs: readonly number[]): number {
  let s = -1;
  for (const x of xs) {
    const sq = v.bin(SIMD.mul, x, x);
    s = s < 0 ? sq : v.bin(SIMD.add, s, sq);
  }
  return s;
}

/** ‖θ − ring state‖² for the state at byte address local `row` (FastClassifier's distance, squared). */
function emitDistanceSquared(
  v: LaneValues,
  theta: readonly number[],
  row: number,
  offsetOf: (i: number) => number,
): number {
  return emitSumSquares(
    v,
    theta.map((x, i) => v.bin(SIMD.sub, x, v.load(row, offsetOf(i)))),
  );
}

/**
 * The period test's distance and whether it is definitely outside the
 * limit (squared, upper margin `high`), summing only until every lane is
 * outside: the terms are ≥ 0, so a partial sum above the limit stays above
 * (FastClassifier stops early the same way). A lane that is not outside has
 * the complete sum.
 */
function emitPeriodDistance(
  v: LaneValues,
  theta: readonly number[],
  row: number,
  offsetOf: (i: number) => number,
  high: number,
): { dist: number; outside: number } {
  const dist = v.local('distance');
  const outside = v.local('outside');
  const { code } = v;
  code.op(OP.block, 0x40);
  let sum = -1;
  theta.forEach((x, i) => {
    const d = v.bin(SIMD.sub, x, v.load(row, offsetOf(i)));
    const sq = v.bin(SIMD.mul, d, d);
    sum = sum < 0 ? sq : v.bin(SIMD.add, sum, sq);
    const last = i === theta.length - 1;
    if (last || (i + 1) % EXIT_BLOCK === 0) {
      v.assign(dist, sum);
      v.assign(outside, v.bin(SIMD.gt, sum, high));
      if (!last) v.push(outside).code.simd(SIMD.allTrueI64).op(OP.brIf, 0);
    }
  });
  code.op(OP.end);
  return { dist, outside };
}

/** The per-parameter pass of a step on one vector: sums, and the state's norm and squared period limit (rule 3's, for the states after it). */
export function emitPass(v: LaneValues, options: ClassifyOptions, theta: readonly number[], grad: readonly number[]) {
  const gg = emitSumSquares(v, grad);
  const sq = emitSumSquares(v, theta);
  const norm = v.un(SIMD.sqrt, sq, 'norm');
  const limit = periodLimit(laneArithmetic(v), options, norm);
  const high = v.bin(SIMD.mul, v.bin(SIMD.mul, limit, limit), v.splat(1 + SQUARE_MARGIN));
  return { gg, sq, norm, high };
}

/** Every |θ_i| ≤ paramLimit (rule 1's parameter test, exactly). */
export function emitInside(v: LaneValues, options: ClassifyOptions, theta: readonly number[]): number {
  const o = laneArithmetic(v);
  let inside = -1;
  for (const x of theta) {
    const ok = paramInside(o, options, x);
    inside = inside < 0 ? ok : v.bin(SIMD.and, inside, ok);
  }
  return inside;
}

/**
 * ‖θ‖² at most this means every |θ_i| ≤ paramLimit (θ_i² ≤ ‖θ‖², and the
 * margin covers rounding): the common step skips the per-parameter test.
 * −1 (never) where the square is unsafe; the largest double where it
 * overflows (an infinite ‖θ‖² must take the exact test).
 */
function paramLimitSquare(paramLimit: number): number {
  if (!(paramLimit >= SQUARE_SAFE_MIN)) return -1;
  const square = paramLimit * paramLimit;
  return Number.isFinite(square) ? square * (1 - SQUARE_MARGIN) : Number.MAX_VALUE;
}

/** fl((periodTol·(1 + norm))²)·(1 − SQUARE_MARGIN), or +0 if the square overflows (no safe margin: only s = 0 is below). */
function emitLimitLow(v: LaneValues, options: ClassifyOptions, norm: number): number {
  const limit = periodLimit(laneArithmetic(v), options, norm);
  const square = v.bin(SIMD.mul, limit, limit);
  return v.bin(
    SIMD.and,
    v.bin(SIMD.lt, square, v.splat(Number.POSITIVE_INFINITY)),
    v.bin(SIMD.mul, square, v.splat(1 - SQUARE_MARGIN)),
  );
}

/**
 * The tests on the state alone, lane vector u: rule 1's on the whole state
 * (`whole`), ‖∇L‖ surely above gradLimit (`gradAbove`), and `clear`: both,
 * with ‖θ‖² small enough for every |θ_i| to be within the limit — rules 1
 * and 2 surely do not fire and the gradient's hold count is 0 after the step.
 */
export function emitStateTests(
  v: LaneValues,
  options: ClassifyOptions,
  layout: LanesLayout,
  u: number,
  loss: number,
  pass: ReturnType<typeof emitPass>,
): { whole: number; gradAbove: number; clear: number } {
  const whole = bounded(laneArithmetic(v), loss, v.load(null, laneAddress(layout.lossLimit, u)), pass.gg);
  const fine = v.bin(SIMD.and, whole, v.bin(SIMD.le, pass.sq, v.splat(paramLimitSquare(options.paramLimit))));
  const gradAbove = v.bin(SIMD.gt, pass.gg, v.load(null, laneAddress(layout.gradLimitHigh, u)), 'gradAbove');
  return { whole, gradAbove, clear: v.bin(SIMD.and, fine, gradAbove) };
}

/** One lane vector's loop-carried state in `run`. */
export interface LaneState {
  readonly theta: readonly number[];
  readonly grad: readonly number[];
  readonly loss: number;
  readonly lossMin: number;
  /** The period-1 displacement ‖θ_t − θ_{t−1}‖, when a window needs it. */
  readonly step1: number;
}

/** i32 locals holding the byte addresses of the ring states θ_t is compared with. */
export interface RingAddresses {
  /** Ring slot t − 1. */
  readonly previousRow: number;
  /** Per period k_j: ring slot t − k_j, and its entry in the per-slot blocks (relative). */
  readonly backRow: readonly number[];
  readonly backNorm: readonly number[];
}

/** What every step tests, for one lane vector. */
export interface StepTests {
  readonly pass: ReturnType<typeof emitPass>;
  /** Rule 1's tests on the whole state pass (L ≤ lossLimit, ‖∇L‖ finite). */
  readonly whole: number;
  /** ‖∇L‖ surely above gradLimit. */
  readonly gradAbove: number;
  readonly periodTests: readonly { dist: number; outside: number }[];
  /** The lane has no trajectory. */
  readonly idle: number;
  /**
   * No rule is near: rule 1 surely passes (‖θ‖² small enough for every
   * |θ_i| to be within the limit), the gradient is above its limit, every
   * period test fails; or the lane is idle.
   */
  readonly plain: number;
}

/** The tests of every step on lane vector u: the pass over θ_t and ∇L_t, rule 1, the gradient and period tests. */
export function emitStepTests(
  v: LaneValues,
  options: ClassifyOptions,
  layout: LanesLayout,
  u: number,
  s: LaneState,
  ring: RingAddresses,
): StepTests {
  const pass = emitPass(v, options, s.theta, s.grad);
  const { whole, gradAbove, clear } = emitStateTests(v, options, layout, u, s.loss, pass);
  let plain = clear;
  const periodTests = ring.backRow.map((row, j) => {
    const high = v.load(ring.backNorm[j], laneAddress(layout.ringLimitHigh, u));
    const test = emitPeriodDistance(v, s.theta, row, (i) => paramAddress(layout, layout.ring, i, u), high);
    plain = v.bin(SIMD.and, plain, test.outside);
    return test;
  });
  const idle = v.bin(SIMD.gt, v.load(null, laneAddress(layout.idle, u)), v.splat(0), 'idle');
  plain = v.bin(SIMD.or, plain, idle, 'plain');
  return { pass, whole, gradAbove, periodTests, idle, plain };
}

/**
 * Every rule in full, every lane vector, for a step that is not plain: the
 * classifier's counters after the step (to store if no lane stops) and
 * whether some lane must stop — a rule fires, or a squared test is too
 * close to call.
 */
export function emitRulesInFull(
  v: LaneValues,
  options: ClassifyOptions,
  layout: LanesLayout,
  state: readonly LaneState[],
  tests: readonly StepTests[],
  ring: RingAddresses,
): { anyStop: number; counters: number[][] } {
  const o = laneArithmetic(v);
  const P = ring.backRow.length;
  const decideAt = options.periods.map((k) => v.splat(decisionHold(k, options.periodHold)));
  const counterAddress = (q: number, u: number) => paramAddress(layout, layout.counters, q, u);
  const loaded = state.map((_, u) => Array.from({ length: 1 + 2 * P }, (_, q) => v.load(null, counterAddress(q, u))));
  let needStep1 = -1;
  const firstHalf = state.map((s, u) => {
    const { pass, whole, gradAbove, periodTests } = tests[u];
    const counters = loaded[u];
    // rule 1, with the exact parameter test
    let stop = v.un(SIMD.not, v.bin(SIMD.and, whole, emitInside(v, options, s.theta)));
    // rule 2, with ‖∇L‖ ≤ gradLimit decided on squares (unsure: stop)
    const gradBelow = v.bin(SIMD.le, pass.gg, v.load(null, laneAddress(layout.gradLimitLow, u)), 'gradBelow');
    const gradHold = gradientHold(o, gradBelow, counters[0]);
    const gradUnsure = v.un(SIMD.not, v.bin(SIMD.or, gradBelow, gradAbove));
    stop = v.bin(SIMD.or, stop, v.bin(SIMD.or, gradientFires(o, options, gradBelow, gradHold), gradUnsure));
    // rule 3, per period, with the test decided on squares (unsure: stop; a slot not yet written is outside)
    const windows = periodTests.map(({ dist, outside }, j) => {
      const low = emitLimitLow(v, options, v.load(ring.backNorm[j], laneAddress(layout.ringNorm, u)));
      const within = v.bin(SIMD.andNot, v.bin(SIMD.le, dist, low), outside, `within${j}`);
      stop = v.bin(SIMD.or, stop, v.un(SIMD.not, v.bin(SIMD.or, within, outside)));
      const opens = windowOpens(o, within, counters[1 + j]);
      const held = windowHeld(o, counters[1 + j]);
      const decides = windowDecides(o, within, held, decideAt[j]);
      const need = v.bin(SIMD.or, opens, decides);
      needStep1 = needStep1 < 0 ? need : v.bin(SIMD.or, needStep1, need);
      return { within, held, opens, decides };
    });
    return { gradHold, windows, stop };
  });
  // the period-1 displacement, only when some window opens or is decided
  if (needStep1 >= 0) {
    v.push(needStep1).code.simd(SIMD.anyTrue).op(OP.if, 0x40);
    state.forEach((s, u) => {
      const dist = emitDistanceSquared(v, s.theta, ring.previousRow, (i) => paramAddress(layout, layout.ring, i, u));
      v.assign(s.step1, v.un(SIMD.sqrt, dist));
    });
    v.code.op(OP.end);
  }
  let anyStop = -1;
  const counters = state.map((s, u) => {
    const { gradHold, windows } = firstHalf[u];
    let stop = firstHalf[u].stop;
    const holds: number[] = [];
    const starts: number[] = [];
    windows.forEach(({ within, held, opens, decides }, j) => {
      const start = windowStart(o, opens, s.step1, loaded[u][1 + P + j]);
      stop = v.bin(SIMD.or, stop, orbitFires(o, options, decides, s.step1, tests[u].pass.norm, start));
      holds.push(windowCount(o, within, decides, held));
      starts.push(start);
    });
    stop = v.bin(SIMD.andNot, stop, tests[u].idle);
    anyStop = anyStop < 0 ? stop : v.bin(SIMD.or, anyStop, stop, 'anyStop');
    return [gradHold, ...holds, ...starts];
  });
  return { anyStop, counters };
}

/**
 * The classifier of the GD loop: the rules of classify.ts evaluated on
 * numbers, one state at a time, with as little work per step as possible —
 * for small networks the check costs more than the gradient itself. It makes
 * exactly the decisions of the rules as first written, which the tests keep
 * (testing/reference-classifier.ts) and compare with it step by step
 * (fast-classifier.test.ts).
 *
 * What differs, and why it cannot change a decision:
 *
 * - No `%` and no `TypedArray.set` per step: the ring slot advances by one
 *   and wraps, θ is copied into the ring in the divergence loop it is read in
 *   anyway. A state stored before a `diverged`/`converged` return is never
 *   read: the next read follows `reset`, which restarts the ring.
 * - ‖θ_t − θ_{t−k}‖ is summed in the same order as the reference, but the
 *   sum stops as soon as its square root already exceeds the tolerance: the
 *   terms are ≥ 0, IEEE addition and the correctly rounded square root are
 *   monotone, so the complete sum would exceed it too (the test fails either
 *   way).
 * - The period-1 displacement, which the reference computes every step, is
 *   computed (identically) only on the steps where a window opens or is
 *   decided — the only ones where it is used (`windowStart`, `orbitFires`).
 * - A period test is passed without summing its distance when a running
 *   bound proves the sum would pass (`STEP_MARGIN` below). Along a GD
 *   trajectory — `observeAndStep` or `decide` calls that each observe the
 *   state the previous one stepped to — θ_{s+1} = fl(θ_s − fl(η·g_s)), and
 *   ‖θ_t − θ_{t−k}‖ ≤ Σ_{s=t−k}^{t−1} ‖θ_{s+1} − θ_s‖. With u = 2⁻⁵³, σ =
 *   2⁻¹⁰⁷⁴ (rounding to nearest: a product errs by ≤ u relative plus ≤ σ/2,
 *   a sum or difference by ≤ u relative, a square root by ≤ u relative), p
 *   parameters and c = √(p·σ/2) ≤ 2⁻⁵²⁴ (p ≤ 2²⁶):
 *     1. a computed norm n̂ = fl(√Σfl(v_i²)) of v bounds it: ‖v‖ ≤ ρ·(n̂ + c),
 *        ρ = (1 − u)^−(p/2+1) (each fl(v_i²) ≥ v_i²(1 − u) − σ/2, each
 *        addition of terms ≥ 0 loses ≤ u relative);
 *     2. one step: |θ_{s+1,i} − θ_{s,i}| ≤ |fl(η·g_i)| + u/(1 − u)·|θ_{s+1,i}|,
 *        so by 1. ‖θ_{s+1} − θ_s‖ ≤ (1 + u)·ρ·b_s with
 *        b_s = |η|·ĝ_s + 2⁻⁵²·n̂_{s+1} + TINY·(|η| + 2), TINY = 2⁻⁵²⁰ ≥ c
 *        (ĝ_s the computed ‖∇L‖ the step was taken with, n̂_{s+1} the
 *        computed ‖θ_{s+1}‖, both already known);
 *     3. the test's computed distance (fl of differences, squares, a sum
 *        and a root, in any order) is D̂ ≤ (1 + u)^(p/2+2)·D + 2c for the
 *        exact distance D; `within`'s early exits only see partial sums,
 *        which are ≤ the whole (monotone rounding), so it returns D̂ ≤ limit;
 *     4. the bound is computed in floating point: B̂ = fl(fl(Σ b̂_s)·(1 +
 *        2⁻²⁰)), each b̂_s ≥ b_s·(1 − u)³ − σ and the sum of k terms loses
 *        ≤ (1 − u)^k; every b_s ≥ 2·TINY absorbs the additive terms.
 *   Together D̂ ≤ B̂·(1 + (p + k + 10)·u·(1 + 2⁻²⁰))/(1 + 2⁻²⁰) ≤ B̂ for
 *   p + k ≤ 2²⁶, so B̂ ≤ limit implies the test passes. The shortcut is
 *   taken only when B̂ and the limit are ≤ 2⁵⁰⁰ (no step of 3. overflows;
 *   a NaN or ∞ fails the comparison and the distance is summed), and
 *   only over steps this classifier saw taken: an outcome, `observe`,
 *   `restore`, `advance` (steps made elsewhere) and `reset` break the
 *   chain, and tests reaching back past the break are summed again.
 *
 * `supportsFastClassifier` lists the options it handles (periods that are
 * integers ≥ 1, which the configuration guarantees); others are refused.
 */
import type { ClassifyOptions } from '../classify.js';
import {
  bounded,
  convergedOutcome,
  decisionHold,
  gradientFires,
  gradientHold,
  NUMBERS,
  OUTCOME_CODE,
  orbitFires,
  paramInside,
  periodLimit,
  RUNNING,
  trajectoryLimits,
  windowCount,
  windowDecides,
  windowHeld,
  windowOpens,
  windowStart,
} from '../classify.js';

/** Sum this many squared differences between early-exit checks. */
export const EXIT_BLOCK = 8;

/** The running bound's relative safety margin, and its additive floor per step (see the header). */
const STEP_MARGIN = 1 + 2 ** -20;
const STEP_TINY = 2 ** -520;
/** Bounds and limits above this are not used (no sum of squares under them can overflow). */
const BOUND_MAX = 2 ** 500;
/** The margin covers p + max(periods) ≤ this. */
const BOUND_MAX_TERMS = 2 ** 26;

export function supportsFastClassifier(options: ClassifyOptions): boolean {
  return options.periods.every((k) => Number.isInteger(k) && k >= 1);
}

/** States kept in the ring: the largest period + 1 (as TrajectoryClassifier). */
export function ringSpan(options: ClassifyOptions): number {
  return Math.max(1, ...options.periods) + 1;
}

/**
 * Where the ring of past states lives when someone else owns it: state s,
 * parameter i at `values[offset + s·slotStride + i·paramStride]`, its norm at
 * `norms[normOffset + s·normStride]`. The lane runner (lanes.ts) keeps the
 * rings of several trajectories interleaved in WebAssembly memory, so that
 * one SIMD load reads the same entry of neighbouring trajectories.
 */
export interface RingView {
  values: Float64Array;
  norms: Float64Array;
  offset: number;
  paramStride: number;
  slotStride: number;
  normOffset: number;
  normStride: number;
}

export class FastClassifier {
  private readonly p: number;
  private readonly span: number;
  private readonly periods: Int32Array;
  private readonly ring: Float64Array;
  private readonly ringNorm: Float64Array;
  private readonly ringOffset: number;
  private readonly paramStride: number;
  private readonly slotStride: number;
  private readonly normOffset: number;
  private readonly normStride: number;
  private readonly holdCount: Int32Array;
  private readonly holdStartStep: Float64Array;
  /** Per period, the hold count at which its window is decided. */
  private readonly decideAt: Int32Array;
  private readonly options: ClassifyOptions;
  private t = 0;
  private slot = 0;
  /** The current trajectory's thresholds (set by `reset`): ‖∇L‖ ≤ gradLimit counts towards convergence, L > lossLimit diverges. */
  gradLimit = 0;
  lossLimit = 0;
  private lossMin = 0;
  private gradHold = 0;
  /** Period of the last periodic outcome. */
  period = 0;
  /** ‖∇L‖ computed by the last `observeAndStep`. */
  gradNorm = 0;
  /** The ring slot the last `observeAndStep` wrote. */
  private lastSlot = 0;
  /** Whether p and the periods are small enough for the running bound's margin. */
  private readonly bounds: boolean;
  /** Per ring slot s, b for the step from the state in slot s − 1 to the one in s (see the header). */
  private readonly stepBound: Float64Array;
  /** How many of the latest slots, the current one included, hold a valid `stepBound`. */
  private known = 0;
  /** The next state observed is the last one stepped with η = `chainEta` and ‖∇L‖ = `chainGrad`. */
  private chained = false;
  private chainEta = 0;
  private chainGrad = 0;

  /**
   * `observeAndStep` and `restore` take θ of length exactly `paramCount`.
   * `ring` lets a WebAssembly step function keep the ring in its memory
   * (`decide`): a contiguous span × paramCount array (see `ringSpan`), or a
   * strided view of a larger one.
   */
  constructor(paramCount: number, options: ClassifyOptions, ring?: Float64Array | RingView) {
    if (!supportsFastClassifier(options)) throw new RangeError('classify.periods must be integers ≥ 1');
    this.p = paramCount;
    this.span = ringSpan(options);
    this.periods = Int32Array.from(options.periods);
    if (ring instanceof Float64Array && ring.length !== this.span * paramCount)
      throw new RangeError('ring must hold span × paramCount values');
    const view: RingView =
      ring === undefined || ring instanceof Float64Array
        ? {
            values: ring ?? new Float64Array(this.span * paramCount),
            norms: new Float64Array(this.span),
            offset: 0,
            paramStride: 1,
            slotStride: paramCount,
            normOffset: 0,
            normStride: 1,
          }
        : ring;
    this.ring = view.values;
    this.ringNorm = view.norms;
    this.ringOffset = view.offset;
    this.paramStride = view.paramStride;
    this.slotStride = view.slotStride;
    this.normOffset = view.normOffset;
    this.normStride = view.normStride;
    this.holdCount = new Int32Array(options.periods.length);
    this.holdStartStep = new Float64Array(options.periods.length);
    this.decideAt = Int32Array.from(options.periods, (k) => decisionHold(k, options.periodHold));
    this.options = options;
    this.bounds = paramCount + this.span <= BOUND_MAX_TERMS;
    this.stepBound = new Float64Array(this.span);
  }

  /** A convergence the caller rejected (not linearly stable): the gradient test starts over. */
  deferConvergence(): void {
    this.gradHold = 0;
  }

  /** Start a trajectory; its first state goes to ring slot `slot` (a ring shared by lockstep trajectories starts anywhere). */
  reset(loss0: number, gradNorm0: number, c0: number, lossMin: number, slot = 0): void {
    this.t = 0;
    this.slot = slot;
    this.gradHold = 0;
    this.period = 0;
    this.holdCount.fill(0);
    this.chained = false;
    const limits = trajectoryLimits(this.options, loss0, gradNorm0, c0);
    this.gradLimit = limits.gradLimit;
    this.lossLimit = limits.lossLimit;
    this.lossMin = lossMin;
  }

  /** Observe θ_t with its loss and gradient norm; returns an outcome code, or RUNNING. */
  observe(theta: Float64Array, loss: number, gradNorm: number): number {
    const { p, ring, paramStride, options } = this;
    this.chained = false;
    const slot = this.slot;
    const here = this.ringOffset + slot * this.slotStride;
    this.lastSlot = slot;
    this.gradNorm = gradNorm;
    let sq = 0;
    let inside = true;
    for (let i = 0; i < p; i++) {
      const v = theta[i];
      if (!paramInside(NUMBERS, options, v)) inside = false;
      sq += v * v;
      ring[here + i * paramStride] = v;
    }
    return this.judge(loss, gradNorm, inside, Math.sqrt(sq), slot);
  }

  /** The rules on θ_t, once it is in the ring at `slot` with its norms and the parameter test. */
  private judge(loss: number, gradNorm: number, inside: boolean, norm: number, slot: number): number {
    const { options } = this;
    // 1. diverged
    if (!(bounded(NUMBERS, loss, this.lossLimit, gradNorm) && inside)) return OUTCOME_CODE.diverged;
    // 2. converged
    const below = gradNorm <= this.gradLimit;
    this.gradHold = gradientHold(NUMBERS, below, this.gradHold);
    if (gradientFires(NUMBERS, options, below, this.gradHold)) return convergedOutcome(options, loss, this.lossMin);
    // 3. periodic
    this.ringNorm[this.normOffset + slot * this.normStride] = norm;
    if (this.chained) {
      const eta = this.chainEta;
      this.stepBound[slot] = eta * this.chainGrad + 2 ** -52 * norm + STEP_TINY * (eta + 2);
      if (this.known < this.span) this.known++;
    } else {
      this.known = 0;
    }
    const found = this.t >= 1 ? this.checkPeriods(slot, norm) : 0;
    this.t++;
    this.slot = slot + 1 === this.span ? 0 : slot + 1;
    if (found > 0) {
      this.period = found;
      return OUTCOME_CODE.periodic;
    }
    return RUNNING;
  }

  /**
   * `observe(theta, loss, norm2(grad))` fused with the GD step that follows
   * it, in one pass over the parameters:
   *
   * - ‖∇L‖ is summed in the same order as norm2 (so it is the same number;
   *   it is left in `gradNorm`), alongside ‖θ‖ — two independent sums the
   *   CPU overlaps instead of running one after the other;
   * - the divergence tests are made after the pass (they all return the
   *   same code, so the order cannot matter);
   * - θ_t goes into the ring (as in `observe`) and θ is advanced to
   *   θ_t − η∇L_t in place. When the trajectory stops here (any outcome, or
   *   the step limit), `restore(theta)` puts θ_t back from the ring.
   */
  observeAndStep(theta: Float64Array, loss: number, grad: Float64Array, eta: number): number {
    const { ring, paramStride, options } = this;
    const p = theta.length;
    const slot = this.slot;
    const here = this.ringOffset + slot * this.slotStride;
    this.lastSlot = slot;
    let sq = 0;
    let gg = 0;
    let inside = true;
    for (let i = 0; i < p; i++) {
      const v = theta[i];
      const g = grad[i];
      gg += g * g;
      sq += v * v;
      ring[here + i * paramStride] = v;
      theta[i] = v - eta * g;
      if (!paramInside(NUMBERS, options, v)) inside = false;
    }
    const gradNorm = Math.sqrt(gg);
    this.gradNorm = gradNorm;
    return this.chain(this.judge(loss, gradNorm, inside, Math.sqrt(sq), slot), eta, gradNorm);
  }

  /** After a step of η with ‖∇L‖ = gradNorm: the next observation continues the trajectory if this one did not end it. */
  private chain(outcome: number, eta: number, gradNorm: number): number {
    this.chained = outcome === RUNNING;
    this.chainEta = Math.abs(eta);
    this.chainGrad = gradNorm;
    return outcome;
  }

  /** The ring slot the next observation goes to (for a WebAssembly step function). */
  nextSlot(): number {
    return this.slot;
  }

  /**
   * The decision for θ_t when a WebAssembly step function (wasm-simd.ts,
   * `stepFunction`) has already done `observeAndStep`'s pass — written θ_t
   * into the ring at `nextSlot()`, stepped θ — and left its sums in `sums`:
   * [‖∇L‖², ‖θ‖², 1 if every |θ_i| ≤ paramLimit else 0], having stepped
   * with η = `eta`. They are the same sums, in the same order, as
   * `observeAndStep` computes, so the decision is the same.
   */
  decide(loss: number, sums: Float64Array, eta: number): number {
    const slot = this.slot;
    this.lastSlot = slot;
    const gradNorm = Math.sqrt(sums[0]);
    this.gradNorm = gradNorm;
    return this.chain(this.judge(loss, gradNorm, sums[2] !== 0, Math.sqrt(sums[1]), slot), eta, gradNorm);
  }

  /**
   * θ ← the state the last `observeAndStep` or `decide` observed (undoes its
   * step).
   */
  restore(theta: Float64Array): void {
    const { ring, paramStride } = this;
    this.chained = false;
    const p = theta.length;
    const here = this.ringOffset + this.lastSlot * this.slotStride;
    for (let i = 0; i < p; i++) theta[i] = ring[here + i * paramStride];
  }

  /**
   * `n` observations made elsewhere (lanes.ts) by these rules, on which none
   * fired: their states and norms are in the ring, and the state they left
   * is `counters[offset + q·stride]` — q = 0 the gradient test's hold count,
   * q = 1 + j period j's hold count, q = 1 + P + j its window's start (P
   * periods). The clock moves by n.
   */
  advance(n: number, counters: Float64Array, offset: number, stride: number): void {
    this.chained = false;
    this.t += n;
    this.slot = (this.slot + n) % this.span;
    this.gradHold = counters[offset];
    const periods = this.holdCount.length;
    for (let j = 0; j < periods; j++) {
      this.holdCount[j] = counters[offset + (1 + j) * stride];
      this.holdStartStep[j] = counters[offset + (1 + periods + j) * stride];
    }
  }

  /** Writes the state where `advance` reads it. */
  saveCounters(counters: Float64Array, offset: number, stride: number): void {
    counters[offset] = this.gradHold;
    const periods = this.holdCount.length;
    for (let j = 0; j < periods; j++) {
      counters[offset + (1 + j) * stride] = this.holdCount[j];
      counters[offset + (1 + periods + j) * stride] = this.holdStartStep[j];
    }
  }

  /** Ring index of parameter 0 of the state `back` slots before `slot`. */
  private before(slot: number, back: number): number {
    let o = slot - back;
    if (o < 0) o += this.span;
    return this.ringOffset + o * this.slotStride;
  }

  /** The reference's distanceTo: ‖ring[slot] − ring[slot − back]‖. */
  private distance(slot: number, back: number): number {
    const { p, ring, paramStride } = this;
    const other = this.before(slot, back);
    const here = this.ringOffset + slot * this.slotStride;
    let s = 0;
    for (let i = 0; i < p; i++) {
      const d = ring[here + i * paramStride] - ring[other + i * paramStride];
      s += d * d;
    }
    return Math.sqrt(s);
  }

  /** distance(slot, back) ≤ limit, summing only until the answer is known to be no. */
  private within(slot: number, back: number, limit: number): boolean {
    const { p, ring, paramStride } = this;
    const other = this.before(slot, back);
    const here = this.ringOffset + slot * this.slotStride;
    let s = 0;
    let i = 0;
    for (let end = EXIT_BLOCK; end < p; end += EXIT_BLOCK) {
      for (; i < end; i++) {
        const d = ring[here + i * paramStride] - ring[other + i * paramStride];
        s += d * d;
      }
      if (!(Math.sqrt(s) <= limit)) return false;
    }
    for (; i < p; i++) {
      const d = ring[here + i * paramStride] - ring[other + i * paramStride];
      s += d * d;
    }
    return Math.sqrt(s) <= limit;
  }

  /** B̂ of the header for period k, or ∞ when the chain is shorter than k. */
  private boundBack(slot: number, k: number): number {
    if (!this.bounds || this.known < k) return Number.POSITIVE_INFINITY;
    const { stepBound, span } = this;
    let s = 0;
    let o = slot;
    for (let i = 0; i < k; i++) {
      s += stepBound[o];
      o = o === 0 ? span - 1 : o - 1;
    }
    return s * STEP_MARGIN;
  }

  private checkPeriods(slot: number, norm: number): number {
    const { periods, holdCount, holdStartStep, decideAt, span, options } = this;
    const t = this.t;
    let step1 = -1; // the period-1 displacement, computed on first use
    for (let j = 0; j < periods.length; j++) {
      const k = periods[j];
      if (t < k) continue;
      let o = slot - k;
      if (o < 0) o += span;
      const normBack = this.ringNorm[this.normOffset + o * this.normStride];
      const limit = periodLimit(NUMBERS, options, normBack);
      const within = (this.boundBack(slot, k) <= limit && limit <= BOUND_MAX) || this.within(slot, k, limit);
      const count = holdCount[j];
      const held = windowHeld(NUMBERS, count);
      const decides = windowDecides(NUMBERS, within, held, decideAt[j]);
      const opens = windowOpens(NUMBERS, within, count);
      if ((opens || decides) && step1 < 0) step1 = this.distance(slot, 1);
      const start = windowStart(NUMBERS, opens, step1, holdStartStep[j]);
      if (orbitFires(NUMBERS, options, decides, step1, norm, start)) return k;
      holdCount[j] = windowCount(NUMBERS, within, decides, held);
      holdStartStep[j] = start;
    }
    return 0;
  }
}

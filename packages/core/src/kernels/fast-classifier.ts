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
 * - A period test passes without summing its distance when a bound on the
 *   exact distance, kept as the trajectory runs, proves the sum would pass.
 *   Per ring slot s the classifier keeps V(s, 1) ≥ ‖θ(s) − θ(s − 1)‖ and,
 *   per period k, V(s, k) ≥ ‖θ(s) − θ(s − k)‖ — exact norms of the states
 *   the ring holds, ∞ where unknown — and by the triangle inequality
 *   ‖θ_t − θ_{t−k}‖ ≤ Σ_{i<k} V(t − i, 1), and ≤ Σ_{i<k/m} V(t − i·m, m)
 *   for the largest period m dividing k listed before it (in a slowly
 *   decaying oscillation the steps are large but the period-2 distances
 *   small). With u = 2⁻⁵³ and σ = 2⁻¹⁰⁷⁴ (rounding to nearest: a product
 *   errs by ≤ u relative plus ≤ σ/2; a sum, a difference or a square root by
 *   ≤ u relative), p parameters, c = √(p·σ/2) ≤ 2⁻⁵²⁴ (p ≤ 2²⁶) and
 *   ρ = (1 − u)^−(p/2+1):
 *     1. a computed norm n̂ = fl(√Σfl(v_i²)) (any order) of v bounds it:
 *        ‖v‖ ≤ ρ·(n̂ + c) (each fl(v_i²) ≥ v_i²(1 − u) − σ/2, and adding
 *        terms ≥ 0 loses ≤ u relative per addition);
 *     2. likewise a computed distance D̂ (differences, squares, a sum in
 *        any order, a root) of two states at exact distance D:
 *        D ≤ ρ·(D̂ + c)/(1 − u), and D̂ ≤ (1 + u)^(p/2+2)·D + 2c;
 *     3. a GD step θ(s) = fl(θ(s−1) − fl(η·g)) moves each parameter by
 *        ≤ |fl(η·g_i)| + u/(1 − u)·|θ_i(s)|, so by 1.
 *        ‖θ(s) − θ(s−1)‖ ≤ (1 + u)·ρ·b with b = |η|·ĝ + 2⁻⁵²·n̂ + TINY·(|η| + 2),
 *        ĝ the computed ‖g‖ the step was taken with and n̂ the computed
 *        ‖θ(s)‖, both known, and TINY = 2⁻⁴⁸⁰ ≥ 2⁴⁴·c.
 *   Every bound is computed in floating point and multiplied by
 *   K = 1 + 2⁻²⁰, which covers its own rounding (≤ (p/2 + k + 8)·u in all,
 *   ≤ 2⁻²⁵ for p + 2k ≤ 2²⁶) and, as every V ≥ TINY, the terms in c:
 *     V(s, 1) = fl(b·K) when θ(s) is the step this classifier took from
 *       θ(s − 1) (`observeAndStep` or `decide` after the one before), else ∞;
 *     V(t, k) = the least of the chain bounds B = fl(fl(ΣV)·K) above and,
 *       when the distance was summed to the end, fl(D̂·K) + TINY (by 2.).
 *   The test passes unsummed when some B ≤ limit ≤ 2⁵⁰⁰: by 2. and the
 *   triangle inequality, D̂ ≤ (1 + u)^(p/2+2)·ΣV + 2c ≤ B. (Below 2⁵⁰⁰ no
 *   square or sum of the distance overflows; a NaN or ∞ fails the
 *   comparison, and the distance is summed.) An outcome, `observe`,
 *   `restore` and `reset` end the chain of steps; `advance` (states written
 *   elsewhere) forgets every V. Tests never reach back past a `reset`
 *   (t ≥ k), so what the table held before it is never read.
 * - A period test fails unsummed when
 *   fl(|n̂_t − n̂_{t−k}| − max(n̂_t, n̂_{t−k})·E − TINY) > limit, with
 *   E = (p + 8)·2⁻⁵² and n̂ the ring's norms (summed in any order): the
 *   reverse triangle inequality D ≥ |‖θ_t‖ − ‖θ_{t−k}‖| with 1., its
 *   converse n̂ ≤ (1 + u)^(p/2+1)·‖v‖ + 2c, and 2. give
 *   D̂ ≥ |n̂_t − n̂_{t−k}| − max·(p + 4)·u − 5c, and the four operations
 *   err by ≤ 5u·max. It needs no chain of steps.
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

/** The distance bounds' relative margin K and additive floor TINY (see the header). */
const BOUND_MARGIN = 1 + 2 ** -20;
const BOUND_TINY = 2 ** -480;
/** Bounds and limits above this are not used (no sum of squares under them can overflow). */
const BOUND_MAX = 2 ** 500;
/** The margin covers p + 2·max(periods) ≤ this. */
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
  /** Slots in the ring, if more than `ringSpan` (the lanes' ring also keeps a stretch of unchecked steps). */
  slots?: number;
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
  /** Whether p and the periods are small enough for the bounds' margin. */
  private readonly bounds: boolean;
  /** V(s, 1) at [s], V(s, periods[j]) at [(1 + j)·span + s] (see the header). */
  private readonly bound: Float64Array;
  /** E of the header's lower bound, or NaN (no bound) when p is too large for it. */
  private readonly normMargin: number;
  /** Per period, the index of the largest period listed before it that divides it, or −1. */
  private readonly via: Int32Array;
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
    const span = ringSpan(options);
    this.periods = Int32Array.from(options.periods);
    if (ring instanceof Float64Array && ring.length !== span * paramCount)
      throw new RangeError('ring must hold span × paramCount values');
    const view: RingView =
      ring === undefined || ring instanceof Float64Array
        ? {
            values: ring ?? new Float64Array(span * paramCount),
            norms: new Float64Array(span),
            offset: 0,
            paramStride: 1,
            slotStride: paramCount,
            normOffset: 0,
            normStride: 1,
          }
        : ring;
    this.span = Math.max(span, view.slots ?? span);
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
    this.bounds = paramCount + 2 * this.span <= BOUND_MAX_TERMS;
    this.normMargin = this.bounds ? (paramCount + 8) * 2 ** -52 : Number.NaN;
    this.bound = new Float64Array((1 + options.periods.length) * this.span).fill(Number.POSITIVE_INFINITY);
    this.via = Int32Array.from(options.periods, (k, j) => {
      let best = -1;
      for (let m = 0; m < j; m++) {
        const d = options.periods[m];
        if (d < k && k % d === 0 && (best < 0 || d > options.periods[best])) best = m;
      }
      return best;
    });
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
    const eta = this.chainEta;
    this.bound[slot] = this.chained
      ? (eta * this.chainGrad + 2 ** -52 * norm + BOUND_TINY * (eta + 2)) * BOUND_MARGIN
      : Number.POSITIVE_INFINITY;
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
    this.bound.fill(Number.POSITIVE_INFINITY);
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

  /**
   * The reference's distanceTo, ‖ring[slot] − ring[slot − back]‖ — or NaN
   * once a partial sum shows it is not ≤ limit (so the test fails either
   * way, also when limit is ∞ and the sum NaN). With limit ∞ it is the
   * distance itself: only a NaN sum stops early, and it would end NaN.
   */
  private measure(slot: number, back: number, limit: number): number {
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
      if (!(Math.sqrt(s) <= limit)) return Number.NaN;
    }
    for (; i < p; i++) {
      const d = ring[here + i * paramStride] - ring[other + i * paramStride];
      s += d * d;
    }
    return Math.sqrt(s);
  }

  /** B = fl(fl(Σ_{i<count} V(slot − i·back, ·))·K) from table row `row` (see the header). */
  private chainBound(row: number, slot: number, back: number, count: number): number {
    if (!this.bounds) return Number.POSITIVE_INFINITY;
    const { bound, span } = this;
    const base = row * span;
    let s = 0;
    let o = slot;
    for (let i = 0; i < count; i++) {
      s += bound[base + o];
      o -= back;
      if (o < 0) o += span;
    }
    return s * BOUND_MARGIN;
  }

  private checkPeriods(slot: number, norm: number): number {
    const { periods, holdCount, holdStartStep, decideAt, span, options, via } = this;
    const t = this.t;
    let step1 = -1; // the period-1 displacement, computed on first use
    for (let j = 0; j < periods.length; j++) {
      const k = periods[j];
      if (t < k) continue;
      let o = slot - k;
      if (o < 0) o += span;
      const normBack = this.ringNorm[this.normOffset + o * this.normStride];
      const limit = periodLimit(NUMBERS, options, normBack);
      // the test, and V(t, k) for the tests after this one
      let known = this.chainBound(0, slot, 1, k);
      const m = via[j];
      if (m >= 0) {
        const chain = this.chainBound(1 + m, slot, periods[m], k / periods[m]);
        if (chain < known) known = chain;
      }
      let within = known <= limit && limit <= BOUND_MAX;
      // ‖θ_t‖ and ‖θ_{t−k}‖ too far apart for the test to pass (see the header)
      const apart = Math.abs(norm - normBack) - Math.max(norm, normBack) * this.normMargin - BOUND_TINY > limit;
      if (!within && !apart) {
        const measured = this.measure(slot, k, limit);
        within = measured <= limit;
        const exact = measured * BOUND_MARGIN + BOUND_TINY;
        if (exact < known) known = exact;
      }
      this.bound[(1 + j) * span + slot] = known;
      const count = holdCount[j];
      const held = windowHeld(NUMBERS, count);
      const decides = windowDecides(NUMBERS, within, held, decideAt[j]);
      const opens = windowOpens(NUMBERS, within, count);
      if ((opens || decides) && step1 < 0) step1 = this.measure(slot, 1, Number.POSITIVE_INFINITY);
      const start = windowStart(NUMBERS, opens, step1, holdStartStep[j]);
      if (orbitFires(NUMBERS, options, decides, step1, norm, start)) return k;
      holdCount[j] = windowCount(NUMBERS, within, decides, held);
      holdStartStep[j] = start;
    }
    return 0;
  }
}

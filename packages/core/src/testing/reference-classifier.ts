/**
 * Test code: the classification rules as first written, one state at a time
 * with nothing fused, skipped or vectorised. The tests compare every fast
 * path (kernels/fast-classifier.ts, the lanes) with this, decision by
 * decision; nothing outside the tests uses it.
 */
import type { ClassifyOptions } from '../classify.js';
import { ORBIT_DECAY, OUTCOME_CODE, RUNNING } from '../classify.js';

export class TrajectoryClassifier {
  private readonly opts: ClassifyOptions;
  private readonly p: number;
  private readonly span: number;
  /** Ring buffer of the last `span` states and their norms. */
  private readonly ring: Float64Array;
  private readonly ringNorm: Float64Array;
  private readonly holdCount: Int32Array;
  private readonly holdStartStep: Float64Array;
  private t = 0;
  private gradLimit = 0;
  private lossLimit = 0;
  private lossMin = 0;
  private gradHold = 0;
  /** Period of the last periodic outcome. */
  period = 0;

  constructor(paramCount: number, options: ClassifyOptions) {
    this.opts = options;
    this.p = paramCount;
    this.span = Math.max(1, ...options.periods) + 1;
    this.ring = new Float64Array(this.span * paramCount);
    this.ringNorm = new Float64Array(this.span);
    this.holdCount = new Int32Array(options.periods.length);
    this.holdStartStep = new Float64Array(options.periods.length);
  }

  /** Start a trajectory: L(θ₀), ‖∇L(θ₀)‖, c₀ and L* set the scale of every test. */
  /** A convergence the caller rejected (not linearly stable): the gradient test starts over. */
  deferConvergence(): void {
    this.gradHold = 0;
  }

  reset(loss0: number, gradNorm0: number, c0: number, lossMin: number): void {
    this.t = 0;
    this.gradHold = 0;
    this.period = 0;
    this.holdCount.fill(0);
    this.gradLimit = this.opts.gradTol * Math.max(1, gradNorm0);
    this.lossLimit = this.opts.divergeFactor * Math.max(loss0, c0);
    this.lossMin = lossMin;
  }

  /**
   * Observe θ_t with its loss and gradient norm; returns an outcome code, or
   * RUNNING.
   */
  observe(theta: Float64Array, loss: number, gradNorm: number): number {
    const { p, opts } = this;
    // 1. diverged
    if (!(loss <= this.lossLimit) || !Number.isFinite(gradNorm)) return OUTCOME_CODE.diverged;
    let sq = 0;
    for (let i = 0; i < p; i++) {
      const v = theta[i];
      if (!(Math.abs(v) <= opts.paramLimit)) return OUTCOME_CODE.diverged;
      sq += v * v;
    }
    const norm = Math.sqrt(sq);
    // 2. converged
    if (gradNorm <= this.gradLimit) {
      if (++this.gradHold >= opts.holdSteps) {
        return loss - this.lossMin <= opts.lossTol * Math.max(1, this.lossMin)
          ? OUTCOME_CODE.converged
          : OUTCOME_CODE.saddle;
      }
    } else {
      this.gradHold = 0;
    }
    // 3. periodic: compare θ_t with θ_{t−k} from the ring
    const slot = this.t % this.span;
    this.ring.set(theta, slot * p);
    this.ringNorm[slot] = norm;
    const found = this.t >= 1 ? this.checkPeriods(slot, norm) : 0;
    this.t++;
    if (found > 0) {
      this.period = found;
      return OUTCOME_CODE.periodic;
    }
    return RUNNING;
  }

  /** The rules' state while running (live, not copied): the gradient test's hold count, and per period its hold count and its window's start. */
  state(): { gradHold: number; holdCount: ArrayLike<number>; holdStartStep: ArrayLike<number> } {
    return { gradHold: this.gradHold, holdCount: this.holdCount, holdStartStep: this.holdStartStep };
  }

  private distanceTo(slot: number, back: number): number {
    const { p, ring, span } = this;
    const other = ((slot - back + span) % span) * p;
    const here = slot * p;
    let s = 0;
    for (let i = 0; i < p; i++) {
      const d = ring[here + i] - ring[other + i];
      s += d * d;
    }
    return Math.sqrt(s);
  }

  private checkPeriods(slot: number, norm: number): number {
    const { opts } = this;
    const step1 = this.distanceTo(slot, 1);
    const scale = 1 + norm;
    for (let j = 0; j < opts.periods.length; j++) {
      const k = opts.periods[j];
      if (this.t < k) continue;
      const prevNorm = this.ringNorm[(slot - k + this.span) % this.span];
      if (this.distanceTo(slot, k) <= opts.periodTol * (1 + prevNorm)) {
        if (this.holdCount[j] === 0) this.holdStartStep[j] = step1;
        // end the window at the orbit phase where it began: along a period-k orbit the period-1 step varies
        if (++this.holdCount[j] >= opts.periodHold && (this.holdCount[j] - 1) % k === 0) {
          const orbit = step1 > opts.periodAmplitude * scale && step1 >= (1 - ORBIT_DECAY) * this.holdStartStep[j];
          if (orbit) return k;
          this.holdCount[j] = 0; // a decaying oscillation: start a fresh window
        }
      } else {
        this.holdCount[j] = 0;
      }
    }
    return 0;
  }
}

/**
 * Classification of one GD trajectory, step by step (THEORY.md, "What
 * trajectories do"): the first rule that fires wins.
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
 * Per step the work is O(p·|periods|) and nothing is allocated.
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

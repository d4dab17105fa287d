/**
 * Many trajectories of a small network at once, one per SIMD lane
 * (kernels/lane-kernel.ts), with exactly the results of running them one by
 * one through TrajectoryRunner.run — every field, bit for bit.
 *
 * The lanes advance in lockstep through one shared ring of past states (slot
 * = step clock mod span); each lane has its own FastClassifier over a
 * strided view of that ring, started at whatever slot the clock shows when
 * the lane takes a new trajectory. Lanes whose trajectory ends are refilled
 * with the next one, so all lanes stay busy until the batch runs out.
 *
 * Why a quiet step (lane-kernel.ts) is what FastClassifier would do. Rule
 * 1: the lanes require L_t ≤ lossLimit, a finite ‖∇L_t‖ and every |θ_i|
 * within the limit, so it does not fire. Rule 2 adds one to its hold count
 * if ‖∇L_t‖ ≤ gradLimit and sets it to 0 otherwise, in both; the lanes
 * require the new count < holdSteps, so it does not fire. Rule 3, per period
 * k with t ≥ k: a passing test adds one to the count — on a count of 0 both
 * record the period-1 displacement ‖θ_t − θ_{t−1}‖ as the window's start
 * (the same sum and square root); at the count where FastClassifier decides
 * (≥ periodHold, at the orbit's phase) both evaluate the same orbit test and
 * the lanes require it to fail, which restarts the count at 0 — and a
 * failing test sets the count to 0. A test with t < k is skipped, its count
 * still 0 from `reset` (counts only move once t ≥ k); in the lanes the ring
 * limits of slots this trajectory has not written make the test fail, which
 * sets 0 to 0. θ_t and its norm go into the ring in both. (The steps of a
 * stretch that stands are quiet steps too; `runFunction` in lane-kernel.ts
 * says why.) So after n quiet
 * steps the classifier needs its clock moved and the lanes' state
 * (`advance`); with step < maxSteps the runner then steps, as the lanes did.
 *
 * A convergence the stability rule rejects (trajectory.ts) is rare (~1 in
 * 10⁶ trajectories) and makes the one-by-one classifier keep θ_t's slot;
 * such a trajectory is simply rerun by TrajectoryRunner.
 */
import type { ClassifyOptions } from './classify.js';
import { RUNNING } from './classify.js';
import { FastClassifier } from './kernels/fast-classifier.js';
import { mulAddsPerStep } from './kernels/kernel.js';
import type { LaneKernel } from './kernels/lane-kernel.js';
import { LANES_MULADD_LIMIT, laneKernel } from './kernels/lane-kernel.js';
import { SQUARE_MARGIN, SQUARE_SAFE_MIN } from './kernels/lane-rules.js';
import { wasmSimdAvailable } from './kernels/wasm-simd.js';
import type { LinearNet, Problem } from './linear-net.js';
import { norm2 } from './linear-net.js';
import { sharpness } from './sharpness.js';
import { linearlyStable } from './stability.js';
import type { TrajectoryOptions, TrajectoryResult } from './trajectory.js';
import { stabilityJudged, trajectoryResult } from './trajectory-result.js';

/**
 * Quiet steps per `run` call at most. V8 compiles WebAssembly with a fast
 * baseline compiler first and swaps in optimised code between calls, never
 * inside a running loop: returning now and then lets `run` pick it up.
 */
const RUN_CHUNK = 1 << 14;

/** Can these trajectories run in lanes? Small networks, with the default kernel choice. */
export function lanesSupported(problem: Problem, options: TrajectoryOptions): boolean {
  return (
    (options.kernel ?? 'auto') === 'auto' &&
    mulAddsPerStep(problem.layout.dims) <= LANES_MULADD_LIMIT &&
    wasmSimdAvailable()
  );
}

/** What a lane runner needs from the one-by-one runner: its network (for sharpness) and a rerun. */
export interface OneByOne {
  readonly net: LinearNet;
  run(eta: number, init: Float64Array): TrajectoryResult;
}

/** Writes trajectory r's initial θ into `out`. */
export type InitSource = (r: number, out: Float64Array) => void;
export type ResultSink = (r: number, result: TrajectoryResult) => void;

interface LaneJob {
  index: number;
  /** GD steps taken so far. */
  steps: number;
  init: Float64Array;
  lossInitial: number;
  paramNormInitial: number;
  sharpnessInitial: number;
}

export class LaneRunner {
  private readonly lanes: LaneKernel;
  private readonly classifiers: FastClassifier[];
  private readonly jobs: (LaneJob | null)[];
  private readonly span: number;
  private readonly p: number;
  /** FastClassifier.decide's sums of one lane. */
  private readonly sums = new Float64Array(3);
  private readonly theta: Float64Array;
  /** Lanes take quiet steps only if the squared norm tests are safe from underflow. */
  private readonly periodTolSafe: boolean;

  constructor(
    problem: Problem,
    private readonly options: TrajectoryOptions,
    private readonly oneByOne: OneByOne,
  ) {
    const classify: ClassifyOptions = options.classify;
    this.lanes = laneKernel(problem, classify);
    this.p = problem.layout.paramCount;
    this.theta = new Float64Array(this.p);
    this.periodTolSafe = classify.periodTol >= SQUARE_SAFE_MIN;
    const { layout, memory } = this.lanes;
    const L = layout.lanes;
    this.span = layout.span;
    this.classifiers = Array.from(
      { length: L },
      (_, lane) =>
        new FastClassifier(this.p, classify, {
          values: memory,
          norms: memory,
          offset: layout.ring + lane,
          paramStride: L,
          slotStride: this.p * L,
          normOffset: layout.ringNorm + lane,
          normStride: L,
          slots: layout.span,
        }),
    );
    this.jobs = new Array<LaneJob | null>(L).fill(null);
  }

  /** Trajectories 0 … count − 1 at step size η; `emit` gets each result once, in no particular order. */
  runMany(eta: number, count: number, init: InitSource, emit: ResultSink): void {
    const { lanes, jobs, classifiers, span, options } = this;
    const { layout, memory: m } = lanes;
    const L = layout.lanes;
    let next = 0;
    let busy = 0;
    let slot = 0;
    const fresh: number[] = [];
    const take = (lane: number) => {
      if (next < count) {
        const job = this.jobs[lane] ?? this.newJob();
        job.index = next++;
        init(job.index, job.init);
        jobs[lane] = job;
        for (let i = 0; i < this.p; i++) m[layout.theta + i * L + lane] = job.init[i];
        m[layout.idle + lane] = 0;
        fresh.push(lane);
        busy++;
      } else {
        jobs[lane] = null;
        for (let i = 0; i < this.p; i++) m[layout.theta + i * L + lane] = 0;
        m[layout.idle + lane] = 1;
      }
    };
    for (let lane = 0; lane < L; lane++) {
      m[layout.eta + lane] = eta;
      take(lane);
    }
    lanes.evaluate();
    this.begin(fresh, slot);
    while (busy > 0) {
      // quiet steps, never past a lane's step limit (that step is classified the exact way, then stops)
      let room = RUN_CHUNK;
      for (const job of jobs)
        if (job !== null && options.maxSteps - job.steps < room) room = options.maxSteps - job.steps;
      const n = room > 0 ? lanes.run(slot, room) : 0;
      slot = (slot + n) % span;
      for (let lane = 0; lane < L; lane++) {
        const job = jobs[lane];
        if (job === null) continue;
        job.steps += n;
        classifiers[lane].advance(n, m, layout.counters + lane, L);
      }
      if (n === RUN_CHUNK) continue;
      // one step the exact way, every busy lane
      lanes.prepare(slot);
      for (let lane = 0; lane < L; lane++) {
        const job = jobs[lane];
        if (job === null) continue;
        const loss = m[layout.loss + lane];
        if (loss < m[layout.lossMin + lane]) m[layout.lossMin + lane] = loss;
        this.sums[0] = m[layout.sums + lane];
        this.sums[1] = m[layout.sums + L + lane];
        this.sums[2] = m[layout.sums + 2 * L + lane];
        const outcome = classifiers[lane].decide(loss, this.sums, eta);
        if (outcome !== RUNNING || job.steps >= options.maxSteps) {
          emit(job.index, this.finish(lane, job, eta, outcome, slot));
          busy--;
          take(lane);
        } else {
          job.steps++;
          classifiers[lane].saveCounters(m, layout.counters + lane, L);
        }
      }
      lanes.evaluate();
      slot = slot + 1 === span ? 0 : slot + 1;
      this.begin(fresh, slot);
    }
  }

  private newJob(): LaneJob {
    return {
      index: -1,
      steps: 0,
      init: new Float64Array(this.p),
      lossInitial: 0,
      paramNormInitial: 0,
      sharpnessInitial: 0,
    };
  }

  /** The lanes in `fresh` hold a new θ₀ and its L, ∇L: start their classifiers at ring slot `slot`. */
  private begin(fresh: number[], slot: number): void {
    const { layout, memory: m } = this.lanes;
    const L = layout.lanes;
    const { options } = this;
    for (const lane of fresh) {
      const job = this.jobs[lane] as LaneJob;
      const loss = m[layout.loss + lane];
      // ‖∇L(θ₀)‖ as norm2 sums it, over the lane's strided entries
      let gg = 0;
      for (let i = 0; i < this.p; i++) {
        const g = m[layout.grad + i * L + lane];
        gg += g * g;
      }
      job.lossInitial = loss;
      job.paramNormInitial = norm2(job.init);
      job.sharpnessInitial = options.sharpness ? sharpness(this.oneByOne.net, job.init) : Number.NaN;
      const classifier = this.classifiers[lane];
      classifier.reset(loss, Math.sqrt(gg), this.oneByOne.net.problem.stats.c0, options.lossMin, slot);
      m[layout.lossMin + lane] = loss;
      job.steps = 0;
      m[layout.lossLimit + lane] = classifier.lossLimit;
      classifier.saveCounters(m, layout.counters + lane, L);
      // the gradient test on squares (lane-kernel.ts); unsafe limits make every step take the exact way
      const gradLimit = classifier.gradLimit;
      const safe = this.periodTolSafe && gradLimit >= SQUARE_SAFE_MIN;
      m[layout.gradLimitLow + lane] = safe ? gradLimit * gradLimit * (1 - SQUARE_MARGIN) : -1;
      m[layout.gradLimitHigh + lane] = safe ? gradLimit * gradLimit * (1 + SQUARE_MARGIN) : Number.POSITIVE_INFINITY;
      for (let s = 0; s < this.span; s++) m[layout.ringLimitHigh + s * L + lane] = -1;
    }
    fresh.length = 0;
  }

  /** The result of the lane's trajectory, which stopped at θ_t (in ring slot `slot`) with this outcome. */
  private finish(lane: number, job: LaneJob, eta: number, code: number, slot: number): TrajectoryResult {
    const { layout, memory: m } = this.lanes;
    const L = layout.lanes;
    const { options, theta } = this;
    const classifier = this.classifiers[lane];
    for (let i = 0; i < this.p; i++) theta[i] = m[layout.ring + (slot * this.p + i) * L + lane];
    const net = this.oneByOne.net;
    let stableSharpness = Number.NaN;
    if (stabilityJudged(code, job.steps, options.maxSteps, classifier.gradNorm)) {
      stableSharpness = sharpness(net, theta);
      if (!linearlyStable(eta, stableSharpness)) return this.oneByOne.run(eta, job.init);
    }
    return trajectoryResult(net, options, theta, {
      outcome: code,
      period: classifier.period,
      steps: job.steps,
      lossInitial: job.lossInitial,
      lossFinal: m[layout.loss + lane],
      lossMin: m[layout.lossMin + lane],
      gradNormFinal: classifier.gradNorm,
      sharpnessInitial: job.sharpnessInitial,
      paramNormInitial: job.paramNormInitial,
      stableSharpness,
    });
  }
}

/**
 * One GD trajectory θ_{t+1} = θ_t − η∇L(θ_t), run until the classifier
 * decides, with every field of a `trajectories.parquet` row (docs/reference.md,
 * "trajectories.parquet").
 *
 * The loop evaluates the gradient with a kernel specialised to the shape
 * (kernels/kernel.ts: chosen from the shape alone, bit-for-bit identical to
 * LinearNet) and classifies with FastClassifier (the rules of classify.ts);
 * sharpness goes through sharpness.ts (dense eigenvalues or Lanczos on
 * hvp.ts). Results are exactly those of the
 * reference loop the tests keep (testing/reference-classifier.ts).
 */

import type { ClassifyOptions } from './classify.js';
import { DEFAULT_CLASSIFY, RUNNING } from './classify.js';
import { FastClassifier, ringSpan } from './kernels/fast-classifier.js';
import type { GradientKernel, KernelKind } from './kernels/kernel.js';
import { kernelKindFor, selectKernel } from './kernels/kernel.js';
import { WasmKernel } from './kernels/wasm-simd.js';
import type { InitSource, ResultSink } from './lanes.js';
import { LaneRunner, lanesSupported } from './lanes.js';
import type { Problem } from './linear-net.js';
import { LinearNet, norm2 } from './linear-net.js';
import { sharpness } from './sharpness.js';
import { linearlyStable } from './stability.js';
import { stabilityJudged, trajectoryResult } from './trajectory-result.js';

export interface TrajectoryOptions {
  maxSteps: number;
  classify: ClassifyOptions;
  /** L*, to tell a global minimizer from a saddle. */
  lossMin: number;
  /** Record λ_max at the start and the end. */
  sharpness: boolean;
  /** Keep the final parameters (the initial ones are the caller's). */
  weights: boolean;
  /**
   * Force a gradient kernel (tests, benchmarks); default 'auto', the choice
   * by shape. Every kernel gives bit-identical results.
   */
  kernel?: KernelKind | 'auto';
}

export interface TrajectoryResult {
  /** Index into OUTCOMES. */
  outcome: number;
  /** Period of a periodic outcome, else 0. */
  period: number;
  steps: number;
  lossInitial: number;
  lossFinal: number;
  lossMin: number;
  gradNormFinal: number;
  sharpnessInitial: number;
  sharpnessFinal: number;
  paramNormInitial: number;
  paramNormFinal: number;
  /** Final θ, only with options.weights. */
  weightsFinal: Float64Array | null;
}

/**
 * Sees state θ_t of a trajectory (read only, valid during the call) with
 * L(θ_t) and ‖∇L(θ_t)‖, for t = 0, 1, …, steps; `last` on the state the
 * trajectory stops at. For per-step histories (`eos-sweep trace`).
 */
export type StepObserver = (step: number, theta: Float64Array, loss: number, gradNorm: number, last: boolean) => void;

/**
 * Runs many trajectories of one problem with buffers allocated once: the GD
 * loop itself allocates nothing.
 */
export class TrajectoryRunner {
  readonly net: LinearNet;
  /** The gradient kernel of the GD loop. */
  readonly kernel: GradientKernel;
  private readonly options: TrajectoryOptions;
  private readonly theta: Float64Array;
  private readonly grad: Float64Array;
  private readonly classifier: FastClassifier;
  /** The WebAssembly kernel's fused step (and the classifier's sums), when the loop runs on it. */
  private readonly wasmStep: ((slot: number, eta: number) => number) | null = null;
  private readonly stepSums: Float64Array | null = null;
  /** Small networks run batches in SIMD lanes (lanes.ts), with the same results. */
  private readonly lanes: LaneRunner | null;
  /** What `runMany` runs on: 'lanes', or the kernel of the one-by-one loop. */
  readonly batchKernel: 'lanes' | KernelKind;

  constructor(problem: Problem, options: TrajectoryOptions) {
    this.net = new LinearNet(problem);
    this.options = options;
    const p = problem.layout.paramCount;
    const kind = options.kernel ?? 'auto';
    if (kind === 'wasm' || (kind === 'auto' && kernelKindFor(problem.layout.dims) === 'wasm')) {
      // the whole per-parameter pass of a step (classifier sums, ring, update) in WebAssembly, beside the gradient
      const wasm = new WasmKernel(problem, { span: ringSpan(options.classify), classify: options.classify });
      this.kernel = wasm;
      this.classifier = new FastClassifier(p, options.classify, wasm.ring as Float64Array);
      this.wasmStep = wasm.step;
      this.stepSums = wasm.stepOut;
    } else {
      this.kernel = selectKernel(problem, kind);
      this.classifier = new FastClassifier(p, options.classify);
    }
    // the kernel's own buffers when it has them (WebAssembly memory): no copies per step
    this.theta = this.kernel.theta ?? new Float64Array(p);
    this.grad = this.kernel.grad ?? new Float64Array(p);
    this.lanes = lanesSupported(problem, options) ? new LaneRunner(problem, options, this) : null;
    this.batchKernel = this.lanes !== null ? 'lanes' : this.kernel.kind;
  }

  /**
   * Trajectories 0 … count − 1 at step size η, from `init(r, θ₀)`; `emit(r,
   * result)` once per trajectory, in no particular order. The results are
   * exactly `run`'s.
   */
  runMany(eta: number, count: number, init: InitSource, emit: ResultSink): void {
    if (this.lanes !== null) {
      this.lanes.runMany(eta, count, init, emit);
      return;
    }
    const theta0 = new Float64Array(this.theta.length);
    for (let r = 0; r < count; r++) {
      init(r, theta0);
      emit(r, this.run(eta, theta0));
    }
  }

  /**
   * One trajectory from `init` at step size η. `observe`, if given, sees
   * every state the trajectory visits, in order (see StepObserver); it does
   * not change the result.
   */
  run(eta: number, init: Float64Array, observe?: StepObserver): TrajectoryResult {
    const { net, kernel, theta, grad, classifier, options } = this;
    // θ_t for the observer: the loop has already stepped θ when the classifier decides
    const seen = observe === undefined ? null : new Float64Array(theta.length);
    theta.set(init);
    const sharpnessInitial = options.sharpness ? sharpness(net, theta) : Number.NaN;
    let loss = kernel.evaluate(theta, grad);
    const lossInitial = loss;
    const paramNormInitial = norm2(theta);
    classifier.reset(loss, norm2(grad), net.problem.stats.c0, options.lossMin);
    let lossMin = loss;
    let outcome = RUNNING;
    let step = 0;
    const { wasmStep, stepSums } = this;
    let stableSharpness = Number.NaN;
    for (;;) {
      for (;;) {
        if (loss < lossMin) lossMin = loss;
        // classify θ_t (L_t, ∇L_t; ‖∇L_t‖ is computed there) and step θ to θ_t − η∇L_t in the same pass;
        // on the WebAssembly kernel one call also evaluates L and ∇L at the new θ
        let next = 0;
        if (wasmStep !== null && stepSums !== null) {
          next = wasmStep(classifier.nextSlot(), eta);
          outcome = classifier.decide(loss, stepSums, eta);
        } else {
          outcome = classifier.observeAndStep(theta, loss, grad, eta);
        }
        if (outcome !== RUNNING || step >= options.maxSteps) {
          classifier.restore(theta);
          break;
        }
        if (observe !== undefined && seen !== null) {
          classifier.restore(seen);
          observe(step, seen, loss, classifier.gradNorm, false);
        }
        step++;
        loss = wasmStep !== null ? next : kernel.evaluate(theta, grad);
      }
      // Converged also means linearly stable. A point that passes the gradient test with
      // λ_max > 2/η and a non-zero gradient is a minimizer approached along its stable manifold:
      // rounding seeds the unstable direction and GD leaves it (slowly when ηλ_max is just above
      // 2), so keep going. An exact fixed point (∇L = 0) stays put forever and is converged.
      stableSharpness = Number.NaN;
      if (stabilityJudged(outcome, step, options.maxSteps, classifier.gradNorm)) {
        stableSharpness = sharpness(net, theta);
        if (!linearlyStable(eta, stableSharpness)) {
          observe?.(step, theta, loss, classifier.gradNorm, false);
          classifier.deferConvergence();
          kernel.evaluate(theta, grad);
          for (let i = 0; i < theta.length; i++) theta[i] -= eta * grad[i];
          step++;
          loss = kernel.evaluate(theta, grad);
          outcome = RUNNING;
          continue;
        }
      }
      break;
    }
    observe?.(step, theta, loss, classifier.gradNorm, true);
    return trajectoryResult(net, options, theta, {
      outcome,
      period: classifier.period,
      steps: step,
      lossInitial,
      lossFinal: loss,
      lossMin,
      gradNormFinal: classifier.gradNorm,
      sharpnessInitial,
      paramNormInitial,
      stableSharpness,
    });
  }
}

/** One trajectory from `init` at step size η (default rules: docs/theory.md, "Classifying a trajectory"). */
export function runTrajectory(
  problem: Problem,
  eta: number,
  init: Float64Array,
  options: Partial<TrajectoryOptions> & { lossMin: number },
): TrajectoryResult {
  const full: TrajectoryOptions = {
    maxSteps: 20000,
    classify: DEFAULT_CLASSIFY,
    sharpness: true,
    weights: false,
    ...options,
  };
  return new TrajectoryRunner(problem, full).run(eta, init);
}

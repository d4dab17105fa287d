/**
 * One GD trajectory θ_{t+1} = θ_t − η∇L(θ_t), run until the classifier
 * decides, with every field of a `trajectories.parquet` row (SPEC.md).
 */

import type { ClassifyOptions } from './classify.js';
import { DEFAULT_CLASSIFY, OUTCOME_CODE, RUNNING, TrajectoryClassifier } from './classify.js';
import type { Problem } from './linear-net.js';
import { LinearNet, norm2 } from './linear-net.js';
import { sharpness } from './sharpness.js';

export interface TrajectoryOptions {
  maxSteps: number;
  classify: ClassifyOptions;
  /** L*, to tell a global minimizer from a saddle. */
  lossMin: number;
  /** Record λ_max at the start and the end. */
  sharpness: boolean;
  /** Keep the final parameters (the initial ones are the caller's). */
  weights: boolean;
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
 * Runs many trajectories of one problem with buffers allocated once: the GD
 * loop itself allocates nothing.
 */
export class TrajectoryRunner {
  readonly net: LinearNet;
  private readonly options: TrajectoryOptions;
  private readonly theta: Float64Array;
  private readonly grad: Float64Array;
  private readonly classifier: TrajectoryClassifier;

  constructor(problem: Problem, options: TrajectoryOptions) {
    this.net = new LinearNet(problem);
    this.options = options;
    const p = problem.layout.paramCount;
    this.theta = new Float64Array(p);
    this.grad = new Float64Array(p);
    this.classifier = new TrajectoryClassifier(p, options.classify);
  }

  run(eta: number, init: Float64Array): TrajectoryResult {
    const { net, theta, grad, classifier, options } = this;
    const p = theta.length;
    theta.set(init);
    const sharpnessInitial = options.sharpness ? sharpness(net, theta) : Number.NaN;
    let loss = net.evaluate(theta, grad);
    let gradNorm = norm2(grad);
    const lossInitial = loss;
    const paramNormInitial = norm2(theta);
    classifier.reset(loss, gradNorm, net.problem.stats.c0, options.lossMin);
    let lossMin = loss;
    let outcome = RUNNING;
    let step = 0;
    for (;;) {
      if (loss < lossMin) lossMin = loss;
      outcome = classifier.observe(theta, loss, gradNorm);
      if (outcome !== RUNNING || step >= options.maxSteps) break;
      for (let i = 0; i < p; i++) theta[i] -= eta * grad[i];
      step++;
      loss = net.evaluate(theta, grad);
      gradNorm = norm2(grad);
    }
    if (outcome === RUNNING) outcome = OUTCOME_CODE.unresolved;
    return {
      outcome,
      period: outcome === OUTCOME_CODE.periodic ? classifier.period : 0,
      steps: step,
      lossInitial,
      lossFinal: loss,
      lossMin,
      gradNormFinal: gradNorm,
      sharpnessInitial,
      sharpnessFinal: options.sharpness ? sharpness(net, theta) : Number.NaN,
      paramNormInitial,
      paramNormFinal: norm2(theta),
      weightsFinal: options.weights ? theta.slice() : null,
    };
  }
}

/** One trajectory from `init` at step size η (defaults from THEORY.md). */
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

/**
 * The full history of one GD trajectory (`eos-sweep trace`): per step the
 * loss and gradient norm; every M steps the sharpness (Lanczos, warm-started
 * from the previous top eigenvector), η·λ_max/2, and for small models the
 * Jacobian determinant of the GD map, det(I − η∇²L) = Π_i (1 − ηλ_i).
 *
 * The trajectory runs on the sweep's TrajectoryRunner, which reports every
 * state to an observer; so the trace of (η, k) ends where `run` classified
 * initialization k at η, with the same outcome and step count.
 */
import type { Outcome } from '@eos-sweep/core';
import {
  denseHessian,
  Float64Buffer,
  OUTCOMES,
  sharpness,
  symmetricEigenvalues,
  TrajectoryRunner,
} from '@eos-sweep/core';
import type { SweepSetup } from '@eos-sweep/engine';
import { buildProblem, initializationOf } from '@eos-sweep/engine';

/** Models with at most this many parameters get det(I − η∇²L) (a dense p × p eigenproblem per sample). */
export const JACOBIAN_LIMIT = 300;

/** Traces longer than this would not fit comfortably in memory (≈ 50 bytes per step). */
export const TRACE_STEP_LIMIT = 5_000_000;

export interface TraceSeries {
  readonly eta: number;
  readonly trajectory: number;
  readonly outcome: Outcome;
  /** Period of a periodic outcome, else 0. */
  readonly period: number;
  /** GD steps taken; the series has steps + 1 rows (θ_0 … θ_steps). */
  readonly steps: number;
  readonly loss: Float64Array;
  readonly gradNorm: Float64Array;
  /** λ_max(∇²L(θ_t)) at sampled steps, NaN elsewhere. */
  readonly sharpness: Float64Array;
  /** η·λ_max/2 (above 1: locally unstable along the top eigenvector), NaN where not sampled. */
  readonly etaSharpnessHalf: Float64Array;
  /** det(I − η∇²L(θ_t)) at sampled steps; NaN elsewhere and for models above JACOBIAN_LIMIT. */
  readonly jacobianDet: Float64Array;
  /** How often the sign of det(I − η∇²L) flips between consecutive samples. */
  readonly detSignChanges: number;
  /** Sharpness at the last step (always sampled). */
  readonly sharpnessFinal: number;
}

/**
 * det(I − ηH) from the eigenvalues of H, accumulated as a log-magnitude and
 * a sign: the product of p factors over- or underflows long before the
 * determinant itself is uninteresting.
 */
export function gdJacobianDet(eigenvalues: ArrayLike<number>, eta: number): number {
  let logAbs = 0;
  let sign = 1;
  for (let i = 0; i < eigenvalues.length; i++) {
    const f = 1 - eta * eigenvalues[i];
    if (f === 0) return 0;
    if (!Number.isFinite(f)) return Number.NaN;
    if (f < 0) sign = -sign;
    logAbs += Math.log(Math.abs(f));
  }
  return sign * Math.exp(logAbs);
}

/** Sign flips between consecutive finite, non-zero values. */
export function signChanges(values: ArrayLike<number>): number {
  let last = 0;
  let changes = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v) || v === 0) continue;
    const s = Math.sign(v);
    if (last !== 0 && s !== last) changes++;
    last = s;
  }
  return changes;
}

export interface TraceOptions {
  /** Sample the sharpness (and the determinant) every `every` steps, and at the last step. */
  readonly every: number;
  /** Compute det(I − η∇²L) (default: when the model has at most JACOBIAN_LIMIT parameters). */
  readonly jacobian?: boolean;
}

/** Traces initialization k of `setup` (the same θ₀ as `run`) at step size η. */
export function traceTrajectory(setup: SweepSetup, eta: number, k: number, options: TraceOptions): TraceSeries {
  const problem = buildProblem(setup.problem);
  const p = problem.layout.paramCount;
  const { maxSteps, classify, lossMin } = setup.trajectory;
  const every = Math.max(1, Math.floor(options.every));
  const jacobian = options.jacobian ?? p <= JACOBIAN_LIMIT;
  // the sweep's runner, one trajectory at a time, with the history taken from its observer
  const runner = new TrajectoryRunner(problem, { maxSteps, classify, lossMin, sharpness: false, weights: false });
  const theta0 = new Float64Array(p);
  initializationOf(setup, problem.layout, k, theta0);
  // one vector for the whole trajectory: each Lanczos run starts from the previous top eigenvector
  const lanczosVector = new Float64Array(p);
  const capacity = Math.min(maxSteps + 1, 1 << 16);
  const loss = new Float64Buffer(capacity);
  const gradNorm = new Float64Buffer(capacity);
  const sharp = new Float64Buffer(capacity);
  const half = new Float64Buffer(capacity);
  const det = new Float64Buffer(capacity);

  const sample = (theta: Float64Array): void => {
    const lambda = sharpness(runner.net, theta, { method: 'lanczos', vector: lanczosVector });
    sharp.push(lambda);
    half.push((eta * lambda) / 2);
    if (jacobian) {
      const finite = theta.every(Number.isFinite);
      det.push(finite ? gdJacobianDet(symmetricEigenvalues(denseHessian(runner.net, theta), p), eta) : Number.NaN);
    } else {
      det.push(Number.NaN);
    }
  };
  const skip = (): void => {
    sharp.push(Number.NaN);
    half.push(Number.NaN);
    det.push(Number.NaN);
  };

  const result = runner.run(eta, theta0, (step, theta, value, norm, last) => {
    loss.push(value);
    gradNorm.push(norm);
    if (step % every === 0 || last) sample(theta);
    else skip();
  });
  const jacobianDet = det.toArray();
  const sharpnessAll = sharp.toArray();
  return {
    eta,
    trajectory: k,
    outcome: OUTCOMES[result.outcome],
    period: result.period,
    steps: result.steps,
    loss: loss.toArray(),
    gradNorm: gradNorm.toArray(),
    sharpness: sharpnessAll,
    etaSharpnessHalf: half.toArray(),
    jacobianDet,
    detSignChanges: signChanges(jacobianDet),
    sharpnessFinal: sharpnessAll[sharpnessAll.length - 1],
  };
}

/**
 * How a stopped trajectory becomes a result: the stability rule's check at a
 * convergence, and the final fields. One piece of code for the one-by-one
 * loop (trajectory.ts) and the lanes (lanes.ts), which must agree exactly.
 */
import { OUTCOME_CODE, RUNNING } from './classify.js';
import type { LinearNet } from './linear-net.js';
import { norm2 } from './linear-net.js';
import { sharpness } from './sharpness.js';
import type { TrajectoryOptions, TrajectoryResult } from './trajectory.js';

/**
 * Must the stability rule judge this stop? A convergence before the step
 * limit with ∇L ≠ 0 (an exact fixed point stays put, however sharp).
 */
export function stabilityJudged(outcome: number, steps: number, maxSteps: number, gradNorm: number): boolean {
  return outcome === OUTCOME_CODE.converged && steps < maxSteps && gradNorm > 0;
}

/**
 * What the loop knows when a trajectory stops at θ (`outcome` RUNNING at the step limit): the result's
 * fields but those taken from θ, and λ_max at θ computed for the stability rule (NaN when it was not judged).
 */
export type Stop = Omit<TrajectoryResult, 'sharpnessFinal' | 'paramNormFinal' | 'weightsFinal'> & {
  stableSharpness: number;
};

/** The result of a trajectory stopped at θ; the final sharpness, norm and weights are taken from θ as `options` ask. */
export function trajectoryResult(
  net: LinearNet,
  options: TrajectoryOptions,
  theta: Float64Array,
  stop: Stop,
): TrajectoryResult {
  const outcome = stop.outcome === RUNNING ? OUTCOME_CODE.unresolved : stop.outcome;
  return {
    outcome,
    period: outcome === OUTCOME_CODE.periodic ? stop.period : 0,
    steps: stop.steps,
    lossInitial: stop.lossInitial,
    lossFinal: stop.lossFinal,
    lossMin: stop.lossMin,
    gradNormFinal: stop.gradNormFinal,
    sharpnessInitial: stop.sharpnessInitial,
    sharpnessFinal: !options.sharpness
      ? Number.NaN
      : outcome === OUTCOME_CODE.converged && !Number.isNaN(stop.stableSharpness)
        ? stop.stableSharpness
        : sharpness(net, theta),
    paramNormInitial: stop.paramNormInitial,
    paramNormFinal: norm2(theta),
    weightsFinal: options.weights ? theta.slice() : null,
  };
}

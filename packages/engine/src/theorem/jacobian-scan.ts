/**
 * Non-singularity of the GD map, measured along one trajectory: at every
 * `every`-th step the Hessian's eigenvalues give det(I − η∇²L) relative to
 * the product of its factors' scales (core gdJacobianRelative). The scan
 * counts how often that comes within `nearZero` of 0 and where the sign
 * changes (an eigenvalue crossing 1/η). It stops at maxSteps, when the loss
 * leaves the finite numbers, or when the gradient vanishes (a minimizer:
 * from then on θ, and so the determinant, no longer changes).
 */
import { denseHessian, gdJacobianRelative, LinearNet, symmetricEigenvalues } from '@eos-sweep/core';
import { buildProblem, initializationOf, type SweepSetup } from '../worker-setup.js';

/** Relative |det| at or below this counts as singular to working precision. */
export const NEAR_SINGULAR = 1e-12;

export interface JacobianScan {
  readonly eta: number;
  readonly trajectory: number;
  /** Steps taken and determinants evaluated. */
  readonly steps: number;
  readonly samples: number;
  /** Samples with relative |det| ≤ nearZero. */
  readonly nearSingular: number;
  /** The smallest relative |det| seen, as log10. */
  readonly minLog10Relative: number;
  /** Steps at which the sign differs from the previous sample's, and the eigenvalue that crossed 1/η there. */
  readonly signChanges: readonly { readonly step: number; readonly lambda: number }[];
  readonly stoppedBy: 'max-steps' | 'diverged' | 'stationary';
}

export interface ScanOptions {
  readonly maxSteps: number;
  readonly every?: number;
  readonly nearZero?: number;
  /** ‖∇L‖ below this (absolute) ends the scan. */
  readonly gradTol?: number;
}

export function jacobianScan(setup: SweepSetup, eta: number, k: number, options: ScanOptions): JacobianScan {
  const problem = buildProblem(setup.problem);
  const p = problem.layout.paramCount;
  const net = new LinearNet(problem);
  const theta = initializationOf(setup, problem.layout, k, new Float64Array(p));
  const grad = new Float64Array(p);
  const every = Math.max(1, Math.floor(options.every ?? 1));
  const logNearZero = Math.log(options.nearZero ?? NEAR_SINGULAR);
  const gradTol = options.gradTol ?? 1e-12;
  let samples = 0;
  let nearSingular = 0;
  let minLog = Number.POSITIVE_INFINITY;
  let lastSign = 0;
  let lastEigenvalues: number[] = [];
  const signChanges: { step: number; lambda: number }[] = [];
  let stoppedBy: JacobianScan['stoppedBy'] = 'max-steps';
  let step = 0;
  for (; step <= options.maxSteps; step++) {
    const loss = net.evaluate(theta, grad);
    if (!Number.isFinite(loss)) {
      stoppedBy = 'diverged';
      break;
    }
    if (step % every === 0) {
      const eigenvalues = symmetricEigenvalues(denseHessian(net, theta), p).sort((a, b) => a - b);
      const { logRelative, sign } = gdJacobianRelative(eigenvalues, eta);
      samples++;
      if (logRelative <= logNearZero) nearSingular++;
      minLog = Math.min(minLog, logRelative);
      if (lastSign !== 0 && sign !== 0 && sign !== lastSign) {
        // the eigenvalue whose factor 1 − ηλ changed sign: nearest to 1/η of those that moved across it
        let lambda = Number.NaN;
        for (let i = 0; i < p; i++) {
          if (Math.sign(1 - eta * eigenvalues[i]) !== Math.sign(1 - eta * lastEigenvalues[i])) lambda = eigenvalues[i];
        }
        signChanges.push({ step, lambda });
      }
      if (sign !== 0) lastSign = sign;
      lastEigenvalues = eigenvalues;
    }
    let g2 = 0;
    for (let i = 0; i < p; i++) g2 += grad[i] * grad[i];
    if (Math.sqrt(g2) <= gradTol) {
      stoppedBy = 'stationary';
      break;
    }
    if (step === options.maxSteps) break;
    for (let i = 0; i < p; i++) theta[i] -= eta * grad[i];
  }
  return {
    eta,
    trajectory: k,
    steps: step,
    samples,
    nearSingular,
    minLog10Relative: minLog / Math.LN10,
    signChanges,
    stoppedBy,
  };
}

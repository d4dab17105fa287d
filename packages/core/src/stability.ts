/**
 * Linear stability of a critical point under GD: the rule that makes
 * `converged` mean a minimizer GD stays at (trajectory.ts, lanes.ts, and the
 * report's trace).
 */

/** Relative slack of the stability test ηλ_max ≤ 2 at convergence (sharpness is accurate to ~1e−10). */
const STABILITY_TOL = 1e-6;

/** Is a critical point with this sharpness linearly stable under GD with step η (|1 − ηλ| ≤ 1)? */
export function linearlyStable(eta: number, sharpnessValue: number): boolean {
  return eta * sharpnessValue <= 2 * (1 + STABILITY_TOL);
}

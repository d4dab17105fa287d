/**
 * Warnings for sweeps that run without error and measure nothing useful: a
 * grid that misses η_c, initializations that are unstable at every step size
 * (they diverge within a few steps), and a run in which nothing converged.
 * Each is one line, naming the likely cause and the key to change.
 */
import type { Config } from '@eos-sweep/config';
import { LinearNet, sharpness } from '@eos-sweep/core';
import type { PreparedSweep } from './problem.js';
import { initializationOf } from './worker-setup.js';

/** Initializations sampled for the sharpness check: the run's own first ones. */
export const SHARPNESS_SAMPLES = 32;
/** The smallest initialization scale tried for a suggestion is 2^-MAX_HALVINGS. */
const MAX_HALVINGS = 10;
/** Initializations re-evaluated at each scale tried: a suggestion needs less precision than the warning. */
const RESCALED_SAMPLES = 8;
/**
 * Lanczos steps per sample on networks too large for the dense eigendecomposition. The top Ritz value
 * after any number of steps is a lower bound on the sharpness, so "above 2/η" stays certain; ten steps
 * cost ten Hessian-vector products and came within a few per cent on the networks tried.
 */
const LANCZOS_STEPS = 10;

function fmt(x: number): string {
  return Number(x.toPrecision(4)).toString();
}

/** η_c outside the grid: the sweep cannot show where convergence stops. */
export function gridWarning(etas: readonly number[], etaCritical: number | null, relative: boolean): string | null {
  if (etaCritical === null || etas.length === 0) return null;
  const low = Math.min(...etas);
  const high = Math.max(...etas);
  if (etaCritical >= low && etaCritical <= high) return null;
  const fix = relative
    ? 'widen sweep.eta to include 1 (with sweep.relative: true it is in units of η_c)'
    : 'set sweep.relative: true and sweep.eta around 1, e.g. {from: 0.5, to: 1.5, count: 21}';
  return `warning: η_c = ${fmt(etaCritical)} lies outside the step-size grid [${fmt(low)}, ${fmt(high)}], so the sweep cannot show where convergence stops; ${fix}`;
}

/**
 * Decides, from the initial sharpness of a sample of initializations, whether most start unstable at every
 * step size: sharpness above 2/η even at the smallest η, where 2/η is largest. `rescaled(c)` gives the
 * sharpness of (a part of) the sample with every initial weight multiplied by c, to find the scale that
 * would help.
 */
export function unstableInitWarning(
  sample: readonly number[],
  etas: readonly number[],
  init: Config['init'],
  rescaled: (scale: number) => readonly number[],
): string | null {
  if (sample.length === 0 || etas.length === 0) return null;
  const limit = 2 / Math.min(...etas);
  const unstable = (values: readonly number[]) => values.filter((s) => !(s <= limit)).length;
  if (unstable(sample) * 2 <= sample.length) return null;
  const sorted = [...sample].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  // the largest reduction 2^-k (k ≤ 10) under which at most a quarter of the sample starts unstable,
  // by bisection on k: sharpness falls as the initialization shrinks, and each try costs a whole sample
  const fixes = (k: number) => {
    const values = rescaled(2 ** -k);
    return unstable(values) * 4 <= values.length;
  };
  let scale: number | null = null;
  if (fixes(MAX_HALVINGS)) {
    let [low, high] = [0, MAX_HALVINGS];
    while (high - low > 1) {
      const mid = Math.floor((low + high) / 2);
      if (fixes(mid)) high = mid;
      else low = mid;
    }
    scale = 2 ** -high;
  }
  const head =
    `warning: ${unstable(sample)} of ${sample.length} sampled initializations start with sharpness above 2/η at every ` +
    `step size (median ${fmt(median)}, 2/η ≤ ${fmt(limit)}), so they diverge at once`;
  if (scale === null) return `${head}; no smaller initialization fixes that: lower the step sizes (sweep.eta)`;
  return `${head}; try ${initSuggestion(init, scale)} (examples/ has configs that work)`;
}

function initSuggestion(init: Config['init'], scale: number): string {
  if (init.kind === 'uniform') return `init.radius: ${fmt(init.radius * scale)}`;
  if (typeof init.std === 'number') return `init.std: ${fmt(init.std * scale)}`;
  return `a numeric init.std, about ${fmt(scale)}× the ${init.std} scale`;
}

/** The initial sharpness of the run's first `count` initializations, each weight multiplied by `scale`. */
export function initialSharpness(prepared: PreparedSweep, count: number, scale = 1): number[] {
  const net = new LinearNet(prepared.problem);
  const theta = new Float64Array(prepared.problem.layout.paramCount);
  const out: number[] = [];
  for (let k = 0; k < count; k++) {
    initializationOf(prepared.setup, prepared.problem.layout, k, theta);
    if (scale !== 1) for (let i = 0; i < theta.length; i++) theta[i] *= scale;
    out.push(sharpness(net, theta, { maxIter: LANCZOS_STEPS }));
  }
  return out;
}

/**
 * The warnings to print before a sweep runs (none for a sensible one). Above η_c no initialization can
 * converge, so a grid wholly above it gets the grid warning alone.
 */
export function sweepWarnings(prepared: PreparedSweep): string[] {
  const { etas } = prepared.setup;
  const { etaCritical } = prepared.theory;
  const count = Math.min(SHARPNESS_SAMPLES, prepared.config.sweep.trajectories);
  const warnings = [gridWarning(etas, etaCritical, prepared.config.sweep.relative)];
  if (etaCritical === null || Math.min(...etas) <= etaCritical) {
    warnings.push(
      unstableInitWarning(initialSharpness(prepared, count), etas, prepared.config.init, (scale) =>
        initialSharpness(prepared, Math.min(count, RESCALED_SAMPLES), scale),
      ),
    );
  }
  return warnings.filter((w): w is string => w !== null);
}

/**
 * After a whole run: when no trajectory converged at any step size, the likely reason, from where the
 * trajectories went and where the grid lies.
 */
export function nothingConvergedWarning(
  counts: Record<string, number> | null,
  etas: readonly number[],
  etaCritical: number | null,
  maxSteps: number,
): string | null {
  if (!counts || counts.trajectories === 0 || counts.converged > 0) return null;
  const head = 'warning: no trajectory converged at any step size';
  if (etaCritical !== null && Math.min(...etas) > etaCritical) {
    return `${head}: every step size is above η_c = ${fmt(etaCritical)}, where the converging set has measure zero; include step sizes below η_c (sweep.relative: true, sweep.eta from 0.5)`;
  }
  const share = (key: string) => `${counts[key]} of ${counts.trajectories}`;
  const reasons: Record<string, string> = {
    diverged: `${share('diverged')} diverged: the initializations start too sharp for these step sizes; lower init.std or the step sizes`,
    unresolved: `${share('unresolved')} were unresolved after sweep.maxSteps = ${maxSteps} steps; raise sweep.maxSteps`,
    saddle: `${share('saddle')} stopped at saddle points: the initializations are too small to leave them; raise init.std`,
    periodic: `${share('periodic')} settled into periodic orbits: the step sizes are too large; lower them`,
  };
  const main = Object.keys(reasons).reduce((a, b) => ((counts[b] ?? 0) > (counts[a] ?? 0) ? b : a));
  return `${head}: ${reasons[main]}`;
}

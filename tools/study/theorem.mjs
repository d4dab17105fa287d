// The theorem's claims besides measure zero above η_c, measured for one
// example config: the minimizers form a smooth manifold (Hessian null-space
// count against p − r(d₀ + d_N − r)), the stable minima are bounded (largest
// ‖θ‖ of the converged runs, against the closed form for scalar networks),
// and the GD map is non-singular (det(I − η∇²L) along sampled trajectories).
// Numbers come from the library (built dist/) and from files the CLI wrote.
import { dirname } from 'node:path';
import { loadConfigFile, resolveConfig } from '@eos-sweep/config';
import {
  fibreDimension,
  hessianNullity,
  isScalarNetwork,
  minimumLoss,
  scalarStableNormBound,
  ZERO_EIGENVALUE_TOL,
} from '@eos-sweep/core';
import { jacobianScan, NEAR_SINGULAR, prepareSweep } from '@eos-sweep/engine';

export async function prepared(file) {
  const config = resolveConfig(await loadConfigFile(file));
  return prepareSweep(config, dirname(file));
}

/** Hessian null-space counts at the converged minimizers of a small run that recorded its weights. */
export async function manifoldClaim(prep, rows) {
  const { problem } = prep;
  const { rank } = minimumLoss(problem);
  const expected = fibreDimension(problem.layout, rank);
  const counts = new Map();
  let largestZero = 0;
  let smallestNonzero = Number.POSITIVE_INFINITY;
  for (const row of rows) {
    const h = hessianNullity(problem, Float64Array.from(row.weights_final));
    counts.set(h.zeros, (counts.get(h.zeros) ?? 0) + 1);
    if (Number.isFinite(h.largestZero)) largestZero = Math.max(largestZero, h.largestZero);
    if (Number.isFinite(h.smallestNonzero)) smallestNonzero = Math.min(smallestNonzero, h.smallestNonzero);
  }
  return {
    minimizers: rows.length,
    p: problem.layout.paramCount,
    dims: problem.layout.dims,
    rank,
    expected,
    counts: [...counts.entries()].sort((a, b) => a[0] - b[0]),
    largestZero,
    smallestNonzero,
    ok: rows.length > 0 && counts.size === 1 && counts.has(expected),
  };
}

/** The largest ‖θ‖ among converged minimizers per step size, with the scalar closed form where it applies. */
export function boundedClaim(prep, summary) {
  const { layout, stats } = prep.problem;
  const scalar = isScalarNetwork(layout);
  const rows = summary
    .filter((r) => r.converged > 0)
    .map((r) => {
      const bound = scalar
        ? scalarStableNormBound(layout.depth, stats.sigma[0], stats.cross[0] / stats.sigma[0], r.eta)
        : Number.NaN;
      return { ratio: r.etaRatio, eta: r.eta, max: r.paramNormFinalMax, bound };
    });
  const finite = rows.every((r) => Number.isFinite(r.max));
  const within = !scalar || rows.every((r) => r.max <= r.bound * (1 + 1e-6));
  return { scalar, rows, ok: rows.length > 0 && finite && within };
}

/** det(I − η∇²L) along trajectories 0…count−1 at each step-size ratio. */
export function nonSingularClaim(prep, ratios, count, maxSteps) {
  const etaC = prep.theory.etaCritical;
  const out = [];
  for (const ratio of ratios) {
    const eta = ratio * etaC;
    let samples = 0;
    let near = 0;
    let minLog = Number.POSITIVE_INFINITY;
    const changes = [];
    for (let k = 0; k < count; k++) {
      const scan = jacobianScan(prep.setup, eta, k, { maxSteps });
      samples += scan.samples;
      near += scan.nearSingular;
      minLog = Math.min(minLog, scan.minLog10Relative);
      for (const c of scan.signChanges) changes.push({ k, ...c });
    }
    out.push({ ratio, eta, samples, near, minLog, changes });
  }
  return { rows: out, ok: out.every((r) => r.near === 0) };
}

export const TOLERANCES = { zero: ZERO_EIGENVALUE_TOL, nearSingular: NEAR_SINGULAR };

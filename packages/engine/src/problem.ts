/**
 * From a resolved config to everything a sweep needs: the problem (data
 * reduced to Σ, C, c₀), the theory (λ*, η_c, L*), the step-size grid and the
 * per-trajectory options. `SweepSetup` is what workers receive, once.
 */
import type { Config } from '@eos-sweep/config';
import { loadData } from '@eos-sweep/config';
import type { DataStats, InitSpec, Layout, Problem, Theory, TrajectoryOptions } from '@eos-sweep/core';
import {
  theory as computeTheory,
  DEFAULT_CLASSIFY,
  dataStats,
  initialParams,
  makeLayout,
  makeProblem,
  networkDims,
} from '@eos-sweep/core';
import { EngineError } from './errors.js';
import { etaGrid } from './grid.js';

export interface ProblemSpec {
  readonly dims: readonly number[];
  readonly stats: DataStats;
}

/**
 * A 2-D plane of initializations instead of random ones (basin maps):
 * initialization k is pixel (k mod width, ⌊k / width⌋), at
 * θ = center + x·u + y·v with x, y spread evenly over their ranges
 * (pixel centres).
 */
export interface InitPlane {
  readonly center: readonly number[];
  readonly u: readonly number[];
  readonly v: readonly number[];
  readonly x: readonly [number, number];
  readonly y: readonly [number, number];
  readonly width: number;
  readonly height: number;
}

export interface SweepSetup {
  readonly problem: ProblemSpec;
  readonly init: InitSpec;
  readonly seed: number;
  readonly trajectory: TrajectoryOptions;
  readonly etas: readonly number[];
  /** When set, initializations come from this plane, not from (seed, k). */
  readonly plane?: InitPlane;
}

/** The plane coordinates (x, y) of pixel k. */
export function planeCoordinates(plane: InitPlane, k: number): [number, number] {
  const i = k % plane.width;
  const j = Math.floor(k / plane.width);
  const x = plane.x[0] + ((i + 0.5) / plane.width) * (plane.x[1] - plane.x[0]);
  const y = plane.y[0] + ((j + 0.5) / plane.height) * (plane.y[1] - plane.y[0]);
  return [x, y];
}

/** Fills `out` with initialization k of the setup: from the plane, or random from (seed, k). */
export function initializationOf(setup: SweepSetup, layout: Layout, k: number, out: Float64Array): Float64Array {
  if (!setup.plane) return initialParams(layout, setup.init, setup.seed, k, out);
  const { center, u, v } = setup.plane;
  const [x, y] = planeCoordinates(setup.plane, k);
  for (let i = 0; i < out.length; i++) out[i] = center[i] + x * u[i] + y * v[i];
  return out;
}

export interface PreparedSweep {
  readonly config: Config;
  readonly problem: Problem;
  readonly theory: Theory;
  readonly setup: SweepSetup;
  /** η/η_c per grid point, NaN when η_c is unknown. */
  readonly etaRatios: readonly number[];
}

export function buildProblem(spec: ProblemSpec): Problem {
  return makeProblem(makeLayout(spec.dims), spec.stats);
}

function initSpec(config: Config): InitSpec {
  const init = config.init;
  return init.kind === 'gaussian' ? { kind: 'gaussian', std: init.std } : { kind: 'uniform', radius: init.radius };
}

/** Loads the data, computes the theory and the grid. `baseDir` resolves relative data paths. */
export async function prepareSweep(config: Config, baseDir: string): Promise<PreparedSweep> {
  const data = await loadData(config.data, baseDir);
  const stats = dataStats(data, config.loss.normalization);
  let dims: number[];
  try {
    dims = networkDims(stats.dIn, stats.dOut, config.model.depth, config.model.hidden);
  } catch (error) {
    throw new EngineError('CONFIG_INVALID', (error as Error).message);
  }
  const problem = buildProblem({ dims, stats });
  const theory = computeTheory(problem);
  const etas = etaGrid(config.sweep.eta, config.sweep.relative, theory.etaCritical);
  const setup: SweepSetup = {
    problem: { dims, stats },
    init: initSpec(config),
    seed: config.seed,
    trajectory: {
      maxSteps: config.sweep.maxSteps,
      classify: { ...DEFAULT_CLASSIFY, ...config.classify },
      lossMin: theory.lossMin,
      sharpness: config.record.sharpness,
      weights: config.record.weights,
    },
    etas,
  };
  const etaRatios = etas.map((eta) => (theory.etaCritical === null ? Number.NaN : eta / theory.etaCritical));
  return { config, problem, theory, setup, etaRatios };
}

/**
 * From a resolved config to everything a sweep needs: the problem (data
 * reduced to Σ, C, c₀), the theory (λ*, η_c, L*), the step-size grid and the
 * per-trajectory options. `WorkerSetup` is what workers receive, once: all
 * but the step sizes, so that a pool can start while λ* — and with it a
 * relative grid — is being computed.
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
  minimumLoss,
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

/** What a worker receives once; each task brings its step size (Task.eta). */
export interface WorkerSetup {
  readonly problem: ProblemSpec;
  readonly init: InitSpec;
  readonly seed: number;
  readonly trajectory: TrajectoryOptions;
  /** Step sizes in the sweep: with more than one, λ_max(θ₀) is computed once for all of them. */
  readonly etaCount: number;
  /** When set, initializations come from this plane, not from (seed, k). */
  readonly plane?: InitPlane;
}

export interface SweepSetup extends Omit<WorkerSetup, 'etaCount'> {
  readonly etas: readonly number[];
}

export function workerSetup(setup: SweepSetup): WorkerSetup {
  const { etas, ...rest } = setup;
  return { ...rest, etaCount: etas.length };
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
export function initializationOf(
  setup: Pick<WorkerSetup, 'init' | 'seed' | 'plane'>,
  layout: Layout,
  k: number,
  out: Float64Array,
): Float64Array {
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

/** A sweep before its theory: the problem and what workers need. */
export interface LoadedSweep {
  readonly config: Config;
  readonly problem: Problem;
  readonly worker: WorkerSetup;
}

/** Loads the data and builds the problem; everything here is cheap next to λ*. `baseDir` resolves relative data paths. */
export async function loadSweep(config: Config, baseDir: string): Promise<LoadedSweep> {
  const data = await loadData(config.data, baseDir);
  const stats = dataStats(data, config.loss.normalization);
  let dims: number[];
  try {
    dims = networkDims(stats.dIn, stats.dOut, config.model.depth, config.model.hidden);
  } catch (error) {
    throw new EngineError('CONFIG_INVALID', (error as Error).message);
  }
  const problem = buildProblem({ dims, stats });
  // the grid's length does not depend on η_c
  const etaCount = etaGrid(config.sweep.eta, false, null).length;
  const worker: WorkerSetup = {
    problem: { dims, stats },
    init: initSpec(config),
    seed: config.seed,
    trajectory: {
      maxSteps: config.sweep.maxSteps,
      classify: { ...DEFAULT_CLASSIFY, ...config.classify },
      lossMin: minimumLoss(problem).lossMin,
      sharpness: config.record.sharpness,
      weights: config.record.weights,
    },
    etaCount,
  };
  return { config, problem, worker };
}

/** Computes the theory and the grid of a loaded sweep. */
export function completeSweep(loaded: LoadedSweep): PreparedSweep {
  const { config, problem, worker } = loaded;
  const theory = computeTheory(problem);
  const etas = etaGrid(config.sweep.eta, config.sweep.relative, theory.etaCritical);
  const { etaCount, ...rest } = worker;
  const setup: SweepSetup = { ...rest, etas };
  const etaRatios = etas.map((eta) => (theory.etaCritical === null ? Number.NaN : eta / theory.etaCritical));
  return { config, problem, theory, setup, etaRatios };
}

/** Loads the data, computes the theory and the grid. `baseDir` resolves relative data paths. */
export async function prepareSweep(config: Config, baseDir: string): Promise<PreparedSweep> {
  return completeSweep(await loadSweep(config, baseDir));
}

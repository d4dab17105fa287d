/**
 * What a worker thread is given and rebuilds: the problem's spec, the
 * initializations and the per-trajectory options. It imports nothing but the
 * core package: a worker starts by loading this file's imports, and the
 * config package's (schema, YAML, data files) would double its start-up.
 */
import type { DataStats, InitSpec, Layout, Problem, TrajectoryOptions } from '@eos-sweep/core';
import { initialParams, makeLayout, makeProblem } from '@eos-sweep/core';

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

export function buildProblem(spec: ProblemSpec): Problem {
  return makeProblem(makeLayout(spec.dims), spec.stats);
}

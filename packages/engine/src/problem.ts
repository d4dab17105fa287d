/**
 * From a resolved config to everything a sweep needs: the problem (data
 * reduced to Σ, C, c₀), the theory (λ*, η_c, L*), the step-size grid and the
 * per-trajectory options. `SweepSetup` is what workers receive, once.
 */
import type { Config } from '@eos-sweep/config';
import { loadData } from '@eos-sweep/config';
import type { DataStats, InitSpec, Problem, Theory, TrajectoryOptions } from '@eos-sweep/core';
import {
  theory as computeTheory,
  DEFAULT_CLASSIFY,
  dataStats,
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

export interface SweepSetup {
  readonly problem: ProblemSpec;
  readonly init: InitSpec;
  readonly seed: number;
  readonly trajectory: TrajectoryOptions;
  readonly etas: readonly number[];
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

export function initSpec(config: Config): InitSpec {
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

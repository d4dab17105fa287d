/**
 * From a resolved config to everything a sweep needs: the problem (data
 * reduced to Σ, C, c₀), the theory (λ*, η_c, L*), the step-size grid and the
 * per-trajectory options. The `WorkerSetup` (worker-setup.ts) is what
 * workers receive, once: all but the step sizes, so that a pool can start
 * while λ* — and with it a relative grid — is being computed.
 */
import type { Config } from '@eos-sweep/config';
import { loadData } from '@eos-sweep/config';
import type { InitSpec, Problem, Theory } from '@eos-sweep/core';
import { theory as computeTheory, DEFAULT_CLASSIFY, dataStats, minimumLoss, networkDims } from '@eos-sweep/core';
import { EngineError } from './errors.js';
import { etaGrid } from './grid.js';
import type { SweepSetup, WorkerSetup } from './worker-setup.js';
import { buildProblem } from './worker-setup.js';

export interface PreparedSweep {
  readonly config: Config;
  readonly problem: Problem;
  readonly theory: Theory;
  readonly setup: SweepSetup;
  /** η/η_c per grid point, NaN when η_c is unknown. */
  readonly etaRatios: readonly number[];
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

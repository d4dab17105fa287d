/**
 * The state of an adaptive sweep: its step sizes, what has run at each, and
 * the interval each one's counts give. It is rebuilt from the rounds'
 * journals on every start, so a resume and a first run reach the same
 * state from the same results.
 *
 * Every row at a step size has that step size's current budget `maxSteps`:
 * rows are added at it, and raising it re-runs exactly the rows still
 * unresolved. A row that resolved under a smaller budget ends the same way
 * under a larger one (the step loop is deterministic and stops at the first
 * rule that fires), so it need not run again.
 */
import type { AdaptiveConfig } from '@eos-sweep/config';
import { OUTCOME_CODE } from '@eos-sweep/core';
import { betaBinomialInterval, halfWidthOf, tunedConcentration } from '../confidence-sequence.js';

/** Why a step size is in the sweep: the configured grid, bisection of the threshold, or refinement of p(η). */
export type StepSizeRole = 'grid' | 'bisection' | 'refinement';

/** A block of new initializations k = start..start+count−1 that ran at a step size. */
export interface RowSource {
  readonly round: number;
  readonly task: number;
  readonly start: number;
  readonly count: number;
}

/** A task that re-ran unresolved initializations (its `trajectories`) with a larger budget. */
export interface RowExtension {
  readonly round: number;
  readonly task: number;
  readonly trajectories: readonly number[];
}

export interface StepSize {
  /** Creation order: the step size's index in every round's worker setup. */
  readonly id: number;
  readonly eta: number;
  readonly role: StepSizeRole;
  /** The round that added it. */
  readonly round: number;
  /** Initializations run so far: k = 0..trajectories−1. */
  trajectories: number;
  /** Per outcome code (OUTCOME_CODE). */
  readonly counts: number[];
  /** The GD step budget every row here has. */
  maxSteps: number;
  /** Initializations still unresolved under `maxSteps`, ascending. */
  unresolved: number[];
  readonly sources: RowSource[];
  readonly extensions: RowExtension[];
}

export function newStepSize(id: number, eta: number, role: StepSizeRole, round: number, maxSteps: number): StepSize {
  return {
    id,
    eta,
    role,
    round,
    trajectories: 0,
    counts: [0, 0, 0, 0, 0],
    maxSteps,
    unresolved: [],
    sources: [],
    extensions: [],
  };
}

export function convergedOf(point: StepSize): number {
  return point.counts[OUTCOME_CODE.converged];
}

/** The anytime-valid interval for p_converged at a step size. */
export function intervalOf(point: StepSize, settings: AdaptiveConfig): [number, number] {
  return betaBinomialInterval(convergedOf(point), point.trajectories, {
    confidence: settings.confidence,
    concentration: tunedConcentration(settings.halfWidth, settings.confidence),
  });
}

export function halfWidthAt(point: StepSize, settings: AdaptiveConfig): number {
  return point.trajectories === 0 ? Number.POSITIVE_INFINITY : halfWidthOf(intervalOf(point, settings));
}

/** Counts the outcomes of a block of new rows (`outcomes[r]` is row start + r). */
export function addRows(point: StepSize, source: RowSource, outcomes: ArrayLike<number>): void {
  for (let r = 0; r < source.count; r++) {
    const outcome = outcomes[r];
    point.counts[outcome]++;
    if (outcome === OUTCOME_CODE.unresolved) point.unresolved.push(source.start + r);
  }
  point.trajectories += source.count;
  point.sources.push(source);
}

/**
 * Replaces the outcomes of re-run rows: `runs` are the tasks of one round that together re-ran every row
 * unresolved at this step size, with budget `maxSteps`.
 */
export function applyExtensions(
  point: StepSize,
  maxSteps: number,
  runs: readonly { extension: RowExtension; outcomes: ArrayLike<number> }[],
): void {
  const still: number[] = [];
  for (const { extension, outcomes } of runs) {
    extension.trajectories.forEach((k, r) => {
      point.counts[OUTCOME_CODE.unresolved]--;
      point.counts[outcomes[r]]++;
      if (outcomes[r] === OUTCOME_CODE.unresolved) still.push(k);
    });
    point.extensions.push(extension);
  }
  point.unresolved = still.sort((a, b) => a - b);
  point.maxSteps = maxSteps;
}

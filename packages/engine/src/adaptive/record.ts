/**
 * What run.json says about an adaptive sweep (`adaptive`): each round's
 * work and why, each step size's budget and interval, and the threshold
 * bracket in absolute η with the bound its upper end rests on.
 */
import type { AdaptiveConfig } from '@eos-sweep/config';
import { OUTCOME_CODE } from '@eos-sweep/core';
import { bracketOf, byEta } from './planner.js';
import type { StepSize, StepSizeRole } from './points.js';
import { convergedOf, halfWidthAt, intervalOf } from './points.js';

export interface RoundRecord {
  readonly round: number;
  /** The work of the round, one entry per step size it touched. */
  readonly stepSizes: readonly {
    eta: number;
    role: StepSizeRole;
    /** sample: new initializations; extend: unresolved ones re-run with a larger budget. */
    kind: 'sample' | 'extend';
    trajectories: number;
    maxSteps: number;
    reason: string;
  }[];
  readonly trajectories: number;
  /** GD steps the round's trajectories took. */
  readonly steps: number;
}

export interface StepSizeRecord {
  readonly eta: number;
  readonly role: StepSizeRole;
  /** The round that added it. */
  readonly round: number;
  readonly trajectories: number;
  readonly converged: number;
  readonly unresolved: number;
  /** The step budget every row at this step size had. */
  readonly maxSteps: number;
  readonly pConvergedLow: number;
  readonly pConvergedHigh: number;
  readonly halfWidth: number;
}

export interface BracketRecord {
  /** The largest η at which something converged; null when nothing did. */
  readonly low: number | null;
  /** The smallest η above it; null when something converged at the largest η. */
  readonly high: number | null;
  readonly width: number | null;
  /** thresholdTolerance in absolute η (× η_c, or × the lower end when η_c is unknown). */
  readonly tolerance: number;
  /** The bracket is narrower than the tolerance. */
  readonly resolved: boolean;
  readonly lowRatio: number | null;
  readonly highRatio: number | null;
  /** low < η_c ≤ high; null when η_c is unknown or an end is missing. */
  readonly containsEtaCritical: boolean | null;
  readonly lowConverged: number;
  readonly lowTrajectories: number;
  readonly highTrajectories: number;
  /** The upper end of the anytime-valid interval for p at `high` (0 of highTrajectories converged). */
  readonly highUpperBound: number | null;
  readonly highUnresolved: number;
  readonly highMaxSteps: number | null;
  /** The cap decided it: rows at `high` were still unresolved after `maxStepsCap` steps. */
  readonly budgetLimited: boolean;
  /** The bracket in words, e.g. "converged at η = 0.999 (3 of 256); 0 of 512 converged at η = 1.001: p < 0.0113 at 95%". */
  readonly statement: string;
}

export interface AdaptiveRecord {
  rounds: RoundRecord[];
  stepSizes: StepSizeRecord[];
  threshold: BracketRecord | null;
}

export function stepSizeRecords(points: readonly StepSize[], settings: AdaptiveConfig): StepSizeRecord[] {
  return byEta(points).map((p) => {
    const [low, high] = intervalOf(p, settings);
    return {
      eta: p.eta,
      role: p.role,
      round: p.round,
      trajectories: p.trajectories,
      converged: convergedOf(p),
      unresolved: p.counts[OUTCOME_CODE.unresolved],
      maxSteps: p.maxSteps,
      pConvergedLow: low,
      pConvergedHigh: high,
      halfWidth: halfWidthAt(p, settings),
    };
  });
}

const fmt = (x: number) => x.toPrecision(4);

export function bracketRecord(
  points: readonly StepSize[],
  settings: AdaptiveConfig,
  etaCritical: number | null,
): BracketRecord | null {
  if (points.length === 0) return null;
  const { low, high } = bracketOf(points);
  const ratio = (p: StepSize | null) => (p && etaCritical ? p.eta / etaCritical : null);
  const width = low && high ? high.eta - low.eta : null;
  const tolerance = settings.thresholdTolerance * (etaCritical ?? low?.eta ?? Math.max(...points.map((p) => p.eta)));
  const upper = high ? intervalOf(high, settings)[1] : null;
  const highUnresolved = high ? high.counts[OUTCOME_CODE.unresolved] : 0;
  const confidence = `${Math.round(settings.confidence * 1000) / 10}%`;
  const parts: string[] = [];
  if (low) parts.push(`converged at η = ${fmt(low.eta)} (${convergedOf(low)} of ${low.trajectories})`);
  else parts.push('nothing converged at any step size');
  if (high) {
    parts.push(
      `0 of ${high.trajectories} converged at η = ${fmt(high.eta)}: p < ${fmt(upper as number)} at ${confidence}` +
        (highUnresolved > 0 ? ` (${highUnresolved} unresolved after ${high.maxSteps} steps: budget-limited)` : ''),
    );
  } else parts.push('something converged at the largest step size');
  return {
    low: low?.eta ?? null,
    high: high?.eta ?? null,
    width,
    tolerance,
    resolved: width !== null && width <= tolerance,
    lowRatio: ratio(low),
    highRatio: ratio(high),
    containsEtaCritical: low && high && etaCritical !== null ? low.eta < etaCritical && etaCritical <= high.eta : null,
    lowConverged: low ? convergedOf(low) : 0,
    lowTrajectories: low?.trajectories ?? 0,
    highTrajectories: high?.trajectories ?? 0,
    highUpperBound: upper,
    highUnresolved,
    highMaxSteps: high?.maxSteps ?? null,
    budgetLimited: highUnresolved > 0,
    statement: parts.join('; '),
  };
}

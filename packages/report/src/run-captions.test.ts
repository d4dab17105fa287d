import type { SummaryRow } from '@eos-sweep/engine';
import { describe, expect, it } from 'vitest';
import {
  basinCaption,
  dominantOutcome,
  outcomeRuns,
  outcomesCaption,
  paramNormCaption,
  sharpnessCaption,
} from './run-captions.js';

type Counts = Partial<Record<'converged' | 'saddle' | 'periodic' | 'unresolved' | 'diverged', number>>;

/** A summary row of 100 trajectories at η (η_c = 1, λ* = 2) with the given outcome counts. */
function row(etaIndex: number, eta: number, counts: Counts): SummaryRow {
  const c = { converged: 0, saddle: 0, periodic: 0, unresolved: 0, diverged: 0, ...counts };
  const n = c.converged + c.saddle + c.periodic + c.unresolved + c.diverged;
  const some = c.converged > 0;
  return {
    intervalMethod: 'wilson',
    eta,
    etaIndex,
    etaRatio: eta,
    trajectories: n,
    ...c,
    pConverged: c.converged / n,
    pConvergedLow: 0,
    pConvergedHigh: 1,
    sharpnessFinalMedian: some ? 2.01 : Number.NaN,
    sharpnessFinalMin: some ? 2 : Number.NaN,
    sharpnessFinalMax: some ? 1.9 / eta : Number.NaN,
    stepsMedian: some ? 100 : Number.NaN,
    paramNormFinalMedian: some ? 1.42 : Number.NaN,
    paramNormFinalMax: some ? 2 - eta : Number.NaN,
    twoOverEta: 2 / eta,
    etaCritical: 1,
  };
}

// the default sweep's shape: converged below η_c, then periodic, then mostly unresolved from 1.35·η_c
const summary = [
  row(0, 0.9, { converged: 85, diverged: 15 }),
  row(1, 0.95, { converged: 82, diverged: 18 }),
  row(2, 1, { unresolved: 78, diverged: 22 }),
  row(3, 1.05, { periodic: 76, diverged: 24 }),
  row(4, 1.3, { periodic: 63, diverged: 37 }),
  row(5, 1.35, { unresolved: 59, diverged: 41 }),
  row(6, 1.5, { unresolved: 53, diverged: 47 }),
];
const input = { summary, lambdaStar: 2, etaCritical: 1 };

describe('captions from the run', () => {
  it('the most common outcome per step size, grouped into runs of neighbours', () => {
    expect(summary.map(dominantOutcome)).toEqual([
      'converged',
      'converged',
      'unresolved',
      'periodic',
      'periodic',
      'unresolved',
      'unresolved',
    ]);
    expect(outcomeRuns(summary).map((r) => [r.outcome, r.firstEta, r.lastEta, r.low, r.high])).toEqual([
      ['converged', 0.9, 0.95, 0.82, 0.85],
      ['unresolved', 1, 1, 0.78, 0.78],
      ['periodic', 1.05, 1.3, 0.63, 0.76],
      ['unresolved', 1.35, 1.5, 0.53, 0.59],
    ]);
  });

  it('outcomes: says where each outcome dominates, in units of η_c, and no canned story', () => {
    const caption = outcomesCaption(input);
    expect(caption).toContain(
      'Most common outcome: converged for 0.9–0.95·η_c (82%–85%); unresolved at 1·η_c (78%); ' +
        'periodic for 1.05–1.3·η_c (63%–76%); unresolved for 1.35–1.5·η_c (53%–59%).',
    );
    expect(caption).not.toMatch(/then to divergence/);
    // mostly diverged at the top of the grid: the caption follows the data
    const diverging = [...summary.slice(0, 6), row(6, 1.5, { unresolved: 20, diverged: 80 })];
    expect(outcomesCaption({ ...input, summary: diverging })).toContain('diverged at 1.5·η_c (80%)');
  });

  it('without η_c the ranges are step sizes', () => {
    expect(outcomesCaption({ ...input, etaCritical: null })).toContain('converged for η = 0.9–0.95 (82%–85%)');
  });

  it('basin: the measured fractions below η_c and what happened from η_c on', () => {
    expect(basinCaption(input)).toContain(
      'Below η_c: 85% at 0.9·η_c, 82% at 0.95·η_c; from η_c on, no trajectory converged at any of the 5 step sizes (1–1.5·η_c).',
    );
    expect(basinCaption({ ...input, summary: summary.slice(0, 3) })).toContain(
      'from η_c on, no trajectory converged at 1·η_c.',
    );
    expect(sharpnessCaption({ ...input, summary: summary.slice(1) })).toContain('at 0.95·η_c (1 step size)');
    const violating = [...summary.slice(0, 6), row(6, 1.5, { converged: 3, diverged: 97 })];
    expect(basinCaption({ ...input, summary: violating })).toContain(
      'from η_c on, trajectories converged at 1 of 5 step sizes (at most 3%)',
    );
  });

  it('sharpness and norm: the measured extremes', () => {
    expect(sharpnessCaption(input)).toContain(
      'Measured for 0.9–0.95·η_c (2 step sizes): final sharpness from 2 (1·λ*) to 2.111; at most 0.95·(2/η).',
    );
    expect(paramNormCaption(input)).toContain('Measured maximum: 1.1 at 0.9·η_c, 1.05 at 0.95·η_c.');
    const nothing = summary.slice(2);
    expect(sharpnessCaption({ ...input, summary: nothing })).toContain('No run converged');
    expect(paramNormCaption({ ...input, summary: nothing })).toContain('No run converged');
  });
});

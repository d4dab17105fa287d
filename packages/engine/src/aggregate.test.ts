import type { Outcome, TrajectoryBatch } from '@eos-sweep/results';
import { createTrajectoryBatch, OUTCOMES } from '@eos-sweep/results';
import { describe, expect, it } from 'vitest';
import type { SummaryRow } from './aggregate.js';
import { empiricalThreshold, SummaryAccumulator } from './aggregate.js';
import { wilsonInterval } from './stats.js';

interface Row {
  etaIndex: number;
  k: number;
  outcome: Outcome;
  steps: number;
  sharpness: number;
  paramNorm: number;
}

/** Non-converged rows carry values far off every converged one, so a median that included them would move. */
const OFF = 1e9;

function batchOf(rows: readonly Row[], etas: readonly number[], etaCritical: number): TrajectoryBatch {
  const batch = createTrajectoryBatch(rows.length, false, 0);
  rows.forEach((row, r) => {
    batch.eta[r] = etas[row.etaIndex];
    batch.etaIndex[r] = row.etaIndex;
    batch.etaRatio[r] = etas[row.etaIndex] / etaCritical;
    batch.trajectory[r] = row.k;
    batch.outcome[r] = OUTCOMES.indexOf(row.outcome);
    batch.steps[r] = row.steps;
    batch.sharpnessFinal[r] = row.sharpness;
    batch.paramNormFinal[r] = row.paramNorm;
    // per-initialization values: depend on k only, as the engine's do
    batch.sharpnessInitial[r] = 10 + row.k;
    batch.paramNormInitial[r] = 20 + row.k;
  });
  return batch;
}

/** outcomes[e][k] for step size e and initialization k; converged rows get distinct values. */
function table(outcomes: readonly (readonly Outcome[])[]): Row[] {
  const rows: Row[] = [];
  for (const [etaIndex, byK] of outcomes.entries()) {
    for (const [k, outcome] of byK.entries()) {
      const converged = outcome === 'converged';
      rows.push({
        etaIndex,
        k,
        outcome,
        steps: converged ? 100 * (etaIndex + 1) + 7 * k : OFF,
        sharpness: converged ? 2 + 0.1 * etaIndex + 0.01 * k * k : OFF,
        paramNorm: converged ? 1 + k : OFF,
      });
    }
  }
  return rows;
}

function medianOf(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const v = [...values].sort((a, b) => a - b);
  const mid = v.length >> 1;
  return v.length % 2 === 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

const C = 'converged';
const S = 'saddle';
const P = 'periodic';
const D = 'diverged';
const U = 'unresolved';

// η_c = 1; convergence stops between 0.9 and 1.2
const ETAS = [0.5, 0.9, 1.2];
const OUTCOME_TABLE: Outcome[][] = [
  [C, C, C, S, C],
  [C, P, C, D, U],
  [P, D, D, U, D],
];
const ROWS = table(OUTCOME_TABLE);

function accumulate(rows: readonly Row[], etas: readonly number[], etaCritical: number, finish = false) {
  const acc = new SummaryAccumulator(etaCritical);
  // one batch per step size (a sorted stream), split unevenly to cross batch boundaries
  for (let e = 0; e < etas.length; e++) {
    if (finish) acc.finishBelow(e);
    const mine = rows.filter((r) => r.etaIndex === e);
    acc.add(batchOf(mine.slice(0, 2), etas, etaCritical));
    acc.add(batchOf(mine.slice(2), etas, etaCritical));
  }
  return acc;
}

describe('SummaryAccumulator', () => {
  const acc = accumulate(ROWS, ETAS, 1);
  const summary = acc.summary();

  it('counts every outcome per step size, in grid order', () => {
    expect(summary.map((r) => r.etaIndex)).toEqual([0, 1, 2]);
    summary.forEach((row, e) => {
      expect(row.eta).toBe(ETAS[e]);
      expect(row.etaRatio).toBe(ETAS[e]);
      expect(row.etaCritical).toBe(1);
      expect(row.twoOverEta).toBeCloseTo(2 / ETAS[e], 15);
      expect(row.trajectories).toBe(OUTCOME_TABLE[e].length);
      for (const outcome of OUTCOMES) {
        expect(row[outcome], `${outcome} at η = ${ETAS[e]}`).toBe(OUTCOME_TABLE[e].filter((o) => o === outcome).length);
      }
      expect(row.pConverged).toBe(row.converged / row.trajectories);
      expect([row.pConvergedLow, row.pConvergedHigh]).toEqual(wilsonInterval(row.converged, row.trajectories));
    });
  });

  it('takes medians, minima and maxima over converged trajectories only', () => {
    summary.forEach((row, e) => {
      const converged = ROWS.filter((r) => r.etaIndex === e && r.outcome === 'converged');
      expect(row.sharpnessFinalMedian).toBe(medianOf(converged.map((r) => r.sharpness)));
      expect(row.stepsMedian).toBe(medianOf(converged.map((r) => r.steps)));
      expect(row.paramNormFinalMedian).toBe(medianOf(converged.map((r) => r.paramNorm)));
      if (converged.length > 0) {
        expect(row.sharpnessFinalMin).toBe(Math.min(...converged.map((r) => r.sharpness)));
        expect(row.sharpnessFinalMax).toBe(Math.max(...converged.map((r) => r.sharpness)));
        expect(row.paramNormFinalMax).toBe(Math.max(...converged.map((r) => r.paramNorm)));
        expect(row.stepsMedian).toBeLessThan(OFF);
      }
    });
    // nothing converged at the largest η: every statistic over the converged is NaN
    const top = summary[2];
    expect(top.converged).toBe(0);
    for (const v of [top.sharpnessFinalMedian, top.stepsMedian, top.sharpnessFinalMin, top.paramNormFinalMax]) {
      expect(v).toBeNaN();
    }
  });

  it('gives every initialization the largest η at which it converged, NaN if none', () => {
    const inits = acc.initializations();
    const n = OUTCOME_TABLE[0].length;
    expect([...inits.trajectory]).toEqual(Array.from({ length: n }, (_, k) => k));
    for (let k = 0; k < n; k++) {
      const at = ETAS.filter((_, e) => OUTCOME_TABLE[e][k] === 'converged');
      if (at.length === 0) expect(inits.etaMaxConverged[k], `k = ${k}`).toBeNaN();
      else expect(inits.etaMaxConverged[k], `k = ${k}`).toBe(Math.max(...at));
      expect(inits.sharpnessInitial[k]).toBe(10 + k);
      expect(inits.paramNormInitial[k]).toBe(20 + k);
    }
    // the table has both kinds
    expect(Number.isNaN(inits.etaMaxConverged[3])).toBe(true);
    expect(inits.etaMaxConverged[0]).toBe(0.9);
  });

  it('finishBelow on a sorted stream gives the same summary and initializations as not calling it', () => {
    const finished = accumulate(ROWS, ETAS, 1, true);
    expect(finished.summary()).toEqual(summary);
    expect(finished.initializations()).toEqual(acc.initializations());
  });

  it('does not depend on how the rows are cut into batches or on the order of initializations', () => {
    const one = new SummaryAccumulator(1);
    one.add(batchOf([...ROWS].reverse(), ETAS, 1));
    expect(one.summary()).toEqual(summary);
    expect(one.initializations()).toEqual(acc.initializations());
  });

  it('handles an unsorted grid (a values list) by η, not by position', () => {
    // the same step sizes, listed as values: [1.2, 0.5, 0.9]
    const etas = [1.2, 0.5, 0.9];
    const position = (eta: number) => etas.indexOf(eta);
    const rows = ROWS.map((r) => ({ ...r, etaIndex: position(ETAS[r.etaIndex]) }));
    const unsorted = accumulate(rows, etas, 1);
    const rowsByEta = [...unsorted.summary()].sort((a, b) => a.eta - b.eta);
    expect(unsorted.summary().map((r) => r.eta)).toEqual(etas);
    const strip = ({ etaIndex: _, ...rest }: SummaryRow) => rest;
    expect(rowsByEta.map(strip)).toEqual(summary.map(strip));
    expect(unsorted.initializations().etaMaxConverged).toEqual(acc.initializations().etaMaxConverged);
    expect(empiricalThreshold(unsorted.summary(), 1)).toEqual(empiricalThreshold(summary, 1));
  });
});

describe('empiricalThreshold', () => {
  const summary = accumulate(ROWS, ETAS, 1).summary();

  it('is the first grid η above the last one where anything converged, with the zero-success bound', () => {
    const t = empiricalThreshold(summary, 1);
    const n = OUTCOME_TABLE[2].length;
    expect(t.etaLastConverged).toBe(0.9);
    expect(t.etaEmpirical).toBe(1.2);
    expect(t.ratio).toBeCloseTo(1.2, 15);
    expect(t.trajectories).toBe(n);
    expect(t.upperBound).toBeCloseTo(1 - 0.05 ** (1 / n), 15);
    // η_c scales only the ratio
    const t2 = empiricalThreshold(summary, 0.6);
    expect(t2.etaEmpirical).toBe(1.2);
    expect(t2.ratio).toBeCloseTo(1.2 / 0.6, 14);
    expect(empiricalThreshold(summary, null).ratio).toBeNull();
  });

  it('is null while trajectories still converge at the largest η', () => {
    const converging = accumulate(
      table([
        [C, C],
        [C, D],
      ]),
      [0.5, 0.8],
      1,
    ).summary();
    const t = empiricalThreshold(converging, 1);
    expect(t.etaEmpirical).toBeNull();
    expect(t.ratio).toBeNull();
    expect(t.upperBound).toBeNull();
    expect(t.etaLastConverged).toBe(0.8);
  });

  it('is the smallest η when nothing converges anywhere', () => {
    const none = accumulate(
      table([
        [D, P, U],
        [D, D, D],
      ]),
      [1.1, 1.4],
      1,
    ).summary();
    const t = empiricalThreshold(none, 1);
    expect(t.etaLastConverged).toBeNull();
    expect(t.etaEmpirical).toBe(1.1);
    expect(t.upperBound).toBeCloseTo(1 - 0.05 ** (1 / 3), 15);
  });

  it('orders rows by η, not by their order or position in the grid', () => {
    const byPosition = [...summary].reverse().map((row, i) => ({ ...row, etaIndex: i }));
    expect(empiricalThreshold(byPosition, 1)).toEqual(empiricalThreshold(summary, 1));
  });
});

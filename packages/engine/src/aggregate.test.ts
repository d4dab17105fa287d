import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Outcome, TrajectoryBatch } from '@eos-sweep/results';
import { createTrajectoryBatch, OUTCOMES } from '@eos-sweep/results';
import { afterAll, describe, expect, it } from 'vitest';
import type { SummaryRow } from './aggregate.js';
import { empiricalThreshold, SummaryAccumulator } from './aggregate.js';
import { wilsonInterval } from './stats.js';

const spillDir = mkdtempSync(join(tmpdir(), 'eos-aggregate-'));
afterAll(() => rmSync(spillDir, { recursive: true, force: true }));
/** One value per median in memory: every step size below with two converged trajectories or more spills. */
const SPILL = { dir: spillDir, capacity: 1 };

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

function accumulate(rows: readonly Row[], etas: readonly number[], etaCritical: number, finish = false, spill = SPILL) {
  const acc = new SummaryAccumulator(etaCritical, spill);
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

  it('finishBelow on a sorted stream gives the same summary as not calling it', () => {
    expect(accumulate(ROWS, ETAS, 1, true).summary()).toEqual(summary);
  });

  it('gives the same summary whether the converged values fit in memory or are spilled', () => {
    const inMemory = accumulate(ROWS, ETAS, 1, false, { dir: spillDir, capacity: 1000 });
    expect(inMemory.summary()).toEqual(summary);
  });

  it('does not depend on how the rows are cut into batches or on the order of initializations', () => {
    const one = new SummaryAccumulator(1, SPILL);
    one.add(batchOf([...ROWS].reverse(), ETAS, 1));
    expect(one.summary()).toEqual(summary);
  });

  it('leaves no spill file behind, after a summary or when disposed early', () => {
    expect(readdirSync(spillDir)).toEqual([]);
    const early = new SummaryAccumulator(1, SPILL);
    early.add(batchOf(ROWS, ETAS, 1));
    // a spill file per median of every step size with more converged trajectories than the capacity
    expect(readdirSync(spillDir).every((name) => name.includes(`.tmp-${process.pid}`))).toBe(true);
    expect(readdirSync(spillDir)).toHaveLength(6);
    early.dispose();
    expect(readdirSync(spillDir)).toEqual([]);
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

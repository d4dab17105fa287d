/**
 * From trajectories to the per-step-size summary (the aggregator). Batches
 * are consumed as a stream; memory is a fixed buffer per open step size
 * (converged values beyond it are spilled to disk for exact medians), never
 * proportional to the number of trajectories.
 */
import { join } from 'node:path';
import { OUTCOME_CODE } from '@eos-sweep/core';
import type { TrajectoryFields } from '@eos-sweep/results';
import { ExternalMedian } from './external-median.js';
import { wilsonInterval, zeroSuccessUpperBound } from './stats.js';

export interface SummaryRow {
  eta: number;
  etaIndex: number;
  etaRatio: number;
  trajectories: number;
  converged: number;
  saddle: number;
  periodic: number;
  diverged: number;
  unresolved: number;
  pConverged: number;
  pConvergedLow: number;
  pConvergedHigh: number;
  /** How pConvergedLow/High were made. */
  intervalMethod: IntervalMethod;
  sharpnessFinalMedian: number;
  sharpnessFinalMin: number;
  sharpnessFinalMax: number;
  stepsMedian: number;
  paramNormFinalMedian: number;
  paramNormFinalMax: number;
  twoOverEta: number;
  etaCritical: number;
}

/**
 * `wilson`: the Wilson score interval, for a sample size fixed in advance; `beta-binomial-mixture`: the
 * confidence sequence of an adaptive sweep (confidence-sequence.ts), valid however the sample size was chosen.
 */
export type IntervalMethod = 'wilson' | 'beta-binomial-mixture';

export interface Threshold {
  /** Smallest grid η from which on no trajectory converged; null if some converged at the largest η. */
  etaEmpirical: number | null;
  /** η_empirical / η_c. */
  ratio: number | null;
  /** Trajectories at η_empirical. */
  trajectories: number;
  /** One-sided 95% upper bound on the converging fraction at η_empirical. */
  upperBound: number | null;
  /** Largest grid η with at least one converged trajectory. */
  etaLastConverged: number | null;
}

/** The trajectory fields a summary is made of: readers of large files decode only these. */
export const AGGREGATED_FIELDS = [
  'eta',
  'etaIndex',
  'etaRatio',
  'outcome',
  'steps',
  'sharpnessFinal',
  'paramNormFinal',
] as const;
export type AggregatedRows = TrajectoryFields<(typeof AGGREGATED_FIELDS)[number]>;

/** Where the aggregator spills converged values once a step size has more than `capacity` of them. */
export interface SpillOptions {
  /** A directory on the output's file system (the run directory): spill files are removed at the end. */
  readonly dir: string;
  /** Values per median held in memory; default DEFAULT_SPILL_CAPACITY. */
  readonly capacity?: number;
}

// spill files of concurrent accumulators in one process must not collide
let spillFiles = 0;

class EtaAccumulator {
  readonly counts = new Float64Array(5);
  // one step size's converged values, for exact medians; the extremes as they stream by
  private readonly sharpness: ExternalMedian;
  private readonly steps: ExternalMedian;
  private readonly paramNorm: ExternalMedian;
  private sharpnessMin = Number.NaN;
  private sharpnessMax = Number.NaN;
  private paramNormMax = Number.NaN;

  constructor(
    readonly eta: number,
    readonly etaIndex: number,
    readonly etaRatio: number,
    spill: SpillOptions,
  ) {
    // `.tmp-` in the name: removeLeftovers deletes what a crash leaves behind
    const file = (column: string) => join(spill.dir, `.${column}-${spillFiles++}.tmp-${process.pid}`);
    this.sharpness = new ExternalMedian(file('sharpness-final'), spill.capacity);
    this.steps = new ExternalMedian(file('steps'), spill.capacity);
    this.paramNorm = new ExternalMedian(file('param-norm-final'), spill.capacity);
  }

  addConverged(sharpness: number, steps: number, paramNorm: number): void {
    this.sharpness.push(sharpness);
    this.steps.push(steps);
    this.paramNorm.push(paramNorm);
    if (!(sharpness >= this.sharpnessMin)) this.sharpnessMin = sharpness;
    if (!(sharpness <= this.sharpnessMax)) this.sharpnessMax = sharpness;
    if (!(paramNorm <= this.paramNormMax)) this.paramNormMax = paramNorm;
  }

  row(etaCritical: number): SummaryRow {
    const total = this.counts.reduce((a, b) => a + b, 0);
    const converged = this.counts[OUTCOME_CODE.converged];
    const [low, high] = wilsonInterval(converged, total);
    return {
      eta: this.eta,
      etaIndex: this.etaIndex,
      etaRatio: this.etaRatio,
      trajectories: total,
      converged,
      saddle: this.counts[OUTCOME_CODE.saddle],
      periodic: this.counts[OUTCOME_CODE.periodic],
      diverged: this.counts[OUTCOME_CODE.diverged],
      unresolved: this.counts[OUTCOME_CODE.unresolved],
      pConverged: total === 0 ? Number.NaN : converged / total,
      pConvergedLow: low,
      pConvergedHigh: high,
      intervalMethod: 'wilson',
      sharpnessFinalMedian: this.sharpness.median(),
      sharpnessFinalMin: this.sharpnessMin,
      sharpnessFinalMax: this.sharpnessMax,
      stepsMedian: this.steps.median(),
      paramNormFinalMedian: this.paramNorm.median(),
      paramNormFinalMax: this.paramNormMax,
      twoOverEta: 2 / this.eta,
      etaCritical,
    };
  }

  dispose(): void {
    this.sharpness.dispose();
    this.steps.dispose();
    this.paramNorm.dispose();
  }
}

export class SummaryAccumulator {
  private readonly open = new Map<number, EtaAccumulator>();
  private readonly rows: SummaryRow[] = [];
  private readonly etaCritical: number;
  private readonly spill: SpillOptions;

  /** @param etaCritical η_c, NaN when unknown */
  constructor(etaCritical: number, spill: SpillOptions) {
    this.etaCritical = etaCritical;
    this.spill = spill;
  }

  add(batch: AggregatedRows): void {
    for (let r = 0; r < batch.length; r++) {
      const etaIndex = batch.etaIndex[r];
      let acc = this.open.get(etaIndex);
      if (!acc) {
        acc = new EtaAccumulator(batch.eta[r], etaIndex, batch.etaRatio[r], this.spill);
        this.open.set(etaIndex, acc);
      }
      const outcome = batch.outcome[r];
      acc.counts[outcome]++;
      if (outcome === OUTCOME_CODE.converged) {
        acc.addConverged(batch.sharpnessFinal[r], batch.steps[r], batch.paramNormFinal[r]);
      }
    }
  }

  /** Rows of a stream sorted by step size: step sizes before this batch's first are summarised as it goes. */
  addSorted(batch: AggregatedRows): void {
    this.add(batch);
    if (batch.length > 0) this.finishBelow(batch.etaIndex[0]);
  }

  /**
   * Declares that no more rows for step sizes below `etaIndex` will come
   * (true for a sorted stream), so they can be summarised and their spill
   * files removed.
   */
  finishBelow(etaIndex: number): void {
    for (const [index, acc] of this.open) {
      if (index < etaIndex) {
        try {
          this.rows.push(acc.row(this.etaCritical));
        } finally {
          acc.dispose();
          this.open.delete(index);
        }
      }
    }
  }

  summary(): SummaryRow[] {
    this.finishBelow(Number.POSITIVE_INFINITY);
    return [...this.rows].sort((a, b) => a.etaIndex - b.etaIndex);
  }

  /** Removes the spill files of step sizes not yet summarised (after an error; `summary()` removes them too). */
  dispose(): void {
    for (const acc of this.open.values()) acc.dispose();
    this.open.clear();
  }
}

/** The run-level answer: where convergence stops on the grid, beside η_c. */
export function empiricalThreshold(rows: readonly SummaryRow[], etaCritical: number | null): Threshold {
  const byEta = [...rows].sort((a, b) => a.eta - b.eta);
  let lastConverged = -1;
  byEta.forEach((row, i) => {
    if (row.converged > 0) lastConverged = i;
  });
  const etaLastConverged = lastConverged >= 0 ? byEta[lastConverged].eta : null;
  const first = byEta[lastConverged + 1];
  if (!first) return { etaEmpirical: null, ratio: null, trajectories: 0, upperBound: null, etaLastConverged };
  return {
    etaEmpirical: first.eta,
    ratio: etaCritical ? first.eta / etaCritical : null,
    trajectories: first.trajectories,
    upperBound: zeroSuccessUpperBound(first.trajectories),
    etaLastConverged,
  };
}

/**
 * From trajectories to the per-step-size summary and per-initialization
 * thresholds (the aggregator). Batches are consumed as a stream; memory is
 * one step size's converged values (for exact medians) plus one small record
 * per initialization.
 */
import { Float64Buffer, OUTCOME_CODE } from '@eos-sweep/core';
import type { TrajectoryBatch } from '@eos-sweep/results';
import { median, wilsonInterval, zeroSuccessUpperBound } from './stats.js';

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
  sharpnessFinalMedian: number;
  sharpnessFinalMin: number;
  sharpnessFinalMax: number;
  stepsMedian: number;
  paramNormFinalMedian: number;
  paramNormFinalMax: number;
  twoOverEta: number;
  etaCritical: number;
}

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

class EtaAccumulator {
  readonly counts = new Float64Array(5);
  // one step size's converged values, kept for exact medians
  readonly sharpness = new Float64Buffer();
  readonly steps = new Float64Buffer();
  readonly paramNorm = new Float64Buffer();
  constructor(
    readonly eta: number,
    readonly etaIndex: number,
    readonly etaRatio: number,
  ) {}

  row(etaCritical: number): SummaryRow {
    const total = this.counts.reduce((a, b) => a + b, 0);
    const converged = this.counts[OUTCOME_CODE.converged];
    const [low, high] = wilsonInterval(converged, total);
    let sMin = Number.NaN;
    let sMax = Number.NaN;
    for (let i = 0; i < this.sharpness.length; i++) {
      const v = this.sharpness.data[i];
      if (!(v >= sMin)) sMin = v;
      if (!(v <= sMax)) sMax = v;
    }
    let normMax = Number.NaN;
    for (let i = 0; i < this.paramNorm.length; i++)
      if (!(this.paramNorm.data[i] <= normMax)) normMax = this.paramNorm.data[i];
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
      sharpnessFinalMedian: median(this.sharpness.data, this.sharpness.length),
      sharpnessFinalMin: sMin,
      sharpnessFinalMax: sMax,
      stepsMedian: median(this.steps.data, this.steps.length),
      paramNormFinalMedian: median(this.paramNorm.data, this.paramNorm.length),
      paramNormFinalMax: normMax,
      twoOverEta: 2 / this.eta,
      etaCritical,
    };
  }
}

export interface InitializationTable {
  trajectory: Float64Array;
  etaMaxConverged: Float64Array;
  paramNormInitial: Float64Array;
  sharpnessInitial: Float64Array;
}

export class SummaryAccumulator {
  private readonly open = new Map<number, EtaAccumulator>();
  private readonly rows: SummaryRow[] = [];
  private readonly etaCritical: number;
  private initEtaMax = new Float64Array(0);
  private initNorm = new Float64Array(0);
  private initSharpness = new Float64Array(0);
  private initCount = 0;

  /** @param etaCritical η_c, NaN when unknown */
  constructor(etaCritical: number) {
    this.etaCritical = etaCritical;
  }

  add(batch: TrajectoryBatch): void {
    for (let r = 0; r < batch.length; r++) {
      const etaIndex = batch.etaIndex[r];
      let acc = this.open.get(etaIndex);
      if (!acc) {
        acc = new EtaAccumulator(batch.eta[r], etaIndex, batch.etaRatio[r]);
        this.open.set(etaIndex, acc);
      }
      const outcome = batch.outcome[r];
      acc.counts[outcome]++;
      const k = batch.trajectory[r];
      this.ensureInit(k + 1);
      if (outcome === OUTCOME_CODE.converged) {
        acc.sharpness.push(batch.sharpnessFinal[r]);
        acc.steps.push(batch.steps[r]);
        acc.paramNorm.push(batch.paramNormFinal[r]);
        if (!(this.initEtaMax[k] >= batch.eta[r])) this.initEtaMax[k] = batch.eta[r];
      }
      this.initNorm[k] = batch.paramNormInitial[r];
      this.initSharpness[k] = batch.sharpnessInitial[r];
    }
  }

  /**
   * Declares that no more rows for step sizes below `etaIndex` will come
   * (true for a sorted stream), so their values can be summarised and freed.
   */
  finishBelow(etaIndex: number): void {
    for (const [index, acc] of this.open) {
      if (index < etaIndex) {
        this.rows.push(acc.row(this.etaCritical));
        this.open.delete(index);
      }
    }
  }

  summary(): SummaryRow[] {
    this.finishBelow(Number.POSITIVE_INFINITY);
    return [...this.rows].sort((a, b) => a.etaIndex - b.etaIndex);
  }

  initializations(): InitializationTable {
    const n = this.initCount;
    const trajectory = new Float64Array(n);
    for (let k = 0; k < n; k++) trajectory[k] = k;
    return {
      trajectory,
      etaMaxConverged: this.initEtaMax.slice(0, n),
      paramNormInitial: this.initNorm.slice(0, n),
      sharpnessInitial: this.initSharpness.slice(0, n),
    };
  }

  private ensureInit(n: number): void {
    if (n <= this.initCount) return;
    if (n > this.initEtaMax.length) {
      const size = Math.max(n, this.initEtaMax.length * 2, 1024);
      const grow = (old: Float64Array) => {
        const next = new Float64Array(size).fill(Number.NaN);
        next.set(old.subarray(0, this.initCount));
        return next;
      };
      this.initEtaMax = grow(this.initEtaMax);
      this.initNorm = grow(this.initNorm);
      this.initSharpness = grow(this.initSharpness);
    }
    this.initCount = n;
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

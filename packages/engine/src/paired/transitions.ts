/**
 * Paired transitions: every step size starts from the same initializations
 * (k), so the outcome of k at one grid step size and at the next form a
 * pair. Counted for every pair of consecutive step sizes from
 * trajectories.parquet (sorted by eta_index, then trajectory) with two
 * cursors, one per step size, joined on k: memory is two row groups
 * whatever the number of trajectories.
 */
import { OUTCOMES } from '@eos-sweep/core';
import type { TrajectoryFile } from '@eos-sweep/results';
import { RowCursor } from './row-cursor.js';

export interface TransitionRow {
  readonly etaIndexFrom: number;
  readonly etaIndexTo: number;
  /** Outcome codes (core OUTCOMES). */
  readonly from: number;
  readonly to: number;
  readonly count: number;
  /** count / (initializations with outcome `from` at etaIndexFrom that also ran at etaIndexTo). */
  readonly probability: number;
}

/** Rows for every consecutive pair of step sizes and every outcome seen at the first, all five `to` outcomes each. */
export async function outcomeTransitions(file: TrajectoryFile): Promise<TransitionRow[]> {
  const rows: TransitionRow[] = [];
  const b = await RowCursor.open(file);
  if (b.done) return rows;
  let a = await b.copy();
  await b.skipEta();
  const n = OUTCOMES.length;
  while (!b.done) {
    const startOfNext = await b.copy();
    const ea = a.etaIndex;
    const eb = b.etaIndex;
    const counts = new Array<number>(n * n).fill(0);
    while (!a.done && !b.done && a.etaIndex === ea && b.etaIndex === eb) {
      if (a.trajectory === b.trajectory) {
        counts[a.outcome * n + b.outcome]++;
        await a.next();
        await b.next();
      } else if (a.trajectory < b.trajectory) {
        await a.next();
      } else {
        await b.next();
      }
    }
    if (!b.done && b.etaIndex === eb) await b.skipEta();
    for (let from = 0; from < n; from++) {
      let total = 0;
      for (let to = 0; to < n; to++) total += counts[from * n + to];
      if (total === 0) continue;
      for (let to = 0; to < n; to++) {
        const count = counts[from * n + to];
        rows.push({ etaIndexFrom: ea, etaIndexTo: eb, from, to, count, probability: count / total });
      }
    }
    a = startOfNext;
  }
  return rows;
}

/**
 * The basin fraction against the step budget. The classifier decides from
 * the history alone, so a trajectory decided at step s ≤ B would have been
 * decided the same way with maxSteps = B, and one decided later would have
 * been unresolved: from the `steps` column, p_converged and the unresolved
 * fraction are exact for every budget B ≤ maxSteps, in one pass.
 */
import { OUTCOME_CODE } from '@eos-sweep/core';
import type { TrajectoryFile } from '@eos-sweep/results';
import { RowCursor } from './row-cursor.js';

export interface BudgetRow {
  readonly etaIndex: number;
  readonly budget: number;
  readonly trajectories: number;
  readonly converged: number;
  readonly unresolved: number;
}

/** maxSteps, maxSteps/2, … (halving, rounded up) down to at least `smallest`, ascending. */
export function stepBudgets(maxSteps: number, smallest = 10, count = 7): number[] {
  const out: number[] = [];
  for (let b = maxSteps; out.length < count && b >= smallest; b = Math.ceil(b / 2)) {
    out.unshift(b);
    if (b === 1) break;
  }
  return out;
}

export async function stepBudgetTable(file: TrajectoryFile, budgets: readonly number[]): Promise<BudgetRow[]> {
  const rows: BudgetRow[] = [];
  const cursor = await RowCursor.open(file);
  while (!cursor.done) {
    const e = cursor.etaIndex;
    const converged = new Array<number>(budgets.length).fill(0);
    const decided = new Array<number>(budgets.length).fill(0);
    let n = 0;
    while (!cursor.done && cursor.etaIndex === e) {
      const { outcome, steps } = cursor;
      n++;
      if (outcome !== OUTCOME_CODE.unresolved) {
        for (let m = 0; m < budgets.length; m++) {
          if (steps > budgets[m]) continue;
          decided[m]++;
          if (outcome === OUTCOME_CODE.converged) converged[m]++;
        }
      }
      await cursor.next();
    }
    for (let m = 0; m < budgets.length; m++) {
      rows.push({
        etaIndex: e,
        budget: budgets[m],
        trajectories: n,
        converged: converged[m],
        unresolved: n - decided[m],
      });
    }
  }
  return rows;
}

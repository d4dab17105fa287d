import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OUTCOME_CODE, OUTCOMES, Rng } from '@eos-sweep/core';
import { createTrajectoryBatch, openTrajectoryFile, TrajectoryWriter } from '@eos-sweep/results';
import { describe, expect, it } from 'vitest';
import { stepBudgets, stepBudgetTable } from './step-budget.js';
import { outcomeTransitions } from './transitions.js';

interface Row {
  e: number;
  k: number;
  outcome: number;
  steps: number;
}

/** 6 step sizes × 200 initializations, some (η, k) left out, in row groups of 37 rows (blocks straddle groups). */
async function writeFile(): Promise<{ path: string; rows: Row[] }> {
  const rng = new Rng(7);
  const rows: Row[] = [];
  for (let e = 0; e < 6; e++) {
    for (let k = 0; k < 200; k++) {
      if (rng.nextDouble() < 0.1) continue;
      const outcome = Math.floor(rng.nextDouble() * 5);
      rows.push({
        e,
        k,
        outcome,
        steps: outcome === OUTCOME_CODE.unresolved ? 1000 : 1 + Math.floor(rng.nextDouble() * 1000),
      });
    }
  }
  const batch = createTrajectoryBatch(rows.length, false, 0);
  rows.forEach((r, q) => {
    batch.eta[q] = 0.1 * (r.e + 1);
    batch.etaIndex[q] = r.e;
    batch.etaRatio[q] = Number.NaN;
    batch.trajectory[q] = r.k;
    batch.outcome[q] = r.outcome;
    batch.steps[q] = r.steps;
  });
  const path = join(mkdtempSync(join(tmpdir(), 'eos-paired-')), 'trajectories.parquet');
  const writer = await TrajectoryWriter.open(path, { weights: false, paramCount: 0, kvMetadata: {}, rowGroupSize: 37 });
  await writer.append(batch);
  await writer.close();
  return { path, rows };
}

describe('paired outcomes', () => {
  it('counts the transitions of every initialization between consecutive step sizes', async () => {
    const { path, rows } = await writeFile();
    const table = await outcomeTransitions(await openTrajectoryFile(path));
    const outcomeOf = new Map(rows.map((r) => [`${r.e}:${r.k}`, r.outcome]));
    for (let e = 0; e < 5; e++) {
      const expected = new Array<number>(25).fill(0);
      for (const r of rows) {
        if (r.e !== e) continue;
        const next = outcomeOf.get(`${e + 1}:${r.k}`);
        if (next !== undefined) expected[r.outcome * 5 + next]++;
      }
      const got = table.filter((t) => t.etaIndexFrom === e);
      expect(got.every((t) => t.etaIndexTo === e + 1)).toBe(true);
      for (let from = 0; from < 5; from++) {
        const total = expected.slice(from * 5, from * 5 + 5).reduce((s, c) => s + c, 0);
        const fromRows = got.filter((t) => t.from === from);
        expect(fromRows).toHaveLength(total > 0 ? 5 : 0);
        for (const t of fromRows) {
          expect(t.count).toBe(expected[from * 5 + t.to]);
          expect(t.probability).toBeCloseTo(t.count / total, 15);
        }
      }
    }
    expect(table.some((t) => t.etaIndexFrom === 5)).toBe(false);
  });

  it('gives p_converged and the unresolved fraction for every smaller step budget', async () => {
    const { path, rows } = await writeFile();
    const budgets = stepBudgets(1000);
    expect(budgets).toEqual([16, 32, 63, 125, 250, 500, 1000]);
    expect(stepBudgets(1000, 100)).toEqual([125, 250, 500, 1000]);
    const table = await stepBudgetTable(await openTrajectoryFile(path), budgets);
    expect(table).toHaveLength(6 * budgets.length);
    for (const t of table) {
      const at = rows.filter((r) => r.e === t.etaIndex);
      expect(t.trajectories).toBe(at.length);
      expect(t.converged).toBe(at.filter((r) => r.outcome === OUTCOME_CODE.converged && r.steps <= t.budget).length);
      expect(t.unresolved).toBe(at.filter((r) => r.outcome === OUTCOME_CODE.unresolved || r.steps > t.budget).length);
    }
    expect(OUTCOMES[OUTCOME_CODE.unresolved]).toBe('unresolved');
  });
});

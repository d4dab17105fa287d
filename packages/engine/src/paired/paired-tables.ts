/**
 * transitions.parquet and step-budget.parquet of a finished run directory,
 * both from its trajectories.parquet (see transitions.ts, step-budget.ts).
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { OUTCOMES } from '@eos-sweep/core';
import type { ColumnSpec } from '@eos-sweep/results';
import { openTrajectoryFile, writeParquetTable } from '@eos-sweep/results';
import { TRAJECTORIES_FILE } from '../outputs.js';
import { type BudgetRow, stepBudgets, stepBudgetTable } from './step-budget.js';
import { outcomeTransitions, type TransitionRow } from './transitions.js';

const TRANSITIONS_FILE = 'transitions.parquet';
const STEP_BUDGET_FILE = 'step-budget.parquet';

export interface PairedTables {
  readonly transitions: TransitionRow[];
  readonly budgets: BudgetRow[];
  readonly files: string[];
}

const int = (name: string, values: number[]): ColumnSpec => ({
  name,
  type: 'INT64',
  nullable: false,
  values: Float64Array.from(values),
});
const real = (name: string, values: number[]): ColumnSpec => ({
  name,
  type: 'DOUBLE',
  nullable: false,
  values: Float64Array.from(values),
});
const text = (name: string, values: string[]): ColumnSpec => ({ name, type: 'STRING', nullable: false, values });

/**
 * Writes both tables into `dir`; null when the run has no trajectories.parquet.
 * `etas` are the grid's step sizes by eta_index.
 */
export async function writePairedTables(
  dir: string,
  etas: readonly number[],
  maxSteps: number,
  kv: Record<string, string>,
): Promise<PairedTables | null> {
  const path = join(dir, TRAJECTORIES_FILE);
  if (!(await stat(path).catch(() => null))) return null;
  const file = await openTrajectoryFile(path);
  const transitions = await outcomeTransitions(file);
  const transitionsPath = join(dir, TRANSITIONS_FILE);
  await writeParquetTable(
    transitionsPath,
    [
      int(
        'eta_index_from',
        transitions.map((t) => t.etaIndexFrom),
      ),
      real(
        'eta_from',
        transitions.map((t) => etas[t.etaIndexFrom]),
      ),
      int(
        'eta_index_to',
        transitions.map((t) => t.etaIndexTo),
      ),
      real(
        'eta_to',
        transitions.map((t) => etas[t.etaIndexTo]),
      ),
      text(
        'from',
        transitions.map((t) => OUTCOMES[t.from]),
      ),
      text(
        'to',
        transitions.map((t) => OUTCOMES[t.to]),
      ),
      int(
        'count',
        transitions.map((t) => t.count),
      ),
      real(
        'probability',
        transitions.map((t) => t.probability),
      ),
    ],
    kv,
  );
  const budgets = await stepBudgetTable(file, stepBudgets(maxSteps));
  const budgetPath = join(dir, STEP_BUDGET_FILE);
  await writeParquetTable(
    budgetPath,
    [
      int(
        'eta_index',
        budgets.map((b) => b.etaIndex),
      ),
      real(
        'eta',
        budgets.map((b) => etas[b.etaIndex]),
      ),
      int(
        'max_steps',
        budgets.map((b) => b.budget),
      ),
      int(
        'trajectories',
        budgets.map((b) => b.trajectories),
      ),
      int(
        'converged',
        budgets.map((b) => b.converged),
      ),
      int(
        'unresolved',
        budgets.map((b) => b.unresolved),
      ),
      real(
        'p_converged',
        budgets.map((b) => b.converged / b.trajectories),
      ),
      real(
        'unresolved_fraction',
        budgets.map((b) => b.unresolved / b.trajectories),
      ),
    ],
    kv,
  );
  return { transitions, budgets, files: [transitionsPath, budgetPath] };
}

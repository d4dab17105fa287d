import { OUTCOME_CODE } from '@eos-sweep/core';
import type { BudgetRow, TransitionRow } from '@eos-sweep/engine';
import { describe, expect, it } from 'vitest';
import { stepBudgetFigure, transitionsFigure } from './paired-figures.js';
import { renderSvg } from './render.js';
import { markGroups, markLabels } from './testing/svg.js';

const input = { etas: [0.5, 0.9, 1.1], logEta: false, etaCritical: 1 };
const { converged: C, periodic: P, diverged: D } = OUTCOME_CODE;

function t(e: number, from: number, to: number, count: number): TransitionRow {
  return { etaIndexFrom: e, etaIndexTo: e + 1, from, to, count, probability: Number.NaN };
}

describe('paired figures', () => {
  it('draws one line per change of outcome, 0 where nothing moved that way', async () => {
    // 0.5 → 0.9: 8 stay converged, 2 diverge; 0.9 → 1.1: the 8 become periodic, the 2 stay diverged
    const rows = [t(0, C, C, 8), t(0, C, D, 2), t(1, C, P, 8), t(1, D, D, 2)];
    const svg = await renderSvg(transitionsFigure(rows, input).spec);
    expect(markGroups(svg, 'transitions_lines')).toHaveLength(2);
    expect(markLabels(svg, 'transitions_points').sort()).toEqual([
      'eta: 0.7; share: 0%; transition: converged → periodic',
      'eta: 0.7; share: 20%; transition: converged → diverged',
      'eta: 1; share: 0%; transition: converged → diverged',
      'eta: 1; share: 80%; transition: converged → periodic',
    ]);
  });

  it('draws converged and unresolved for every budget', async () => {
    const rows: BudgetRow[] = [];
    for (const budget of [100, 200]) {
      for (const etaIndex of [0, 1, 2]) rows.push({ etaIndex, budget, trajectories: 10, converged: 5, unresolved: 1 });
    }
    const svg = await renderSvg(stepBudgetFigure(rows, input).spec);
    expect(markGroups(svg, 'budget_lines')).toHaveLength(4);
  });
});

/**
 * The figures of a run's paired tables: where the initializations' mass
 * goes between consecutive step sizes (transitions.parquet), and how the
 * basin measure and the unresolved fraction depend on the step budget
 * (step-budget.parquet). Pure: no Node imports.
 */
import { OUTCOMES } from '@eos-sweep/core';
import type { BudgetRow, TransitionRow } from '@eos-sweep/engine';
import type { TopLevelSpec } from 'vega-lite';
import { seriesColor } from './palette.js';
import type { Figure } from './run-figures.js';
import { withEtaCritical } from './run-figures.js';
import { etaAxis, etaX, type Layer, PLOT_HEIGHT, PLOT_WIDTH, VEGA_LITE_SCHEMA } from './spec-parts.js';
import { VEGA_CONFIG } from './theme.js';

/** At most this many transitions get a line (the ones moving the most initializations). */
const MAX_TRANSITION_LINES = 7;

export interface PairedFigureInput {
  readonly etas: readonly number[];
  readonly logEta: boolean;
  readonly etaCritical: number | null;
}

/**
 * The share of all paired initializations that change outcome in each way
 * between a step size and the next, at the pair's midpoint; outcomes that
 * stay the same are left out (they are the rest).
 */
export function transitionsFigure(rows: readonly TransitionRow[], input: PairedFigureInput): Figure {
  const paired = new Map<number, number>();
  for (const r of rows) paired.set(r.etaIndexFrom, (paired.get(r.etaIndexFrom) ?? 0) + r.count);
  const moved = new Map<string, number>();
  for (const r of rows) {
    if (r.from === r.to) continue;
    const name = `${OUTCOMES[r.from]} → ${OUTCOMES[r.to]}`;
    moved.set(name, (moved.get(name) ?? 0) + r.count);
  }
  const shown = [...moved.entries()]
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, MAX_TRANSITION_LINES)
    .map(([name]) => name);
  // every pair of step sizes gets every shown line, 0 where no initialization moved that way
  const pairs = [...new Map(rows.map((r) => [r.etaIndexFrom, r.etaIndexTo])).entries()];
  const counts = new Map(rows.map((r) => [`${r.etaIndexFrom}:${OUTCOMES[r.from]} → ${OUTCOMES[r.to]}`, r.count]));
  const points = pairs.flatMap(([from, to]) =>
    shown.map((transition) => ({
      eta: (input.etas[from] + input.etas[to]) / 2,
      share: (counts.get(`${from}:${transition}`) ?? 0) / (paired.get(from) ?? 1),
      transition,
    })),
  );
  const axis = etaAxis(input.etas, input.logEta, input.etaCritical);
  const color = {
    field: 'transition',
    type: 'nominal' as const,
    scale: { domain: shown, range: shown.map((_, i) => seriesColor(i)) },
    legend: { title: 'change of outcome', orient: 'right' as const },
  };
  const y = {
    field: 'share',
    type: 'quantitative' as const,
    axis: { title: 'share of initializations', format: '.0%' },
  };
  const data: Layer[] = [
    {
      name: 'transitions_lines',
      data: { values: points },
      mark: { type: 'line', strokeWidth: 1.8 },
      encoding: { x: etaX(axis), y, color },
    },
    {
      name: 'transitions_points',
      data: { values: points },
      mark: { type: 'point', filled: true, size: 30, opacity: 1 },
      encoding: { x: etaX(axis), y, color },
    },
  ];
  const title = 'Where the initializations go as η grows';
  return {
    name: 'transitions',
    title,
    caption:
      'Each initialization runs at every step size, so its outcomes at consecutive step sizes form a pair. ' +
      'A line is the share of initializations changing outcome that way between a step size and the next ' +
      '(drawn at the midpoint of the two); the counts and P(next | this) are in transitions.parquet.',
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      width: PLOT_WIDTH,
      height: PLOT_HEIGHT,
      config: VEGA_CONFIG,
      title: {
        text: title,
        subtitle: shown.length ? `the ${shown.length} largest changes of outcome` : 'no initialization changed outcome',
      },
      ...withEtaCritical(axis, data),
    } as TopLevelSpec,
  };
}

/** p_converged and the unresolved fraction against η for each step budget (maxSteps, maxSteps/2, …). */
export function stepBudgetFigure(rows: readonly BudgetRow[], input: PairedFigureInput): Figure {
  const budgets = [...new Set(rows.map((r) => r.budget))].sort((a, b) => b - a);
  const points = rows.flatMap((r) => [
    {
      eta: input.etas[r.etaIndex],
      budget: String(r.budget),
      measure: 'converged',
      value: r.converged / r.trajectories,
    },
    {
      eta: input.etas[r.etaIndex],
      budget: String(r.budget),
      measure: 'unresolved',
      value: r.unresolved / r.trajectories,
    },
  ]);
  const axis = etaAxis(input.etas, input.logEta, input.etaCritical);
  const color = {
    field: 'budget',
    type: 'ordinal' as const,
    scale: { domain: budgets.map(String), scheme: 'viridis' },
    legend: { title: 'maxSteps', orient: 'right' as const },
  };
  const y = {
    field: 'value',
    type: 'quantitative' as const,
    scale: { domain: [0, 1] },
    axis: { title: 'fraction of initializations', format: '.0%' },
  };
  const data: Layer[] = [
    {
      name: 'budget_lines',
      data: { values: points },
      mark: { type: 'line', strokeWidth: 1.5 },
      encoding: {
        x: etaX(axis),
        y,
        color,
        strokeDash: {
          field: 'measure',
          type: 'nominal' as const,
          scale: {
            domain: ['converged', 'unresolved'],
            range: [
              [1, 0],
              [5, 3],
            ],
          },
          legend: { title: 'fraction', orient: 'right' as const },
        },
        detail: { field: 'budget', type: 'ordinal' as const },
      },
    },
  ];
  const title = 'Was the step budget enough?';
  return {
    name: 'step-budget',
    title,
    caption:
      'The fraction converged (solid) and unresolved (dashed) that a smaller maxSteps would have given: a trajectory ' +
      'decided after more steps than the budget would have been unresolved. Where the largest budgets agree, ' +
      'more steps would change little; numbers in step-budget.parquet.',
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      width: PLOT_WIDTH,
      height: PLOT_HEIGHT,
      config: VEGA_CONFIG,
      title: { text: title, subtitle: `budgets ${budgets[budgets.length - 1]} … ${budgets[0]} steps` },
      ...withEtaCritical(axis, data),
    } as TopLevelSpec,
  };
}

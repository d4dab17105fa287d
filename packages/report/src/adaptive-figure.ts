/**
 * What a report shows of an adaptive sweep: the budget it spent at each
 * step size (trajectories, by why the step size is there, and the step
 * budget where it was raised), the bracket, and the interval's name.
 * Pure: no Node imports.
 */
import type { AdaptiveRecord, IntervalMethod, RunRecord } from '@eos-sweep/engine';
import { OKABE_ITO } from './palette.js';
import type { Figure } from './run-figures.js';
import type { Layer } from './spec-parts.js';
import { etaAxis, etaCriticalLayer, etaX, PLOT_HEIGHT, PLOT_WIDTH, VEGA_LITE_SCHEMA } from './spec-parts.js';
import { VEGA_CONFIG } from './theme.js';

/** How the summary's interval is named in captions and notes. */
export function intervalName(method: IntervalMethod | undefined): string {
  return method === 'beta-binomial-mixture'
    ? '95% confidence sequence (beta-binomial mixture, valid under adaptive stopping)'
    : '95% Wilson interval';
}

const ROLES = ['grid', 'bisection', 'refinement'] as const;

/** Trajectories per step size on a log axis, coloured by role; the bracket as a band. */
export function budgetFigure(adaptive: AdaptiveRecord, etaCritical: number | null, logEta: boolean): Figure {
  const rows = adaptive.stepSizes.map((s) => ({
    eta: s.eta,
    trajectories: s.trajectories,
    role: s.role,
    maxSteps: s.maxSteps,
    budget: `${s.maxSteps} steps`,
  }));
  const budgets = [...new Set(adaptive.stepSizes.map((s) => s.maxSteps))].sort((a, b) => a - b);
  const axis = etaAxis(
    rows.map((r) => r.eta),
    logEta,
    etaCritical,
  );
  const x = etaX(axis);
  const layers: Layer[] = [];
  const bracket = adaptive.threshold;
  if (bracket?.low != null && bracket.high != null) {
    layers.push({
      name: 'budget_bracket',
      data: { values: [{ low: bracket.low, high: bracket.high }] },
      mark: { type: 'rect', color: OKABE_ITO.orange, opacity: 0.25 },
      encoding: { x: { ...x, field: 'low' }, x2: { field: 'high' } },
    });
  }
  layers.push({
    name: 'budget_points',
    data: { values: rows },
    mark: { type: 'point', filled: true, size: 60, opacity: 1 },
    encoding: {
      x,
      y: {
        field: 'trajectories',
        type: 'quantitative',
        scale: { type: 'log' },
        axis: { title: 'trajectories run', format: '~s' },
      },
      color: {
        field: 'role',
        type: 'nominal',
        scale: { domain: [...ROLES], range: [OKABE_ITO.blue, OKABE_ITO.vermillion, OKABE_ITO.bluishGreen] },
        legend: { title: 'step size', orient: 'right' },
      },
      shape: {
        field: 'budget',
        // nominal with the budgets' order as the domain: vega-lite warns that shapes do not encode order
        type: 'nominal',
        scale: { domain: budgets.map((b) => `${b} steps`) },
        legend: { title: 'step budget', orient: 'right' },
      },
      tooltip: [
        { field: 'eta', type: 'quantitative' },
        { field: 'trajectories', type: 'quantitative' },
        { field: 'maxSteps', type: 'quantitative', title: 'step budget' },
      ],
    },
  });
  const rule = etaCriticalLayer(axis);
  const trajectories = adaptive.rounds.reduce((s, r) => s + r.trajectories, 0);
  const steps = adaptive.rounds.reduce((s, r) => s + r.steps, 0);
  return {
    name: 'budget',
    title: 'Budget per step size',
    caption:
      `Trajectories the adaptive sweep ran at each step size: grid points until their interval was narrow enough, ` +
      `bisection points (the threshold) until the decision, refinement points where the fraction changes most; ` +
      `the shape gives the step budget, raised where unresolved trajectories near the bracket (shaded) needed more. ` +
      `${trajectories} trajectories and ${steps} GD steps in ${adaptive.rounds.length} rounds.`,
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      width: PLOT_WIDTH,
      height: PLOT_HEIGHT,
      config: VEGA_CONFIG,
      title: { text: 'Budget per step size', subtitle: 'trajectories run (log scale), by why the step size is there' },
      ...(rule.length === 0
        ? { layer: layers }
        : { layer: [{ layer: layers }, ...rule], resolve: { axis: { x: 'independent' } } }),
    },
  };
}

/** The adaptive sweep in one sentence, for the report's lead. */
export function adaptiveSummary(record: RunRecord): string | null {
  const adaptive = record.adaptive;
  const settings = record.config.sweep.adaptive;
  if (!adaptive || !settings) return null;
  const trajectories = adaptive.rounds.reduce((s, r) => s + r.trajectories, 0);
  return (
    `Adaptive sweep: ${adaptive.stepSizes.length} step sizes (${record.plan.etaCount} on the grid), ` +
    `${trajectories} trajectories in ${adaptive.rounds.length} rounds, until each grid interval was ±${settings.halfWidth} ` +
    `and the threshold bracket narrower than ${settings.thresholdTolerance}·η_c.`
  );
}

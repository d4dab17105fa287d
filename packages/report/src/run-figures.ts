/**
 * The four figures of a run, as Vega-Lite specs built from summary.parquet
 * rows and the theory values. Pure: no Node imports, so they can be tested
 * (and rendered in a browser) alike.
 */
import type { SummaryRow } from '@eos-sweep/engine';
import type { TopLevelSpec } from 'vega-lite';
import { OKABE_ITO, OUTCOME_COLORS } from './palette.js';
import type { EtaAxis, Layer } from './spec-parts.js';
import {
  etaAxis,
  etaCriticalLayer,
  etaCurve,
  etaX,
  formatNumber,
  hasEtaCritical,
  PLOT_HEIGHT,
  PLOT_WIDTH,
  VEGA_LITE_SCHEMA,
} from './spec-parts.js';
import { VEGA_CONFIG } from './theme.js';

export const OUTCOME_ORDER = ['converged', 'saddle', 'periodic', 'unresolved', 'diverged'] as const;

export interface RunFigureInput {
  readonly summary: readonly SummaryRow[];
  readonly lambdaStar: number | null;
  readonly etaCritical: number | null;
  /** Log-spaced grid: the η axis is logarithmic. */
  readonly logEta: boolean;
  /** Initializations per step size (for the subtitles). */
  readonly trajectories: number;
}

export interface Figure {
  /** File stem: <name>.svg and <name>.png. */
  readonly name: string;
  readonly title: string;
  /** One or two sentences for the report: what to look for. */
  readonly caption: string;
  readonly spec: TopLevelSpec;
}

function finite(x: number): boolean {
  return Number.isFinite(x);
}

function axisOf(input: RunFigureInput): EtaAxis {
  return etaAxis(
    input.summary.map((r) => r.eta),
    input.logEta,
    input.etaCritical,
  );
}

/** Data layers + the η_c layer, with the η/η_c axis on top sharing the x scale. */
export interface LayerBody {
  layer: Layer[];
  resolve?: { axis: { x: 'independent' } };
}

export function withEtaCritical(axis: EtaAxis, data: Layer[]): LayerBody {
  const rule = etaCriticalLayer(axis);
  if (rule.length === 0) return { layer: data };
  return { layer: [{ layer: data }, ...rule], resolve: { axis: { x: 'independent' } } };
}

function top(title: string, subtitle: string, body: LayerBody, width = PLOT_WIDTH): TopLevelSpec {
  return {
    $schema: VEGA_LITE_SCHEMA,
    width,
    height: PLOT_HEIGHT,
    config: VEGA_CONFIG,
    title: { text: title, subtitle },
    ...body,
  } satisfies TopLevelSpec;
}

/** (1) The basin measure: P(converged) with its Wilson 95% band against η, η_c marked. */
export function basinFigure(input: RunFigureInput): Figure {
  const axis = axisOf(input);
  const rows = input.summary
    .filter((r) => r.trajectories > 0 && finite(r.pConverged))
    .map((r) => ({ eta: r.eta, ratio: r.etaRatio, p: r.pConverged, low: r.pConvergedLow, high: r.pConvergedHigh }));
  const x = etaX(axis);
  const legend = {
    scale: {
      domain: ['fraction converged', '95% Wilson interval'],
      range: [OKABE_ITO.blue, '#9CC6E4'],
    },
    legend: { title: null, orient: 'bottom-left' as const, symbolType: 'stroke' },
  };
  const data: Layer[] = [
    {
      name: 'basin_band',
      data: { values: rows },
      mark: { type: 'area', opacity: 0.6 },
      encoding: {
        x,
        y: { field: 'low', type: 'quantitative' },
        y2: { field: 'high' },
        color: { datum: '95% Wilson interval', ...legend },
      },
    },
    {
      name: 'basin_line',
      data: { values: rows },
      mark: { type: 'line', strokeWidth: 2 },
      encoding: {
        x,
        y: {
          field: 'p',
          type: 'quantitative',
          scale: { domain: [0, 1] },
          axis: { title: 'fraction converged (basin measure)', format: '.0%' },
        },
        color: { datum: 'fraction converged', ...legend },
      },
    },
    {
      name: 'basin_points',
      data: { values: rows },
      mark: { type: 'point', filled: true, size: 45, opacity: 1 },
      encoding: { x, y: { field: 'p', type: 'quantitative' }, color: { datum: 'fraction converged', ...legend } },
    },
  ];
  return {
    name: 'basin-measure',
    title: 'Basin measure vs step size',
    caption:
      'Fraction of initializations from which GD converges to a global minimizer, with its 95% Wilson interval. ' +
      'Theory: it must drop to zero at η_c = 2/λ* (dashed).',
    spec: top(
      'Basin measure vs step size',
      `${input.trajectories} initializations per step size; converged = reached a global minimizer`,
      withEtaCritical(axis, data),
    ),
  };
}

/** (2) Where the mass goes: stacked outcome fractions against η. */
export function outcomesFigure(input: RunFigureInput): Figure {
  const axis = axisOf(input);
  const values: { eta: number; outcome: string; order: number; fraction: number }[] = [];
  for (const r of input.summary) {
    if (!(r.trajectories > 0)) continue;
    OUTCOME_ORDER.forEach((outcome, order) => {
      values.push({ eta: r.eta, outcome, order, fraction: r[outcome] / r.trajectories });
    });
  }
  const single = new Set(values.map((v) => v.eta)).size < 2;
  const data: Layer[] = [
    {
      name: 'outcome_areas',
      data: { values },
      mark: single ? { type: 'bar', width: 24 } : { type: 'area', interpolate: 'linear' },
      encoding: {
        x: etaX(axis),
        y: {
          field: 'fraction',
          type: 'quantitative',
          stack: 'zero',
          scale: { domain: [0, 1] },
          axis: { title: 'fraction of initializations', format: '.0%' },
        },
        color: {
          field: 'outcome',
          type: 'nominal',
          scale: { domain: [...OUTCOME_ORDER], range: OUTCOME_ORDER.map((o) => OUTCOME_COLORS[o]) },
          legend: { title: 'outcome', orient: 'right', symbolType: 'square' },
        },
        order: { field: 'order', type: 'quantitative' },
      },
    },
  ];
  return {
    name: 'outcomes',
    title: 'Where the mass goes',
    caption:
      'Share of each outcome per step size. Above η_c the converged share is zero and the mass moves to ' +
      'periodic orbits (period 2, 4, …), then to divergence.',
    spec: top(
      'Where the mass goes',
      'outcome of every trajectory, stacked; saddle = critical point that is not a global minimum',
      withEtaCritical(axis, data),
    ),
  };
}

/** (3) Final sharpness of converged runs against η, between λ* and 2/η. */
export function sharpnessFigure(input: RunFigureInput): Figure {
  const axis = axisOf(input);
  const rows = input.summary
    .filter((r) => r.converged > 0 && finite(r.sharpnessFinalMedian))
    .map((r) => ({
      eta: r.eta,
      median: r.sharpnessFinalMedian,
      min: finite(r.sharpnessFinalMin) ? r.sharpnessFinalMin : r.sharpnessFinalMedian,
      max: finite(r.sharpnessFinalMax) ? r.sharpnessFinalMax : r.sharpnessFinalMedian,
    }));
  const lambdaStar = input.lambdaStar !== null && finite(input.lambdaStar) ? input.lambdaStar : null;
  // y range: every measured value and λ*, plus enough of the 2/η curve to see it bend; the rest is clipped
  const measured = rows.flatMap((r) => [r.min, r.max]).filter(finite);
  const base = [...measured, ...(lambdaStar === null ? [] : [lambdaStar])];
  const lo0 = base.length ? Math.min(...base) : 0;
  const hi0 = base.length ? Math.max(...base) : 1;
  const hi = Math.max(hi0 * 1.2, lo0 + 1e-9, lambdaStar === null ? 0 : lambdaStar * 1.5);
  const lo = Math.max(0, lo0 - 0.15 * (hi - lo0));
  const yScale = { domain: [lo, hi], nice: false, zero: false };
  const curve = etaCurve(axis).map((eta) => ({ eta, two: 2 / eta, lambdaStar }));
  const names = [
    'median (converged runs)',
    'min–max (converged runs)',
    '2/η (stability limit)',
    'λ* (flattest minimum)',
  ];
  const colors = [OKABE_ITO.blue, OKABE_ITO.skyBlue, OKABE_ITO.vermillion, '#000'];
  const color = (datum: string) => ({
    datum,
    scale: { domain: names, range: colors },
    legend: { title: null, orient: 'right' as const, symbolType: 'stroke' },
  });
  const x = etaX(axis);
  const y = {
    field: 'median',
    type: 'quantitative' as const,
    scale: yScale,
    axis: { title: 'final sharpness λ_max(∇²L)' },
  };
  const data: Layer[] = [];
  if (lambdaStar !== null && hasEtaCritical(axis)) {
    data.push({
      name: 'stable_band',
      data: { values: curve.filter((c) => c.eta <= (axis.etaCritical as number) && c.two >= lambdaStar) },
      mark: { type: 'area', color: '#000', opacity: 0.07, clip: true },
      encoding: { x, y: { field: 'lambdaStar', type: 'quantitative', scale: yScale }, y2: { field: 'two' } },
    });
  }
  data.push({
    name: 'two_over_eta_line',
    data: { values: curve },
    mark: { type: 'line', strokeDash: [6, 3], strokeWidth: 2, clip: true },
    encoding: { x, y: { field: 'two', type: 'quantitative', scale: yScale }, color: color(names[2]) },
  });
  if (lambdaStar !== null) {
    data.push({
      name: 'lambda_star_rule',
      data: { values: [{ lambdaStar }] },
      mark: { type: 'rule', strokeDash: [2, 3], strokeWidth: 2 },
      encoding: { y: { field: 'lambdaStar', type: 'quantitative', scale: yScale }, color: color(names[3]) },
    });
  }
  data.push(
    {
      name: 'sharpness_range',
      data: { values: rows },
      mark: { type: 'rule', strokeWidth: 3, clip: true },
      encoding: {
        x,
        y: { field: 'min', type: 'quantitative', scale: yScale },
        y2: { field: 'max' },
        color: color(names[1]),
      },
    },
    {
      name: 'sharpness_line',
      data: { values: rows },
      mark: { type: 'line', strokeWidth: 2, clip: true },
      encoding: { x, y, color: color(names[0]) },
    },
    {
      name: 'sharpness_points',
      data: { values: rows },
      mark: { type: 'point', filled: true, size: 45, opacity: 1, clip: true },
      encoding: { x, y, color: color(names[0]) },
    },
  );
  return {
    name: 'sharpness',
    title: 'Sharpness at the end vs step size',
    caption:
      'λ_max of the Hessian where converged runs stopped. Every converged run must lie in the shaded band between ' +
      'λ* (no minimum is flatter) and 2/η (no sharper minimum is stable); the band closes at η_c.',
    spec: top(
      'Sharpness at the end vs step size',
      'λ_max(∇²L) at the final point of converged trajectories: median and min–max',
      withEtaCritical(axis, data),
    ),
  };
}

/** (4) The stable set is bounded: final parameter norm of converged runs against η. */
export function paramNormFigure(input: RunFigureInput): Figure {
  const axis = axisOf(input);
  const values: { eta: number; stat: string; value: number }[] = [];
  for (const r of input.summary) {
    if (!(r.converged > 0)) continue;
    if (finite(r.paramNormFinalMedian)) values.push({ eta: r.eta, stat: 'median', value: r.paramNormFinalMedian });
    if (finite(r.paramNormFinalMax)) values.push({ eta: r.eta, stat: 'maximum', value: r.paramNormFinalMax });
  }
  const x = etaX(axis);
  const y = {
    field: 'value',
    type: 'quantitative' as const,
    axis: { title: 'final parameter norm ‖θ‖₂' },
    scale: { zero: true },
  };
  const color = {
    field: 'stat',
    type: 'nominal' as const,
    scale: { domain: ['median', 'maximum'], range: [OKABE_ITO.blue, OKABE_ITO.orange] },
    legend: { title: 'converged runs', orient: 'right' as const },
  };
  const data: Layer[] = [
    { name: 'norm_line', data: { values }, mark: { type: 'line', strokeWidth: 2 }, encoding: { x, y, color } },
    {
      name: 'norm_points',
      data: { values },
      mark: { type: 'point', filled: true, size: 45, opacity: 1 },
      encoding: { x, y, color },
    },
  ];
  return {
    name: 'param-norm',
    title: 'The stable set is bounded',
    caption:
      'Euclidean norm of all parameters where converged runs stopped. Stable minima form a bounded set that ' +
      'shrinks as η grows and vanishes at η_c, so the maximum must fall towards η_c.',
    spec: top(
      'The stable set is bounded',
      'norm of the final parameters of converged trajectories',
      withEtaCritical(axis, data),
    ),
  };
}

export function runFigures(input: RunFigureInput): Figure[] {
  return [basinFigure(input), outcomesFigure(input), sharpnessFigure(input), paramNormFigure(input)];
}

export { formatNumber };

/**
 * The four figures of a run, as Vega-Lite specs built from summary.parquet
 * rows and the theory values. Each shows only what was measured: a point
 * (or bar) per measured step size, and lines only between grid neighbours
 * (line-segments.ts). Pure: no Node imports, so they can be tested (and
 * rendered in a browser) alike.
 */
import type { SummaryRow } from '@eos-sweep/engine';
import type { TopLevelSpec } from 'vega-lite';
import { lineSegments } from './line-segments.js';
import { OKABE_ITO, OUTCOME_COLORS, OUTCOME_ORDER } from './palette.js';
import { basinCaption, outcomesCaption, paramNormCaption, sharpnessCaption } from './run-captions.js';
import type { EtaAxis, Layer, LegendEntry } from './spec-parts.js';
import {
  DASHED,
  DOTTED,
  etaAxis,
  etaCriticalLayer,
  etaCurve,
  etaFraction,
  etaX,
  hasEtaCritical,
  PLOT_HEIGHT,
  PLOT_WIDTH,
  swatchLegend,
  VEGA_LITE_SCHEMA,
} from './spec-parts.js';
import { VEGA_CONFIG } from './theme.js';

export interface RunFigureInput {
  readonly summary: readonly SummaryRow[];
  readonly lambdaStar: number | null;
  readonly etaCritical: number | null;
  /** Log-spaced grid: the η axis is logarithmic. */
  readonly logEta: boolean;
  /** Initializations per step size (for the subtitles). */
  readonly trajectories: number;
  /** An adaptive sweep's reason for each summary row's step size: marks bisection and refinement points. */
  readonly roles?: readonly string[];
}

export interface Figure {
  /** File stem: <name>.svg and <name>.png. */
  readonly name: string;
  readonly title: string;
  /** One or two sentences for the report: what was measured, and what theory says. */
  readonly caption: string;
  readonly spec: TopLevelSpec;
}

/** "1000 initializations per step size", or the range when an adaptive sweep gave them different counts. */
function initializationsText(summary: readonly SummaryRow[]): string {
  const counts = summary.map((r) => r.trajectories);
  const low = Math.min(...counts);
  const high = Math.max(...counts);
  return low === high ? `${low} initializations per step size` : `${low}–${high} initializations per step size`;
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

/** The segment number of each row (rows in grid order): lines join rows of one segment only. */
function segmentsOf(input: RunFigureInput, rows: readonly SummaryRow[]): number[] {
  return lineSegments(rows, {
    grid: input.summary.map((r) => r.eta),
    log: input.logEta,
    etaCritical: input.etaCritical,
  });
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

function top(title: string, subtitle: string, body: LayerBody): TopLevelSpec {
  return {
    $schema: VEGA_LITE_SCHEMA,
    width: PLOT_WIDTH,
    height: PLOT_HEIGHT,
    config: VEGA_CONFIG,
    title: { text: title, subtitle },
    ...body,
  } satisfies TopLevelSpec;
}

/** A colour encoding by a constant legend label, with swatches drawn like their marks. */
function legendColor(entries: readonly LegendEntry[], colors: readonly string[]) {
  const scale = { domain: entries.map((e) => e.label), range: [...colors] };
  const legend = { title: null, orient: 'right' as const, ...swatchLegend(entries) };
  return (datum: string) => ({ datum, scale, legend });
}

/** (1) The basin measure: P(converged) with its 95% interval (Wilson, or an adaptive sweep's confidence sequence) against η, η_c marked. */
export function basinFigure(input: RunFigureInput): Figure {
  const axis = axisOf(input);
  const measured = input.summary.filter((r) => r.trajectories > 0 && finite(r.pConverged));
  const segments = segmentsOf(input, measured);
  const rows = measured.map((r, i) => ({
    eta: r.eta,
    ratio: r.etaRatio,
    p: r.pConverged,
    low: r.pConvergedLow,
    high: r.pConvergedHigh,
    segment: segments[i],
    role: input.roles?.[input.summary.indexOf(r)] ?? 'grid',
  }));
  const x = etaX(axis);
  const band =
    measured[0]?.intervalMethod === 'beta-binomial-mixture' ? '95% confidence sequence' : '95% Wilson interval';
  const color = legendColor(
    [
      { label: 'fraction converged', swatch: 'line-point' },
      { label: band, swatch: 'interval' },
    ],
    [OKABE_ITO.blue, '#8FC0E3'],
  );
  const y = {
    field: 'p',
    type: 'quantitative' as const,
    scale: { domain: [0, 1] },
    axis: { title: 'fraction converged (basin measure)', format: '.0%' },
  };
  const data: Layer[] = [
    {
      name: 'basin_interval',
      data: { values: rows },
      mark: { type: 'rule', strokeWidth: 4 },
      encoding: {
        x,
        y: { field: 'low', type: 'quantitative', scale: { domain: [0, 1] } },
        y2: { field: 'high' },
        color: color(band),
      },
    },
    {
      name: 'basin_line',
      data: { values: rows },
      mark: { type: 'line', strokeWidth: 2 },
      encoding: { x, y, detail: { field: 'segment', type: 'nominal' }, color: color('fraction converged') },
    },
    {
      name: 'basin_points',
      data: { values: rows },
      mark: { type: 'point', filled: true, size: 45, opacity: 1 },
      // unformatted: the points' descriptions carry the exact fraction
      encoding: {
        x,
        y: { field: 'p', type: 'quantitative' },
        color: color('fraction converged'),
        // an adaptive sweep's added step sizes: bisection of the threshold, refinement of the curve
        ...(input.roles
          ? {
              shape: {
                field: 'role',
                type: 'nominal' as const,
                scale: { domain: ['grid', 'bisection', 'refinement'], range: ['circle', 'triangle-up', 'diamond'] },
                legend: { title: 'step size', orient: 'bottom-right' as const },
              },
            }
          : {}),
      },
    },
  ];
  return {
    name: 'basin-measure',
    title: 'Basin measure vs step size',
    caption: basinCaption(input),
    spec: top(
      'Basin measure vs step size',
      `${initializationsText(input.summary)}; converged = reached a global minimizer`,
      withEtaCritical(axis, data),
    ),
  };
}

/** Width in pixels of one bar per step size: most of the narrowest gap between neighbours. */
function barWidth(axis: EtaAxis, etas: readonly number[], plotWidth = PLOT_WIDTH): number {
  const xs = etas.map((e) => etaFraction(axis, e) * plotWidth).sort((a, b) => a - b);
  let gap = Number.POSITIVE_INFINITY;
  for (let i = 1; i < xs.length; i++) if (xs[i] > xs[i - 1]) gap = Math.min(gap, xs[i] - xs[i - 1]);
  return Math.max(1, Math.min(24, 0.8 * gap));
}

/** (2) Where the mass goes: outcome fractions per measured step size, stacked bars. */
export function outcomesFigure(input: RunFigureInput): Figure {
  const axis = axisOf(input);
  const values: { eta: number; outcome: string; order: number; fraction: number }[] = [];
  for (const r of input.summary) {
    if (!(r.trajectories > 0)) continue;
    OUTCOME_ORDER.forEach((outcome, order) => {
      values.push({ eta: r.eta, outcome, order, fraction: r[outcome] / r.trajectories });
    });
  }
  const data: Layer[] = [
    {
      name: 'outcome_bars',
      data: { values },
      mark: { type: 'bar', width: barWidth(axis, [...new Set(values.map((v) => v.eta))]) },
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
    caption: outcomesCaption(input),
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
  const converged = input.summary.filter((r) => r.converged > 0 && finite(r.sharpnessFinalMedian));
  const segments = segmentsOf(input, converged);
  const rows = converged.map((r, i) => ({
    eta: r.eta,
    median: r.sharpnessFinalMedian,
    min: finite(r.sharpnessFinalMin) ? r.sharpnessFinalMin : r.sharpnessFinalMedian,
    max: finite(r.sharpnessFinalMax) ? r.sharpnessFinalMax : r.sharpnessFinalMedian,
    segment: segments[i],
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
  const entries: LegendEntry[] = [
    { label: 'median (converged runs)', swatch: 'line-point' },
    { label: 'min–max (converged runs)', swatch: 'interval' },
    { label: '2/η (stability limit)', swatch: 'dashed' },
    ...(lambdaStar === null ? [] : [{ label: 'λ* (flattest minimum)', swatch: 'dotted' } as const]),
  ];
  const color = legendColor(entries, [OKABE_ITO.blue, OKABE_ITO.skyBlue, OKABE_ITO.vermillion, '#000']);
  const [median, range, two, star] = entries.map((e) => e.label);
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
    mark: { type: 'line', strokeDash: DASHED, strokeWidth: 2, clip: true },
    encoding: { x, y: { field: 'two', type: 'quantitative', scale: yScale }, color: color(two) },
  });
  if (lambdaStar !== null) {
    data.push({
      name: 'lambda_star_rule',
      data: { values: [{ lambdaStar }] },
      mark: { type: 'rule', strokeDash: DOTTED, strokeWidth: 2 },
      encoding: { y: { field: 'lambdaStar', type: 'quantitative', scale: yScale }, color: color(star) },
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
        color: color(range),
      },
    },
    {
      name: 'sharpness_line',
      data: { values: rows },
      mark: { type: 'line', strokeWidth: 2, clip: true },
      encoding: { x, y, detail: { field: 'segment', type: 'nominal' }, color: color(median) },
    },
    {
      name: 'sharpness_points',
      data: { values: rows },
      mark: { type: 'point', filled: true, size: 45, opacity: 1, clip: true },
      encoding: { x, y, color: color(median) },
    },
  );
  return {
    name: 'sharpness',
    title: 'Sharpness at the end vs step size',
    caption: sharpnessCaption(input),
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
  const converged = input.summary.filter((r) => r.converged > 0);
  const values: { eta: number; stat: string; value: number; segment: string }[] = [];
  for (const stat of ['median', 'maximum'] as const) {
    const field = stat === 'median' ? 'paramNormFinalMedian' : 'paramNormFinalMax';
    const rows = converged.filter((r) => finite(r[field]));
    const segments = segmentsOf(input, rows);
    rows.forEach((r, i) => {
      values.push({ eta: r.eta, stat, value: r[field], segment: `${stat} ${segments[i]}` });
    });
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
    legend: {
      title: 'converged runs',
      orient: 'right' as const,
      ...swatchLegend([
        { label: 'median', swatch: 'line-point' },
        { label: 'maximum', swatch: 'line-point' },
      ]),
    },
  };
  const data: Layer[] = [
    {
      name: 'norm_line',
      data: { values },
      mark: { type: 'line', strokeWidth: 2 },
      encoding: { x, y, color, detail: { field: 'segment', type: 'nominal' } },
    },
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
    caption: paramNormCaption(input),
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

/**
 * The canonical edge-of-stability figure (Cohen et al., ICLR 2021, Fig. 1):
 * the loss on a log scale over GD steps, and below it the sharpness with the
 * 2/η line it rises to. Several (η, k) traces are overlaid, one colour each.
 * Pure: no Node imports.
 */
import type { TopLevelSpec } from 'vega-lite';
import { seriesColor } from './palette.js';
import { DASHED, DOTTED, formatNumber, type Layer, RULE_LABEL_FONT_SIZE, VEGA_LITE_SCHEMA } from './spec-parts.js';
import { VEGA_CONFIG } from './theme.js';
import type { TraceSeries } from './trace.js';

/** Above this many points a series is thinned to the min and max of each bucket (keeps oscillations visible). */
const MAX_POINTS_PER_SERIES = 3000;

/**
 * Indices of `values` to draw: all of them when few, otherwise the first and
 * last point and, per bucket, the positions of the minimum and the maximum —
 * so a period-2 oscillation keeps its envelope instead of aliasing.
 */
function thinIndices(values: ArrayLike<number>, maxPoints = MAX_POINTS_PER_SERIES): number[] {
  const n = values.length;
  if (n <= maxPoints) return Array.from({ length: n }, (_, i) => i);
  const buckets = Math.max(1, Math.floor(maxPoints / 2));
  const out = new Set<number>([0, n - 1]);
  for (let b = 0; b < buckets; b++) {
    const from = Math.floor((b * n) / buckets);
    const to = Math.floor(((b + 1) * n) / buckets);
    let lo = -1;
    let hi = -1;
    for (let i = from; i < to; i++) {
      const v = values[i];
      if (!Number.isFinite(v)) continue;
      if (lo < 0 || v < values[lo]) lo = i;
      if (hi < 0 || v > values[hi]) hi = i;
    }
    if (lo >= 0) out.add(lo);
    if (hi >= 0) out.add(hi);
  }
  return [...out].sort((a, b) => a - b);
}

/** Size of each of the two panels, in CSS pixels. */
const PANEL_WIDTH = 640;
const PANEL_HEIGHT = 220;

/** Vertical distance kept between the labels of the reference lines (a 12 px label is about 14 px tall). */
const LABEL_GAP = 15;

/**
 * Label positions (px from the top, any order in) as close to `wanted` as
 * they can be while at least `gap` apart and inside [lo, hi]: the labels of
 * nearby reference lines are pushed apart instead of printed over each other.
 */
export function spreadLabels(wanted: readonly number[], gap: number, lo: number, hi: number): number[] {
  const order = wanted.map((_, i) => i).sort((a, b) => wanted[a] - wanted[b] || a - b);
  const placed = order.map((i) => wanted[i]);
  for (let k = 0; k < placed.length; k++) placed[k] = Math.max(placed[k], k === 0 ? lo : placed[k - 1] + gap);
  for (let k = placed.length - 1; k >= 0; k--) {
    placed[k] = Math.min(placed[k], k === placed.length - 1 ? hi : placed[k + 1] - gap);
  }
  const out = new Array<number>(wanted.length);
  order.forEach((i, k) => {
    out[i] = placed[k];
  });
  return out;
}

export interface TraceFigureInput {
  readonly series: readonly TraceSeries[];
  readonly lambdaStar: number | null;
  readonly etaCritical: number | null;
  /** L*: the top panel shows L − L* when it is positive. */
  readonly lossMin: number;
}

/** The legend label of one trace. */
function traceLabel(s: TraceSeries, etaCritical: number | null): string {
  const ratio = etaCritical ? ` (${formatNumber(s.eta / etaCritical, 3)}·η_c)` : '';
  const period = s.outcome === 'periodic' ? ` (${s.period})` : '';
  return `η = ${formatNumber(s.eta, 4)}${ratio}, k = ${s.trajectory} → ${s.outcome}${period}, ${s.steps} steps`;
}

export function traceFigure(input: TraceFigureInput): TopLevelSpec {
  const labels = input.series.map((s) => traceLabel(s, input.etaCritical));
  const color = {
    field: 'series',
    type: 'nominal' as const,
    scale: { domain: labels, range: labels.map((_, i) => seriesColor(i)) },
    legend: {
      title: 'trace',
      orient: 'bottom' as const,
      direction: 'vertical' as const,
      labelLimit: 600,
      // every trace is drawn as a solid line in both panels (its 2/η line is labelled beside the plot)
      symbolType: 'stroke',
    },
  };
  const shift = Math.max(input.lossMin, 0);
  // below a few ulps of L* the difference L − L* is round-off, not progress
  const floor = 4 * Number.EPSILON * Math.max(1, shift);
  const lossRows: { step: number; value: number; series: string }[] = [];
  const sharpRows: { step: number; value: number; series: string }[] = [];
  let sharpMax = 0;
  let sharpMin = 0;
  input.series.forEach((s, si) => {
    const gap = Float64Array.from(s.loss, (v) => v - shift);
    for (const i of thinIndices(gap)) {
      if (gap[i] > floor && Number.isFinite(gap[i])) lossRows.push({ step: i, value: gap[i], series: labels[si] });
    }
    const sampledSteps: number[] = [];
    const sampled: number[] = [];
    for (let i = 0; i < s.sharpness.length; i++) {
      if (Number.isFinite(s.sharpness[i])) {
        sampledSteps.push(i);
        sampled.push(s.sharpness[i]);
      }
    }
    for (const j of thinIndices(sampled)) {
      sharpRows.push({ step: sampledSteps[j], value: sampled[j], series: labels[si] });
      sharpMax = Math.max(sharpMax, sampled[j]);
      sharpMin = Math.min(sharpMin, sampled[j]);
    }
  });
  const firstLabel = new Map<number, string>();
  input.series.forEach((s, i) => {
    if (!firstLabel.has(s.eta)) firstLabel.set(s.eta, labels[i]);
  });
  const limits = [...firstLabel.entries()].map(([eta, series]) => ({
    two: 2 / eta,
    series,
    text: `2/η = ${formatNumber(2 / eta, 4)}`,
  }));
  const twoMax = Math.max(...limits.map((l) => l.two));
  const lambdaStar = input.lambdaStar !== null && Number.isFinite(input.lambdaStar) ? input.lambdaStar : null;
  // the sharpness at θ₀ can be far above 2/η: keep the interesting band readable and clip the rest
  const top = Math.max(Math.min(sharpMax, 3 * twoMax), twoMax, lambdaStar ?? 0) * 1.08;
  const yScale = { domain: [sharpMin, top], nice: false, zero: true };
  // reference lines are labelled beside the panel, where no line crosses them, spread apart when close
  const referenceValues = [...limits.map((l) => l.two), ...(lambdaStar === null ? [] : [lambdaStar])];
  const pixel = (v: number) => PANEL_HEIGHT * (1 - (v - sharpMin) / (top - sharpMin));
  const labelY = spreadLabels(referenceValues.map(pixel), LABEL_GAP, 0, PANEL_HEIGHT);
  const limitLabels = limits.map((l, i) => ({ ...l, y: labelY[i] }));
  const lastStep = Math.max(1, ...input.series.map((s) => s.steps));
  // both panels on one step axis, even where the loss reached exactly 0 (no point on a log scale)
  const step = {
    field: 'step',
    type: 'quantitative' as const,
    axis: { title: 'GD step t', format: ',d' },
    scale: { domain: [0, lastStep], nice: false, zero: true },
  };
  const lossPanel: Layer = {
    width: PANEL_WIDTH,
    height: PANEL_HEIGHT,
    layer: [
      {
        name: 'loss_line',
        data: { values: lossRows },
        mark: { type: 'line', strokeWidth: 1.5, clip: true },
        encoding: {
          x: step,
          y: {
            field: 'value',
            type: 'quantitative',
            scale: { type: 'log' },
            axis: {
              // two lines: one would be taller than the panel and push the layout apart
              title: [shift > 0 ? 'loss gap L(θ_t) − L*' : 'loss L(θ_t)', '(log scale)'],
              // lines of 13 px text are about 15 px tall: more than that apart, or they touch
              titleLineHeight: 18,
              format: '.0e',
            },
          },
          color,
        },
      },
    ],
  };
  const sharpLayers: Layer[] = [
    {
      name: 'two_over_eta_rule',
      data: { values: limits },
      mark: { type: 'rule', strokeDash: DASHED, strokeWidth: 1.5 },
      encoding: { y: { field: 'two', type: 'quantitative', scale: yScale }, color },
    },
    {
      name: 'two_over_eta_label',
      data: { values: limitLabels },
      mark: { type: 'text', align: 'left', baseline: 'middle', fontSize: RULE_LABEL_FONT_SIZE },
      encoding: {
        x: { value: PANEL_WIDTH + 6 },
        y: { field: 'y', type: 'quantitative', scale: null },
        text: { field: 'text' },
        color,
      },
    },
  ];
  if (lambdaStar !== null) {
    sharpLayers.push(
      {
        name: 'lambda_star_rule',
        data: { values: [{ lambdaStar }] },
        mark: { type: 'rule', color: '#000', strokeDash: DOTTED, strokeWidth: 1.5 },
        encoding: { y: { field: 'lambdaStar', type: 'quantitative', scale: yScale } },
      },
      {
        name: 'lambda_star_label',
        data: { values: [{ y: labelY[limits.length], text: `λ* = ${formatNumber(lambdaStar, 4)}` }] },
        mark: {
          type: 'text',
          align: 'left',
          baseline: 'middle',
          fontSize: RULE_LABEL_FONT_SIZE,
          color: '#000',
        },
        encoding: {
          x: { value: PANEL_WIDTH + 6 },
          y: { field: 'y', type: 'quantitative', scale: null },
          text: { field: 'text' },
        },
      },
    );
  }
  sharpLayers.push({
    name: 'sharpness_line',
    data: { values: sharpRows },
    mark: { type: 'line', strokeWidth: 1.8, clip: true, point: sharpRows.length <= 400 },
    encoding: {
      x: step,
      y: { field: 'value', type: 'quantitative', scale: yScale, axis: { title: 'sharpness λ_max(∇²L(θ_t))' } },
      color,
    },
  });
  const sharpPanel: Layer = { width: PANEL_WIDTH, height: PANEL_HEIGHT, layer: sharpLayers };
  return {
    $schema: VEGA_LITE_SCHEMA,
    config: VEGA_CONFIG,
    title: {
      text: 'Edge of stability: loss and sharpness along gradient descent',
      subtitle:
        'at every GD step: the loss (top) and the sharpness (bottom); dashed: 2/η of each trace, dotted: λ* (flattest minimum)',
    },
    vconcat: [lossPanel, sharpPanel],
    spacing: 18,
  } satisfies TopLevelSpec;
}

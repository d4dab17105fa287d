/**
 * Pieces shared by the figures: the step-size axis (with a secondary η/η_c
 * axis on top), the η_c rule, nice tick values. Pure: no Node imports.
 */
import type { LayerSpec, UnitSpec } from 'vega-lite/types_unstable/spec/index.js';
import { textWidth } from './text-metrics.js';

export type Layer = LayerSpec<string> | UnitSpec<string>;

export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** Width and height of the plotting area of the run figures, in CSS pixels. */
export const PLOT_WIDTH = 560;
export const PLOT_HEIGHT = 300;

/** Step sizes along the x axis: linear, or logarithmic for a log-spaced grid. */
export interface EtaAxis {
  readonly log: boolean;
  readonly domain: [number, number];
  /** η_c, or null when unknown (then there is no rule and no η/η_c axis). */
  readonly etaCritical: number | null;
}

/** The x domain for the grid's step sizes, padded so that end points are not cut in half. */
export function etaAxis(etas: readonly number[], log: boolean, etaCritical: number | null): EtaAxis {
  const finite = etas.filter((e) => Number.isFinite(e) && e > 0);
  let lo = Math.min(...finite);
  let hi = Math.max(...finite);
  if (etaCritical !== null && Number.isFinite(etaCritical)) {
    lo = Math.min(lo, etaCritical);
    hi = Math.max(hi, etaCritical);
  }
  if (!Number.isFinite(lo)) return { log, domain: [0, 1], etaCritical };
  if (log) {
    const pad = hi > lo ? (hi / lo) ** 0.03 : 1.1;
    return { log, domain: [lo / pad, hi * pad], etaCritical };
  }
  const pad = hi > lo ? 0.03 * (hi - lo) : 0.1 * Math.abs(lo);
  return { log, domain: [lo - pad, hi + pad], etaCritical };
}

/** About `count` round values covering [lo, hi] (1, 2 or 5 times a power of ten apart). */
export function niceTicks(lo: number, hi: number, count = 6): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const norm = raw / mag;
  const step = (norm < 1.5 ? 1 : norm < 3 ? 2 : norm < 7 ? 5 : 10) * mag;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Number(v.toPrecision(12)));
  return out;
}

/** Round values for a logarithmic axis: 1, 2, 5 × powers of ten inside [lo, hi]. */
export function logTicks(lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
    for (const m of [1, 2, 5]) {
      const v = Number((m * 10 ** e).toPrecision(12));
      if (v >= lo && v <= hi) out.push(v);
    }
  }
  return out;
}

function etaScale(axis: EtaAxis) {
  return axis.log
    ? { type: 'log' as const, domain: axis.domain, nice: false }
    : { type: 'linear' as const, domain: axis.domain, nice: false, zero: false };
}

/** The x encoding of every step-size layer (bottom axis). */
export function etaX(axis: EtaAxis, field = 'eta') {
  return {
    field,
    type: 'quantitative' as const,
    scale: etaScale(axis),
    axis: { title: 'step size η', orient: 'bottom' as const, format: '~g' },
  };
}

/** Whether a secondary η/η_c axis (and an η_c rule) can be drawn. */
export function hasEtaCritical(axis: EtaAxis): axis is EtaAxis & { etaCritical: number } {
  return axis.etaCritical !== null && Number.isFinite(axis.etaCritical) && axis.etaCritical > 0;
}

/** Where a point of the η axis lies across the plot: 0 at the left edge, 1 at the right. */
export function etaFraction(axis: EtaAxis, eta: number): number {
  const [lo, hi] = axis.domain;
  return axis.log ? Math.log(eta / lo) / Math.log(hi / lo) : (eta - lo) / (hi - lo);
}

/** Font size of the labels drawn beside reference lines. */
export const RULE_LABEL_FONT_SIZE = 12;

/**
 * The label of a vertical rule at `fraction` of a plot `width` px wide goes
 * to the rule's right, or to its left where it would run past the plot's edge.
 */
export function ruleLabelMark(text: string, fraction: number, width: number) {
  const room = (1 - fraction) * width;
  const right = room >= textWidth(text, RULE_LABEL_FONT_SIZE) + 10;
  return {
    type: 'text' as const,
    align: right ? ('left' as const) : ('right' as const),
    baseline: 'top' as const,
    dx: right ? 5 : -5,
    fontSize: RULE_LABEL_FONT_SIZE,
    color: '#000',
    text,
  };
}

/**
 * The vertical η_c rule with its label, carrying the top axis in units of
 * η_c. Layer it beside the data layers with `resolve: {axis: {x: 'independent'}}`
 * so that the two x axes (η below, η/η_c above) share one scale.
 */
export function etaCriticalLayer(axis: EtaAxis, width = PLOT_WIDTH): Layer[] {
  if (!hasEtaCritical(axis)) return [];
  const etaC = axis.etaCritical;
  const [lo, hi] = axis.domain;
  const ratios = axis.log ? logTicks(lo / etaC, hi / etaC) : niceTicks(lo / etaC, hi / etaC, 6);
  if (!ratios.some((r) => Math.abs(r - 1) < 1e-9)) ratios.push(1);
  const x = {
    field: 'etaCritical',
    type: 'quantitative' as const,
    scale: etaScale(axis),
    axis: {
      title: 'η / η_c',
      orient: 'top' as const,
      values: ratios.map((r) => r * etaC),
      labelExpr: `format(datum.value / ${etaC}, '.3~g')`,
      grid: false,
    },
  };
  return [
    {
      data: { values: [{ etaCritical: etaC }] },
      layer: [
        {
          name: 'eta_c_rule',
          mark: { type: 'rule', color: '#000', strokeDash: [6, 4], strokeWidth: 1.5 },
          encoding: { x },
        },
        {
          name: 'eta_c_label',
          mark: ruleLabelMark(`η_c = 2/λ* = ${formatNumber(etaC)}`, etaFraction(axis, etaC), width),
          encoding: { x, y: { value: 6 } },
        },
      ],
    },
  ];
}

/** How a legend entry is drawn: in the style of the mark it stands for. */
type Swatch = 'line' | 'line-point' | 'dashed' | 'dotted' | 'interval' | 'square';

// vega symbol paths live in [−1, 1]² and are scaled by the legend's symbol size
const SWATCH_SHAPE: Readonly<Record<Swatch, string>> = {
  line: 'M-1,0H1',
  'line-point': 'M-1,0H1M-0.38,0A0.38,0.38,0,1,1,0.38,0A0.38,0.38,0,1,1,-0.38,0Z',
  dashed: 'M-1,0H1',
  dotted: 'M-1,0H1',
  // a narrow filled bar: interval marks are drawn wider than lines
  interval: 'M-0.1,-1H0.1V1H-0.1Z',
  square: 'square',
};

/** The dash patterns of the reference lines, shared by the marks and their swatches. */
export const DASHED = [6, 3];
export const DOTTED = [2, 3];

const SWATCH_DASH: Readonly<Record<Swatch, number[]>> = {
  line: [],
  'line-point': [],
  dashed: DASHED,
  dotted: DOTTED,
  interval: [],
  square: [],
};

export interface LegendEntry {
  readonly label: string;
  readonly swatch: Swatch;
}

/**
 * Legend properties that draw each entry's symbol as its mark is drawn (a
 * dashed line for a dashed curve, a bar for an interval). Symbols are
 * filled and stroked in the entry's colour: the filled part of a line
 * shape has no area, so only its dot shows filled.
 */
export function swatchLegend(entries: readonly LegendEntry[]) {
  const test = (e: LegendEntry) => `datum.value === ${JSON.stringify(e.label)}`;
  return {
    symbolSize: 260,
    encode: {
      symbols: {
        update: {
          shape: [...entries.map((e) => ({ test: test(e), value: SWATCH_SHAPE[e.swatch] })), { value: 'stroke' }],
          strokeDash: [...entries.map((e) => ({ test: test(e), value: SWATCH_DASH[e.swatch] })), { value: [] }],
        },
      },
    },
  };
}

/** A number in at most 4 significant digits, without trailing zeros. */
export function formatNumber(x: number | null | undefined, digits = 4): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '–';
  const s = Number(x.toPrecision(digits));
  return Math.abs(s) >= 1e5 || (Math.abs(s) < 1e-3 && s !== 0) ? s.toExponential(Math.max(0, digits - 2)) : String(s);
}

/** `count` step sizes spread over the axis (for smooth theory curves such as 2/η). */
export function etaCurve(axis: EtaAxis, count = 200): number[] {
  const [lo, hi] = axis.domain;
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const t = i / (count - 1);
    out.push(axis.log ? lo * (hi / lo) ** t : lo + t * (hi - lo));
  }
  return out;
}

/**
 * map.svg: the raw map.png placed on real axes, with the outcome legend and,
 * where theory draws them, reference curves (for the two-layer scalar
 * network on the (w₁, w₂) plane: the minimizers w₁w₂ = p and the circle
 * a(w₁² + w₂²) = 2/η inside which they are stable). Pure: no Node imports.
 */
import type { TopLevelSpec } from 'vega-lite';
import { OUTCOME_COLORS, OUTCOME_ORDER } from './palette.js';
import { type Layer, ruleLabelMark, VEGA_LITE_SCHEMA } from './spec-parts.js';
import { VEGA_CONFIG } from './theme.js';

const MAP_PLOT_SIZE = 460;

export interface MapCurvePoint {
  readonly x: number;
  readonly y: number;
  /** Legend entry. */
  readonly curve: string;
  /** Separate pieces of one curve (hyperbola branches). */
  readonly piece: string;
  readonly order: number;
}

export interface MapFigureInput {
  readonly pngDataUrl: string;
  readonly xRange: readonly [number, number];
  readonly yRange: readonly [number, number];
  readonly xLabel: string;
  readonly yLabel: string;
  readonly title: string;
  readonly subtitle: string | string[];
  readonly curves: readonly MapCurvePoint[];
  /** A vertical reference line (η_c on an (η, scale) map). */
  readonly xRule?: { readonly x: number; readonly label: string };
}

/**
 * The two-layer scalar network with loss a/2·(w₁w₂ − p)² + const: the
 * minimizers form the hyperbola w₁w₂ = p and the Hessian there has
 * λ_max = a(w₁² + w₂²) (docs/theory.md), so the stable ones lie inside the circle
 * of radius √(2/(ηa)).
 */
export function scalarDepth2Curves(
  a: number,
  p: number,
  eta: number,
  xRange: readonly [number, number],
  yRange: readonly [number, number],
): MapCurvePoint[] {
  const out: MapCurvePoint[] = [];
  const hyperbola = 'minimizers w₁w₂ = p';
  const n = 400;
  const [x0, x1] = xRange;
  const [y0, y1] = yRange;
  if (p !== 0) {
    for (const sign of [-1, 1]) {
      let order = 0;
      for (let i = 0; i <= n; i++) {
        // dense near the axes: x = sign·(ε … max|x|) on a log scale
        const xmax = Math.max(Math.abs(x0), Math.abs(x1));
        const x = sign * xmax * 10 ** (-3 + (3 * i) / n);
        const y = p / x;
        if (x < x0 || x > x1 || y < y0 - (y1 - y0) || y > y1 + (y1 - y0)) continue;
        out.push({ x, y, curve: hyperbola, piece: `h${sign}`, order: order++ });
      }
    }
  }
  const r = Math.sqrt(2 / (eta * a));
  if (Number.isFinite(r) && r > 0) {
    for (let i = 0; i <= 360; i++) {
      const t = (2 * Math.PI * i) / 360;
      out.push({
        x: r * Math.cos(t),
        y: r * Math.sin(t),
        curve: 'a(w₁²+w₂²) = 2/η (stable inside)',
        piece: 'c',
        order: i,
      });
    }
  }
  return out;
}

export function mapFigure(input: MapFigureInput): TopLevelSpec {
  const size = MAP_PLOT_SIZE;
  const x = {
    field: 'x',
    type: 'quantitative' as const,
    scale: { domain: [...input.xRange], nice: false, zero: false },
    axis: { title: input.xLabel, grid: false },
  };
  const y = {
    field: 'y',
    type: 'quantitative' as const,
    scale: { domain: [...input.yRange], nice: false, zero: false },
    axis: { title: input.yLabel, grid: false },
  };
  const layers: Layer[] = [
    {
      name: 'map_raster',
      data: { values: [{ x: input.xRange[0], y: input.yRange[1], url: input.pngDataUrl }] },
      mark: {
        type: 'image',
        width: size,
        height: size,
        align: 'left',
        baseline: 'top',
        aspect: false,
        smooth: false,
        aria: false,
      },
      encoding: { x, y, url: { field: 'url', type: 'nominal' } },
    },
    {
      // invisible: it only carries the outcome legend
      name: 'map_legend_keys',
      data: { values: OUTCOME_ORDER.map((outcome) => ({ x: input.xRange[0], y: input.yRange[0], outcome })) },
      mark: { type: 'square', opacity: 0 },
      encoding: {
        x,
        y,
        color: {
          field: 'outcome',
          type: 'nominal',
          scale: { domain: [...OUTCOME_ORDER], range: OUTCOME_ORDER.map((o) => OUTCOME_COLORS[o]) },
          legend: { title: 'outcome', symbolOpacity: 1, symbolType: 'square', orient: 'right' },
        },
      },
    },
  ];
  if (input.curves.length > 0) {
    const names = [...new Set(input.curves.map((c) => c.curve))];
    layers.push({
      name: 'map_curves',
      data: { values: input.curves },
      mark: { type: 'line', clip: true, color: '#000', strokeWidth: 1.3 },
      encoding: {
        x,
        y,
        detail: { field: 'piece', type: 'nominal' },
        order: { field: 'order', type: 'quantitative' },
        strokeDash: {
          field: 'curve',
          type: 'nominal',
          scale: {
            domain: names,
            range: [
              [1, 0],
              [5, 3],
            ].slice(0, names.length),
          },
          legend: {
            title: 'theory',
            orient: 'right',
            symbolStrokeColor: '#000',
            symbolStrokeWidth: 1.5,
            // long enough to show the dashes
            symbolSize: 260,
          },
        },
      },
    });
  }
  const rule = input.xRule;
  if (rule && rule.x > input.xRange[0] && rule.x < input.xRange[1]) {
    layers.push(
      {
        name: 'map_x_rule',
        data: { values: [{ x: rule.x }] },
        mark: { type: 'rule', color: '#000', strokeDash: [6, 4], strokeWidth: 1.5 },
        encoding: { x },
      },
      {
        name: 'map_x_rule_label',
        data: { values: [{ x: rule.x }] },
        mark: ruleLabelMark(rule.label, (rule.x - input.xRange[0]) / (input.xRange[1] - input.xRange[0]), size),
        encoding: { x, y: { value: 6 } },
      },
    );
  }
  return {
    $schema: VEGA_LITE_SCHEMA,
    config: VEGA_CONFIG,
    width: size,
    height: size,
    title: { text: input.title, subtitle: input.subtitle },
    layer: layers,
  } satisfies TopLevelSpec;
}

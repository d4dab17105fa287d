/**
 * geometry-fits.svg: the two log-log fits behind a basin map's geometry,
 * side by side: boxes holding boundary N(s) against the box side s (slope
 * −D), and the uncertain fraction f(ε) against ε (slope α), each with its
 * least-squares line over the fitted range. Pure: no Node imports.
 */
import type { BasinGeometry } from '@eos-sweep/engine';
import type { TopLevelSpec } from 'vega-lite';
import { OKABE_ITO } from './palette.js';
import type { Figure } from './run-figures.js';
import { formatNumber, VEGA_LITE_SCHEMA } from './spec-parts.js';
import { VEGA_CONFIG } from './theme.js';

const PANEL = 300;

interface FitPoint {
  readonly x: number;
  readonly y: number;
  readonly line: number;
}

/** The measured points with the fitted line's value at each, back from logs. */
function fitPoints(
  xs: readonly number[],
  logX: readonly number[],
  logY: readonly number[],
  slope: number,
  intercept: number,
): FitPoint[] {
  const points: FitPoint[] = [];
  for (let k = 0; k < logX.length; k++) {
    points.push({ x: xs[k], y: Math.exp(logY[k]), line: Math.exp(intercept + slope * logX[k]) });
  }
  return points;
}

function panel(id: string, title: string, xTitle: string, yTitle: string, points: FitPoint[]) {
  const x = { field: 'x', type: 'quantitative' as const, scale: { type: 'log' as const }, axis: { title: xTitle } };
  return {
    width: PANEL,
    height: PANEL,
    title,
    data: { values: points },
    layer: [
      {
        name: `${id}_fit`,
        mark: { type: 'line' as const, color: OKABE_ITO.black, strokeDash: [5, 3], strokeWidth: 1.3 },
        encoding: {
          x,
          y: { field: 'line', type: 'quantitative' as const, scale: { type: 'log' as const }, axis: { title: yTitle } },
        },
      },
      {
        name: `${id}_points`,
        mark: { type: 'point' as const, filled: true, color: OKABE_ITO.blue, size: 40 },
        encoding: { x, y: { field: 'y', type: 'quantitative' as const } },
      },
    ],
  };
}

export function geometryFitsFigure(g: BasinGeometry): Figure {
  const b = g.boxCounting;
  const u = g.uncertainty;
  // N(s) against s: the fit was log N against log(1/s), so its slope is −D in these axes
  const boxes = fitPoints(
    b.boxSizes.filter((_, k) => b.counts[k] > 0),
    b.fit.logX.map((v) => -v),
    b.fit.logY,
    -b.fit.slope,
    b.fit.intercept,
  );
  const uncertain = fitPoints(
    u.epsilons.filter((_, k) => u.fractions[k] > 0),
    u.fit.logX,
    u.fit.logY,
    u.fit.slope,
    u.fit.intercept,
  );
  const ci = (v: readonly [number, number]) => `[${formatNumber(v[0], 3)}, ${formatNumber(v[1], 3)}]`;
  const title = 'Geometry of the convergence boundary';
  const subtitle = [
    `box-counting D = ${formatNumber(b.dimension, 4)} ${ci(b.dimensionCi)}; uncertainty exponent α = ${formatNumber(u.exponent, 4)} ${ci(u.exponentCi)}, ${g.embedding} − α = ${formatNumber(u.dimension, 4)}`,
    `fitted over ${g.scales.min}…${g.scales.max} pixels; 95% intervals from the least-squares fit; dashed = fit`,
  ];
  const spec = {
    $schema: VEGA_LITE_SCHEMA,
    config: VEGA_CONFIG,
    title: { text: title, subtitle },
    hconcat: [
      panel('boxes', 'boxes holding boundary, N(s) ∝ s^−D', 'box side s (pixels)', 'N(s)', boxes),
      panel('uncertain', 'uncertain fraction, f(ε) ∝ ε^α', 'distance ε (pixels)', 'f(ε)', uncertain),
    ],
  } as TopLevelSpec;
  return {
    name: 'geometry-fits',
    title,
    caption:
      'Straight lines in log-log axes over the fitted range mean a power law; D near 1 (α near 1 on a map) is a smooth boundary, D above 1 a fractal one.',
    spec,
  };
}

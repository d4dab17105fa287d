/**
 * Vega-Lite spec → SVG (vega's headless string renderer) → PNG (resvg).
 *
 * Measured facts: vega is ESM-only on Node 20;
 * resvg maps `sans-serif` to Arial, which Debian does not ship, and with no
 * usable font it silently drops all text — so the fonts are named here and
 * the default family is set explicitly.
 */
import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import type { TopLevelSpec } from 'vega-lite';
import { compile } from 'vega-lite';
import { vegaTextWidth } from './text-metrics.js';
import { PNG_SCALE } from './theme.js';

// vega lays out titles, legends and axes by the widths of their texts; with no canvas in Node it
// guesses 0.8 em per glyph. vega-scenegraph supports replacing the measure (its `textMetrics.width`).
(vega as unknown as { textMetrics: { width: typeof vegaTextWidth } }).textMetrics.width = vegaTextWidth;

/** Renders a Vega-Lite spec to an SVG document (deterministic: same spec, same bytes). */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const { spec: vgSpec } = compile(spec);
  const view = new vega.View(vega.parse(vgSpec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

const RESVG_FONT = {
  loadSystemFonts: true,
  defaultFontFamily: 'DejaVu Sans',
  sansSerifFamily: 'DejaVu Sans',
} as const;

/**
 * Draws an SVG as PNG at `scale`× its size. Raster images inside (basin maps)
 * keep hard pixel edges: resvg knows `optimizeSpeed`, not CSS `pixelated`.
 */
export function svgToPng(svg: string, scale = PNG_SCALE): Buffer {
  const source = svg.replace(/image-rendering:\s*pixelated;?/g, '');
  const resvg = new Resvg(source, { font: RESVG_FONT, fitTo: { mode: 'zoom', value: scale }, imageRendering: 1 });
  return resvg.render().asPng();
}

/**
 * Test helpers: look inside the SVG that vega writes. Every Vega-Lite layer
 * with `name: 'x'` becomes `<g class="mark-<type> role-mark x_marks">`
 * holding one element per mark item (points, lines, rules, areas).
 */
import { Resvg } from '@resvg/resvg-js';
import { PNG } from 'pngjs';

/** The inner content of every mark group of layer `name` (a line or area series gives one group each). */
export function markGroups(svg: string, name: string): string[] {
  const out: string[] = [];
  const open = new RegExp(`<g class="mark-[a-z]+ role-mark ${name}_marks"[^>]*>`, 'g');
  for (const m of svg.matchAll(open)) {
    const start = (m.index ?? 0) + m[0].length;
    // mark items are leaf elements: the group ends at the first </g>
    out.push(svg.slice(start, svg.indexOf('</g>', start)));
  }
  return out;
}

/** Number of mark items (path, line, text, image elements) in all groups of layer `name`. */
export function markCount(svg: string, name: string): number {
  return markGroups(svg, name).reduce((n, g) => n + (g.match(/<(path|line|text|image|rect)\b/g)?.length ?? 0), 0);
}

/** The aria-labels of the items of layer `name` ("field: value; field: value"). */
export function markLabels(svg: string, name: string): string[] {
  return markGroups(svg, name).flatMap((g) => [...g.matchAll(/aria-label="([^"]*)"/g)].map((m) => m[1]));
}

/** Parses the SVG with resvg's strict XML parser (throws on malformed XML). */
export function parseSvg(svg: string): { width: number; height: number } {
  const r = new Resvg(svg, { font: { loadSystemFonts: false } });
  return { width: r.width, height: r.height };
}

export function pngSize(bytes: Buffer): { width: number; height: number } {
  const png = PNG.sync.read(bytes);
  return { width: png.width, height: png.height };
}

/** Distinct colours in a PNG (capped), to tell a drawn image from a blank one. */
export function distinctColours(bytes: Buffer, cap = 1000): number {
  const png = PNG.sync.read(bytes);
  const seen = new Set<number>();
  for (let o = 0; o < png.data.length && seen.size < cap; o += 4) {
    seen.add((png.data[o] << 16) | (png.data[o + 1] << 8) | png.data[o + 2]);
  }
  return seen.size;
}

/**
 * The fraction of a PNG outside the bounding box of everything drawn (every
 * pixel that differs from the top-left one, the background): 0 when the
 * drawing reaches every edge.
 */
export function emptyMargin(bytes: Buffer): number {
  const png = PNG.sync.read(bytes);
  const { width, height, data } = png;
  let x0 = width;
  let x1 = -1;
  let y0 = height;
  let y1 = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = 4 * (y * width + x);
      if (data[o] === data[0] && data[o + 1] === data[1] && data[o + 2] === data[2]) continue;
      x0 = Math.min(x0, x);
      x1 = Math.max(x1, x);
      y0 = Math.min(y0, y);
      y1 = Math.max(y1, y);
    }
  }
  if (x1 < 0) return 1;
  return 1 - ((x1 - x0 + 1) * (y1 - y0 + 1)) / (width * height);
}

/**
 * Regions of known boundary dimension for the geometry's tests, filled on a
 * pixel grid: a disc (D = 1), the Koch snowflake (D = log 4 / log 3) and
 * the quadratic Koch island (D = log 8 / log 4 = 3/2).
 */
import type { OutcomeGrid } from './outcome-grid.js';

type Point = readonly [number, number];

/** Even-odd scanline fill of a closed polygon at pixel centres: label 0 inside, 1 outside. */
function fillPolygon(polygon: readonly Point[], size: number): OutcomeGrid {
  const rows: number[][] = Array.from({ length: size }, () => []);
  for (let e = 0; e < polygon.length; e++) {
    const [x0, y0] = polygon[e];
    const [x1, y1] = polygon[(e + 1) % polygon.length];
    if (y0 === y1) continue;
    const lo = Math.min(y0, y1);
    const hi = Math.max(y0, y1);
    // rows whose centre y = j + 0.5 lies in [lo, hi)
    for (let j = Math.max(0, Math.ceil(lo - 0.5)); j < size && j + 0.5 < hi; j++) {
      const y = j + 0.5;
      rows[j].push(x0 + ((y - y0) / (y1 - y0)) * (x1 - x0));
    }
  }
  const labels = new Uint8Array(size * size).fill(1);
  for (let j = 0; j < size; j++) {
    const xs = rows[j].sort((a, b) => a - b);
    for (let k = 0; k + 1 < xs.length; k += 2) {
      for (let i = Math.max(0, Math.ceil(xs[k] - 0.5)); i < size && i + 0.5 < xs[k + 1]; i++) labels[i + j * size] = 0;
    }
  }
  return { width: size, height: size, labels, inside: 0 };
}

export function disc(size: number, radius: number): OutcomeGrid {
  const labels = new Uint8Array(size * size);
  const c = size / 2;
  for (let j = 0; j < size; j++) {
    for (let i = 0; i < size; i++)
      labels[i + j * size] = (i + 0.5 - c) ** 2 + (j + 0.5 - c) ** 2 <= radius ** 2 ? 0 : 1;
  }
  return { width: size, height: size, labels, inside: 0 };
}

/** Replaces every edge of a closed polygon by the generator's polyline (points in the edge's frame, from (0,0) to (1,0)). */
function refine(polygon: readonly Point[], generator: readonly Point[]): Point[] {
  const out: Point[] = [];
  for (let e = 0; e < polygon.length; e++) {
    const [x0, y0] = polygon[e];
    const [x1, y1] = polygon[(e + 1) % polygon.length];
    const dx = x1 - x0;
    const dy = y1 - y0;
    for (let g = 0; g < generator.length - 1; g++) {
      const [u, v] = generator[g];
      out.push([x0 + u * dx - v * dy, y0 + u * dy + v * dx]);
    }
  }
  return out;
}

function iterate(start: Point[], generator: readonly Point[], levels: number): Point[] {
  let polygon = start;
  for (let l = 0; l < levels; l++) polygon = refine(polygon, generator);
  return polygon;
}

/** Koch snowflake: an equilateral triangle whose edges bulge outwards (clockwise in y-up axes). */
export function kochSnowflake(size: number, levels: number): OutcomeGrid {
  const side = 0.62 * size;
  const h = (side * Math.sqrt(3)) / 2;
  const cx = size / 2;
  const cy = size / 2 - h / 6;
  const start: Point[] = [
    [cx - side / 2, cy - h / 3],
    [cx, cy + (2 * h) / 3],
    [cx + side / 2, cy - h / 3],
  ];
  const bump = Math.sqrt(3) / 6;
  const generator: Point[] = [
    [0, 0],
    [1 / 3, 0],
    [1 / 2, bump],
    [2 / 3, 0],
    [1, 0],
  ];
  return fillPolygon(iterate(start, generator, levels), size);
}

/** Quadratic Koch island (type 2, 8 segments of 1/4): D = 3/2. */
export function quadraticKochIsland(size: number, levels: number): OutcomeGrid {
  const side = 0.5 * size;
  const c = size / 2;
  const h = side / 2;
  const start: Point[] = [
    [c - h, c - h],
    [c - h, c + h],
    [c + h, c + h],
    [c + h, c - h],
  ];
  const q = 1 / 4;
  const generator: Point[] = [
    [0, 0],
    [q, 0],
    [q, q],
    [2 * q, q],
    [2 * q, 0],
    [2 * q, -q],
    [3 * q, -q],
    [3 * q, 0],
    [1, 0],
  ];
  return fillPolygon(iterate(start, generator, levels), size);
}

/**
 * Where to zoom: the boundary pixel nearest a given pixel (the map's
 * centre), so that successive zooms stay on the boundary. Only pixels on a
 * boundary between two regions count: a window around the pixel (of side
 * about 1/16 of the map) must be between 1/4 and 3/4 inside, which passes
 * over isolated specks (a lone unresolved pixel in the converged region).
 * When no pixel qualifies, any boundary pixel does.
 */
import { boundaryPixels, type OutcomeGrid, sides } from './outcome-grid.js';

/** The window's half-side: 1/32 of the shorter map side, at least 2 pixels. */
function windowRadius(width: number, height: number): number {
  return Math.max(2, Math.floor(Math.min(width, height) / 32));
}

/** Summed-area table of the inside pixels (of (i, j) for 0 ≤ i < x, 0 ≤ j < y at (x, y)). */
function insideSums(inside: Uint8Array, width: number, height: number): Float64Array {
  const w1 = width + 1;
  const sums = new Float64Array(w1 * (height + 1));
  for (let j = 0; j < height; j++) {
    let row = 0;
    for (let i = 0; i < width; i++) {
      row += inside[i + j * width];
      sums[i + 1 + (j + 1) * w1] = sums[i + 1 + j * w1] + row;
    }
  }
  return sums;
}

/** The boundary pixel nearest (i0, j0) (ties: the first in storage order), or null when there is no boundary. */
export function nearestBoundaryPixel(grid: OutcomeGrid, i0: number, j0: number): { i: number; j: number } | null {
  const { width, height } = grid;
  const side = sides(grid);
  const boundary = boundaryPixels(side, width, height);
  // on a line (or a map with every label its own side) any boundary pixel is a boundary between regions
  const inside = grid.inside === null ? null : side;
  const sums = inside ? insideSums(inside, width, height) : null;
  const r = windowRadius(width, height);
  const w1 = width + 1;
  const share = (i: number, j: number): number => {
    if (!sums) return 0.5;
    const x0 = Math.max(0, i - r);
    const x1 = Math.min(width, i + r + 1);
    const y0 = Math.max(0, j - r);
    const y1 = Math.min(height, j + r + 1);
    const n = sums[x1 + y1 * w1] - sums[x0 + y1 * w1] - sums[x1 + y0 * w1] + sums[x0 + y0 * w1];
    return n / ((x1 - x0) * (y1 - y0));
  };
  let best: { i: number; j: number } | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  let fallback: { i: number; j: number } | null = null;
  let fallbackDistance = Number.POSITIVE_INFINITY;
  for (let j = 0; j < height; j++) {
    for (let i = 0; i < width; i++) {
      if (boundary[i + j * width] === 0) continue;
      const d = (i - i0) ** 2 + (j - j0) ** 2;
      if (d < fallbackDistance) {
        fallbackDistance = d;
        fallback = { i, j };
      }
      const s = share(i, j);
      if (d < bestDistance && s >= 0.25 && s <= 0.75) {
        bestDistance = d;
        best = { i, j };
      }
    }
  }
  return best ?? fallback;
}

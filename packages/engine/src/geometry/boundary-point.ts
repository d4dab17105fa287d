/**
 * Where to zoom: the boundary pixel nearest a given pixel (the map's
 * centre), so that successive zooms stay on the boundary.
 */
import { boundaryPixels, type OutcomeGrid, sides } from './outcome-grid.js';

/** The boundary pixel nearest (i0, j0) (ties: the first in storage order), or null when there is no boundary. */
export function nearestBoundaryPixel(grid: OutcomeGrid, i0: number, j0: number): { i: number; j: number } | null {
  const { width, height } = grid;
  const boundary = boundaryPixels(sides(grid), width, height);
  let best: { i: number; j: number } | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (let j = 0; j < height; j++) {
    for (let i = 0; i < width; i++) {
      if (boundary[i + j * width] === 0) continue;
      const d = (i - i0) ** 2 + (j - j0) ** 2;
      if (d < bestDistance) {
        bestDistance = d;
        best = { i, j };
      }
    }
  }
  return best;
}

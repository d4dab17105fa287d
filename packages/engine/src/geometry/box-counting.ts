/**
 * Box-counting dimension of a basin boundary: N(s), the fewest s × s pixel
 * boxes holding every boundary pixel, scales as s^−D. N(s) is taken as the
 * least count over four placements of the box grid (shifted by 0 or s/2
 * along each axis), which removes most of the noise a single placement
 * adds. D is the slope of log N against log(1/s) over box sides spaced by
 * factors of 2^(1/4) (so that the period of a self-similar set does not
 * line up with the sampled scales) from `min` to `max`; its interval is the
 * fit's.
 */
import { type LogLogFit, logLogFit } from './log-log-fit.js';
import { boundaryPixels, type OutcomeGrid, sides } from './outcome-grid.js';

export interface BoxCounting {
  readonly dimension: number;
  /** 95% interval from the least-squares fit. */
  readonly dimensionCi: readonly [number, number];
  /** Box sides (pixels) fitted, and the number of boxes holding boundary at each. */
  readonly boxSizes: readonly number[];
  readonly counts: readonly number[];
  /** log N against log(1/s). */
  readonly fit: LogLogFit;
}

export interface ScaleRange {
  readonly min: number;
  readonly max: number;
}

/**
 * The default range of box sides: from 4 pixels (smaller boxes see the
 * staircase the pixel grid makes of the boundary, not the set) up to 1/16
 * of the longer side (larger boxes are too few to count), and at least to
 * 8 pixels so that a small map still has a slope to fit.
 */
export function defaultBoxRange(width: number, height: number): ScaleRange {
  return { min: 4, max: Math.max(8, Math.floor(Math.max(width, height) / 16)) };
}

/** Integer scales from min to max (inclusive), spaced by factors of about 2^(1/4), without repeats. */
export function geometricScales(range: ScaleRange): number[] {
  const out: number[] = [];
  for (let k = 0; ; k++) {
    const s = Math.round(range.min * 2 ** (k / 4));
    if (s > range.max) return out;
    if (out[out.length - 1] !== s) out.push(s);
  }
}

/**
 * Number of s × s boxes holding a set pixel, the box grid shifted by
 * (dx, dy) pixels (boxes cut by the map's edges count like whole ones).
 */
export function occupiedBoxes(set: Uint8Array, width: number, height: number, s: number, dx = 0, dy = 0): number {
  const columns = Math.ceil((width + dx) / s);
  const seen = new Uint8Array(columns * Math.ceil((height + dy) / s));
  let count = 0;
  for (let j = 0; j < height; j++) {
    const row = Math.floor((j + dy) / s) * columns;
    for (let i = 0; i < width; i++) {
      if (set[i + j * width] === 0) continue;
      const b = row + Math.floor((i + dx) / s);
      if (seen[b] === 0) {
        seen[b] = 1;
        count++;
      }
    }
  }
  return count;
}

export function boxCountingDimension(
  grid: OutcomeGrid,
  range: ScaleRange = defaultBoxRange(grid.width, grid.height),
): BoxCounting {
  const { width, height } = grid;
  const boundary = boundaryPixels(sides(grid), width, height);
  const boxSizes = geometricScales(range);
  const counts = boxSizes.map((s) => {
    const half = Math.floor(s / 2);
    const shiftsY = height > 1 ? [0, half] : [0];
    let least = Number.POSITIVE_INFINITY;
    for (const dx of [0, half]) {
      for (const dy of shiftsY) least = Math.min(least, occupiedBoxes(boundary, width, height, s, dx, dy));
    }
    return least;
  });
  const fit = logLogFit(
    boxSizes.map((s) => 1 / s),
    counts,
  );
  return { dimension: fit.slope, dimensionCi: fit.slopeCi, boxSizes, counts, fit };
}

/**
 * Which measured step sizes a line may join. A line between two step sizes
 * claims that the quantity moves smoothly between them; that is only said
 * where it was measured densely and nothing is known to jump. Two points in
 * grid order are joined when
 *
 * - they are grid neighbours (consecutive grid indices): no step size between
 *   them went unmeasured or was left out (e.g. one where nothing converged);
 * - their spacing on the axis (in log η on a log axis) is at most
 *   {@link MAX_SPACING_RATIO} times the grid's median spacing, so a sparse
 *   stretch of a hand-written or refined grid is not bridged;
 * - η_c does not lie between them, or on the right one: the basin measure
 *   jumps to zero there, and no line may suggest a slope across the jump.
 *
 * Every point is still drawn; only the joins are withheld. Pure: no Node imports.
 */

/** How much wider than the grid's median spacing a join may be. */
const MAX_SPACING_RATIO = 1.5;

/** A step size with its index in the configured grid. */
export interface GridPoint {
  readonly eta: number;
  readonly etaIndex: number;
}

export interface SegmentOptions {
  /** Every step size of the grid, in grid order (sets the typical spacing). */
  readonly grid: readonly number[];
  /** Spacing measured in log η (a log axis). */
  readonly log: boolean;
  /** η_c, or null when unknown. */
  readonly etaCritical: number | null;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * A segment number for each point (points in grid order): consecutive
 * points with the same number may be joined by a line, and no others.
 */
export function lineSegments(points: readonly GridPoint[], options: SegmentOptions): number[] {
  const position = (eta: number) => (options.log ? Math.log(eta) : eta);
  const gaps: number[] = [];
  for (let i = 1; i < options.grid.length; i++) {
    gaps.push(Math.abs(position(options.grid[i]) - position(options.grid[i - 1])));
  }
  const maxGap = gaps.length > 0 ? MAX_SPACING_RATIO * median(gaps) : 0;
  const etaC = options.etaCritical;
  // a grid point at η_c up to round-off (a relative grid) counts as on it
  const jump = etaC !== null && Number.isFinite(etaC) && etaC > 0 ? etaC * (1 - 1e-9) : null;
  const out: number[] = [];
  let segment = 0;
  points.forEach((p, i) => {
    if (i > 0) {
      const q = points[i - 1];
      const joined =
        p.etaIndex === q.etaIndex + 1 &&
        Math.abs(position(p.eta) - position(q.eta)) <= maxGap &&
        !(jump !== null && Math.min(p.eta, q.eta) < jump && Math.max(p.eta, q.eta) >= jump);
      if (!joined) segment++;
    }
    out.push(segment);
  });
  return out;
}

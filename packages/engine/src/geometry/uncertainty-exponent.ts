/**
 * The uncertainty exponent (Grebogi, McDonald, Ott & Yorke 1983): f(ε), the
 * fraction of pixels whose side of the boundary differs from that of a
 * pixel ε away along an axis, scales as ε^α, and α = E − D for a boundary
 * of dimension D in E dimensions (E = 2 for a map, 1 for a line). Every ε
 * is measured on the same pixels, those at least the largest ε from the
 * edges (a set shrinking with ε would bend the fit). The interval is the
 * fit's.
 */
import { defaultBoxRange, geometricScales, type ScaleRange } from './box-counting.js';
import { type LogLogFit, logLogFit } from './log-log-fit.js';
import { embeddingDimension, type OutcomeGrid, sides } from './outcome-grid.js';

export interface UncertaintyExponent {
  readonly exponent: number;
  /** 95% interval from the least-squares fit. */
  readonly exponentCi: readonly [number, number];
  /** E − α, the dimension the exponent implies. */
  readonly dimension: number;
  readonly epsilons: readonly number[];
  readonly fractions: readonly number[];
  /** log f against log ε. */
  readonly fit: LogLogFit;
}

/**
 * Fraction of the pixels at least `margin` (≥ ε) from every edge along the
 * map's axes that differ from a neighbour ε away.
 */
export function uncertainFraction(
  side: Uint8Array,
  width: number,
  height: number,
  eps: number,
  margin: number = eps,
): number {
  const vertical = height > 1;
  const horizontal = width > 1;
  const i0 = horizontal ? margin : 0;
  const j0 = vertical ? margin : 0;
  let uncertain = 0;
  let total = 0;
  for (let j = j0; j < height - j0; j++) {
    for (let i = i0; i < width - i0; i++) {
      const q = i + j * width;
      const m = side[q];
      total++;
      if (
        (horizontal && (side[q - eps] !== m || side[q + eps] !== m)) ||
        (vertical && (side[q - eps * width] !== m || side[q + eps * width] !== m))
      ) {
        uncertain++;
      }
    }
  }
  return total === 0 ? Number.NaN : uncertain / total;
}

/** The same scales as the box counting, so that α and 2 − D describe one range. */
export function uncertaintyExponent(
  grid: OutcomeGrid,
  range: ScaleRange = defaultBoxRange(grid.width, grid.height),
): UncertaintyExponent {
  const { width, height } = grid;
  const side = sides(grid);
  const epsilons = geometricScales(range);
  const margin = epsilons[epsilons.length - 1] ?? 0;
  const fractions = epsilons.map((eps) => uncertainFraction(side, width, height, eps, margin));
  const fit = logLogFit(epsilons, fractions);
  return {
    exponent: fit.slope,
    exponentCi: fit.slopeCi,
    dimension: embeddingDimension(width, height) - fit.slope,
    epsilons,
    fractions,
    fit,
  };
}

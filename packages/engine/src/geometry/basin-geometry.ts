/**
 * Everything `eos-sweep geometry` says about a basin map, in one object:
 * the box-counting dimension and the uncertainty exponent of the boundary
 * between the converged pixels and the rest (on the same range of scales),
 * and the basin entropies over all outcomes.
 */
import { type BasinEntropy, basinEntropy, DEFAULT_ENTROPY_BOX } from './basin-entropy.js';
import { type BoxCounting, boxCountingDimension, defaultBoxRange, type ScaleRange } from './box-counting.js';
import { embeddingDimension, type OutcomeGrid } from './outcome-grid.js';
import { type UncertaintyExponent, uncertaintyExponent } from './uncertainty-exponent.js';

export interface GeometryOptions {
  /** Box sides and distances ε fitted, in pixels (default `defaultBoxRange`). */
  readonly scales?: ScaleRange;
  /** Side n of the basin-entropy boxes (default 5). */
  readonly entropyBox?: number;
}

export interface BasinGeometry {
  readonly width: number;
  readonly height: number;
  /** 2 for a map, 1 for a line. */
  readonly embedding: number;
  /** What the boundary separates. */
  readonly boundary: 'converged | rest' | 'outcome changes';
  /** Pixels inside (converged; on a line with every change of outcome measured, those of label 0). */
  readonly insidePixels: number;
  readonly scales: ScaleRange;
  readonly boxCounting: BoxCounting;
  readonly uncertainty: UncertaintyExponent;
  readonly entropy: BasinEntropy;
}

export function basinGeometry(grid: OutcomeGrid, options: GeometryOptions = {}): BasinGeometry {
  const scales = options.scales ?? defaultBoxRange(grid.width, grid.height);
  let insidePixels = 0;
  const inside = grid.inside ?? 0;
  for (let q = 0; q < grid.labels.length; q++) if (grid.labels[q] === inside) insidePixels++;
  return {
    width: grid.width,
    height: grid.height,
    embedding: embeddingDimension(grid.width, grid.height),
    boundary: grid.inside === null ? 'outcome changes' : 'converged | rest',
    insidePixels,
    scales,
    boxCounting: boxCountingDimension(grid, scales),
    uncertainty: uncertaintyExponent(grid, scales),
    entropy: basinEntropy(grid, options.entropyBox ?? DEFAULT_ENTROPY_BOX),
  };
}

const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);

/** The JSON object `eos-sweep geometry --json` prints (snake_case; NaN → null). */
export function geometryJson(g: BasinGeometry): Record<string, unknown> {
  const b = g.boxCounting;
  const u = g.uncertainty;
  return {
    width: g.width,
    height: g.height,
    embedding_dimension: g.embedding,
    boundary: g.boundary,
    converged_pixels: g.insidePixels,
    box_dimension: finite(b.dimension),
    box_dimension_ci: b.dimensionCi.map(finite),
    box_sizes: b.boxSizes,
    box_counts: b.counts,
    uncertainty_exponent: finite(u.exponent),
    uncertainty_exponent_ci: u.exponentCi.map(finite),
    uncertainty_dimension: finite(u.dimension),
    epsilons: u.epsilons,
    uncertain_fractions: u.fractions.map(finite),
    fit_range: [g.scales.min, g.scales.max],
    ci_method: 'least-squares slope, 95% Student t',
    basin_entropy: finite(g.entropy.basinEntropy),
    boundary_basin_entropy: finite(g.entropy.boundaryBasinEntropy),
    entropy_box: g.entropy.box,
    entropy_boxes: g.entropy.boxes,
    entropy_boundary_boxes: g.entropy.boundaryBoxes,
    log2_criterion: g.entropy.log2Criterion,
  };
}

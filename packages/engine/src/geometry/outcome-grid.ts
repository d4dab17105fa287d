import { OUTCOME_CODE } from '@eos-sweep/core';
/**
 * A basin map as the geometry sees it: a width × height grid of outcome
 * labels, pixel (i, j) at q = i + j·width. The boundary the dimension and
 * the uncertainty exponent measure is the one between one label (the
 * converged one) and all the others, or, with no such label, every place
 * where the label changes (the outcome changes along an η line).
 */

export interface OutcomeGrid {
  readonly width: number;
  readonly height: number;
  /** Label index per pixel (any small integers: one per outcome). */
  readonly labels: Uint8Array;
  /** The label whose region's boundary is measured; null: every change of label. */
  readonly inside: number | null;
}

/** What the boundary separates, per pixel: 1 inside and 0 outside, or the label itself when `inside` is null. */
export function sides(grid: OutcomeGrid): Uint8Array {
  if (grid.inside === null) return grid.labels;
  const mask = new Uint8Array(grid.labels.length);
  for (let q = 0; q < mask.length; q++) mask[q] = grid.labels[q] === grid.inside ? 1 : 0;
  return mask;
}

/**
 * 1 where a pixel differs from its right or its upper neighbour: the
 * boundary, one pixel thick (each boundary edge marks the pixel to its
 * left or below).
 */
export function boundaryPixels(side: Uint8Array, width: number, height: number): Uint8Array {
  const out = new Uint8Array(side.length);
  for (let j = 0; j < height; j++) {
    for (let i = 0; i < width; i++) {
      const q = i + j * width;
      const m = side[q];
      if ((i + 1 < width && side[q + 1] !== m) || (j + 1 < height && side[q + width] !== m)) out[q] = 1;
    }
  }
  return out;
}

/** 2 for a map with more than one row and column, 1 for a line (an η line). */
export function embeddingDimension(width: number, height: number): number {
  return width > 1 && height > 1 ? 2 : 1;
}

/**
 * The grid of a basin map whose labels are the engine's outcome codes: on a
 * map the boundary is the converged region's, on a line (one row: a
 * trajectory's outcome along η) it is every change of outcome.
 */
export function basinGrid(width: number, height: number, labels: Uint8Array): OutcomeGrid {
  return { width, height, labels, inside: embeddingDimension(width, height) === 2 ? OUTCOME_CODE.converged : null };
}

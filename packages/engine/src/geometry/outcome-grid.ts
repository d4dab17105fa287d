/**
 * A basin map as the geometry sees it: a width × height grid of outcome
 * labels, pixel (i, j) at q = i + j·width. The boundary the dimension and
 * the uncertainty exponent measure is the one between one label (the
 * converged one) and all the others.
 */

export interface OutcomeGrid {
  readonly width: number;
  readonly height: number;
  /** Label index per pixel (any small integers: one per outcome). */
  readonly labels: Uint8Array;
  /** The label whose region's boundary is measured. */
  readonly inside: number;
}

/** 1 where the pixel is inside (has the `inside` label), else 0. */
export function insideMask(grid: OutcomeGrid): Uint8Array {
  const mask = new Uint8Array(grid.labels.length);
  for (let q = 0; q < mask.length; q++) mask[q] = grid.labels[q] === grid.inside ? 1 : 0;
  return mask;
}

/**
 * 1 where an inside pixel has an outside pixel among its four neighbours:
 * the boundary, one pixel thick, drawn on the inside.
 */
export function boundaryPixels(mask: Uint8Array, width: number, height: number): Uint8Array {
  const out = new Uint8Array(mask.length);
  for (let j = 0; j < height; j++) {
    for (let i = 0; i < width; i++) {
      const q = i + j * width;
      const m = mask[q];
      if (m === 0) continue;
      if (
        (i + 1 < width && mask[q + 1] !== m) ||
        (i > 0 && mask[q - 1] !== m) ||
        (j + 1 < height && mask[q + width] !== m) ||
        (j > 0 && mask[q - width] !== m)
      ) {
        out[q] = 1;
      }
    }
  }
  return out;
}

/** 2 for a map with more than one row and column, 1 for a line (an η line). */
export function embeddingDimension(width: number, height: number): number {
  return width > 1 && height > 1 ? 2 : 1;
}

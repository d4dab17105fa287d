/**
 * Basin entropy and boundary basin entropy (Daza, Wagemakers, Georgeot,
 * Guéry-Odelin & Sanjuán 2016). The map is cut into boxes of n × n pixels
 * (whole boxes only); box i has the Gibbs entropy S_i = −Σ_j p_ij log p_ij of
 * the fractions p_ij of its pixels with each outcome j. S_b is the mean of
 * S_i over all boxes, S_bb the mean over the boxes holding more than one
 * outcome. S_bb > log 2 is sufficient for a fractal boundary; it needs at
 * least three outcomes meeting, so the entropies use every outcome label,
 * not only converged against the rest.
 */
import type { OutcomeGrid } from './outcome-grid.js';

/** Daza et al.'s box side. */
export const DEFAULT_ENTROPY_BOX = 5;

export interface BasinEntropy {
  readonly basinEntropy: number;
  readonly boundaryBasinEntropy: number;
  /** boundaryBasinEntropy > log 2. */
  readonly log2Criterion: boolean;
  /** Box side n (pixels), boxes counted, and how many of them hold more than one outcome. */
  readonly box: number;
  readonly boxes: number;
  readonly boundaryBoxes: number;
}

export function basinEntropy(grid: OutcomeGrid, n: number = DEFAULT_ENTROPY_BOX): BasinEntropy {
  const { width, height, labels } = grid;
  // an η line (one row) is cut into segments of n pixels
  const bw = n;
  const bh = height === 1 ? 1 : n;
  const counts = new Map<number, number>();
  let boxes = 0;
  let boundaryBoxes = 0;
  let total = 0;
  let boundaryTotal = 0;
  for (let by = 0; by + bh <= height; by += bh) {
    for (let bx = 0; bx + bw <= width; bx += bw) {
      counts.clear();
      for (let j = by; j < by + bh; j++) {
        for (let i = bx; i < bx + bw; i++) {
          const l = labels[i + j * width];
          counts.set(l, (counts.get(l) ?? 0) + 1);
        }
      }
      let s = 0;
      for (const c of counts.values()) {
        const p = c / (bw * bh);
        s -= p * Math.log(p);
      }
      boxes++;
      total += s;
      if (counts.size > 1) {
        boundaryBoxes++;
        boundaryTotal += s;
      }
    }
  }
  const basin = boxes === 0 ? Number.NaN : total / boxes;
  const boundary = boundaryBoxes === 0 ? 0 : boundaryTotal / boundaryBoxes;
  return {
    basinEntropy: basin,
    boundaryBasinEntropy: boundary,
    log2Criterion: boundary > Math.log(2),
    box: n,
    boxes,
    boundaryBoxes,
  };
}

/**
 * map.png: one image pixel per map pixel, coloured by outcome (the report's
 * palette) and paler the more steps the trajectory took to its decision (relative to the
 * other pixels with the same outcome).
 * Row 0 of the image is the top of the plane (largest y).
 */
import { OUTCOMES } from '@eos-sweep/core';
import { PNG } from 'pngjs';
import type { BasinMap } from './map.js';
import { OUTCOME_COLORS, rgbOf } from './palette.js';

/** The slowest pixels are blended this far towards white. */
export const MAX_FADE = 0.6;

/**
 * 0 (the fastest pixel of its outcome) … 1 (the slowest), on a log scale:
 * per outcome, so that the structure inside the converged region shows
 * even when divergence is decided in a handful of steps.
 */
export function stepShade(steps: number, fastest: number, slowest: number): number {
  const lo = Math.log1p(Math.max(0, fastest));
  const hi = Math.log1p(Math.max(0, slowest));
  if (!(hi > lo)) return 0;
  return Math.min(1, Math.max(0, (Math.log1p(Math.max(0, steps)) - lo) / (hi - lo)));
}

/** Fewest and most steps per outcome code. */
function stepRanges(map: Pick<BasinMap, 'outcome' | 'steps'>): { fastest: number[]; slowest: number[] } {
  const fastest = new Array<number>(OUTCOMES.length).fill(Number.POSITIVE_INFINITY);
  const slowest = new Array<number>(OUTCOMES.length).fill(0);
  for (let q = 0; q < map.outcome.length; q++) {
    const o = map.outcome[q];
    if (map.steps[q] < fastest[o]) fastest[o] = map.steps[q];
    if (map.steps[q] > slowest[o]) slowest[o] = map.steps[q];
  }
  return { fastest, slowest };
}

export function mapPng(map: BasinMap): Buffer {
  const { width, height } = map;
  const png = new PNG({ width, height, colorType: 6 });
  const colors = OUTCOMES.map((o) => rgbOf(OUTCOME_COLORS[o]));
  const { fastest, slowest } = stepRanges(map);
  for (let j = 0; j < height; j++) {
    const row = height - 1 - j;
    for (let i = 0; i < width; i++) {
      const q = i + j * width;
      const o4 = map.outcome[q];
      const [r, g, b] = colors[o4] ?? [0, 0, 0];
      const fade = MAX_FADE * stepShade(map.steps[q], fastest[o4], slowest[o4]);
      const o = 4 * (row * width + i);
      png.data[o] = Math.round(r + (255 - r) * fade);
      png.data[o + 1] = Math.round(g + (255 - g) * fade);
      png.data[o + 2] = Math.round(b + (255 - b) * fade);
      png.data[o + 3] = 255;
    }
  }
  return PNG.sync.write(png);
}

import { describe, expect, it } from 'vitest';
import { nearestBoundaryPixel } from './boundary-point.js';

describe('nearest boundary pixel', () => {
  it('drops straight onto a flat boundary', () => {
    // rows 0…19 converged, the rest not: the boundary pixels are row 19
    const labels = new Uint8Array(64 * 64);
    for (let q = 20 * 64; q < labels.length; q++) labels[q] = 3;
    expect(nearestBoundaryPixel({ width: 64, height: 64, labels, inside: 0 }, 10, 40)).toEqual({ i: 10, j: 19 });
    expect(nearestBoundaryPixel({ width: 64, height: 64, labels, inside: 0 }, 50, 2)).toEqual({ i: 50, j: 19 });
  });

  it('says so when there is no boundary', () => {
    expect(nearestBoundaryPixel({ width: 4, height: 4, labels: new Uint8Array(16), inside: 0 }, 1, 1)).toBeNull();
  });
});

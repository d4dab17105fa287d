import { describe, expect, it } from 'vitest';
import { nearestBoundaryPixel } from './boundary-point.js';

/** 64×64: rows 0…19 converged (label 0), the rest diverged (3). */
function halfPlane(): Uint8Array {
  const labels = new Uint8Array(64 * 64);
  for (let q = 20 * 64; q < labels.length; q++) labels[q] = 3;
  return labels;
}

describe('nearest boundary pixel', () => {
  it('drops straight onto a flat boundary', () => {
    const labels = halfPlane();
    expect(nearestBoundaryPixel({ width: 64, height: 64, labels, inside: 0 }, 10, 40)).toEqual({ i: 10, j: 19 });
    expect(nearestBoundaryPixel({ width: 64, height: 64, labels, inside: 0 }, 50, 2)).toEqual({ i: 50, j: 19 });
  });

  it('passes over an isolated speck to the boundary between two regions', () => {
    const labels = halfPlane();
    labels[10 + 40 * 64] = 0; // one converged pixel in the diverged region, right at the start point
    expect(nearestBoundaryPixel({ width: 64, height: 64, labels, inside: 0 }, 10, 40)).toEqual({ i: 10, j: 19 });
  });

  it('takes a speck when there is nothing else', () => {
    const labels = new Uint8Array(64 * 64).fill(3);
    labels[5 + 5 * 64] = 0;
    expect(nearestBoundaryPixel({ width: 64, height: 64, labels, inside: 0 }, 30, 30)).toEqual({ i: 5, j: 5 });
  });

  it('says so when there is no boundary', () => {
    expect(nearestBoundaryPixel({ width: 4, height: 4, labels: new Uint8Array(16), inside: 0 }, 1, 1)).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { boxCountingDimension, defaultBoxRange, geometricScales, occupiedBoxes } from './box-counting.js';
import { disc, kochSnowflake, quadraticKochIsland } from './test-shapes.js';

/** Middle-thirds Cantor set on 3^levels pixels: label 0 on the kept intervals. */
function cantorLine(levels: number) {
  const width = 3 ** levels;
  const labels = new Uint8Array(width);
  for (let i = 0; i < width; i++) {
    let x = i;
    for (let l = 0; l < levels; l++, x = Math.floor(x / 3)) if (x % 3 === 1) labels[i] = 1;
  }
  return { width, height: 1, labels, inside: 0 };
}

describe('box counting at 1024²', () => {
  it('a disc has a boundary of dimension 1', () => {
    const b = boxCountingDimension(disc(1024, 300));
    expect(Math.abs(b.dimension - 1)).toBeLessThan(0.05);
    expect(b.dimensionCi[0]).toBeLessThan(b.dimension);
    expect(b.dimensionCi[1]).toBeGreaterThan(b.dimension);
  });

  it('the Koch snowflake has dimension log 4 / log 3', () => {
    const b = boxCountingDimension(kochSnowflake(1024, 6));
    expect(Math.abs(b.dimension - Math.log(4) / Math.log(3))).toBeLessThan(0.05);
  });

  it('the quadratic Koch island has dimension 3/2', () => {
    const b = boxCountingDimension(quadraticKochIsland(1024, 5));
    expect(Math.abs(b.dimension - 1.5)).toBeLessThan(0.05);
  });

  it('the edges of a Cantor set on a line have dimension log 2 / log 3', () => {
    const b = boxCountingDimension(cantorLine(9));
    expect(Math.abs(b.dimension - Math.log(2) / Math.log(3))).toBeLessThan(0.05);
  });

  it('a map with no boundary has no dimension', () => {
    const b = boxCountingDimension({ width: 64, height: 64, labels: new Uint8Array(64 * 64), inside: 0 });
    expect(b.counts.every((c) => c === 0)).toBe(true);
    expect(b.dimension).toBeNaN();
  });
});

describe('box counting pieces', () => {
  it('counts the boxes a set touches for any placement of the grid', () => {
    const set = new Uint8Array(16);
    set[5] = 1; // (1, 1) on a 4×4 map
    expect(occupiedBoxes(set, 4, 4, 2)).toBe(1);
    expect(occupiedBoxes(set, 4, 4, 2, 1, 1)).toBe(1);
    set[6] = 1; // (2, 1): the next box unless shifted by one
    expect(occupiedBoxes(set, 4, 4, 2)).toBe(2);
    expect(occupiedBoxes(set, 4, 4, 2, 1, 0)).toBe(1);
  });

  it('spaces the scales by about 2^(1/4) without repeats', () => {
    const s = geometricScales({ min: 4, max: 64 });
    expect(s[0]).toBe(4);
    expect(s[s.length - 1]).toBe(64);
    expect(new Set(s).size).toBe(s.length);
    expect(s).toHaveLength(17);
  });
});

describe('default scales', () => {
  it('run from 4 pixels to 1/16 of the longer side, and at least to 8', () => {
    expect(defaultBoxRange(1024, 1024)).toEqual({ min: 4, max: 64 });
    expect(defaultBoxRange(4096, 1)).toEqual({ min: 4, max: 256 });
    expect(defaultBoxRange(64, 64)).toEqual({ min: 4, max: 8 });
  });
});

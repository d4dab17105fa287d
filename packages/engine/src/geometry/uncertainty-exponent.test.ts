import { describe, expect, it } from 'vitest';
import { disc, kochSnowflake, quadraticKochIsland } from './test-shapes.js';
import { uncertainFraction, uncertaintyExponent } from './uncertainty-exponent.js';

describe('uncertainty exponent at 1024²', () => {
  const cases = [
    ['disc', disc(1024, 300), 1],
    ['Koch snowflake', kochSnowflake(1024, 6), Math.log(4) / Math.log(3)],
    ['quadratic Koch island', quadraticKochIsland(1024, 5), 1.5],
  ] as const;
  for (const [name, grid, dimension] of cases) {
    it(`α = 2 − D for the ${name}`, () => {
      const u = uncertaintyExponent(grid);
      expect(Math.abs(u.exponent - (2 - dimension))).toBeLessThan(0.05);
      expect(u.dimension).toBeCloseTo(2 - u.exponent, 12);
    });
  }

  it('counts the pixels a straight edge makes uncertain: 2ε columns of the interior', () => {
    // left half inside: columns 10 − ε … 10 + ε − 1 differ from a neighbour ε away
    const width = 20;
    const mask = new Uint8Array(width * width);
    for (let j = 0; j < width; j++) for (let i = 0; i < 10; i++) mask[i + j * width] = 1;
    for (const eps of [1, 2, 3]) {
      const margin = 4;
      const interior = width - 2 * margin;
      expect(uncertainFraction(mask, width, width, eps, margin)).toBeCloseTo((2 * eps * interior) / interior ** 2, 12);
    }
  });
});

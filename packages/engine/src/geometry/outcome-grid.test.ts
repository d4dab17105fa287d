import { describe, expect, it } from 'vitest';
import { boundaryPixels, embeddingDimension, sides } from './outcome-grid.js';

describe('outcome grid', () => {
  it('separates converged from the rest, or every label from every other', () => {
    const labels = Uint8Array.from([0, 0, 3, 3, 2, 0]);
    expect([...sides({ width: 6, height: 1, labels, inside: 0 })]).toEqual([1, 1, 0, 0, 0, 1]);
    expect(sides({ width: 6, height: 1, labels, inside: null })).toBe(labels);
  });

  it('marks one pixel per boundary edge, to its left or below', () => {
    const labels = Uint8Array.from([0, 0, 3, 3, 2, 0]);
    expect([...boundaryPixels(sides({ width: 6, height: 1, labels, inside: null }), 6, 1)]).toEqual([0, 1, 0, 1, 1, 0]);
    expect([...boundaryPixels(sides({ width: 6, height: 1, labels, inside: 0 }), 6, 1)]).toEqual([0, 1, 0, 0, 1, 0]);
    // 2×2: bottom-left inside only
    const square = Uint8Array.from([1, 0, 0, 0]);
    expect([...boundaryPixels(square, 2, 2)]).toEqual([1, 0, 0, 0]);
    expect([...boundaryPixels(Uint8Array.from([0, 1, 0, 0]), 2, 2)]).toEqual([1, 1, 0, 0]);
  });

  it('knows a line from a map', () => {
    expect(embeddingDimension(512, 512)).toBe(2);
    expect(embeddingDimension(4096, 1)).toBe(1);
  });
});

import { describe, expect, it } from 'vitest';
import { spreadLabels } from './trace-figure.js';

describe('spreadLabels', () => {
  it('leaves labels that are far enough apart where they are', () => {
    expect(spreadLabels([10, 100, 50], 15, 0, 220)).toEqual([10, 100, 50]);
  });

  it('pushes close labels apart by the gap, keeping their order, around where they were', () => {
    const out = spreadLabels([100, 104, 90], 15, 0, 220);
    expect([...out].sort((a, b) => a - b)).toEqual([90, 105, 120]);
    expect(out[2]).toBeLessThan(out[0]);
    expect(out[0]).toBeLessThan(out[1]);
  });

  it('stays inside [lo, hi]: labels crowded at an edge are pushed back in', () => {
    const out = spreadLabels([218, 219, 220], 15, 0, 220);
    expect(out).toEqual([190, 205, 220]);
    expect(spreadLabels([-5, 0], 15, 0, 220)).toEqual([0, 15]);
  });
});

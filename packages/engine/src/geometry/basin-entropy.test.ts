import { describe, expect, it } from 'vitest';
import { basinEntropy } from './basin-entropy.js';

const entropy = (...p: number[]) => -p.reduce((s, x) => s + x * Math.log(x), 0);

describe('basin entropy', () => {
  it('matches the box-by-box entropies of a straight boundary', () => {
    // 10×10, columns 0…6 one outcome, 7…9 another; boxes of 5: the right two boxes are 2/5 : 3/5
    const labels = new Uint8Array(100);
    for (let j = 0; j < 10; j++) for (let i = 7; i < 10; i++) labels[i + j * 10] = 1;
    const e = basinEntropy({ width: 10, height: 10, labels, inside: 0 }, 5);
    expect(e.boxes).toBe(4);
    expect(e.boundaryBoxes).toBe(2);
    expect(e.boundaryBasinEntropy).toBeCloseTo(entropy(0.4, 0.6), 12);
    expect(e.basinEntropy).toBeCloseTo(entropy(0.4, 0.6) / 2, 12);
    expect(e.log2Criterion).toBe(false);
  });

  it('passes the log 2 criterion where three outcomes mix in every box', () => {
    const labels = new Uint8Array(30 * 30);
    for (let q = 0; q < labels.length; q++) labels[q] = (q * 7919) % 3;
    const e = basinEntropy({ width: 30, height: 30, labels, inside: 0 }, 5);
    expect(e.boundaryBoxes).toBe(36);
    expect(e.boundaryBasinEntropy).toBeGreaterThan(Math.log(2));
    expect(e.log2Criterion).toBe(true);
  });

  it('cuts a line into segments of n pixels', () => {
    const labels = Uint8Array.from([0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 0]);
    const e = basinEntropy({ width: 11, height: 1, labels, inside: 0 }, 5);
    expect(e.boxes).toBe(2);
    expect(e.boundaryBoxes).toBe(1);
    expect(e.boundaryBasinEntropy).toBeCloseTo(entropy(0.6, 0.4), 12);
  });
});

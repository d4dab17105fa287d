import { describe, expect, it } from 'vitest';
import { Float64Buffer } from './float64-buffer.js';

describe('Float64Buffer', () => {
  it('keeps every value in order across growth, and copies on toArray', () => {
    const b = new Float64Buffer(1);
    for (let i = 0; i < 1000; i++) b.push(i * 0.5);
    expect(b.length).toBe(1000);
    const a = b.toArray();
    expect(a).toHaveLength(1000);
    expect(a[999]).toBe(499.5);
    b.push(-1);
    expect(a).toHaveLength(1000);
    expect(b.toArray()[1000]).toBe(-1);
  });
});

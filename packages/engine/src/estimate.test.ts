import { makeLayout } from '@eos-sweep/core';
import { describe, expect, it } from 'vitest';
import { checkFits, estimateCost, flopsPerStep } from './estimate.js';

const GiB = 1024 ** 3;
const opts = { trajectories: 1000, etaCount: 21, maxSteps: 20000, periods: [2, 4, 8, 16] };

describe('estimateCost', () => {
  it('counts the flops of a step: 2·m·k·n per product', () => {
    // [4,4,4,4]: PΣ 2·4·4·4; two prefix products 2·(2·4·4·4); layers 3 and 2 each a gradient
    // product and a backward product, 2·(2·(2·4·4·4)); the update and norms 4·p with p = 48
    expect(flopsPerStep(makeLayout([4, 4, 4, 4]))).toBe(128 + 256 + 512 + 4 * 48);
  });

  it('grows with the parameter count and the worker count', () => {
    const small = estimateCost(makeLayout([4, 4, 4]), 2, opts);
    const big = estimateCost(makeLayout([64, 512, 512, 64]), 2, opts);
    expect(big.bytesPerWorker).toBeGreaterThan(small.bytesPerWorker);
    expect(estimateCost(makeLayout([4, 4, 4]), 8, opts).bytesTotal).toBe(4 * small.bytesTotal);
    expect(small.worstCaseSteps).toBe(1000 * 21 * 20000);
  });

  it('counts the whole Lanczos basis a worker reserves for a large network', () => {
    // 16→128→128→32: 22 528 parameters; the basis alone is 101 vectors, with w, start and Ritz 104
    const layout = makeLayout([16, 128, 128, 32]);
    const p = layout.paramCount;
    expect(p).toBe(22528);
    const { bytesPerWorker } = estimateCost(layout, 1, opts);
    expect(bytesPerWorker - 64 * 1024 * 1024).toBeGreaterThan(8 * 104 * p + 8 * (16 + 4) * p);
  });
});

describe('checkFits', () => {
  const huge = estimateCost(makeLayout([4096, 4096, 4096, 4096]), 2, opts);
  it('refuses what cannot fit, naming the model size and the way out', () => {
    expect(() => checkFits(huge, false, 24 * GiB)).toThrow(/model size: .* GiB .*--force/);
    expect(() => checkFits(huge, false, 24 * GiB)).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
  });
  it('lets small models and forced runs through', () => {
    expect(() => checkFits(estimateCost(makeLayout([4, 4, 4]), 2, opts), false, 24 * GiB)).not.toThrow();
    expect(() => checkFits(huge, true, 24 * GiB)).not.toThrow();
  });
});

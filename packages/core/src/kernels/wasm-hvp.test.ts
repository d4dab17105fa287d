import { describe, expect, it } from 'vitest';
import { HessianProduct, hessianProduct } from '../hvp.js';
import { makeLayout } from '../layout.js';
import { Rng } from '../rng.js';
import { randomNet } from '../test-helpers.js';
import { WasmHessianProduct, wasmHessianProductFits } from './wasm-hvp.js';
import { wasmSimdAvailable } from './wasm-simd.js';

// depths 1 to 4; odd widths and odd d_in (the products' scalar last column), d_in unlike the widths,
// widths of 1, and the 896-parameter network of the benchmarks
const SHAPES: number[][] = [
  [3, 2],
  [4, 7],
  [3, 5, 2],
  [5, 9, 9],
  [2, 3, 3, 1, 2],
  [4, 7, 6, 3],
  [7, 1, 5, 4],
  [6, 9, 5, 11, 2],
  [16, 16, 16, 16, 8],
];

function expectSameEntries(got: Float64Array, expected: Float64Array, what: string): void {
  for (let i = 0; i < expected.length; i++) {
    if (!Object.is(got[i], expected[i])) {
      expect.fail(`${what}: entry ${i} is ${got[i]}, the reference's ${expected[i]}`);
    }
  }
}

describe.skipIf(!wasmSimdAvailable()).each(SHAPES.map((dims) => [dims]))('WasmHessianProduct, dims %j', (dims) => {
  it("equals HessianProduct's products bit for bit, several per point, at two points", () => {
    const { net, theta } = randomNet(dims, 3, 20);
    const p = theta.length;
    const simd = new WasmHessianProduct(net.problem);
    const reference = new HessianProduct(net.problem);
    const rng = new Rng(7, dims.length);
    for (let point = 0; point < 2; point++) {
      if (point > 0) for (let i = 0; i < p; i++) theta[i] += 0.3 * rng.nextNormal();
      simd.at(theta);
      reference.at(theta);
      for (let trial = 0; trial < 3; trial++) {
        const e = new Float64Array(p).map(() => rng.nextNormal());
        const expected = new Float64Array(p);
        const got = new Float64Array(p).fill(Number.NaN); // every entry must be written
        reference.apply(e, expected);
        simd.apply(e, got);
        expectSameEntries(got, expected, `point ${point}, direction ${trial}`);
      }
    }
  });
});

describe('hessianProduct', () => {
  it('runs the WebAssembly products where this engine has WebAssembly SIMD and they fit, else the reference', () => {
    const { net } = randomNet([16, 32, 32, 32], 1);
    expect(wasmHessianProductFits(net.problem.layout)).toBe(true);
    const chosen = hessianProduct(net.problem);
    expect(chosen).toBeInstanceOf(wasmSimdAvailable() ? WasmHessianProduct : HessianProduct);
  });

  it('fits a 4096-wide network of depth 3 (2.9 GiB of buffers), not one of depth 5 (5.1 GiB)', () => {
    expect(wasmHessianProductFits(makeLayout([4096, 4096, 4096, 4096]))).toBe(true);
    expect(wasmHessianProductFits(makeLayout([4096, 4096, 4096, 4096, 4096, 4096]))).toBe(false);
  });
});

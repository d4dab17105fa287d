import { describe, expect, it } from 'vitest';
import { HessianProduct } from './hvp.js';
import { Rng } from './rng.js';
import { randomNet, relErr } from './test-helpers.js';

// widths that are and are not multiples of the four-way blocking, depths 1 to 4
const SHAPES: number[][] = [
  [3, 2],
  [1, 1, 1],
  [5, 7, 6, 3],
  [4, 8, 8, 4],
  [6, 9, 5, 11, 2],
  [16, 32, 32, 32],
];

describe.each(SHAPES.map((dims) => [dims]))('HessianProduct, dims %j', (dims) => {
  it("equals LinearNet's Hessian-vector product to 1e-12 relative, at several points and directions", () => {
    for (const seed of [1, 2]) {
      const { net, theta } = randomNet(dims, seed, 20);
      const p = theta.length;
      const product = new HessianProduct(net.problem);
      const grad = new Float64Array(p);
      net.evaluate(theta, grad);
      product.at(theta);
      const rng = new Rng(seed, 99);
      for (let trial = 0; trial < 3; trial++) {
        const v = new Float64Array(p).map(() => rng.nextNormal());
        const expected = new Float64Array(p);
        const got = new Float64Array(p).fill(Number.NaN); // every entry must be written
        net.hvp(v, expected);
        product.apply(v, got);
        expect(relErr(got, expected)).toBeLessThan(1e-12);
      }
    }
  });
});

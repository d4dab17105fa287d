import { describe, expect, it, vi } from 'vitest';
import { dataStats, pointData } from './data.js';
import { denseHessian } from './hessian.js';
import { HessianProduct } from './hvp.js';
import { WasmHessianProduct } from './kernels/wasm-hvp.js';
import { makeLayout } from './layout.js';
import { LinearNet, makeProblem } from './linear-net.js';
import { DENSE_SHARPNESS_LIMIT, sharpness, symmetricEigenvalues } from './sharpness.js';
import { randomNet, relErr } from './test-helpers.js';

const SHAPES: number[][] = [
  [3, 2], // depth 1
  [1, 1, 1], // scalar depth 2
  [3, 4, 2], // depth 2, non-square
  [2, 3, 5, 4], // depth 3
  [2, 2, 2, 2], // depth 3, square
  [4, 3, 2, 3, 5, 2], // depth 5
];

/** Counts the Hessian-vector products Lanczos asks for, from whichever implementation (hvp.ts) runs them. */
function spyOnProducts(): { count(): number; restore(): void } {
  const spies = [vi.spyOn(HessianProduct.prototype, 'apply'), vi.spyOn(WasmHessianProduct.prototype, 'apply')];
  return {
    count: () => spies.reduce((calls, spy) => calls + spy.mock.calls.length, 0),
    restore: () => {
      for (const spy of spies) spy.mockRestore();
    },
  };
}

/** Ascending eigenvalues of the dense Hessian: the reference for every sharpness test. */
function hessianSpectrum(net: LinearNet, theta: Float64Array): number[] {
  return symmetricEigenvalues(denseHessian(net, theta), theta.length);
}

/** The scalar network of depth N with one data point x = y = 1 (λ* = N). */
function scalarNet(depth: number): LinearNet {
  const dims = new Array<number>(depth + 1).fill(1);
  return new LinearNet(makeProblem(makeLayout(dims), dataStats(pointData([1], [1]))));
}

/** out = ∇²L(θ) v through the net's own product. */
function applyHessian(net: LinearNet, theta: Float64Array, v: Float64Array): Float64Array {
  const grad = new Float64Array(theta.length);
  const out = new Float64Array(theta.length);
  net.evaluate(theta, grad);
  net.hvp(v, out);
  return out;
}

function norm(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  return Math.sqrt(s);
}

describe('symmetricEigenvalues', () => {
  it('returns the spectrum of a known symmetric matrix in ascending order', () => {
    // [[2, 1, 0], [1, 2, 0], [0, 0, −5]] has eigenvalues −5, 1, 3
    const ev = symmetricEigenvalues(Float64Array.from([2, 1, 0, 1, 2, 0, 0, 0, -5]), 3);
    expect(relErr(ev, [-5, 1, 3])).toBeLessThan(1e-14);
  });
});

describe.each(SHAPES.map((dims) => [dims]))('sharpness on random networks, dims %j', (dims) => {
  it('dense and Lanczos both equal the top eigenvalue of the dense Hessian to 1e-8 relative', () => {
    for (const seed of [3, 17, 29]) {
      const { net, theta } = randomNet(dims, seed);
      const ev = hessianSpectrum(net, theta);
      const top = ev[ev.length - 1];
      const dense = sharpness(net, theta, { method: 'dense' });
      const lanczos = sharpness(net, theta, { method: 'lanczos' });
      expect(Math.abs(dense - top)).toBeLessThanOrEqual(1e-8 * Math.abs(top));
      expect(Math.abs(lanczos - top)).toBeLessThanOrEqual(1e-8 * Math.abs(top));
      // the default is one of the two, bit for bit
      expect(Object.is(sharpness(net, theta), theta.length <= DENSE_SHARPNESS_LIMIT ? dense : lanczos)).toBe(true);
    }
  });

  it('a Lanczos warm start returns the same value and leaves the top eigenvector in `vector`', () => {
    const { net, theta } = randomNet(dims, 41);
    const p = theta.length;
    const cold = sharpness(net, theta, { method: 'lanczos' });
    const vector = new Float64Array(p).map((_, i) => Math.cos(0.7 * i + 0.3));
    const warm = sharpness(net, theta, { method: 'lanczos', vector });
    expect(Math.abs(warm - cold)).toBeLessThanOrEqual(1e-8 * Math.abs(cold));
    expect(Math.abs(norm(vector) - 1)).toBeLessThan(1e-8);
    const hv = applyHessian(net, theta, vector);
    const residual = norm(hv.map((h, i) => h - warm * vector[i]));
    expect(residual).toBeLessThanOrEqual(1e-7 * Math.max(1, Math.abs(warm)));

    // restarting from that eigenvector converges at once
    const products = spyOnProducts();
    const again = sharpness(net, theta, { method: 'lanczos', vector });
    expect(products.count()).toBeGreaterThan(0);
    expect(products.count()).toBeLessThanOrEqual(3);
    products.restore();
    expect(Math.abs(again - cold)).toBeLessThanOrEqual(1e-8 * Math.abs(cold));
  });
});

describe('Lanczos start vectors', () => {
  // A start vector spanning an invariant subspace without the top eigenvector (here the flat direction of
  // the minimizer manifold, H v = 0) makes Lanczos break down at once; it must not return that subspace's
  // eigenvalue (0) instead of λ_max = x² + y².
  it('a warm start orthogonal to the top eigenvector still finds λ_max', () => {
    const net = scalarNet(2);
    const theta = Float64Array.from([2, 0.5]); // a minimizer: ∇²L = [[1/4, 1], [1, 4]], eigenvalues 0 and 17/4
    const vector = Float64Array.from([4, -1]); // its null vector
    expect(Math.abs(sharpness(net, theta, { method: 'lanczos', vector }) - 4.25)).toBeLessThan(1e-10);
  });

  it('a start vector of the wrong length or zero norm is ignored (and left alone)', () => {
    const { net, theta } = randomNet([3, 4, 2], 2);
    const cold = sharpness(net, theta, { method: 'lanczos' });
    const short = new Float64Array(3).fill(1);
    expect(Object.is(sharpness(net, theta, { method: 'lanczos', vector: short }), cold)).toBe(true);
    expect(Array.from(short)).toEqual([1, 1, 1]);
    const zero = new Float64Array(theta.length);
    expect(Object.is(sharpness(net, theta, { method: 'lanczos', vector: zero }), cold)).toBe(true);
  });
});

describe('sharpness is the largest algebraic eigenvalue, not the largest in magnitude', () => {
  // Depth-3 scalar net, x = y = 1, at θ = t·(1, 1, 1): the Hessian is t⁴·I + (2t⁴ − t)(J − I), with
  // eigenvalues 5t⁴ − 2t (once, along (1, 1, 1)) and t − t⁴ (twice). For small t the negative one is
  // about twice as large in magnitude.
  for (const t of [0.05, 0.1, 0.3]) {
    it(`depth-3 scalar net at θ = ${t}·(1, 1, 1)`, () => {
      const net = scalarNet(3);
      const theta = Float64Array.from([t, t, t]);
      const ev = hessianSpectrum(net, theta);
      const negative = 5 * t ** 4 - 2 * t;
      const positive = t - t ** 4;
      expect(relErr(ev, [negative, positive, positive])).toBeLessThan(1e-14);
      expect(-negative).toBeGreaterThan(positive);
      for (const method of ['dense', 'lanczos'] as const) {
        const s = sharpness(net, theta, { method });
        expect(s).toBeGreaterThan(0);
        expect(Math.abs(s - positive)).toBeLessThanOrEqual(1e-10 * positive);
      }
    });
  }

  it('random depth-3 networks at ±ε·θ̂, one of which has the dominant negative eigenvalue', () => {
    // Near θ = 0 the Hessian of a depth-3 net is ≈ ε·M(θ̂) with M linear in θ̂ (the G-term; the Gauss–Newton
    // part is O(ε⁴)), so flipping the sign of θ̂ flips the spectrum: one of ±ε·θ̂ has |λ_min| > λ_max.
    for (const seed of [1, 2, 3, 4]) {
      const { net, theta } = randomNet([3, 4, 3, 2], seed);
      let negativeDominates = 0;
      for (const eps of [1e-3, -1e-3]) {
        const t = theta.map((v) => eps * v);
        const ev = hessianSpectrum(net, t);
        const top = ev[ev.length - 1];
        if (-ev[0] > 1.001 * top) negativeDominates++;
        expect(top).toBeGreaterThan(0);
        for (const method of ['dense', 'lanczos'] as const) {
          expect(Math.abs(sharpness(net, t, { method }) - top)).toBeLessThanOrEqual(1e-8 * Math.abs(top));
        }
      }
      expect(negativeDominates).toBe(1);
    }
  });
});

describe('sharpness edge cases', () => {
  it('returns NaN for a non-finite θ on both paths', () => {
    const { net, theta } = randomNet([2, 3, 2], 8);
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      const t = theta.slice();
      t[3] = bad;
      expect(sharpness(net, t)).toBeNaN();
      expect(sharpness(net, t, { method: 'dense' })).toBeNaN();
      expect(sharpness(net, t, { method: 'lanczos' })).toBeNaN();
    }
  });

  it('returns NaN when θ is finite but the Hessian overflows', () => {
    const { net, theta } = randomNet([2, 3, 3, 2], 8);
    const huge = theta.map((v) => v * 1e120);
    expect(sharpness(net, huge, { method: 'dense' })).toBeNaN();
    expect(sharpness(net, huge, { method: 'lanczos' })).toBeNaN();
  });

  // ml-matrix's EVD squares the entries: a finite Hessian with entries above ~1e154 (a diverging deep net a
  // step before the classifier stops it) must still give a number or NaN, never a thrown TypeError.
  it('never throws on a finite Hessian too large to square: returns NaN or the top eigenvalue', () => {
    const { net, theta } = randomNet([2, 3, 3, 2], 8);
    const huge = theta.map((v) => v * 1e60); // Hessian entries ≈ 1e240
    const H = denseHessian(net, huge);
    let max = 0;
    for (const h of H) max = Math.max(max, Math.abs(h));
    expect(Number.isFinite(max)).toBe(true);
    const s = 2 ** Math.round(Math.log2(max)); // exact rescaling
    const ev = symmetricEigenvalues(
      H.map((h) => h / s),
      theta.length,
    );
    const top = ev[ev.length - 1] * s;
    for (const method of ['dense', 'lanczos'] as const) {
      const value = sharpness(net, huge, { method });
      if (!Number.isNaN(value)) expect(Math.abs(value - top)).toBeLessThanOrEqual(1e-8 * Math.abs(top));
    }
  });

  it('a model above DENSE_SHARPNESS_LIMIT takes the Lanczos path by default and agrees with dense', () => {
    const { net, theta } = randomNet([4, 4, 4, 4], 23); // 48 parameters
    const p = theta.length;
    expect(p).toBeGreaterThan(DENSE_SHARPNESS_LIMIT);
    const dense = vi.spyOn(net, 'hvp');
    const products = spyOnProducts();
    const byDefault = sharpness(net, theta);
    const hvps = products.count();
    expect(dense).not.toHaveBeenCalled();
    dense.mockRestore();
    products.restore();
    // the dense path needs one HVP per parameter
    expect(hvps).toBeGreaterThan(0);
    expect(hvps).toBeLessThan(p);
    expect(Object.is(byDefault, sharpness(net, theta, { method: 'lanczos' }))).toBe(true);
    const ev = hessianSpectrum(net, theta);
    const top = ev[ev.length - 1];
    expect(Math.abs(byDefault - top)).toBeLessThanOrEqual(1e-8 * Math.abs(top));
    expect(Math.abs(sharpness(net, theta, { method: 'dense' }) - top)).toBeLessThanOrEqual(1e-12 * Math.abs(top));
  });

  it('a model at DENSE_SHARPNESS_LIMIT parameters still takes the dense path', () => {
    const { net, theta } = randomNet([2, 3, 2], 5); // 2 · 6 = 12 parameters
    expect(theta.length).toBe(DENSE_SHARPNESS_LIMIT);
    const spy = vi.spyOn(net, 'hvp');
    sharpness(net, theta);
    expect(spy.mock.calls.length).toBe(theta.length);
    spy.mockRestore();
  });

  it('is a deterministic function of θ', () => {
    const { net, theta } = randomNet([8, 8, 8], 4);
    const a = sharpness(net, theta);
    const { net: other } = randomNet([8, 8, 8], 4);
    expect(Object.is(a, sharpness(other, theta))).toBe(true);
  });

  for (const method of ['dense', 'lanczos'] as const) {
    it(`the ${method} path reuses its buffers per network: each call equals a fresh network’s, a NaN in between included`, () => {
      for (const dims of SHAPES) {
        const { net, theta } = randomNet(dims, 6);
        const shifted = theta.map((x, i) => x + 0.1 * (i % 3) - 0.05);
        const broken = theta.slice();
        broken[0] = Number.POSITIVE_INFINITY;
        const fresh = (t: Float64Array) => sharpness(randomNet(dims, 6).net, t, { method });
        const reused = [theta, shifted, broken, theta, shifted].map((t) => sharpness(net, t, { method }));
        expect(reused.map((x) => Number.isNaN(x))).toEqual([false, false, true, false, false]);
        expect(Object.is(reused[0], fresh(theta)), `${dims}`).toBe(true);
        expect(Object.is(reused[1], fresh(shifted)), `${dims}`).toBe(true);
        expect(Object.is(reused[3], reused[0])).toBe(true);
        expect(Object.is(reused[4], reused[1])).toBe(true);
        // the dense path's value is the top of the spectrum the unshared path computes
        if (method === 'dense') expect(Object.is(reused[1], hessianSpectrum(net, shifted).at(-1))).toBe(true);
      }
    });
  }
});

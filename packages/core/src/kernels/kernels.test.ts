/**
 * Every kernel against the reference LinearNet.evaluate: the kernels promise
 * bit-for-bit the reference's loss and gradient (kernel.ts), so they are
 * compared with Object.is (which also tells −0 from +0 and matches NaN),
 * and to 1e−12 relative.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CLASSIFY } from '../classify.js';
import { dataStats, pointData, randomData } from '../data.js';
import { makeLayout } from '../layout.js';
import type { Problem } from '../linear-net.js';
import { LinearNet, makeProblem } from '../linear-net.js';
import { Rng } from '../rng.js';
import { relErr } from '../test-helpers.js';
import { showingModule } from '../testing/wasm-text.js';
import type { KernelKind } from './kernel.js';
import { kernelKindFor, mulAddsPerStep, selectKernel, WASM_CODE_LIMIT } from './kernel.js';
import { LANES_MULADD_LIMIT, laneKernel, laneKernelModule } from './lane-kernel.js';
import { literal } from './scalar.js';
import { wasmCodeSize, wasmModule } from './wasm-simd.js';

function randomProblem(dims: number[], seed: number, noise = 0.3): Problem {
  const data = randomData({ dIn: dims[0], dOut: dims[dims.length - 1], n: 7, whiten: false, noise, seed });
  return makeProblem(makeLayout(dims), dataStats(data));
}

function scalarProblem(depth: number, x = 1, y = 1): Problem {
  return makeProblem(makeLayout(new Array<number>(depth + 1).fill(1)), dataStats(pointData([x], [y])));
}

/** Random widths d_0..d_N: depth 1–4, widths 1–6. */
function randomDims(rng: Rng): number[] {
  const depth = 1 + Math.floor(rng.nextDouble() * 4);
  return Array.from({ length: depth + 1 }, () => 1 + Math.floor(rng.nextDouble() * 6));
}

/** Points that exercise the corner cases as well as typical values. */
function points(p: number, rng: Rng): Float64Array[] {
  const gaussian = (scale: number) => Float64Array.from({ length: p }, () => scale * rng.nextNormal());
  const withZeros = gaussian(1).map((v, i) => (i % 3 === 0 ? 0 : i % 3 === 1 ? -0 : v));
  const huge = gaussian(1e120);
  const tiny = gaussian(1e-170); // products underflow to ±0
  const special = gaussian(1);
  special[p - 1] = Number.POSITIVE_INFINITY;
  const nan = gaussian(1);
  nan[0] = Number.NaN;
  return [gaussian(0.8), gaussian(3), gaussian(1e-3), withZeros, new Float64Array(p), huge, tiny, special, nan];
}

/** The lane kernel's `evaluate` as a kernel: θ into every lane, L and ∇L from lane 0 once every lane agrees. */
function laneEvaluate(problem: Problem): (theta: Float64Array, grad: Float64Array) => number {
  const lanes = laneKernel(problem, DEFAULT_CLASSIFY);
  const { layout, memory } = lanes;
  const p = problem.layout.paramCount;
  return (theta, grad) => {
    for (let i = 0; i < p; i++)
      for (let l = 0; l < layout.lanes; l++) memory[layout.theta + i * layout.lanes + l] = theta[i];
    lanes.evaluate();
    for (let l = 1; l < layout.lanes; l++) {
      expect(Object.is(memory[layout.loss + l], memory[layout.loss])).toBe(true);
      for (let i = 0; i < p; i++) {
        expect(Object.is(memory[layout.grad + i * layout.lanes + l], memory[layout.grad + i * layout.lanes])).toBe(
          true,
        );
      }
    }
    for (let i = 0; i < p; i++) grad[i] = memory[layout.grad + i * layout.lanes];
    return memory[layout.loss];
  };
}

/**
 * Asserts that `kind` (a kernel, or the lanes' evaluate) gives exactly the
 * reference's loss and gradient at every point; a WebAssembly one that does
 * not shows its module's text.
 */
async function expectIdentical(problem: Problem, kind: KernelKind | 'lanes', thetas: Float64Array[]): Promise<void> {
  if (kind === 'wasm' || kind === 'lanes') {
    const { bytes } = kind === 'wasm' ? wasmModule(problem) : laneKernelModule(problem, DEFAULT_CLASSIFY);
    await showingModule(bytes, () => compareWithReference(problem, kind, thetas));
  } else {
    compareWithReference(problem, kind, thetas);
  }
}

function compareWithReference(problem: Problem, kind: KernelKind | 'lanes', thetas: Float64Array[]): void {
  const net = new LinearNet(problem);
  let evaluate = laneEvaluate;
  if (kind !== 'lanes') {
    const kernel = selectKernel(problem, kind);
    expect(kernel.kind).toBe(kind);
    evaluate = () => (theta, grad) => kernel.evaluate(theta, grad);
  }
  const kernelEvaluate = evaluate(problem);
  const p = problem.layout.paramCount;
  const gRef = new Float64Array(p);
  const g = new Float64Array(p).fill(123); // stale values must be overwritten
  for (const theta of thetas) {
    const copy = theta.slice();
    const lRef = net.evaluate(theta, gRef);
    const l = kernelEvaluate(theta, g);
    expect(theta).toEqual(copy); // θ is read only
    expect(Object.is(l, lRef), `${kind} loss ${l} vs ${lRef} on ${problem.layout.dims.join('×')}`).toBe(true);
    for (let i = 0; i < p; i++) {
      if (!Object.is(g[i], gRef[i])) {
        expect.fail(`${kind} grad[${i}] ${g[i]} vs ${gRef[i]} on ${problem.layout.dims.join('×')}`);
      }
    }
    if (Number.isFinite(lRef) && gRef.every(Number.isFinite)) {
      expect(Math.abs(l - lRef) / Math.max(1, Math.abs(lRef))).toBeLessThanOrEqual(1e-12);
      expect(relErr(g, gRef)).toBeLessThanOrEqual(1e-12);
    }
  }
}

describe('kernels are bit-for-bit the reference', () => {
  const rng = new Rng(7, 0);
  const shapes: number[][] = [
    [1, 1],
    [1, 1, 1],
    [1, 1, 1, 1],
    [1, 1, 1, 1, 1, 1, 1],
    [4, 4, 4, 4],
    [3, 2],
    [2, 5, 3],
    [1, 4, 1],
    [5, 1, 5],
    [6, 3, 2, 4],
    [16, 16, 16, 16, 8],
    [3, 9, 7, 2],
  ];
  for (let s = 0; s < 20; s++) shapes.push(randomDims(rng));

  for (const [index, dims] of shapes.entries()) {
    it(`${dims.join('×')}`, async () => {
      const problem = randomProblem(dims, 100 + index);
      const thetas = points(problem.layout.paramCount, new Rng(200 + index, 0));
      const kinds: (KernelKind | 'lanes')[] = ['blocked', 'wasm', 'reference'];
      if (mulAddsPerStep(dims) <= LANES_MULADD_LIMIT) kinds.push('lanes');
      if (dims.every((d) => d === 1)) kinds.push('scalar');
      for (const kind of kinds) await expectIdentical(problem, kind, thetas);
    });
  }

  it('scalar networks with other data, deep ones, and Σ = 0', async () => {
    for (const [depth, x, y] of [
      [2, 0.5, -3],
      [3, -2, 0.25],
      [5, 1e-3, 7],
      [67, 1, 1],
      [2, 0, 1],
    ]) {
      const problem = scalarProblem(depth, x, y);
      const thetas = points(depth, new Rng(depth, 1));
      thetas.push(new Float64Array(depth).fill(1.01));
      await expectIdentical(problem, 'scalar', thetas);
      await expectIdentical(problem, 'wasm', thetas);
      await expectIdentical(problem, 'lanes', thetas);
    }
  });

  it('data with negative zeros and huge values baked into the code', async () => {
    const problem = randomProblem([2, 3, 2], 5);
    const sigma = Float64Array.from([-0, 1e300, 1e-300, 2]);
    const cross = Float64Array.from([-0, 0, -1.5, 5e-324]);
    const odd = makeProblem(problem.layout, { ...problem.stats, sigma, cross, c0: -0 });
    for (const kind of ['blocked', 'wasm', 'lanes'] as const) {
      await expectIdentical(odd, kind, points(odd.layout.paramCount, new Rng(9, 9)));
    }
  });
});

describe('selection', () => {
  it('depends on the shape alone', () => {
    expect(kernelKindFor([1, 1, 1])).toBe('scalar');
    expect(kernelKindFor([1, 1, 1, 1, 1])).toBe('scalar');
    expect(kernelKindFor([4, 4, 4, 4])).toBe('wasm');
    expect(kernelKindFor([16, 16, 16, 16, 8])).toBe('wasm');
    const problem = randomProblem([4, 4, 4, 4], 1);
    expect(selectKernel(problem).kind).toBe('wasm');
    expect(selectKernel(scalarProblem(2)).kind).toBe('scalar');
  });

  it('the WebAssembly kernel works in its own memory, and with any other arrays', () => {
    const problem = randomProblem([3, 4, 2], 4);
    const kernel = selectKernel(problem, 'wasm');
    const net = new LinearNet(problem);
    const p = problem.layout.paramCount;
    expect(kernel.theta?.length).toBe(p);
    expect(kernel.grad?.length).toBe(p);
    const theta = points(p, new Rng(4, 4))[0];
    const gRef = new Float64Array(p);
    const lRef = net.evaluate(theta, gRef);
    (kernel.theta as Float64Array).set(theta);
    expect(kernel.evaluate(kernel.theta as Float64Array, kernel.grad as Float64Array)).toBe(lRef);
    expect(Array.from(kernel.grad as Float64Array)).toEqual(Array.from(gRef));
  });

  it('estimates the WebAssembly code size, and keeps wide networks on loops', () => {
    for (const dims of [
      [4, 4, 4, 4],
      [16, 16, 16, 16, 8],
      [3, 9, 7, 2],
      [32, 8, 32],
      [5, 7, 9, 3],
    ]) {
      const actual = wasmModule(randomProblem(dims, 2)).bytes.length;
      const estimate = wasmCodeSize(dims);
      expect(estimate / actual, dims.join('×')).toBeGreaterThan(0.7);
      expect(estimate / actual, dims.join('×')).toBeLessThan(1.3);
    }
    expect(wasmCodeSize([16, 16, 16, 16, 8])).toBeLessThan(WASM_CODE_LIMIT);
    expect(kernelKindFor([128, 256, 128])).toBe('blocked');
    expect(kernelKindFor([4096, 4096])).toBe('blocked');
  });

  it('counts the multiply-adds of a step', () => {
    // B_2, B_3: 2·64; Q: 64; the two traces: 32; backward: 4·64
    expect(mulAddsPerStep([4, 4, 4, 4])).toBe(480);
    expect(mulAddsPerStep([1, 1])).toBe(3);
  });

  it('rejects a scalar kernel for a matrix network and unknown kinds', () => {
    const problem = randomProblem([2, 2], 1);
    expect(() => selectKernel(problem, 'scalar')).toThrow(/every width 1/);
    expect(() => selectKernel(problem, 'simd' as KernelKind)).toThrow(/kernel must be one of/);
  });
});

describe('literal', () => {
  it('reads back as exactly the same double', () => {
    const rng = new Rng(3, 0);
    const values = [0, -0, 1, -1, 0.1, 5e-324, -5e-324, 1.7976931348623157e308, Number.NaN, Infinity, -Infinity];
    for (let i = 0; i < 200; i++) values.push(rng.nextNormal() * 10 ** Math.floor(rng.nextDouble() * 600 - 300));
    for (const v of values) {
      const back = new Function(`return ${literal(v)};`)() as number;
      expect(Object.is(back, v), `${v}`).toBe(true);
      expect(Object.is(new Function(`return 2 * ${literal(v)};`)(), 2 * v)).toBe(true);
    }
  });
});

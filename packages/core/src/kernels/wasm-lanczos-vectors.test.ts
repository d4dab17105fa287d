/**
 * The SIMD vector work of Lanczos gives the reference's bits
 * (ScalarLanczosVectors): operation by operation on random vectors with
 * signed zeros, subnormals and values whose products overflow, and whole
 * Lanczos runs — eigenvalue, eigenvector, number of products — on
 * Hessian-vector products of networks with up to 2560 parameters.
 */
import { describe, expect, it } from 'vitest';
import { HessianProduct } from '../hvp.js';
import { Lanczos } from '../lanczos.js';
import type { LanczosVectors } from '../lanczos-vectors.js';
import { ScalarLanczosVectors } from '../lanczos-vectors.js';
import { Rng } from '../rng.js';
import { randomNet } from '../test-helpers.js';
import { showingModule } from '../testing/wasm-text.js';
import {
  lanczosVectorsFit,
  lanczosVectorsModule,
  lanczosVectorsWords,
  WasmLanczosVectors,
} from './wasm-lanczos-vectors.js';

const SIZES = [1, 2, 3, 4, 5, 7, 896, 2560];
/** Basis vectors 0…CAPACITY in the vector tests. */
const CAPACITY = 3;

/** Entries from every range the arithmetic treats differently: ±0, subnormals, ordinary, huge (products overflow). */
function entry(rng: Rng): number {
  const sign = rng.nextNormal() < 0 ? -1 : 1;
  const kind = Math.floor(8 * Math.abs(rng.nextNormal())) % 8;
  const x = rng.nextNormal();
  switch (kind) {
    case 0:
      return sign * 0;
    case 1:
      return x * 5e-324 * Math.floor(1 + 1000 * Math.abs(x)); // subnormal
    case 2:
      return x * 1e300;
    case 3:
      return x * 1e-300; // products underflow
    default:
      return x * 10 ** Math.floor(6 * x);
  }
}

/** Ordinary values of spread magnitudes: every sum rounds, so any change of order shows. */
function ordinary(rng: Rng): number {
  const x = rng.nextNormal();
  return x * 10 ** Math.floor(3 * rng.nextNormal());
}

function fill(a: Float64Array, rng: Rng, value: (rng: Rng) => number): void {
  for (let i = 0; i < a.length; i++) a[i] = value(rng);
}

/** Entry i where the two differ as values (Object.is: −0 ≠ +0, NaN = NaN), or −1. */
function firstDifference(a: Float64Array, b: Float64Array): number {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return i;
  return -1;
}

function expectSameEntries(simd: Float64Array, reference: Float64Array, what: string): void {
  const i = firstDifference(simd, reference);
  expect(i, `${what}: entry ${i} is ${simd[i]}, the reference's ${reference[i]}`).toBe(-1);
}

/** The same vectors in both: w, start, result and basis vectors 0…CAPACITY, filled from one seed. */
function sameVectors(n: number, seed: number, value: (rng: Rng) => number): [LanczosVectors, LanczosVectors] {
  const pair: [LanczosVectors, LanczosVectors] = [new WasmLanczosVectors(n, CAPACITY), new ScalarLanczosVectors(n)];
  for (const vectors of pair) {
    const rng = new Rng(seed, 1);
    for (const v of [vectors.w, vectors.start, vectors.result]) fill(v, rng, value);
    for (let j = 0; j <= CAPACITY; j++) fill(vectors.vector(j), rng, value);
  }
  return pair;
}

/** One operation on both, by a function of the vectors; then every vector of both must hold the same entries. */
type Operation = (vectors: LanczosVectors, scalars: readonly number[]) => unknown;

const OPERATIONS: Record<string, Operation> = {
  'dot(w, v₀)': (x) => x.dot(x.w, x.vector(0)),
  'dot(v₁, v₁)': (x) => x.dot(x.vector(1), x.vector(1)),
  'scale(v₂, s)': (x, [s]) => x.scale(x.vector(2), s),
  'recurrence(w, a, v₁, b, v₀)': (x, [a, b]) => x.recurrence(x.w, a, x.vector(1), b, x.vector(0)),
  'recurrence(w, a, v₀, 0, none)': (x, [a]) => x.recurrence(x.w, a, x.vector(0), 0, null),
  'subtractTwo(w, h₀, v₀, h₁, v₁)': (x, [a, b]) => x.subtractTwo(x.w, a, x.vector(0), b, x.vector(1)),
  'axpy(s, v₃, result)': (x, [s]) => x.axpy(s, x.vector(3), x.result),
  'axpy(−s, v₀, w)': (x, [s]) => x.axpy(-s, x.vector(0), x.w),
  'divide(w, b, v₃)': (x, [, b]) => x.divide(x.w, b, x.vector(3)),
};

function checkOperation(n: number, operation: Operation, value: (rng: Rng) => number, seeds: number): void {
  for (let seed = 1; seed <= seeds; seed++) {
    const [simd, reference] = sameVectors(n, seed, value);
    const scalarRng = new Rng(seed, 2);
    const scalars = [value(scalarRng), value(scalarRng)];
    const got = operation(simd, scalars);
    const want = operation(reference, scalars);
    expect(Object.is(got, want), `seed ${seed}: ${got}, the reference's ${want}`).toBe(true);
    expectSameEntries(simd.w, reference.w, `seed ${seed}, w`);
    expectSameEntries(simd.result, reference.result, `seed ${seed}, result`);
    for (let j = 0; j <= CAPACITY; j++) expectSameEntries(simd.vector(j), reference.vector(j), `seed ${seed}, v${j}`);
  }
}

describe.each(SIZES)('the SIMD Lanczos vectors, size %i, give the reference’s bits', (n) => {
  it.each(Object.entries(OPERATIONS))('%s on ±0, subnormals, huge values', async (_name, operation) => {
    await showingModule(lanczosVectorsModule(n, CAPACITY).bytes, () => checkOperation(n, operation, entry, 20));
  });

  it.each(Object.entries(OPERATIONS))('%s on ordinary values', async (_name, operation) => {
    await showingModule(lanczosVectorsModule(n, CAPACITY).bytes, () => checkOperation(n, operation, ordinary, 5));
  });
});

describe('the memory', () => {
  it('holds w, the start and Ritz vectors and 101 basis vectors up to 4 GiB (32-bit addresses)', () => {
    expect(lanczosVectorsFit(2560, 100)).toBe(true);
    expect(lanczosVectorsFit(6_000_000, 100)).toBe(false);
    // 3 + 101 vectors of an even stride: the largest that fits is 2³²/8/104 rounded down to even
    const largest = 2 * Math.floor(2 ** 32 / 8 / 104 / 2);
    expect(lanczosVectorsFit(largest, 100)).toBe(true);
    expect(lanczosVectorsFit(largest + 1, 100)).toBe(false);
  });

  it('is counted by lanczosVectorsWords (what the memory estimate of a sweep uses)', () => {
    for (const n of [13, 896, 2561]) {
      const vectors = new WasmLanczosVectors(n, 100);
      const last = vectors.vector(100);
      // every vector lies inside the counted words, and the count is no larger than the vectors' span
      expect(last.byteOffset + 8 * n).toBeLessThanOrEqual(8 * lanczosVectorsWords(n, 100));
      expect(8 * lanczosVectorsWords(n, 100)).toBe(last.byteOffset + 8 * (n + (n % 2)));
      expect(lanczosVectorsWords(n, 100)).toBeGreaterThanOrEqual(104 * n);
    }
  });

  it('refuses a vector outside it (its address would name another vector)', () => {
    const vectors = new WasmLanczosVectors(5, CAPACITY);
    expect(() => vectors.dot(new Float64Array(5), vectors.w)).toThrow(/outside/);
    expect(() => vectors.axpy(1, vectors.vector(0), new Float64Array(5))).toThrow(/outside/);
  });
});

describe('the special values reach every case', () => {
  it('the entries include ±0, subnormals and overflowing products', () => {
    const rng = new Rng(1, 1);
    const values = Array.from({ length: 2000 }, () => entry(rng));
    expect(values.some((x) => Object.is(x, -0))).toBe(true);
    expect(values.some((x) => Object.is(x, 0))).toBe(true);
    expect(values.some((x) => x !== 0 && Math.abs(x) < 2.2250738585072014e-308)).toBe(true);
    expect(values.some((x) => !Number.isFinite(x * x))).toBe(true);
  });
});

/** Lanczos on an operator with SIMD vectors and with the reference, run by run; every result the same bits. */
function expectSameRuns(
  n: number,
  operator: (at: number) => (v: Float64Array, out: Float64Array) => void,
  runs: number,
): void {
  const simd = new Lanczos(n, 100, (size, capacity) => new WasmLanczosVectors(size, capacity));
  const reference = new Lanczos(n, 100, (size) => new ScalarLanczosVectors(size));
  const simdVector = new Float64Array(n);
  const referenceVector = new Float64Array(n);
  for (let run = 0; run < runs; run++) {
    let simdProducts = 0;
    let referenceProducts = 0;
    const apply = operator(run);
    const cold = run % 3 === 0;
    const got = simd.top(
      (v, out) => {
        simdProducts++;
        apply(v, out);
      },
      cold ? {} : { vector: simdVector },
    );
    const want = reference.top(
      (v, out) => {
        referenceProducts++;
        apply(v, out);
      },
      cold ? {} : { vector: referenceVector },
    );
    expect(Object.is(got, want), `run ${run}: λ ${got}, the reference's ${want}`).toBe(true);
    expect(simdProducts).toBe(referenceProducts);
    expectSameEntries(simdVector, referenceVector, `run ${run}, eigenvector`);
  }
}

describe('Lanczos with the SIMD vectors gives the reference’s bits', () => {
  it.each([1, 2, 3, 5, 40])('on random symmetric matrices of size %i, cold and warm', (n) => {
    const rng = new Rng(n, 3);
    expectSameRuns(
      n,
      () => {
        const A = new Float64Array(n * n);
        for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) A[i * n + j] = A[j * n + i] = rng.nextNormal();
        return (v, out) => {
          for (let i = 0; i < n; i++) {
            let s = 0;
            for (let j = 0; j < n; j++) s += A[i * n + j] * v[j];
            out[i] = s;
          }
        };
      },
      6,
    );
  });

  it.each([
    [[3, 3, 3, 3]], // 27 parameters
    [[5, 7, 6, 3]], // 95
    [[16, 16, 16, 16, 8]], // 896
    [[16, 32, 32, 32]], // 2560
  ])('on Hessian-vector products of a network %j along a path of states, cold and warm', (dims) => {
    const { net, theta } = randomNet(dims, 5, 30);
    const product = new HessianProduct(net.problem);
    const grad = new Float64Array(theta.length);
    expectSameRuns(
      theta.length,
      () => {
        // a few gradient steps between runs, as along a trajectory
        for (let step = 0; step < 3; step++) {
          net.evaluate(theta, grad);
          for (let i = 0; i < theta.length; i++) theta[i] -= 0.01 * grad[i];
        }
        product.at(theta);
        return (v, out) => product.apply(v, out);
      },
      4,
    );
  });

  it('on an operator whose warm start spans an invariant subspace (the restart)', () => {
    // diag(1…n) from a basis vector: breakdown at once, then the seeded start vector
    const n = 9;
    const simd = new Lanczos(n, 100, (size, capacity) => new WasmLanczosVectors(size, capacity));
    const reference = new Lanczos(n, 100, (size) => new ScalarLanczosVectors(size));
    const apply = (v: Float64Array, out: Float64Array) => {
      for (let i = 0; i < n; i++) out[i] = (i + 1) * v[i];
    };
    const simdVector = new Float64Array(n);
    const referenceVector = new Float64Array(n);
    simdVector[2] = referenceVector[2] = 1;
    const got = simd.top(apply, { vector: simdVector });
    expect(Object.is(got, reference.top(apply, { vector: referenceVector }))).toBe(true);
    expect(Math.abs(got - n)).toBeLessThanOrEqual(1e-8 * n);
    expectSameEntries(simdVector, referenceVector, 'eigenvector');
  });
});

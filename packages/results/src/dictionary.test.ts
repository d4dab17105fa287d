import { describe, expect, it } from 'vitest';
import { indexBitWidth, MAX_NUMBER_ENTRIES, NumberDictionary, stringDictionary } from './dictionary.js';
import { seeded } from './testing/fixtures.js';

/** values[i] === dictionary[indexes[i]] for every i, −0 and 0 told apart. */
function expectIndexed(values: ArrayLike<unknown>, dictionary: readonly unknown[], indexes: Int32Array): void {
  for (let i = 0; i < values.length; i++) expect(Object.is(dictionary[indexes[i]], values[i])).toBe(true);
}

describe('NumberDictionary', () => {
  it('lists distinct values in order of first appearance, −0 apart from 0', () => {
    const values = Float64Array.of(2.5, 2.5, 0, -0, 2.5, -0, 1e-300, 0, 0);
    const indexes = new Int32Array(values.length);
    const dictionary = new NumberDictionary().build(values, values.length, indexes, 8);
    expect(dictionary).toEqual([2.5, 0, -0, 1e-300]);
    expect(Object.is(dictionary?.[2], -0)).toBe(true);
    expect(Array.from(indexes)).toEqual([0, 0, 1, 2, 0, 2, 3, 1, 1]);
  });

  it('takes INT32 values too', () => {
    const values = Int32Array.of(7, -(2 ** 31), 7, 2 ** 31 - 1, 0, 7, 0, 7, 7, 7, 0, 0, 7, 7, 7, 7);
    const indexes = new Int32Array(values.length);
    const dictionary = new NumberDictionary().build(values, values.length, indexes, 4);
    expect(dictionary).toEqual([7, -(2 ** 31), 2 ** 31 - 1, 0]);
    expectIndexed(values, dictionary ?? [], indexes);
  });

  it('keeps a dictionary only when it and its indexes take at most half the PLAIN bytes', () => {
    const indexes = new Int32Array(10);
    // 2 distinct in 10 doubles: 2·(16 + 2) = 36 ≤ 80
    expect(new NumberDictionary().build(Float64Array.of(1, 2, 1, 2, 1, 2, 1, 2, 1, 2), 10, indexes, 8)).toEqual([1, 2]);
    // 6 distinct: 2·(48 + 4) = 104 > 80
    expect(new NumberDictionary().build(Float64Array.of(1, 2, 3, 4, 5, 6, 1, 2, 3, 4), 10, indexes, 8)).toBeNull();
    expect(new NumberDictionary().build(new Float64Array(0), 0, indexes, 8)).toBeNull();
  });

  it('gives up on mostly distinct values, and past MAX_NUMBER_ENTRIES', () => {
    const rand = seeded(5);
    const n = 4 * MAX_NUMBER_ENTRIES;
    const distinct = Float64Array.from({ length: n }, () => rand());
    const indexes = new Int32Array(n);
    expect(new NumberDictionary().build(distinct, n, indexes, 8)).toBeNull();
    // half the values one constant: the sample passes, the dictionary outgrows its limit
    const half = Float64Array.from({ length: n }, (_, i) => (i < n / 2 ? 0.5 : rand()));
    expect(new NumberDictionary().build(half, n, indexes, 8)).toBeNull();
    // a constant, then distinct values: MAX_NUMBER_ENTRIES entries in all are kept, one more is not
    const tail = (entries: number) => Float64Array.from({ length: n }, (_, i) => Math.max(0, i - (n - entries)));
    expect(new NumberDictionary().build(tail(MAX_NUMBER_ENTRIES), n, indexes, 8)).toHaveLength(MAX_NUMBER_ENTRIES);
    expect(new NumberDictionary().build(tail(MAX_NUMBER_ENTRIES + 1), n, indexes, 8)).toBeNull();
    expect(indexBitWidth(MAX_NUMBER_ENTRIES)).toBeLessThanOrEqual(14);
  });

  it('gives the same dictionary when reused as when new', () => {
    const rand = seeded(9);
    const reused = new NumberDictionary();
    for (let round = 0; round < 5; round++) {
      const n = 1000 + round * 777;
      const values = Float64Array.from({ length: n }, () => Math.floor(rand() * (round + 1) * 40) / 8 - 2);
      const a = new Int32Array(n);
      const b = new Int32Array(n);
      const fromReused = reused.build(values, n, a, 8);
      expect(fromReused).not.toBeNull();
      expect(fromReused).toEqual(new NumberDictionary().build(values, n, b, 8));
      expect(a).toEqual(b);
      expectIndexed(values, fromReused ?? [], a);
    }
  });
});

describe('stringDictionary', () => {
  it('lists distinct strings in order of first appearance', () => {
    const values = ['diverged', 'diverged', 'converged', 'périodique', 'diverged', '😀', 'converged'];
    const indexes = new Int32Array(values.length);
    const dictionary = stringDictionary(values, values.length, indexes);
    expect(dictionary).toEqual(['diverged', 'converged', 'périodique', '😀']);
    expectIndexed(values, dictionary, indexes);
  });
});

describe('indexBitWidth', () => {
  it('is the bits of the largest index', () => {
    expect([1, 2, 3, 4, 5, 256, 257].map(indexBitWidth)).toEqual([0, 1, 2, 2, 3, 8, 9]);
  });
});

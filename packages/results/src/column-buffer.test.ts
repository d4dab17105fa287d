import { describe, expect, it } from 'vitest';
import { ColumnBuffer } from './column-buffer.js';
import type { ColumnDef } from './schema.js';

const buffer = (def: ColumnDef, capacity = 4) => new ColumnBuffer(def, capacity);
const rowsOf = (b: ColumnBuffer, n: number) => Array.from(b.data(n) as ArrayLike<unknown>);

describe('ColumnBuffer', () => {
  it('stores non-finite and missing values of a nullable DOUBLE as null', () => {
    const b = buffer({ name: 'x', type: 'DOUBLE', nullable: true }, 6);
    b.fill([1.5, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, null, undefined], 0, 6, 0);
    expect(rowsOf(b, 6)).toEqual([1.5, null, null, null, null, null]);
  });

  it('keeps values unboxed, with a definition level per row of a nullable column', () => {
    const b = buffer({ name: 'x', type: 'DOUBLE', nullable: true }, 3);
    b.fill([1, -0, null], 0, 3, 0);
    expect(b.values).toEqual(Float64Array.of(1, -0, 0));
    expect(b.defined).toEqual(Uint8Array.of(1, 1, 0));
    // hyparquet-writer's general encoder (tables with a LIST column) gets nulls in a plain array
    expect(b.data(3)).toEqual([1, -0, null]);
    expect(buffer({ name: 'y', type: 'DOUBLE', nullable: false }).defined).toBeNull();
  });

  it('stores the same rows from typed arrays (fast paths) as from plain arrays', () => {
    const cases: [ColumnDef, ArrayLike<unknown>, ArrayLike<unknown>][] = [
      [
        { name: 'd', type: 'DOUBLE', nullable: true },
        Float64Array.of(-0, 5e-324, Number.NaN, Number.NEGATIVE_INFINITY, 1.5),
        [-0, 5e-324, null, undefined, 1.5],
      ],
      [{ name: 'i', type: 'INT32', nullable: true }, Int32Array.of(-(2 ** 31), 0, 7), [-(2 ** 31), 0, 7]],
      [
        { name: 'k', type: 'INT64', nullable: false },
        Float64Array.of(0, -1, 2 ** 32, -(2 ** 32) - 3, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER),
        [0n, -1n, 2n ** 32n, -(2n ** 32n) - 3n, BigInt(Number.MAX_SAFE_INTEGER), BigInt(Number.MIN_SAFE_INTEGER)],
      ],
    ];
    for (const [def, typed, plain] of cases) {
      const a = buffer(def, typed.length + 1);
      const b = buffer(def, typed.length + 1);
      a.fill(typed as never, 0, typed.length, 1);
      b.fill(plain as never, 0, plain.length, 1);
      expect(a.values).toEqual(b.values);
      expect(a.defined).toEqual(b.defined);
    }
    const k = buffer({ name: 'k', type: 'INT64', nullable: true });
    expect(() => k.fill(Float64Array.of(2 ** 53), 0, 1, 0)).toThrow(expect.objectContaining({ code: 'BAD_VALUE' }));
    expect(() => k.fill(Float64Array.of(Number.NaN), 0, 1, 0)).toThrow(expect.objectContaining({ code: 'BAD_VALUE' }));
  });

  it('refuses NaN in a DOUBLE that cannot be null', () => {
    const b = buffer({ name: 'eta', type: 'DOUBLE', nullable: false });
    expect(() => b.fill(new Float64Array([1, Number.NaN]), 0, 2, 0)).toThrow(
      expect.objectContaining({ code: 'BAD_VALUE', message: expect.stringContaining('column eta (DOUBLE) row 1') }),
    );
  });

  it('copies a window of the source into a window of the store', () => {
    const b = buffer({ name: 'k', type: 'INT32', nullable: false });
    b.fill(new Int32Array([9, 8, 7, 6, 5]), 2, 3, 1);
    expect(Array.from(b.data(4))).toEqual([0, 7, 6, 5]);
    expect(b.data(2)).toHaveLength(2);
  });

  it('checks INT32 range and integrality', () => {
    const b = buffer({ name: 'p', type: 'INT32', nullable: true });
    b.fill([null, 2, -(2 ** 31)], 0, 3, 0);
    expect(rowsOf(b, 3)).toEqual([null, 2, -(2 ** 31)]);
    expect(() => b.fill([2 ** 31], 0, 1, 0)).toThrow(expect.objectContaining({ code: 'BAD_VALUE' }));
    expect(() => b.fill([1.5], 0, 1, 0)).toThrow(expect.objectContaining({ code: 'BAD_VALUE' }));
  });

  it('turns safe integers and bigints into INT64', () => {
    const b = buffer({ name: 'trajectory', type: 'INT64', nullable: false }, 3);
    b.fill([3, 2n ** 62n, Number.MAX_SAFE_INTEGER], 0, 3, 0);
    expect(Array.from(b.data(3) as BigInt64Array)).toEqual([3n, 2n ** 62n, BigInt(Number.MAX_SAFE_INTEGER)]);
    // numbers beyond 2^53 may already be rounded, so only safe integers are accepted
    expect(() => b.fill([2 ** 53], 0, 1, 0)).toThrow(expect.objectContaining({ code: 'BAD_VALUE' }));
    expect(() => b.fill([-1.5], 0, 1, 0)).toThrow(expect.objectContaining({ code: 'BAD_VALUE' }));
    expect(() => b.fill([2n ** 63n], 0, 1, 0)).toThrow(expect.objectContaining({ code: 'BAD_VALUE' }));
  });

  it('refuses null in a non-null STRING', () => {
    const b = buffer({ name: 'outcome', type: 'STRING', nullable: false });
    b.fill(['a', 'b'], 0, 2, 0);
    expect(rowsOf(b, 2)).toEqual(['a', 'b']);
    expect(() => b.fill([null], 0, 1, 0)).toThrow(expect.objectContaining({ code: 'BAD_VALUE' }));
  });

  it('builds LIST<DOUBLE> rows from a flat array or from per-row arrays, non-finite elements as null', () => {
    const b = buffer({ name: 'w', type: 'LIST<DOUBLE>', nullable: false }, 3);
    b.fill({ flat: new Float64Array([1, 2, Number.NaN, 4, 5, Number.POSITIVE_INFINITY]), width: 2 }, 1, 2, 0);
    b.fill([new Float64Array([7])], 0, 1, 2);
    expect(rowsOf(b, 3)).toEqual([[null, 4], [5, null], [7]]);
    expect(() => b.fill([null], 0, 1, 0)).toThrow(expect.objectContaining({ code: 'BAD_VALUE' }));
  });
});

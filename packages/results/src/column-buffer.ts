import type { DecodedArray } from 'hyparquet';
import { ResultsError } from './errors.js';
import type { ColumnDef } from './schema.js';

/** Rows of a LIST<DOUBLE> column that all have `width` elements, stored back to back (row r at r·width). */
export interface FixedWidthList {
  readonly flat: ArrayLike<number>;
  readonly width: number;
}

/**
 * Values of one column handed to a table writer, read from index 0. Per column type:
 * - DOUBLE: numbers; null, undefined, NaN and ±Infinity become null (an error if the column is not nullable)
 * - INT32: integers in the 32-bit range, or null/undefined
 * - INT64: safe integers (number) or bigints, or null/undefined
 * - STRING: strings, or null/undefined
 * - LIST<DOUBLE>: a FixedWidthList, or one array-like of numbers (or null) per row; non-finite elements
 *   become null elements
 */
export type ColumnValues =
  | ArrayLike<number | null | undefined>
  | ArrayLike<number | bigint | null | undefined>
  | ArrayLike<string | null | undefined>
  | ArrayLike<ArrayLike<number> | null | undefined>
  | FixedWidthList;

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/** The number of rows `values` can supply. */
export function valuesLength(values: ColumnValues): number {
  return isFixedWidthList(values)
    ? values.width > 0
      ? Math.floor(values.flat.length / values.width)
      : Infinity
    : values.length;
}

/**
 * Holds the rows of one column for the row group being built, in a representation that gives the Parquet
 * encoder the same values whatever way they arrived, so the encoded bytes depend only on the row values.
 *
 * DOUBLE columns are held unboxed, null as NaN (the one non-finite value a nullable DOUBLE keeps, as null).
 * Boxed, every value of a group (65 536 per column) lived for as long as the group took to fill, long enough
 * to be promoted into V8's old generation: writing 10⁶ trajectories, the heap peaked at ~115 MB, against
 * ~50 MB unboxed (issue 7). A group with a null goes to the encoder as the plain array with nulls it needs,
 * built only then; one without goes as the typed array, which the encoder writes to the same bytes.
 */
export class ColumnBuffer {
  readonly def: ColumnDef;
  private readonly store: Float64Array | Int32Array | BigInt64Array | unknown[];

  constructor(def: ColumnDef, capacity: number) {
    this.def = def;
    this.store = allocate(def, capacity);
  }

  /** Copies rows srcStart..srcStart+count−1 of `values` into rows at..at+count−1, validating each value. */
  fill(values: ColumnValues, srcStart: number, count: number, at: number): void {
    const { type, nullable } = this.def;
    if (type === 'LIST<DOUBLE>') {
      this.fillList(values, srcStart, count, at);
      return;
    }
    if (isFixedWidthList(values)) throw this.bad(srcStart, 'expected one value per row, got a FixedWidthList');
    const src = values as ArrayLike<unknown>;
    const store = this.store;
    switch (type) {
      case 'DOUBLE':
        for (let i = 0; i < count; i++) {
          const v = src[srcStart + i];
          if (typeof v === 'number' && Number.isFinite(v)) store[at + i] = v;
          else if (nullable && (v == null || typeof v === 'number')) store[at + i] = Number.NaN;
          else throw this.bad(srcStart + i, `expected a finite number, got ${describe(v)}`);
        }
        return;
      case 'INT32':
        for (let i = 0; i < count; i++) {
          const v = src[srcStart + i];
          if (typeof v === 'number' && Number.isInteger(v) && v >= INT32_MIN && v <= INT32_MAX) store[at + i] = v;
          else if (nullable && v == null) store[at + i] = null;
          else throw this.bad(srcStart + i, `expected a 32-bit integer, got ${describe(v)}`);
        }
        return;
      case 'INT64':
        for (let i = 0; i < count; i++) {
          const v = src[srcStart + i];
          if (typeof v === 'number' && Number.isSafeInteger(v)) store[at + i] = BigInt(v);
          else if (typeof v === 'bigint' && BigInt.asIntN(64, v) === v) store[at + i] = v;
          else if (nullable && v == null) store[at + i] = null;
          else throw this.bad(srcStart + i, `expected a 64-bit integer, got ${describe(v)}`);
        }
        return;
      case 'STRING':
        for (let i = 0; i < count; i++) {
          const v = src[srcStart + i];
          if (typeof v === 'string') store[at + i] = v;
          else if (nullable && v == null) store[at + i] = null;
          else throw this.bad(srcStart + i, `expected a string, got ${describe(v)}`);
        }
        return;
    }
  }

  /** The first `length` rows, for the encoder (the store itself when it is full and has no null). */
  data(length: number): DecodedArray {
    const store = this.store;
    if (this.def.type === 'DOUBLE' && this.def.nullable) {
      const values = store as Float64Array;
      let i = 0;
      while (i < length && !Number.isNaN(values[i])) i++;
      if (i < length) return Array.from(values.subarray(0, length), (v) => (Number.isNaN(v) ? null : v));
    }
    return (length === store.length ? store : store.slice(0, length)) as DecodedArray;
  }

  private fillList(values: ColumnValues, srcStart: number, count: number, at: number): void {
    const store = this.store as unknown[];
    if (isFixedWidthList(values)) {
      const { flat, width } = values;
      for (let i = 0; i < count; i++) store[at + i] = listRow(flat, (srcStart + i) * width, width);
      return;
    }
    const src = values as ArrayLike<unknown>;
    for (let i = 0; i < count; i++) {
      const v = src[srcStart + i];
      if (v == null) {
        if (!this.def.nullable) throw this.bad(srcStart + i, 'expected a list, got null');
        store[at + i] = null;
      } else if (typeof v === 'object' && typeof (v as ArrayLike<unknown>).length === 'number') {
        const row = v as ArrayLike<unknown>;
        for (let j = 0; j < row.length; j++) {
          if (typeof row[j] !== 'number') throw this.bad(srcStart + i, `list element ${j} is ${describe(row[j])}`);
        }
        store[at + i] = listRow(row as ArrayLike<number>, 0, row.length);
      } else {
        throw this.bad(srcStart + i, `expected a list, got ${describe(v)}`);
      }
    }
  }

  private bad(row: number, rule: string): ResultsError {
    return new ResultsError('BAD_VALUE', `column ${this.def.name} (${this.def.type}) row ${row}: ${rule}`, {
      details: { column: this.def.name, row },
    });
  }
}

export function isFixedWidthList(values: ColumnValues): values is FixedWidthList {
  return typeof (values as FixedWidthList).width === 'number' && (values as FixedWidthList).flat !== undefined;
}

function allocate(def: ColumnDef, capacity: number): Float64Array | Int32Array | BigInt64Array | unknown[] {
  if (def.type === 'DOUBLE') return new Float64Array(capacity);
  if (!def.nullable) {
    if (def.type === 'INT32') return new Int32Array(capacity);
    if (def.type === 'INT64') return new BigInt64Array(capacity);
  }
  return new Array<unknown>(capacity).fill(null);
}

/**
 * One list as the encoder wants it: a plain array (typed arrays are rejected by its Array.isArray check),
 * non-finite elements as null.
 */
function listRow(src: ArrayLike<number>, start: number, width: number): (number | null)[] {
  const row = new Array<number | null>(width);
  for (let j = 0; j < width; j++) {
    const v = src[start + j];
    row[j] = Number.isFinite(v) ? v : null;
  }
  return row;
}

function describe(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v === 'object' && v !== null) return Array.isArray(v) ? 'an array' : 'an object';
  return String(v);
}

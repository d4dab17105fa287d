import type { DecodedArray } from 'hyparquet';
import { ResultsError } from './errors.js';
import type { ColumnDef } from './schema.js';

/** Rows of a LIST<DOUBLE> column that all have `width` elements, stored back to back (row r at r·width). */
interface FixedWidthList {
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
/** Whether a BigInt64Array's low 32-bit word comes first (fillInt64 writes the words itself). */
const LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

/** The number of rows `values` can supply. */
export function valuesLength(values: ColumnValues): number {
  return isFixedWidthList(values)
    ? values.width > 0
      ? Math.floor(values.flat.length / values.width)
      : Infinity
    : values.length;
}

/**
 * Holds the rows of one column for the row group being built, typed and unboxed, so that the encoded bytes
 * depend only on the row values, whatever way they arrived.
 *
 * Values live in a typed array (DOUBLE: Float64Array, INT32: Int32Array, INT64: BigInt64Array), STRING and
 * LIST<DOUBLE> rows in a plain array. A nullable column also keeps `defined`, 1 where the row has a value and
 * 0 where it is null: the column's Parquet definition levels as they are written; a null row's value slot
 * holds 0 (null for STRING and LIST<DOUBLE>). Boxed, every value of a group (65 536 per column) lived for as
 * long as the group took to fill, long enough to be promoted into V8's old generation: writing 10⁶
 * trajectories, the heap peaked at ~115 MB, against ~50 MB unboxed. The typed arrays the engine
 * hands over (Float64Array into DOUBLE and INT64, Int32Array into INT32) are copied by loops of their own.
 */
export class ColumnBuffer {
  readonly def: ColumnDef;
  readonly values: Float64Array | Int32Array | BigInt64Array | unknown[];
  readonly defined: Uint8Array | null;

  constructor(def: ColumnDef, capacity: number) {
    this.def = def;
    this.values = allocate(def, capacity);
    this.defined = def.nullable ? new Uint8Array(capacity) : null;
  }

  /** Copies rows srcStart..srcStart+count−1 of `values` into rows at..at+count−1, validating each value. */
  fill(values: ColumnValues, srcStart: number, count: number, at: number): void {
    const { type } = this.def;
    if (type === 'LIST<DOUBLE>') {
      this.fillList(values, srcStart, count, at);
      return;
    }
    if (isFixedWidthList(values)) throw this.bad(srcStart, 'expected one value per row, got a FixedWidthList');
    if (type === 'DOUBLE' && values instanceof Float64Array) {
      this.fillDoubles(values, srcStart, count, at);
      return;
    }
    if (type === 'INT64' && values instanceof Float64Array && LITTLE_ENDIAN) {
      this.fillInt64(values, srcStart, count, at);
      return;
    }
    if (type === 'INT32' && values instanceof Int32Array) {
      // every Int32Array element is a valid INT32
      (this.values as Int32Array).set(values.subarray(srcStart, srcStart + count), at);
      this.defined?.fill(1, at, at + count);
      return;
    }
    const src = values as ArrayLike<unknown>;
    const defined = this.defined;
    switch (type) {
      case 'DOUBLE': {
        const store = this.values as Float64Array;
        for (let i = 0; i < count; i++) {
          const v = src[srcStart + i];
          if (typeof v === 'number' && Number.isFinite(v)) {
            store[at + i] = v;
            if (defined) defined[at + i] = 1;
          } else if (defined && (v == null || typeof v === 'number')) {
            store[at + i] = 0;
            defined[at + i] = 0;
          } else throw this.bad(srcStart + i, `expected a finite number, got ${describe(v)}`);
        }
        return;
      }
      case 'INT32': {
        const store = this.values as Int32Array;
        for (let i = 0; i < count; i++) {
          const v = src[srcStart + i];
          if (typeof v === 'number' && Number.isInteger(v) && v >= INT32_MIN && v <= INT32_MAX) {
            store[at + i] = v;
            if (defined) defined[at + i] = 1;
          } else if (defined && v == null) {
            store[at + i] = 0;
            defined[at + i] = 0;
          } else throw this.bad(srcStart + i, `expected a 32-bit integer, got ${describe(v)}`);
        }
        return;
      }
      case 'INT64': {
        const store = this.values as BigInt64Array;
        for (let i = 0; i < count; i++) {
          const v = src[srcStart + i];
          const present =
            typeof v === 'number' ? Number.isSafeInteger(v) : typeof v === 'bigint' && BigInt.asIntN(64, v) === v;
          if (present) {
            store[at + i] = BigInt(v as number | bigint);
            if (defined) defined[at + i] = 1;
          } else if (defined && v == null) {
            store[at + i] = 0n;
            defined[at + i] = 0;
          } else throw this.bad(srcStart + i, `expected a 64-bit integer, got ${describe(v)}`);
        }
        return;
      }
      case 'STRING': {
        const store = this.values as unknown[];
        for (let i = 0; i < count; i++) {
          const v = src[srcStart + i];
          if (typeof v === 'string') {
            store[at + i] = v;
            if (defined) defined[at + i] = 1;
          } else if (defined && v == null) {
            store[at + i] = null;
            defined[at + i] = 0;
          } else throw this.bad(srcStart + i, `expected a string, got ${describe(v)}`);
        }
        return;
      }
    }
  }

  /** `fill` for the common case, a Float64Array into a DOUBLE column: one monomorphic loop. */
  private fillDoubles(src: Float64Array, srcStart: number, count: number, at: number): void {
    const store = this.values as Float64Array;
    const defined = this.defined;
    for (let i = 0; i < count; i++) {
      const v = src[srcStart + i];
      if (v - v === 0) {
        store[at + i] = v;
        if (defined) defined[at + i] = 1;
      } else if (defined) {
        store[at + i] = 0;
        defined[at + i] = 0;
      } else throw this.bad(srcStart + i, `expected a finite number, got ${describe(v)}`);
    }
  }

  /**
   * `fill` for INT64 from a Float64Array (initialization indexes), which cannot hold a null: each safe
   * integer's two 32-bit words go straight into the BigInt64Array, without making a bigint per value.
   */
  private fillInt64(src: Float64Array, srcStart: number, count: number, at: number): void {
    const store = this.values as BigInt64Array;
    const words = new Int32Array(store.buffer, store.byteOffset, 2 * store.length);
    const defined = this.defined;
    for (let i = 0; i < count; i++) {
      const v = src[srcStart + i];
      if (Number.isSafeInteger(v)) {
        const high = Math.floor(v / 4294967296);
        words[2 * (at + i)] = v - high * 4294967296; // stored modulo 2³², as the low word's bits
        words[2 * (at + i) + 1] = high;
        if (defined) defined[at + i] = 1;
      } else throw this.bad(srcStart + i, `expected a 64-bit integer, got ${describe(v)}`);
    }
  }

  /**
   * The first `length` rows as hyparquet-writer's general encoder takes them (used for tables with a LIST
   * column): a typed array for a column that cannot be null, a plain array with nulls for one that can.
   */
  data(length: number): DecodedArray {
    const { values, defined } = this;
    if (defined && this.def.type !== 'STRING' && this.def.type !== 'LIST<DOUBLE>') {
      const out = new Array<unknown>(length);
      for (let i = 0; i < length; i++) out[i] = defined[i] ? values[i] : null;
      return out;
    }
    return (length === values.length ? values : values.slice(0, length)) as DecodedArray;
  }

  private fillList(values: ColumnValues, srcStart: number, count: number, at: number): void {
    const store = this.values as unknown[];
    if (isFixedWidthList(values)) {
      const { flat, width } = values;
      for (let i = 0; i < count; i++) store[at + i] = listRow(flat, (srcStart + i) * width, width);
      if (this.defined) this.defined.fill(1, at, at + count);
      return;
    }
    const src = values as ArrayLike<unknown>;
    for (let i = 0; i < count; i++) {
      const v = src[srcStart + i];
      if (v == null) {
        if (!this.defined) throw this.bad(srcStart + i, 'expected a list, got null');
        store[at + i] = null;
        this.defined[at + i] = 0;
      } else if (typeof v === 'object' && typeof (v as ArrayLike<unknown>).length === 'number') {
        const row = v as ArrayLike<unknown>;
        for (let j = 0; j < row.length; j++) {
          if (typeof row[j] !== 'number') throw this.bad(srcStart + i, `list element ${j} is ${describe(row[j])}`);
        }
        store[at + i] = listRow(row as ArrayLike<number>, 0, row.length);
        if (this.defined) this.defined[at + i] = 1;
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

function isFixedWidthList(values: ColumnValues): values is FixedWidthList {
  return typeof (values as FixedWidthList).width === 'number' && (values as FixedWidthList).flat !== undefined;
}

function allocate(def: ColumnDef, capacity: number): Float64Array | Int32Array | BigInt64Array | unknown[] {
  if (def.type === 'DOUBLE') return new Float64Array(capacity);
  if (def.type === 'INT32') return new Int32Array(capacity);
  if (def.type === 'INT64') return new BigInt64Array(capacity);
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

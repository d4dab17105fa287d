/**
 * Dictionaries for RLE_DICTIONARY column chunks: the distinct values of a chunk in order of first
 * appearance, and each value's index. Whether a chunk gets one follows hyparquet-writer's own rule: a
 * dictionary is kept when it and its bit-packed indexes take at most half the PLAIN bytes, and given up at
 * once when over 90% of a sample of the values are distinct (most measured doubles).
 *
 * Numbers go through an open-addressing table keyed by their 64-bit pattern rather than a Map: a Map boxes
 * every double it is asked about, and merges −0 with 0 (SameValueZero), which would change a value's sign.
 */

/** Values sampled, spread over a chunk, to give up a dictionary on mostly distinct values at once. */
const SAMPLE = 256;

/**
 * The most entries a numeric dictionary may have (indexes of ≤ 14 bits). It bounds the hash table
 * (~400 kB, one per Parquet file written) and the work spent on a chunk that passes the sample but is
 * distinct after all.
 */
export const MAX_NUMBER_ENTRIES = 16384;

/** Reusable state for numeric dictionaries. */
export class NumberDictionary {
  /** Entry i's value and the low and high words of its bit pattern. */
  private readonly entries: Float64Array;
  private readonly low: Int32Array;
  private readonly high: Int32Array;
  /** Entry index + 1 per slot; 0 is empty. */
  private readonly slots: Int32Array;
  private readonly scratch = new Float64Array(1);
  private readonly words = new Int32Array(this.scratch.buffer);
  private size = 0;

  constructor() {
    const maxEntries = MAX_NUMBER_ENTRIES;
    this.entries = new Float64Array(maxEntries);
    this.low = new Int32Array(maxEntries);
    this.high = new Int32Array(maxEntries);
    // a power of two at least twice the entries, so probe chains stay short
    this.slots = new Int32Array(2 * maxEntries);
  }

  /**
   * The dictionary of values[0..count−1] (each value's entry index into `indexes`), or null when PLAIN at
   * `plainWidth` bytes a value is the better choice.
   */
  build(values: Float64Array | Int32Array, count: number, indexes: Int32Array, plainWidth: number): number[] | null {
    if (count === 0 || mostlyDistinct(values, count)) return null;
    // past this many entries the dictionary alone takes half the PLAIN bytes
    const maxSize = Math.min(count >> 1, this.entries.length);
    const { slots, low, high, scratch, words } = this;
    const mask = slots.length - 1;
    if (this.size > 0) slots.fill(0);
    this.size = 0;
    let previous = Number.NaN; // no value is NaN: NaN is written as null
    let previousIndex = -1;
    for (let i = 0; i < count; i++) {
      const v = values[i];
      // runs (a step size, an exact zero) skip the lookup; 1/v tells −0 from 0
      if (v === previous && (v !== 0 || 1 / v === 1 / previous)) {
        indexes[i] = previousIndex;
        continue;
      }
      scratch[0] = v;
      const lo = words[0];
      const hi = words[1];
      let slot = mix(Math.imul(lo, 0x9e3779b1) ^ hi) & mask;
      let index = -1;
      for (;;) {
        const entry = slots[slot];
        if (entry === 0) break;
        if (low[entry - 1] === lo && high[entry - 1] === hi) {
          index = entry - 1;
          break;
        }
        slot = (slot + 1) & mask;
      }
      if (index < 0) {
        if (this.size === maxSize) return null;
        index = this.size++;
        this.entries[index] = v;
        low[index] = lo;
        high[index] = hi;
        slots[slot] = index + 1;
      }
      indexes[i] = previousIndex = index;
      previous = v;
    }
    return keeps(this.size, count, plainWidth) ? Array.from(this.entries.subarray(0, this.size)) : null;
  }
}

/** The dictionary of values[0..count−1] (each value's entry index into `indexes`); strings always get one. */
export function stringDictionary(values: readonly unknown[], count: number, indexes: Int32Array): string[] {
  const dictionary: string[] = [];
  const positions = new Map<string, number>();
  let previous: unknown;
  let previousIndex = -1;
  for (let i = 0; i < count; i++) {
    const v = values[i] as string;
    if (v === previous) {
      indexes[i] = previousIndex;
      continue;
    }
    let index = positions.get(v);
    if (index === undefined) {
      index = dictionary.length;
      dictionary.push(v);
      positions.set(v, index);
    }
    indexes[i] = previousIndex = index;
    previous = v;
  }
  return dictionary;
}

/**
 * MurmurHash3's finalizer: every input bit reaches the low bits the table uses (integers and short
 * fractions, as doubles, differ only in their high words).
 */
function mix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** The bit width of indexes into a dictionary of `size` entries. */
export function indexBitWidth(size: number): number {
  return 32 - Math.clz32(size - 1);
}

/** Whether a dictionary of `size` entries and its indexes take at most half the PLAIN bytes of `count` values. */
function keeps(size: number, count: number, plainWidth: number): boolean {
  const indexBytes = Math.ceil((count * indexBitWidth(size)) / 8);
  return 2 * (size * plainWidth + indexBytes) <= count * plainWidth;
}

/** Whether over 90% of SAMPLE values spread over values[0..count−1] are distinct. */
function mostlyDistinct(values: Float64Array | Int32Array, count: number): boolean {
  if (count < SAMPLE) return false;
  const seen = new Set<number>();
  for (let i = 0; i < SAMPLE; i++) seen.add(values[Math.floor((i * (count - 1)) / (SAMPLE - 1))]);
  return seen.size > 0.9 * SAMPLE;
}

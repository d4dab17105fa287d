/**
 * The exact median of a stream of doubles in bounded memory, so that a step
 * size with 10⁷ converged trajectories costs no more memory than one with 10³
 * (peak RSS flat in the number of trajectories).
 *
 * Values go to a fixed buffer, spilled to a temporary file whenever it fills.
 * The median is then found by a radix select (MSD radix sort's partition step
 * without the data movement; Knuth, TAOCP vol. 3, §5.2.5) on order-preserving
 * keys made from the IEEE-754 bit patterns: four passes of 16-bit digits, each
 * reading the values once, chunk by chunk, and counting those that share the
 * digits chosen so far. Memory is the buffer plus one 2¹⁶-entry histogram per
 * wanted rank, whatever the count. While nothing has been spilled, a sorted
 * copy of the buffer gives the ranks, so small counts never touch the disk.
 *
 * The result is bit for bit what sorting all the values and taking the middle
 * gives (the aggregator's median before it streamed): the order is
 * Float64Array.prototype.sort's (−0 before +0, every NaN last), and an even
 * count gives 0.5·(lower + upper middle value).
 */
import { appendFileSync, closeSync, openSync, readSync, rmSync } from 'node:fs';

/** 64 KiB per stream: three streams per open step size (the aggregator's medians). */
const DEFAULT_SPILL_CAPACITY = 8192;

const DIGIT_BITS = 16;
const BINS = 1 << DIGIT_BITS;
const PASSES = 64 / DIGIT_BITS;

// which 32-bit word of a double holds its sign and exponent, on this machine
const HIGH = new Uint8Array(Float64Array.of(-0).buffer)[7] === 0x80 ? 1 : 0;
const LOW = 1 - HIGH;

/** One order statistic being selected: the key digits fixed so far and the rank left within them. */
interface Selection {
  rank: number;
  wantHigh: number;
  wantLow: number;
  maskHigh: number;
  maskLow: number;
  readonly counts: Float64Array;
}

export class ExternalMedian {
  private readonly path: string;
  private readonly values: Float64Array;
  private readonly words: Uint32Array;
  private filled = 0;
  private spilled = 0;

  /**
   * @param spillPath the temporary file used once more than `capacity` values arrive; created only then,
   *   removed by `dispose()` (a name with `.tmp-` in it, so a crashed run's leftovers get cleaned up)
   * @param capacity values held in memory
   */
  constructor(spillPath: string, capacity = DEFAULT_SPILL_CAPACITY) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new Error(`capacity must be a positive integer, got ${capacity}`);
    this.path = spillPath;
    this.values = new Float64Array(capacity);
    this.words = new Uint32Array(this.values.buffer);
  }

  get length(): number {
    return this.spilled + this.filled;
  }

  push(value: number): void {
    if (this.filled === this.values.length) this.spill();
    this.values[this.filled++] = value;
  }

  /** The median of every value pushed so far; NaN when there are none. */
  median(): number {
    const n = this.length;
    if (n === 0) return Number.NaN;
    const mid = n >> 1;
    if (n % 2 === 1) return this.select([mid])[0];
    const [below, above] = this.select([mid - 1, mid]);
    return 0.5 * (below + above);
  }

  /** Removes the spill file, if any; the values are gone afterwards. */
  dispose(): void {
    if (this.spilled > 0) rmSync(this.path, { force: true });
    this.spilled = 0;
    this.filled = 0;
  }

  /** The values of the given 0-based ranks in sorted order. */
  private select(ranks: readonly number[]): number[] {
    if (this.spilled === 0) {
      // all in the buffer: sorting a copy is the definition itself, and at these counts far cheaper than
      // the passes' 2¹⁶-entry histograms
      const sorted = this.values.slice(0, this.filled).sort();
      return ranks.map((rank) => sorted[rank]);
    }
    const selections: Selection[] = ranks.map((rank) => ({
      rank,
      wantHigh: 0,
      wantLow: 0,
      maskHigh: 0,
      maskLow: 0,
      counts: new Float64Array(BINS),
    }));
    for (let pass = 0; pass < PASSES; pass++) {
      // digits from the most significant: high word first, upper half first
      const inHigh = pass < PASSES / 2;
      const shift = pass % 2 === 0 ? DIGIT_BITS : 0;
      for (const s of selections) s.counts.fill(0);
      this.forEachChunk((words, count) => countDigits(words, count, selections, inHigh, shift));
      for (const s of selections) {
        let digit = 0;
        while (s.rank >= s.counts[digit]) s.rank -= s.counts[digit++];
        const fixed = (BINS - 1) << shift;
        if (inHigh) {
          s.wantHigh |= digit << shift;
          s.maskHigh |= fixed;
        } else {
          s.wantLow |= digit << shift;
          s.maskLow |= fixed;
        }
      }
    }
    return selections.map((s) => valueOfKey(s.wantHigh >>> 0, s.wantLow >>> 0));
  }

  /** Calls `f` on the 32-bit words of every value, a buffer at a time. */
  private forEachChunk(f: (words: Uint32Array, count: number) => void): void {
    if (this.spilled === 0) {
      f(this.words, this.filled);
      return;
    }
    // everything on disk, so the buffer is free to read into
    this.spill();
    const bytes = new Uint8Array(this.values.buffer);
    const fd = openSync(this.path, 'r');
    try {
      for (let done = 0; done < this.spilled; ) {
        const count = Math.min(this.values.length, this.spilled - done);
        let got = 0;
        while (got < count * 8) {
          const n = readSync(fd, bytes, got, count * 8 - got, done * 8 + got);
          if (n === 0) throw new Error(`${this.path} ends after ${done * 8 + got} bytes, expected ${this.spilled * 8}`);
          got += n;
        }
        f(this.words, count);
        done += count;
      }
    } finally {
      closeSync(fd);
    }
  }

  private spill(): void {
    if (this.filled === 0) return;
    appendFileSync(this.path, new Uint8Array(this.values.buffer, 0, this.filled * 8));
    this.spilled += this.filled;
    this.filled = 0;
  }
}

/** One pass: counts, per selection, the digit of every key that matches its fixed digits. */
function countDigits(
  words: Uint32Array,
  count: number,
  selections: readonly Selection[],
  inHigh: boolean,
  shift: number,
): void {
  for (let i = 0; i < count; i++) {
    let high = words[2 * i + HIGH];
    let low = words[2 * i + LOW];
    if ((high & 0x7ff00000) === 0x7ff00000 && ((high & 0xfffff) | low) !== 0) {
      // every NaN sorts last, whatever its sign and payload
      high = 0xffffffff;
      low = 0xffffffff;
    } else if (high & 0x80000000) {
      // negative: larger magnitudes sort first
      high = ~high;
      low = ~low;
    } else {
      // non-negative: above every negative (so −0 < +0)
      high |= 0x80000000;
    }
    const digit = ((inHigh ? high : low) >>> shift) & (BINS - 1);
    for (const s of selections) {
      if ((high & s.maskHigh) === s.wantHigh && (low & s.maskLow) === s.wantLow) s.counts[digit]++;
    }
  }
}

const scratch = new Float64Array(1);
const scratchWords = new Uint32Array(scratch.buffer);

/** The double whose key is (high, low): the inverse of the mapping in countDigits (NaN's key gives a NaN). */
function valueOfKey(high: number, low: number): number {
  if (high & 0x80000000) {
    scratchWords[HIGH] = high ^ 0x80000000;
    scratchWords[LOW] = low;
  } else {
    scratchWords[HIGH] = ~high;
    scratchWords[LOW] = ~low;
  }
  return scratch[0];
}

/**
 * Column chunks of flat columns (DOUBLE, INT32, INT64, STRING; required or optional), encoded straight from
 * a ColumnBuffer's typed arrays: one uncompressed DATA_PAGE_V2 per chunk (≤ 512 kB at the default row group
 * size), its values RLE_DICTIONARY when
 * they repeat enough (step sizes, outcomes, periods, exact zeros), else PLAIN. (DELTA_BINARY_PACKED would
 * shrink the sorted `trajectory` column from 8 bytes a row to almost nothing, but polars before 1.0 cannot
 * read it for INT64: pola-rs/polars#15214.)
 *
 * Why not hyparquet-writer's general column encoder: it takes ~3 µs per 15-column trajectory row, ~3 s for
 * 10⁶ rows, a quarter of a run whose trajectories end in ~20 steps. Its time goes to work a flat
 * column does not need: the row group copied again per column and per page, a boxed definition level per
 * row, statistics and dictionary lookups through generic comparisons (a boxed number per Map lookup),
 * values written one at a time through a DataView, and Snappy in JavaScript (2.5–16 ns a byte, for no gain on
 * the measured doubles, which are almost all distinct). On this kind of virtual machine every fresh 512 kB
 * buffer also costs ~0.5–1.5 ms of page faults. Here a PLAIN chunk is a block copy of the typed array, and
 * every buffer is reused from one row group to the next. Page headers, the RLE/bit-packed hybrid, PLAIN
 * dictionary pages and the footer are still hyparquet-writer's.
 *
 * The bytes depend only on the rows: the encoding is chosen from the values, and dictionary entries come in
 * order of first appearance.
 */
import type { ParquetWriter, Writer } from 'hyparquet-writer';
import { ByteWriter } from 'hyparquet-writer';
import { writePageHeader } from 'hyparquet-writer/src/datapage.js';
import { writeRleBitPackedHybrid } from 'hyparquet-writer/src/encoding.js';
import { writePlain } from 'hyparquet-writer/src/plain.js';
import type { ColumnBuffer } from './column-buffer.js';
import { indexBitWidth, NumberDictionary, stringDictionary } from './dictionary.js';
import type { ColumnDef } from './schema.js';

/** Column chunk metadata as the ParquetWriter that writes the footer holds it. */
export type ColumnChunk = ParquetWriter['row_groups'][number]['columns'][number];
type ColumnMetaData = NonNullable<ColumnChunk['meta_data']>;
type Encoding = ColumnMetaData['encodings'][number];
type PhysicalType = 'DOUBLE' | 'INT32' | 'INT64' | 'BYTE_ARRAY';
/** hyparquet-writer writes `nan_count` (Parquet's Statistics field 9) when it is present. */
type Statistics = NonNullable<ColumnMetaData['statistics']> & { nan_count?: bigint };
type Range = Pick<Statistics, 'min_value' | 'max_value'>;
type Values = Float64Array | Int32Array | BigInt64Array | unknown[];

/** How a chunk's values are written, and their range for the statistics. */
interface Choice extends Range {
  encoding: Encoding;
  dictionary?: unknown[];
}

/** Parquet is little-endian; typed arrays are in the platform's order, copied as they are only when it agrees. */
const LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;
const utf8 = new TextEncoder();

/**
 * Writes column chunks, one column after another, reusing its scratch buffers across columns and row groups
 * (one writer per table: a fresh 512 kB buffer per chunk would cost more than encoding it).
 */
export class ColumnChunkWriter {
  /** The page being built: levels, then values. */
  private readonly page = new ByteWriter(1 << 16);
  /** The dictionary index of each non-null value. */
  private indexes = new Int32Array(0);
  private readonly numbers = new NumberDictionary();
  /** The non-null values of a chunk with nulls, packed to the front, by column type. */
  private readonly packed = new Map<ColumnDef['type'], Values>();

  /** Writes rows 0..length−1 of `buffer` (a flat column) as one column chunk at the writer's offset. */
  write(out: Writer, buffer: ColumnBuffer, length: number): ColumnChunk {
    const { def, defined } = buffer;
    if (def.type === 'LIST<DOUBLE>') throw new Error(`column ${def.name}: LIST<DOUBLE> is not a flat column`);
    const type: PhysicalType = def.type === 'STRING' ? 'BYTE_ARRAY' : def.type;
    const page = this.page;
    if (this.indexes.length < length) this.indexes = new Int32Array(buffer.values.length);
    const { values, count } = this.presentValues(buffer, length);
    const { encoding, dictionary, min_value, max_value } = this.choose(def.type, values, count);
    const chunkStart = out.offset;
    let uncompressedSize = 0;

    let dictionaryPageOffset: bigint | undefined;
    if (dictionary) {
      dictionaryPageOffset = BigInt(out.offset);
      resetWriter(page);
      writePlain(page, dictionary, type, undefined);
      uncompressedSize += this.flushPage(out, {
        type: 'DICTIONARY_PAGE',
        uncompressed_page_size: page.offset,
        compressed_page_size: page.offset,
        dictionary_page_header: { num_values: dictionary.length, encoding: 'PLAIN' },
      });
    }

    const dataPageOffset = BigInt(out.offset);
    resetWriter(page);
    let levelBytes = 0;
    if (defined && (count === length || count === 0) && length >= 8) {
      // no null, or only nulls: one RLE run, as writeRleBitPackedHybrid writes it, without scanning the levels
      page.appendVarInt(length << 1);
      page.appendUint8(count === 0 ? 0 : 1);
      levelBytes = page.offset;
    } else if (defined) {
      levelBytes = writeRleBitPackedHybrid(page, defined.subarray(0, length), 1);
    }
    if (dictionary) {
      const bitWidth = indexBitWidth(dictionary.length);
      page.appendUint8(bitWidth);
      writeRleBitPackedHybrid(page, this.indexes.subarray(0, count), bitWidth);
    } else {
      writePlainValues(page, values, count, type);
    }
    uncompressedSize += this.flushPage(out, {
      type: 'DATA_PAGE_V2',
      uncompressed_page_size: page.offset,
      compressed_page_size: page.offset,
      data_page_header_v2: {
        num_values: length,
        num_nulls: length - count,
        num_rows: length,
        encoding,
        definition_levels_byte_length: levelBytes,
        repetition_levels_byte_length: 0,
        is_compressed: false,
      },
    });

    const statistics: Statistics = {
      min_value,
      max_value,
      null_count: BigInt(length - count),
      nan_count: def.type === 'DOUBLE' ? 0n : undefined, // NaN is written as null
    };
    return {
      file_offset: BigInt(chunkStart),
      meta_data: {
        type,
        encodings: dictionary ? ['PLAIN', encoding] : [encoding],
        path_in_schema: [def.name],
        codec: 'UNCOMPRESSED',
        num_values: BigInt(length),
        total_uncompressed_size: BigInt(uncompressedSize),
        total_compressed_size: BigInt(out.offset - chunkStart),
        data_page_offset: dataPageOffset,
        dictionary_page_offset: dictionaryPageOffset,
        statistics,
        encoding_stats: [
          ...(dictionary ? [{ page_type: 'DICTIONARY_PAGE' as const, encoding: 'PLAIN' as const, count: 1 }] : []),
          { page_type: 'DATA_PAGE_V2', encoding, count: 1 },
        ],
      },
    };
  }

  /** The encoding of values[0..count−1], with their dictionary if it has one, and their range. */
  private choose(type: ColumnDef['type'], values: Values, count: number): Choice {
    if (count === 0) return { encoding: 'PLAIN' };
    switch (type) {
      case 'STRING': {
        const dictionary = stringDictionary(values as unknown[], count, this.indexes);
        return { encoding: 'RLE_DICTIONARY', dictionary, ...stringRange(dictionary) };
      }
      case 'INT64':
        return { encoding: 'PLAIN', ...bigintRange(values as BigInt64Array, count) };
      default: {
        const numbers = values as Float64Array | Int32Array;
        const dictionary = this.numbers.build(numbers, count, this.indexes, numbers.BYTES_PER_ELEMENT);
        return dictionary
          ? { encoding: 'RLE_DICTIONARY', dictionary, ...numberRange(dictionary, dictionary.length) }
          : { encoding: 'PLAIN', ...numberRange(numbers, count) };
      }
    }
  }

  /** The non-null values of rows 0..length−1, in order, and how many there are. */
  private presentValues(buffer: ColumnBuffer, length: number): { values: Values; count: number } {
    const { values, defined } = buffer;
    if (!defined) return { values, count: length };
    let count = 0;
    for (let i = 0; i < length; i++) count += defined[i];
    if (count === length) return { values, count };
    let packed = this.packed.get(buffer.def.type);
    if (!packed || packed.length < length) {
      packed = emptyLike(values, values.length);
      this.packed.set(buffer.def.type, packed);
    }
    const to = packed as unknown[];
    const from = values as unknown[];
    for (let i = 0, j = 0; i < length; i++) if (defined[i]) to[j++] = from[i];
    return { values: packed, count };
  }

  /** Writes a page header and the page built in `this.page`; returns the bytes written. */
  private flushPage(out: Writer, header: Parameters<typeof writePageHeader>[1]): number {
    const start = out.offset;
    writePageHeader(out, header);
    out.appendBytes(new Uint8Array(this.page.buffer, 0, this.page.index));
    return out.offset - start;
  }
}

/** The range as hyparquet-writer's statistics take it: a zero min is −0 and a zero max +0. */
function numberRange(values: ArrayLike<number>, count: number): Range {
  let min = values[0];
  let max = min;
  for (let i = 1; i < count; i++) {
    const v = values[i];
    if (v < min) min = v;
    else if (v > max) max = v;
  }
  return { min_value: min === 0 ? -0 : min, max_value: max === 0 ? 0 : max };
}

/** The range of INT64 values, compared by their 32-bit words (reading a bigint out of the array allocates one). */
function bigintRange(values: BigInt64Array, count: number): Range {
  if (!LITTLE_ENDIAN) {
    const sorted = BigInt64Array.from(values.subarray(0, count)).sort();
    return { min_value: sorted[0], max_value: sorted[count - 1] };
  }
  const words = new Int32Array(values.buffer, values.byteOffset, 2 * count);
  // a − b < 0 as signed high words, then unsigned low words
  const below = (a: number, b: number) =>
    words[2 * a + 1] < words[2 * b + 1] ||
    (words[2 * a + 1] === words[2 * b + 1] && words[2 * a] >>> 0 < words[2 * b] >>> 0);
  let min = 0;
  let max = 0;
  for (let i = 1; i < count; i++) {
    if (below(i, min)) min = i;
    else if (below(max, i)) max = i;
  }
  return { min_value: values[min], max_value: values[max] };
}

/** Strings compare in UTF-8 byte order, as Parquet orders them (not JavaScript's UTF-16 order). */
function stringRange(values: readonly string[]): Range {
  const bytes = values.map((v) => utf8.encode(v));
  let min = 0;
  let max = 0;
  for (let i = 1; i < values.length; i++) {
    if (compareBytes(bytes[i], bytes[min]) < 0) min = i;
    if (compareBytes(bytes[i], bytes[max]) > 0) max = i;
  }
  return { min_value: values[min], max_value: values[max] };
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

/** PLAIN values: a block copy of the typed array (value by value on a big-endian platform). */
function writePlainValues(page: ByteWriter, values: Values, count: number, type: PhysicalType): void {
  if (Array.isArray(values) || !LITTLE_ENDIAN) {
    writePlain(page, values.slice(0, count), type, undefined);
    return;
  }
  page.appendBytes(new Uint8Array(values.buffer, values.byteOffset, count * values.BYTES_PER_ELEMENT));
}

function resetWriter(writer: ByteWriter): void {
  writer.index = 0;
  writer.offset = 0;
}

function emptyLike(like: Values, capacity: number): Values {
  if (like instanceof Float64Array) return new Float64Array(capacity);
  if (like instanceof Int32Array) return new Int32Array(capacity);
  if (like instanceof BigInt64Array) return new BigInt64Array(capacity);
  return new Array<unknown>(capacity).fill(null);
}

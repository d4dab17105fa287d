/**
 * Data from a CSV file: a header `x1..x<d_in>,y1..y<d_out>` (any column
 * order), then one sample per line. Read line by line, so a large file is
 * never held in memory as one string; the numbers go into a growing
 * Float64Array and are transposed into X (d_in × n) and Y (d_out × n) once.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { DataMatrices } from '@eos-sweep/core';
import { ConfigError } from './errors.js';
import { LIMITS } from './schema.js';

const FIELD = 'data.path';

/** A decimal number as written by pandas, numpy, R or a spreadsheet. */
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const NON_FINITE = /^[+-]?(?:nan|inf|infinity)$/i;
const COLUMN = /^([xy])([1-9]\d*)$/;

interface Header {
  readonly dIn: number;
  readonly dOut: number;
  /** For column c of the file: its slot in a sample [x1..x_dIn, y1..y_dOut]. */
  readonly slot: Int32Array;
  readonly names: readonly string[];
}

/**
 * Parse `file` (already checked to exist and to be small enough); `shown` is
 * the path as the user wrote it, for messages.
 */
export async function readCsvData(file: string, shown: string): Promise<DataMatrices> {
  const fail = (rule: string) => new ConfigError(FIELD, `${FIELD}: ${shown}: ${rule}`);
  const stream = createReadStream(file, { encoding: 'utf8' });
  const lines = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });

  let header: Header | undefined;
  let width = 0;
  let buffer = new Float64Array(0);
  let n = 0;
  let lineNo = 0;
  try {
    for await (const raw of lines) {
      lineNo++;
      const line = lineNo === 1 && raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
      if (line.trim() === '') continue;
      const cells = line.split(',');
      if (header === undefined) {
        header = parseHeader(cells, fail);
        width = header.dIn + header.dOut;
        buffer = new Float64Array(width * 1024);
        continue;
      }
      if (cells.length !== width) {
        throw fail(`line ${lineNo} has ${cells.length} cells, the header has ${width} (every row needs all columns)`);
      }
      if (n >= LIMITS.samples) throw fail(`more than ${LIMITS.samples} samples (sanity limit)`);
      if ((n + 1) * width > buffer.length) {
        const grown = new Float64Array(buffer.length * 2);
        grown.set(buffer);
        buffer = grown;
      }
      const base = n * width;
      for (let c = 0; c < width; c++) {
        buffer[base + header.slot[c]] = parseCell(cells[c], lineNo, c, header.names[c], fail);
      }
      n++;
    }
  } finally {
    lines.close();
    stream.destroy();
  }

  if (header === undefined) throw fail('the file is empty (expected a header x1..x<d_in>,y1..y<d_out>)');
  if (n === 0) throw fail('the file has a header but no data rows');
  const { dIn, dOut } = header;
  if (Math.max(dIn, dOut) * n > LIMITS.dataEntries) {
    throw fail(`max(d_in, d_out) × n must be at most ${LIMITS.dataEntries} (sanity limit)`);
  }
  const X = new Float64Array(dIn * n);
  const Y = new Float64Array(dOut * n);
  for (let k = 0; k < n; k++) {
    const base = k * width;
    for (let i = 0; i < dIn; i++) X[i * n + k] = buffer[base + i];
    for (let o = 0; o < dOut; o++) Y[o * n + k] = buffer[base + dIn + o];
  }
  return { dIn, dOut, n, X, Y };
}

function unquote(cell: string): string {
  const t = cell.trim();
  return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1).trim() : t;
}

function parseHeader(cells: readonly string[], fail: (rule: string) => ConfigError): Header {
  const rule = 'the header must name the columns x1..x<d_in> and y1..y<d_out> (no gaps, each once)';
  const names = cells.map(unquote);
  const xs = new Map<number, number>();
  const ys = new Map<number, number>();
  names.forEach((name, c) => {
    const match = COLUMN.exec(name);
    if (match === null) throw fail(`${rule}; column ${c + 1} is ${JSON.stringify(name.slice(0, 40))}`);
    const index = Number(match[2]);
    const seen = match[1] === 'x' ? xs : ys;
    if (seen.has(index)) throw fail(`${rule}; ${name} appears twice`);
    seen.set(index, c);
  });
  for (const [letter, seen] of [
    ['x', xs],
    ['y', ys],
  ] as const) {
    if (seen.size === 0) throw fail(`${rule}; there is no ${letter}1 column`);
    if (seen.size > LIMITS.width) throw fail(`at most ${LIMITS.width} ${letter} columns (sanity limit)`);
    for (let i = 1; i <= seen.size; i++) {
      if (!seen.has(i)) throw fail(`${rule}; ${letter}${i} is missing`);
    }
  }
  const slot = new Int32Array(names.length);
  for (const [i, c] of xs) slot[c] = i - 1;
  for (const [j, c] of ys) slot[c] = xs.size + j - 1;
  return { dIn: xs.size, dOut: ys.size, slot, names };
}

function parseCell(
  cell: string,
  lineNo: number,
  column: number,
  name: string,
  fail: (rule: string) => ConfigError,
): number {
  const text = unquote(cell);
  const where = `line ${lineNo}, column ${column + 1} (${name})`;
  const shown = JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
  if (NON_FINITE.test(text)) throw fail(`${where} is not a finite number: ${shown}`);
  if (!NUMBER.test(text)) throw fail(`${where} is not a number: ${shown}`);
  const value = Number(text);
  if (!Number.isFinite(value)) throw fail(`${where} is not a finite number: ${shown}`);
  return value;
}

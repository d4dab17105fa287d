/**
 * A basin map's map.parquet as an OutcomeGrid: only the columns i, j (pixel
 * indices from 0) and outcome are read, so a map written by another tool
 * works too; the size is the largest i and j plus one, and every pixel
 * must occur exactly once. Outcomes are labelled in the order of the
 * engine's outcome list (so `converged` has its code), other names after
 * them.
 */
import { stat } from 'node:fs/promises';
import { OUTCOMES } from '@eos-sweep/core';
import { readColumns } from '@eos-sweep/results';
import { EngineError } from '../errors.js';
import { basinGrid, type OutcomeGrid } from './outcome-grid.js';

const MAP_COLUMNS = ['i', 'j', 'outcome'] as const;

/** The largest map a grid may have: 8192² pixels, like `eos-sweep map`. */
const MAX_SIDE = 8192;

function pixelIndex(value: unknown, column: string, path: string): number {
  const v = typeof value === 'bigint' ? Number(value) : value;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v >= MAX_SIDE) {
    throw new EngineError(
      'CONFIG_INVALID',
      `${path}: column ${column} must hold integers 0…${MAX_SIDE - 1}, found ${String(value)}`,
    );
  }
  return v;
}

export async function readOutcomeGrid(path: string): Promise<OutcomeGrid & { outcomes: string[] }> {
  if (!(await stat(path).catch(() => null))?.isFile()) {
    throw new EngineError('RUN_DIR', `${path}: no such file; give a directory holding map.parquet`);
  }
  let width = 0;
  let height = 0;
  let rows = 0;
  for await (const chunk of readColumns(path, ['i', 'j'])) {
    for (let r = 0; r < chunk.rowCount; r++) {
      width = Math.max(width, pixelIndex(chunk.columns.i[r], 'i', path) + 1);
      height = Math.max(height, pixelIndex(chunk.columns.j[r], 'j', path) + 1);
    }
    rows += chunk.rowCount;
  }
  if (rows === 0) throw new EngineError('CONFIG_INVALID', `${path}: the map has no rows`);
  if (rows !== width * height) {
    throw new EngineError(
      'CONFIG_INVALID',
      `${path}: ${rows} rows for a ${width}×${height} map (the largest i and j); every pixel must occur once`,
    );
  }
  const outcomes: string[] = [...OUTCOMES];
  const code = new Map(outcomes.map((o, k) => [o, k]));
  const labels = new Uint8Array(width * height);
  const seen = new Uint8Array(width * height);
  for await (const chunk of readColumns(path, MAP_COLUMNS)) {
    for (let r = 0; r < chunk.rowCount; r++) {
      const q = pixelIndex(chunk.columns.i[r], 'i', path) + pixelIndex(chunk.columns.j[r], 'j', path) * width;
      const name = chunk.columns.outcome[r];
      if (typeof name !== 'string') {
        throw new EngineError('CONFIG_INVALID', `${path}: column outcome must hold names, found ${String(name)}`);
      }
      if (seen[q])
        throw new EngineError('CONFIG_INVALID', `${path}: pixel (${q % width}, ${Math.floor(q / width)}) occurs twice`);
      seen[q] = 1;
      let label = code.get(name);
      if (label === undefined) {
        if (outcomes.length === 255)
          throw new EngineError('CONFIG_INVALID', `${path}: more than 255 different outcomes`);
        label = outcomes.length;
        outcomes.push(name);
        code.set(name, label);
      }
      labels[q] = label;
    }
  }
  return { ...basinGrid(width, height, labels), outcomes };
}

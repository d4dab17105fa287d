/**
 * The data matrices a resolved `data` config describes: point, inline and
 * random data are built by core; files (.csv, .json) are read here.
 */
import { stat } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { type DataMatrices, matrixData, pointData, randomData } from '@eos-sweep/core';
import { readCsvData } from './csv.js';
import { ConfigError, isConfigError } from './errors.js';
import { fallbackErrorMap, issuesToError } from './issues.js';
import { parseJson, readText, stripBom } from './load.js';
import { type DataConfig, isPlainObject, matricesSchema } from './schema.js';

/** Data files above this size are refused unless `maxBytes` says otherwise. */
const DEFAULT_MAX_DATA_BYTES = 1024 ** 3;

export interface LoadDataOptions {
  /** Largest data file accepted, in bytes (default 1 GiB). */
  maxBytes?: number;
}

const FIELD = 'data.path';

/**
 * Build or read the data of a resolved config. `baseDir` is the directory a
 * relative `data.path` is resolved against: the config file's directory.
 */
export async function loadData(
  data: DataConfig,
  baseDir: string,
  options: LoadDataOptions = {},
): Promise<DataMatrices> {
  switch (data.kind) {
    case 'point':
      return pointData(data.x, data.y);
    case 'inline':
      return matrixData(data.X, data.Y);
    case 'random':
      try {
        return randomData(data);
      } catch (error) {
        // Whitening needs X Xᵀ/n invertible; n ≥ dIn is checked, but n = dIn may still be singular.
        const reason = error instanceof Error ? error.message : String(error);
        throw new ConfigError('data.whiten', `data.whiten: ${reason}`, { cause: error });
      }
    case 'file':
      return loadDataFile(data.path, baseDir, options.maxBytes ?? DEFAULT_MAX_DATA_BYTES);
  }
}

async function loadDataFile(shown: string, baseDir: string, maxBytes: number): Promise<DataMatrices> {
  const file = resolve(baseDir, shown);
  const ext = extname(file).toLowerCase();
  if (ext !== '.csv' && ext !== '.json') {
    throw new ConfigError(FIELD, `${FIELD}: ${shown}: a data file must end in .csv or .json`);
  }
  let size: number;
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new ConfigError(FIELD, `${FIELD}: ${shown} is not a file`);
    size = info.size;
  } catch (error) {
    if (isConfigError(error)) throw error;
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      const where = file === shown ? '' : ` (looked for ${file})`;
      throw new ConfigError(FIELD, `${FIELD}: file not found: ${shown}${where}`, { cause: error });
    }
    throw new ConfigError(FIELD, `${FIELD}: cannot read ${shown}: ${(error as Error).message}`, { cause: error });
  }
  if (size === 0) throw new ConfigError(FIELD, `${FIELD}: ${shown}: the file is empty`);
  if (size > maxBytes) {
    throw new ConfigError(
      FIELD,
      `${FIELD}: ${shown} is ${formatBytes(size)}, above the ${formatBytes(maxBytes)} limit for data files`,
    );
  }
  try {
    return ext === '.csv' ? await readCsvData(file, shown) : await readJsonData(file, shown);
  } catch (error) {
    if (isConfigError(error)) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConfigError(FIELD, `${FIELD}: cannot read ${shown}: ${reason}`, { cause: error });
  }
}

/** `{"X": [[...]], "Y": [[...]]}`, the layout of `data.kind: inline`. */
async function readJsonData(file: string, shown: string): Promise<DataMatrices> {
  const text = stripBom(await readText(file, 'data file', FIELD));
  if (text.trim() === '') throw new ConfigError(FIELD, `${FIELD}: ${shown}: the file is empty`);
  const raw = parseJson(text, shown, FIELD);
  if (!isPlainObject(raw)) {
    throw new ConfigError(FIELD, `${FIELD}: ${shown}: must hold a mapping {"X": [[...]], "Y": [[...]]}`);
  }
  const result = matricesSchema.safeParse(raw, { reportInput: true, error: fallbackErrorMap });
  if (!result.success) {
    const inner = issuesToError(result.error.issues, raw);
    throw new ConfigError(FIELD, `${FIELD}: ${shown}: ${inner.message}`);
  }
  return matrixData(result.data.X, result.data.Y);
}

function formatBytes(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} bytes` : `${Number(value.toPrecision(3))} ${units[unit]}`;
}

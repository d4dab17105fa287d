import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadData } from './data.js';
import { ConfigError } from './errors.js';
import { resolveConfig } from './load.js';
import type { DataConfig } from './schema.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'eos-config-data-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function write(name: string, text: string): Promise<string> {
  await writeFile(join(dir, name), text);
  return name;
}

const file = (path: string): DataConfig => ({ kind: 'file', path });

async function dataError(data: DataConfig, maxBytes?: number): Promise<ConfigError> {
  const error = await loadData(data, dir, { maxBytes }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConfigError);
  const configError = error as ConfigError;
  expect(configError.field).toBe('data.path');
  expect(configError.message).toMatch(/^data\.path: /);
  expect(configError.message).not.toMatch(/[\r\n]/);
  return configError;
}

describe('loadData: point, inline, random', () => {
  it('builds the default point', async () => {
    const data = await loadData(resolveConfig(undefined).data, dir);
    expect(data).toEqual({ dIn: 1, dOut: 1, n: 1, X: Float64Array.of(1), Y: Float64Array.of(1) });
  });

  it('lays inline data out as d × n row-major', async () => {
    const config = resolveConfig({
      data: {
        kind: 'inline',
        X: [
          [1, 2, 3],
          [4, 5, 6],
        ],
        Y: [[7, 8, 9]],
      },
    });
    const data = await loadData(config.data, dir);
    expect(data.dIn).toBe(2);
    expect(data.dOut).toBe(1);
    expect(data.n).toBe(3);
    expect(Array.from(data.X)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(Array.from(data.Y)).toEqual([7, 8, 9]);
  });

  it('draws random data from its own seed', async () => {
    const config = resolveConfig({ data: { kind: 'random', dIn: 3, dOut: 2, n: 10, whiten: true, seed: 5 } });
    const a = await loadData(config.data, dir);
    const b = await loadData(config.data, dir);
    expect(a.X).toEqual(b.X);
    expect([a.dIn, a.dOut, a.n, a.X.length, a.Y.length]).toEqual([3, 2, 10, 30, 20]);
    // whitened: X Xᵀ/n = I
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        let s = 0;
        for (let k = 0; k < 10; k++) s += a.X[i * 10 + k] * a.X[j * 10 + k];
        expect(s / 10).toBeCloseTo(i === j ? 1 : 0, 10);
      }
    }
  });
});

describe('loadData: CSV files', () => {
  it('reads a good file, columns in any order, relative to baseDir', async () => {
    await write('good.csv', 'y1,x2,x1\n7,4,1\n\n8,5,2\r\n9,6,3\n');
    const data = await loadData(file('good.csv'), dir);
    expect(data).toEqual({
      dIn: 2,
      dOut: 1,
      n: 3,
      X: Float64Array.of(1, 2, 3, 4, 5, 6),
      Y: Float64Array.of(7, 8, 9),
    });
  });

  it('accepts a BOM, quoted names, spaces and exponents', async () => {
    await write('excel.csv', '\uFEFF"x1", "y1","y2"\n 1.5e-3 ,-2,+.5\n');
    const data = await loadData(file('excel.csv'), dir);
    expect(data).toEqual({ dIn: 1, dOut: 2, n: 1, X: Float64Array.of(0.0015), Y: Float64Array.of(-2, 0.5) });
  });

  it('reads a file with more rows than the initial buffer', async () => {
    const rows = Array.from({ length: 3000 }, (_, k) => `${k},${2 * k}`);
    await write('long.csv', `x1,y1\n${rows.join('\n')}\n`);
    const data = await loadData(file('long.csv'), dir);
    expect(data.n).toBe(3000);
    expect(data.X[2999]).toBe(2999);
    expect(data.Y[2999]).toBe(5998);
  });

  it('reports a missing file', async () => {
    const error = await dataError(file('nope.csv'));
    expect(error.message).toMatch(/^data\.path: file not found: nope\.csv \(looked for .*nope\.csv\)$/);
  });

  it('reports an empty file and a file of blank lines', async () => {
    await write('empty.csv', '');
    expect((await dataError(file('empty.csv'))).message).toBe('data.path: empty.csv: the file is empty');
    await write('blank.csv', '\n  \n');
    expect((await dataError(file('blank.csv'))).message).toMatch(/^data\.path: blank\.csv: the file is empty/);
  });

  it('reports a header without rows', async () => {
    await write('header.csv', 'x1,y1\n');
    expect((await dataError(file('header.csv'))).message).toBe(
      'data.path: header.csv: the file has a header but no data rows',
    );
  });

  it('reports a ragged row with its line number', async () => {
    await write('ragged.csv', 'x1,x2,y1\n1,2,3\n4,5\n');
    expect((await dataError(file('ragged.csv'))).message).toBe(
      'data.path: ragged.csv: line 3 has 2 cells, the header has 3 (every row needs all columns)',
    );
    await write('long-row.csv', 'x1,y1\n1,2\n3,4,5\n');
    expect((await dataError(file('long-row.csv'))).message).toContain('line 3 has 3 cells, the header has 2');
  });

  it('reports a non-numeric cell with line and column', async () => {
    await write('text.csv', 'x1,y1\n1,2\n3,abc\n');
    expect((await dataError(file('text.csv'))).message).toBe(
      'data.path: text.csv: line 3, column 2 (y1) is not a number: "abc"',
    );
    await write('blankcell.csv', 'x1,y1\n1,\n');
    expect((await dataError(file('blankcell.csv'))).message).toContain('line 2, column 2 (y1) is not a number: ""');
    await write('hex.csv', 'x1,y1\n0x10,1\n');
    expect((await dataError(file('hex.csv'))).message).toContain('line 2, column 1 (x1) is not a number');
  });

  it('reports NaN and infinite values', async () => {
    await write('nan.csv', 'x1,y1\n1,2\nNaN,1\n');
    expect((await dataError(file('nan.csv'))).message).toBe(
      'data.path: nan.csv: line 3, column 1 (x1) is not a finite number: "NaN"',
    );
    await write('inf.csv', 'x1,y1\n-inf,1\n');
    expect((await dataError(file('inf.csv'))).message).toContain('is not a finite number: "-inf"');
    await write('overflow.csv', 'x1,y1\n1e999,1\n');
    expect((await dataError(file('overflow.csv'))).message).toContain('is not a finite number: "1e999"');
  });

  it.each([
    ['a,y1', 'column 1 is "a"'],
    ['x1,x3,y1', 'x2 is missing'],
    ['x1,x1,y1', 'x1 appears twice'],
    ['x0,y1', 'column 1 is "x0"'],
    ['x01,y1', 'column 1 is "x01"'],
    ['X1,Y1', 'column 1 is "X1"'],
    ['x1,x2', 'there is no y1 column'],
    ['y1', 'there is no x1 column'],
    ['1,2', 'column 1 is "1"'],
  ])('reports the bad header %s', async (header, detail) => {
    await write('header-bad.csv', `${header}\n1,2,3\n`);
    const error = await dataError(file('header-bad.csv'));
    expect(error.message).toContain('the header must name the columns x1..x<d_in> and y1..y<d_out>');
    expect(error.message).toContain(detail);
  });

  it('refuses a file above the size limit before reading it', async () => {
    await write('big.csv', 'x1,y1\n1,2\n');
    expect((await dataError(file('big.csv'), 4)).message).toBe(
      'data.path: big.csv is 10 bytes, above the 4 bytes limit for data files',
    );
    await write('big2.csv', `x1,y1\n${'1,2\n'.repeat(1000)}`);
    expect((await dataError(file('big2.csv'), 2048)).message).toBe(
      'data.path: big2.csv is 3.91 KiB, above the 2 KiB limit for data files',
    );
  });

  it('refuses other extensions and directories', async () => {
    await write('data.txt', 'x1,y1\n1,2\n');
    expect((await dataError(file('data.txt'))).message).toBe(
      'data.path: data.txt: a data file must end in .csv or .json',
    );
    await mkdir(join(dir, 'folder.csv'));
    expect((await dataError(file('folder.csv'))).message).toBe('data.path: folder.csv is not a file');
  });
});

describe('loadData: JSON files', () => {
  it('reads a good file laid out as inline data', async () => {
    await write(
      'good.json',
      JSON.stringify({
        X: [
          [1, 2],
          [3, 4],
        ],
        Y: [[5, 6]],
      }),
    );
    const data = await loadData(file('good.json'), dir);
    expect(data).toEqual({ dIn: 2, dOut: 1, n: 2, X: Float64Array.of(1, 2, 3, 4), Y: Float64Array.of(5, 6) });
  });

  it('accepts an absolute path', async () => {
    await write('abs.json', '{"X": [[1]], "Y": [[2]]}');
    const data = await loadData(file(join(dir, 'abs.json')), '/nonexistent');
    expect(data.n).toBe(1);
  });

  it('reports a missing file', async () => {
    expect((await dataError(file('nope.json'))).message).toMatch(/^data\.path: file not found: nope\.json/);
  });

  it('reports an empty file', async () => {
    await write('empty.json', '');
    expect((await dataError(file('empty.json'))).message).toBe('data.path: empty.json: the file is empty');
    await write('spaces.json', '  \n');
    expect((await dataError(file('spaces.json'))).message).toBe('data.path: spaces.json: the file is empty');
  });

  it('reports invalid JSON with its line', async () => {
    await write('bad.json', '{"X": [[1]],\n "Y": [[2]],\n}');
    expect((await dataError(file('bad.json'))).message).toMatch(/^data\.path: bad\.json:3:1: invalid JSON: /);
  });

  it('reports a ragged matrix', async () => {
    await write('ragged.json', JSON.stringify({ X: [[1, 2], [3]], Y: [[5, 6]] }));
    expect((await dataError(file('ragged.json'))).message).toBe(
      'data.path: ragged.json: X[1] must have as many columns as X[0] (2): all rows the same length, got 1',
    );
  });

  it('reports a non-numeric entry, a null (NaN written by JSON.stringify) and a column mismatch', async () => {
    await write('text.json', JSON.stringify({ X: [[1, 'a']], Y: [[5, 6]] }));
    expect((await dataError(file('text.json'))).message).toBe(
      'data.path: text.json: X[0][1] must be a finite number (got the string "a")',
    );
    await write('nan.json', JSON.stringify({ X: [[1, Number.NaN]], Y: [[5, 6]] }));
    expect((await dataError(file('nan.json'))).message).toBe(
      'data.path: nan.json: X[0][1] must be a finite number (got null)',
    );
    await write('cols.json', JSON.stringify({ X: [[1, 2]], Y: [[5]] }));
    expect((await dataError(file('cols.json'))).message).toContain('Y must have as many columns (samples) as X (2)');
  });

  it('reports a wrong shape', async () => {
    await write('list.json', '[[1], [2]]');
    expect((await dataError(file('list.json'))).message).toContain('must hold a mapping');
    await write('keys.json', JSON.stringify({ X: [[1]], Y: [[2]], Z: 1 }));
    expect((await dataError(file('keys.json'))).message).toBe('data.path: keys.json: unknown key "Z"');
    await write('noy.json', JSON.stringify({ X: [[1]] }));
    expect((await dataError(file('noy.json'))).message).toContain('Y is required');
  });
});

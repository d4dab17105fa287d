/**
 * `eos-sweep geometry` on map.parquet files written by another tool: only
 * i, j and outcome, in types eos-sweep does not write itself (INT64 indices,
 * an extra FLOAT column), rows in any order.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { describe, expect, it } from 'vitest';
import { eosSweep } from './cli.js';
import { query } from './duckdb.js';

interface Pixel {
  i: number;
  j: number;
  outcome: string;
}

function writeMap(pixels: Pixel[], extra: boolean): string {
  const dir = mkdtempSync(join(tmpdir(), 'eos-geometry-'));
  const columnData: { name: string; data: unknown[]; type: string }[] = [
    { name: 'j', data: pixels.map((p) => BigInt(p.j)), type: 'INT64' },
    { name: 'outcome', data: pixels.map((p) => p.outcome), type: 'STRING' },
    { name: 'i', data: pixels.map((p) => BigInt(p.i)), type: 'INT64' },
  ];
  if (extra) columnData.push({ name: 'score', data: pixels.map(() => 0.5), type: 'FLOAT' });
  writeFileSync(join(dir, 'map.parquet'), Buffer.from(parquetWriteBuffer({ columnData } as never)));
  return dir;
}

/** A disc of radius r converged in an n×n map, periodic elsewhere; rows from the last pixel to the first. */
function discPixels(n: number, r: number): Pixel[] {
  const pixels: Pixel[] = [];
  for (let q = n * n - 1; q >= 0; q--) {
    const i = q % n;
    const j = Math.floor(q / n);
    const inside = (i + 0.5 - n / 2) ** 2 + (j + 0.5 - n / 2) ** 2 <= r * r;
    pixels.push({ i, j, outcome: inside ? 'converged' : 'periodic' });
  }
  return pixels;
}

describe('eos-sweep geometry', () => {
  it('measures a disc drawn by another tool: dimension 1, uncertainty exponent 1', () => {
    const dir = writeMap(discPixels(512, 150), true);
    const r = eosSweep(['geometry', dir, '--json']);
    expect(r.status, r.stderr).toBe(0);
    const g = JSON.parse(r.stdout);
    expect(g.width).toBe(512);
    expect(g.height).toBe(512);
    expect(Math.abs(g.box_dimension - 1)).toBeLessThan(0.05);
    expect(g.box_dimension_ci[0]).toBeLessThan(g.box_dimension);
    expect(g.box_dimension_ci[1]).toBeGreaterThan(g.box_dimension);
    expect(Math.abs(g.uncertainty_exponent - 1)).toBeLessThan(0.05);
    expect(g.uncertainty_exponent_ci).toHaveLength(2);
    expect(g.basin_entropy).toBeGreaterThan(0);
    expect(g.boundary_basin_entropy).toBeLessThanOrEqual(Math.log(2));
    expect(g.log2_criterion).toBe(false);
    expect(g.fit_range).toEqual([4, 32]);
  });

  it('refuses a table without the outcome column, a repeated pixel and a missing file: one line, exit 2', () => {
    const cases: [string, RegExp][] = [];
    const noOutcome = mkdtempSync(join(tmpdir(), 'eos-geometry-'));
    writeFileSync(
      join(noOutcome, 'map.parquet'),
      Buffer.from(
        parquetWriteBuffer({
          columnData: [
            { name: 'i', data: [0, 1], type: 'INT32' },
            { name: 'j', data: [0, 0], type: 'INT32' },
          ],
        } as never),
      ),
    );
    cases.push([noOutcome, /no column outcome/]);
    const twice = writeMap(
      [
        { i: 0, j: 0, outcome: 'converged' },
        { i: 0, j: 0, outcome: 'diverged' },
        { i: 1, j: 0, outcome: 'converged' },
        { i: 1, j: 1, outcome: 'converged' },
      ],
      false,
    );
    cases.push([twice, /pixel \(0, 0\) occurs twice/]);
    const short = writeMap([{ i: 3, j: 0, outcome: 'converged' }], false);
    cases.push([short, /1 rows for a 4×1 map/]);
    const empty = mkdtempSync(join(tmpdir(), 'eos-geometry-'));
    mkdirSync(join(empty, 'sub'));
    cases.push([empty, /no such file/]);
    for (const [dir, message] of cases) {
      const r = eosSweep(['geometry', dir]);
      expect(r.status).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(message);
    }
  });
});

describe('eos-sweep map: zoom and the η line', () => {
  it('--zoom 2 draws two more maps, each half as wide around a boundary point, with their geometry', () => {
    const out = mkdtempSync(join(tmpdir(), 'eos-zoom-'));
    const m = eosSweep([
      'map',
      '--eta',
      '0.95',
      '--size',
      '48',
      '--zoom',
      '2',
      '--workers',
      '2',
      '--out',
      out,
      '--json',
    ]);
    expect(m.status, m.stderr).toBe(0);
    const result = JSON.parse(m.stdout);
    expect(result.zoom.map((z: { level: number }) => z.level)).toEqual([0, 1, 2]);
    const widths = result.zoom.map((z: { x_range: number[] }) => z.x_range[1] - z.x_range[0]);
    expect(widths[1]).toBeCloseTo(widths[0] / 2, 12);
    expect(widths[2]).toBeCloseTo(widths[0] / 4, 12);
    const file = JSON.parse(readFileSync(join(out, 'zoom.json'), 'utf8'));
    expect(file.levels).toHaveLength(3);
    // each level is a map directory `eos-sweep geometry` reads to the same numbers
    const again = eosSweep(['geometry', join(out, 'zoom-2'), '--json']);
    expect(again.status, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout).box_dimension).toBe(file.levels[2].box_dimension);
    expect(existsSync(join(out, 'zoom-1', 'geometry-fits.png'))).toBe(true);
  });

  it('--eta-line K runs initialization K at every step size: the same outcome as trace', async () => {
    const out = mkdtempSync(join(tmpdir(), 'eos-line-'));
    const m = eosSweep([
      'map',
      '--relative',
      '--eta-range',
      '0.5,1.5',
      '--eta-line',
      '2',
      '--size',
      '64',
      '--workers',
      '2',
      '--out',
      out,
      '--json',
    ]);
    expect(m.status, m.stderr).toBe(0);
    const result = JSON.parse(m.stdout);
    expect([result.width, result.height]).toEqual([64, 1]);
    expect(result.geometry.boundary).toBe('outcome changes');
    const rows = await query(
      `SELECT i::INT AS i, eta, outcome FROM read_parquet('${join(out, 'map.parquet')}') WHERE i IN (5, 40, 60) ORDER BY i`,
    );
    for (const row of rows) {
      const t = eosSweep([
        'trace',
        '--eta',
        String(row.eta),
        '--trajectory',
        '2',
        '--out',
        join(out, `trace-${row.i}`),
        '--json',
      ]);
      expect(t.status, t.stderr).toBe(0);
      expect(JSON.parse(t.stdout).pairs[0].outcome).toBe(row.outcome);
    }
  });

  it('refuses a bad --zoom or --eta-line: one line, exit 2', () => {
    const cases: [string[], RegExp][] = [
      [['--eta', '0.9', '--zoom', '0'], /--zoom must be a positive integer/],
      [['--eta', '0.9', '--zoom', '41'], /--zoom must be an integer in 1\.\.40/],
      [['--eta', '0.9', '--eta-line', '0'], /--eta-line needs --eta-range/],
      [['--eta-range', '0.5,1', '--eta-line', '-1'], /--eta-line must be a non-negative integer/],
      [['--eta-range', '0.5,1', '--eta-line', '0', '--zoom', '2'], /--zoom draws maps, not an --eta-line/],
    ];
    for (const [args, message] of cases) {
      const out = join(mkdtempSync(join(tmpdir(), 'eos-bad-map-')), 'map');
      const r = eosSweep(['map', ...args, '--size', '8', '--out', out]);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(message);
      expect(existsSync(out)).toBe(false);
    }
  });
});

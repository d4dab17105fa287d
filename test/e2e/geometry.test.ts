/**
 * `eos-sweep geometry` on map.parquet files written by another tool: only
 * i, j and outcome, in types eos-sweep does not write itself (INT64 indices,
 * an extra FLOAT column), rows in any order.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { describe, expect, it } from 'vitest';
import { eosSweep } from './cli.js';

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

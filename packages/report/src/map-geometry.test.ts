import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OUTCOME_CODE } from '@eos-sweep/core';
import { basinGeometry } from '@eos-sweep/engine';
import { describe, expect, it } from 'vitest';
import { geometryFitsFigure } from './geometry-figure.js';
import { GEOMETRY_FILE, writeMapGeometry } from './map-geometry.js';
import { renderSvg } from './render.js';
import { markCount, parseSvg } from './testing/svg.js';

/** A 128² map: a converged disc of radius 40 in a diverged plane. */
function discMap() {
  const n = 128;
  const outcome = new Uint8Array(n * n);
  for (let q = 0; q < outcome.length; q++) {
    const i = q % n;
    const j = Math.floor(q / n);
    outcome[q] = (i + 0.5 - 64) ** 2 + (j + 0.5 - 64) ** 2 <= 1600 ? OUTCOME_CODE.converged : OUTCOME_CODE.diverged;
  }
  return { width: n, height: n, outcome };
}

describe('map geometry', () => {
  it('writes geometry.json with the numbers eos-sweep geometry computes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'eos-map-geometry-'));
    const map = discMap();
    const { files, geometry } = await writeMapGeometry(dir, map);
    expect(files.map((f) => f.slice(dir.length + 1))).toEqual([
      GEOMETRY_FILE,
      'geometry-fits.svg',
      'geometry-fits.png',
    ]);
    const json = JSON.parse(readFileSync(join(dir, GEOMETRY_FILE), 'utf8'));
    const direct = basinGeometry({ width: 128, height: 128, labels: map.outcome, inside: OUTCOME_CODE.converged });
    expect(json.box_dimension).toBe(direct.boxCounting.dimension);
    expect(json.uncertainty_exponent).toBe(direct.uncertainty.exponent);
    expect(json.boundary_basin_entropy).toBe(direct.entropy.boundaryBasinEntropy);
    expect(geometry.insidePixels).toBe(json.converged_pixels);
  });

  it('draws one point per fitted scale in each panel', async () => {
    const m = discMap();
    const g = basinGeometry({ width: m.width, height: m.height, labels: m.outcome, inside: OUTCOME_CODE.converged });
    const svg = await renderSvg(geometryFitsFigure(g).spec);
    expect(parseSvg(svg).width).toBeGreaterThan(600);
    expect(markCount(svg, 'boxes_points')).toBe(g.boxCounting.boxSizes.length);
    expect(markCount(svg, 'uncertain_points')).toBe(g.uncertainty.epsilons.length);
    expect(markCount(svg, 'boxes_fit')).toBe(1);
  });
});

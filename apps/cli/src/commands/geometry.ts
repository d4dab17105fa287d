import { join, resolve } from 'node:path';
import type { BasinGeometry } from '@eos-sweep/engine';
import { basinGeometry, geometryJson, readOutcomeGrid } from '@eos-sweep/engine';
import { Output } from '../output.js';

const f = (x: number, digits = 3) => (Number.isFinite(x) ? x.toFixed(digits) : '–');

/** The human summary of a map's geometry, a few lines. */
export function geometryLines(g: BasinGeometry): string[] {
  const b = g.boxCounting;
  const u = g.uncertainty;
  const e = g.entropy;
  const scales = `box sides and ε ${g.scales.min}…${g.scales.max} px, 95% intervals from the least-squares fit`;
  return [
    `${g.width}×${g.height} pixels, ${g.insidePixels} converged; boundary: ${g.boundary === 'outcome changes' ? 'every change of outcome along the line' : 'between converged and the rest'} (${scales})`,
    `box-counting dimension D = ${f(b.dimension)} [${f(b.dimensionCi[0])}, ${f(b.dimensionCi[1])}]`,
    `uncertainty exponent α = ${f(u.exponent)} [${f(u.exponentCi[0])}, ${f(u.exponentCi[1])}] (${g.embedding} − α = ${f(u.dimension)})`,
    `basin entropy S_b = ${f(e.basinEntropy)}, boundary basin entropy S_bb = ${f(e.boundaryBasinEntropy)} (boxes of ${e.box}×${g.height > 1 ? e.box : 1}, ${e.boundaryBoxes} of ${e.boxes} on the boundary); S_bb > log 2: ${e.log2Criterion ? 'yes (fractal)' : 'no (not decided)'}`,
  ];
}

export async function geometryCommand(dir: string, flags: { json?: boolean; quiet?: boolean }): Promise<number> {
  const out = new Output(flags);
  const path = join(resolve(dir), 'map.parquet');
  const grid = await readOutcomeGrid(path);
  const geometry = basinGeometry(grid);
  for (const line of geometryLines(geometry)) out.info(line);
  out.result({ map: path, ...geometryJson(geometry) });
  return 0;
}

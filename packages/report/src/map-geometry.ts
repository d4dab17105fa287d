/**
 * The geometry a map writes beside map.parquet: geometry.json (the object
 * `eos-sweep geometry --json` prints) and geometry-fits.svg/.png (the
 * log-log fits it comes from).
 */
import { join } from 'node:path';
import type { BasinGeometry, BasinMap } from '@eos-sweep/engine';
import { basinGeometry, basinGrid, geometryJson, writeFileAtomic } from '@eos-sweep/engine';
import { geometryFitsFigure } from './geometry-figure.js';
import { writeFigure } from './report.js';

export const GEOMETRY_FILE = 'geometry.json';

export async function writeMapGeometry(
  dir: string,
  map: Pick<BasinMap, 'width' | 'height' | 'outcome'>,
): Promise<{ geometry: BasinGeometry; files: string[] }> {
  const geometry = basinGeometry(basinGrid(map.width, map.height, map.outcome));
  const jsonPath = join(dir, GEOMETRY_FILE);
  await writeFileAtomic(jsonPath, `${JSON.stringify(geometryJson(geometry), null, 2)}\n`);
  const { files } = await writeFigure(dir, geometryFitsFigure(geometry));
  return { geometry, files: [jsonPath, ...files] };
}

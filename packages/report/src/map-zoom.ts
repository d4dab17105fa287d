/**
 * `eos-sweep map --zoom K`: the map, then K more, each around the boundary
 * pixel nearest the previous map's centre and half as wide and high (the
 * same pixel count, so each level resolves twice as finely), with the
 * boundary's geometry at every level (Sohl-Dickstein's zoom sequences, with
 * a dimension per scale). Level l is written to zoom-l/ beside level 0,
 * and zoom.json lists them all.
 */
import { join } from 'node:path';
import type { MapRunOptions, PreparedSweep } from '@eos-sweep/engine';
import { basinGrid, EngineError, geometryJson, nearestBoundaryPixel, writeFileAtomic } from '@eos-sweep/engine';
import type { MapOptions, MapResult } from './map-output.js';
import { runMap } from './map-output.js';

const ZOOM_FILE = 'zoom.json';
const MAX_ZOOM = 40;

export interface ZoomLevel {
  readonly level: number;
  readonly dir: string;
  readonly result: MapResult;
}

/** The options of the next level: half the ranges, centred on the boundary pixel nearest the map's centre. */
function zoomedOptions(options: MapOptions, result: MapResult): MapOptions | null {
  const { map } = result;
  const grid = basinGrid(map.width, map.height, map.outcome);
  const point = nearestBoundaryPixel(grid, (map.width - 1) / 2, (map.height - 1) / 2);
  if (point === null) return null;
  const x = map.xs[point.i];
  const y = map.ys[point.j];
  const hx = (map.xRange[1] - map.xRange[0]) / 4;
  const hy = (map.yRange[1] - map.yRange[0]) / 4;
  const range: [number, number, number, number] = [x - hx, x + hx, y - hy, y + hy];
  // absolute step sizes from here on: the ranges are those of the map just drawn
  if (map.kind === 'plane') return { ...options, relative: false, eta: map.etas[0], range };
  return { ...options, relative: false, etaRange: [x - hx, x + hx], range };
}

export async function runMapZoom(
  prepared: PreparedSweep,
  options: MapOptions,
  zoom: number,
  run: MapRunOptions & { outDir: string },
): Promise<{ levels: ZoomLevel[]; file: string }> {
  if (!Number.isInteger(zoom) || zoom < 1 || zoom > MAX_ZOOM) {
    throw new EngineError('CONFIG_INVALID', `--zoom must be an integer in 1..${MAX_ZOOM}, got ${zoom}`);
  }
  if (options.etaLine !== undefined) throw new EngineError('CONFIG_INVALID', '--zoom draws maps, not an --eta-line');
  const levels: ZoomLevel[] = [];
  let current: MapOptions | null = options;
  for (let level = 0; level <= zoom && current !== null; level++) {
    const dir = level === 0 ? run.outDir : join(run.outDir, `zoom-${level}`);
    const result = await runMap(prepared, current, { ...run, outDir: dir });
    levels.push({ level, dir, result });
    current = zoomedOptions(current, result);
  }
  const file = join(run.outDir, ZOOM_FILE);
  const rows = levels.map(({ level, dir, result }) => ({
    level,
    dir,
    x_range: result.map.xRange,
    y_range: result.map.yRange,
    pixel_width: (result.map.xRange[1] - result.map.xRange[0]) / result.map.width,
    fractions: result.fractions,
    ...geometryJson(result.geometry),
  }));
  await writeFileAtomic(file, `${JSON.stringify({ levels: rows }, null, 2)}\n`);
  return { levels, file };
}

import { resolve } from 'node:path';
import { defaultWorkers, EngineError, geometryJson, prepareSweep } from '@eos-sweep/engine';
import type { MapOptions, PointSpec } from '@eos-sweep/report';
import { runMap, runMapZoom } from '@eos-sweep/report';
import { loadConfig } from '../load-config.js';
import { Output } from '../output.js';
import { positiveInt, positiveNumber } from '../parse.js';
import { createProgress } from '../progress.js';
import { geometryLines } from './geometry.js';

export interface MapFlags {
  eta?: string;
  etaRange?: string;
  relative?: boolean;
  size?: string;
  plane: string;
  coords?: string;
  center?: string;
  range?: string;
  direction?: string;
  etaLine?: string;
  zoom?: string;
  workers?: string;
  out?: string;
  set: string[];
  json?: boolean;
  progress: boolean;
  quiet?: boolean;
}

function timestamp(): string {
  return new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
}

/** A comma-separated list of finite numbers. */
function numbers(text: string, flag: string): number[] {
  const parts = text.split(',').map((s) => s.trim());
  const values = parts.map(Number);
  if (parts.some((s) => s === '') || values.some((v) => !Number.isFinite(v))) {
    throw new EngineError('CONFIG_INVALID', `${flag} must be comma-separated numbers, got "${text}"`);
  }
  return values;
}

function interval(values: number[], flag: string): [number, number] {
  if (!(values[1] > values[0])) throw new EngineError('CONFIG_INVALID', `${flag}: each range must be a,b with a < b`);
  return [values[0], values[1]];
}

function pointSpec(text: string, flag: string): PointSpec {
  if (text === 'zero') return { kind: 'zero' };
  const m = /^init:(\d+)$/.exec(text.trim());
  if (m) return { kind: 'init', k: positiveInt(m[1], flag, true) };
  return { kind: 'values', values: numbers(text, flag) };
}

/** Command-line flags → library options (all validation messages name the flag). */
export function mapOptions(flags: MapFlags): MapOptions {
  if (flags.plane !== 'coords' && flags.plane !== 'random') {
    throw new EngineError('CONFIG_INVALID', `--plane must be coords or random, got "${flags.plane}"`);
  }
  let range: [number, number, number, number] | undefined;
  if (flags.range !== undefined) {
    const v = numbers(flags.range, '--range');
    if (v.length !== 2 && v.length !== 4) throw new EngineError('CONFIG_INVALID', '--range must be a,b or a,b,c,d');
    const x = interval(v.slice(0, 2), '--range');
    const y = v.length === 4 ? interval(v.slice(2, 4), '--range') : x;
    range = [x[0], x[1], y[0], y[1]];
  }
  let coords: [number, number] | undefined;
  if (flags.coords !== undefined) {
    const parts = flags.coords.split(',');
    if (parts.length !== 2) throw new EngineError('CONFIG_INVALID', `--coords must be i,j, got "${flags.coords}"`);
    coords = [positiveInt(parts[0], '--coords', true), positiveInt(parts[1], '--coords', true)];
  }
  let etaRange: [number, number] | undefined;
  if (flags.etaRange !== undefined) {
    const v = numbers(flags.etaRange, '--eta-range');
    if (v.length !== 2 || !(v[0] > 0))
      throw new EngineError('CONFIG_INVALID', '--eta-range must be a,b with 0 < a < b');
    etaRange = interval(v, '--eta-range');
  }
  return {
    eta: flags.eta === undefined ? undefined : positiveNumber(flags.eta, '--eta'),
    etaRange,
    relative: flags.relative ?? false,
    size: flags.size === undefined ? undefined : positiveInt(flags.size, '--size'),
    plane: flags.plane,
    coords,
    center: flags.center === undefined ? undefined : pointSpec(flags.center, '--center'),
    range,
    direction: flags.direction === undefined ? undefined : pointSpec(flags.direction, '--direction'),
    etaLine: flags.etaLine === undefined ? undefined : positiveInt(flags.etaLine, '--eta-line', true),
  };
}

export async function mapCommand(configPath: string | undefined, flags: MapFlags): Promise<number> {
  const out = new Output(flags);
  const { config, baseDir } = await loadConfig(configPath, flags.set);
  const options = mapOptions(flags);
  const workers = flags.workers === undefined ? defaultWorkers() : positiveInt(flags.workers, '--workers');
  const zoom = flags.zoom === undefined ? undefined : positiveInt(flags.zoom, '--zoom');
  const prepared = await prepareSweep(config, baseDir);
  const outDir = resolve(flags.out ?? `runs/${config.name}/map-${timestamp()}`);
  const controller = new AbortController();
  const onSignal = () => {
    out.note('\ninterrupt: stopping the map…');
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const progress = createProgress(flags.progress && !flags.quiet);
  const started = Date.now();
  let begun = false;
  try {
    const run = {
      outDir,
      workers,
      signal: controller.signal,
      onProgress: (done: number, total: number, steps: number) => {
        if (!begun) {
          progress.start(total, 0);
          begun = true;
        }
        progress.update({
          tasksDone: 0,
          tasksTotal: 0,
          trajectoriesDone: done,
          trajectoriesTotal: total,
          steps,
          elapsedSeconds: (Date.now() - started) / 1000,
        });
      },
    };
    const zoomed = zoom === undefined ? null : await runMapZoom(prepared, options, zoom, run);
    const result = zoomed ? zoomed.levels[0].result : await runMap(prepared, options, run);
    progress.stop();
    const { map, fractions } = result;
    out.info(`map: ${map.width}×${map.height} pixels; ${result.description}`);
    out.info(
      Object.entries(fractions)
        .map(([o, f]) => `${o} ${(100 * f).toFixed(2)}%`)
        .join(', '),
    );
    for (const line of geometryLines(result.geometry)) out.info(line);
    out.info(`wrote ${result.files.map((f) => f.slice(outDir.length + 1)).join(', ')} in ${outDir}`);
    for (const { level, result: r } of zoomed?.levels.slice(1) ?? []) {
      const b = r.geometry.boxCounting;
      const width = r.map.xRange[1] - r.map.xRange[0];
      out.info(
        `zoom ${level} (x ${r.map.xRange.map((v) => v.toPrecision(8)).join('…')}, width ${width.toPrecision(3)}): D = ${b.dimension.toFixed(3)} [${b.dimensionCi.map((v) => v.toFixed(3)).join(', ')}], α = ${r.geometry.uncertainty.exponent.toFixed(3)}, ${(100 * r.fractions.converged).toFixed(1)}% converged`,
      );
    }
    if (zoomed && zoom !== undefined && zoomed.levels.length <= zoom)
      out.note(`zoom stopped after level ${zoomed.levels.length - 1}: no boundary left in view`);
    out.result({
      outDir,
      kind: map.kind,
      width: map.width,
      height: map.height,
      x_range: map.xRange,
      y_range: map.yRange,
      eta: options.etaRange ? null : map.etas[0],
      eta_range: options.etaRange ? [map.etas[0], map.etas[map.width - 1]] : null,
      eta_critical: prepared.theory.etaCritical,
      description: result.description,
      fractions,
      geometry: geometryJson(result.geometry),
      zoom: zoomed
        ? zoomed.levels.map(({ level, dir, result: r }) => ({
            level,
            dir,
            x_range: r.map.xRange,
            y_range: r.map.yRange,
            ...geometryJson(r.geometry),
          }))
        : null,
      files: result.files,
    });
    return 0;
  } finally {
    progress.stop();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/**
 * `eos-sweep map` as a library: from options to a plane, the map on the
 * worker pool, and the files map.parquet, map.png (one pixel per
 * trajectory), map.svg and map-figure.png (the same on axes, with a legend).
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { canonicalJson } from '@eos-sweep/config';
import { initialParams, isScalarNetwork, OUTCOMES } from '@eos-sweep/core';
import type { BasinGeometry, BasinMap, MapRequest, MapRunOptions, PreparedSweep } from '@eos-sweep/engine';
import { computeMap, EngineError, VERSION, writeFileAtomic } from '@eos-sweep/engine';
import type { ColumnSpec } from '@eos-sweep/results';
import { footerMetadata, writeParquetTable } from '@eos-sweep/results';
import { outcomeFractions } from './map.js';
import { mapFigure, scalarDepth2Curves } from './map-figure.js';
import { writeMapGeometry } from './map-geometry.js';
import { mapPng } from './map-image.js';
import { coordinatePlane, parameterName, randomPlane, scaleLine } from './plane.js';
import { writeFigure } from './report.js';
import { formatNumber } from './spec-parts.js';

const MAP_FILE = 'map.parquet';
const MAP_IMAGE = 'map.png';
const MAP_SUMMARY_KEY = 'eos_sweep.map';
const DEFAULT_MAP_SIZE = 512;
const DEFAULT_LINE_SIZE = 4096;
const DEFAULT_PLANE_RANGE: readonly [number, number] = [-3, 3];
const DEFAULT_SCALE_RANGE: readonly [number, number] = [0, 3];

/** A point in parameter space given on the command line. */
export type PointSpec = { kind: 'init'; k: number } | { kind: 'zero' } | { kind: 'values'; values: number[] };

export interface MapOptions {
  /** Plane map: the step size. */
  readonly eta?: number;
  /** (η, scale) map: the step-size range across the columns. */
  readonly etaRange?: readonly [number, number];
  /** η (or the η range) is in units of η_c. */
  readonly relative?: boolean;
  readonly size?: number;
  readonly plane?: 'coords' | 'random';
  /** Plane 'coords': the two parameter indices (default 0, 1). */
  readonly coords?: readonly [number, number];
  /** Centre of the plane (default: initialization 0 of the config). */
  readonly center?: PointSpec;
  /** x and y range of the plane (or the scale range of an (η, scale) map). */
  readonly range?: readonly [number, number, number, number];
  /** (η, scale) map: the direction d of θ₀ = s·d (default: initialization 0, normalised). */
  readonly direction?: PointSpec;
  /**
   * With etaRange: instead of a plane, one row of `size` step sizes (default
   * DEFAULT_LINE_SIZE) from this one initialization k (θ₀ = s·d with
   * d = θ_k/‖θ_k‖ and s = ‖θ_k‖, so θ₀ = θ_k to rounding).
   */
  readonly etaLine?: number;
}

export interface MapResult {
  readonly map: BasinMap;
  readonly files: string[];
  /** Fraction of pixels per outcome. */
  readonly fractions: Record<string, number>;
  readonly description: string;
  /** The boundary's geometry (also in geometry.json), as `eos-sweep geometry` computes it. */
  readonly geometry: BasinGeometry;
}

function pointOf(spec: PointSpec, prepared: PreparedSweep, what: string): Float64Array {
  const { layout } = prepared.problem;
  const p = layout.paramCount;
  if (spec.kind === 'zero') return new Float64Array(p);
  if (spec.kind === 'init')
    return initialParams(layout, prepared.setup.init, prepared.setup.seed, spec.k, new Float64Array(p));
  if (spec.values.length !== p) {
    throw new EngineError(
      'CONFIG_INVALID',
      `${what} must list ${p} numbers (one per parameter), got ${spec.values.length}`,
    );
  }
  return Float64Array.from(spec.values);
}

function describePoint(spec: PointSpec): string {
  if (spec.kind === 'zero') return 'θ = 0';
  if (spec.kind === 'init') return `initialization ${spec.k}`;
  return `(${spec.values.map((v) => formatNumber(v)).join(', ')})`;
}

function scaled(x: number, options: MapOptions, etaC: number | null): number {
  if (!options.relative) return x;
  if (etaC === null) throw new EngineError('CONFIG_INVALID', '--relative needs η_c, which is unknown for this problem');
  return x * etaC;
}

/** The map request for the options (no work is done yet). */
export function mapRequest(prepared: PreparedSweep, options: MapOptions): { request: MapRequest; description: string } {
  const size = options.size ?? (options.etaLine === undefined ? DEFAULT_MAP_SIZE : DEFAULT_LINE_SIZE);
  const { layout } = prepared.problem;
  const etaC = prepared.theory.etaCritical;
  const ratio = (eta: number) => (etaC ? ` (${formatNumber(eta / etaC, 4)}·η_c)` : '');
  if (options.etaRange) {
    if (options.eta !== undefined)
      throw new EngineError('CONFIG_INVALID', 'give either --eta or --eta-range, not both');
    const etaRange: [number, number] = [
      scaled(options.etaRange[0], options, etaC),
      scaled(options.etaRange[1], options, etaC),
    ];
    if (options.etaLine !== undefined) return etaLineRequest(prepared, options.etaLine, etaRange, size);
    const scale: [number, number] = options.range
      ? [options.range[2], options.range[3]]
      : [DEFAULT_SCALE_RANGE[0], DEFAULT_SCALE_RANGE[1]];
    const dirSpec = options.direction ?? { kind: 'init', k: 0 };
    let plane: ReturnType<typeof scaleLine>;
    try {
      plane = scaleLine(pointOf(dirSpec, prepared, '--direction'), scale, size);
    } catch (error) {
      throw new EngineError('CONFIG_INVALID', `--direction: ${(error as Error).message}`);
    }
    return {
      request: {
        kind: 'eta-scale',
        width: size,
        height: size,
        etaRange,
        plane,
        xLabel: 'step size η',
        yLabel: 'initialization scale s = ‖θ₀‖',
      },
      description: `θ₀ = s·d with d = ${describePoint(dirSpec)} normalised; η from ${formatNumber(etaRange[0])} to ${formatNumber(etaRange[1])}`,
    };
  }
  if (options.etaLine !== undefined) throw new EngineError('CONFIG_INVALID', '--eta-line needs --eta-range a,b');
  if (options.eta === undefined) throw new EngineError('CONFIG_INVALID', 'give --eta X (or --eta-range a,b)');
  const eta = scaled(options.eta, options, etaC);
  const range = options.range ?? [...DEFAULT_PLANE_RANGE, ...DEFAULT_PLANE_RANGE];
  const grid = { width: size, height: size, x: [range[0], range[1]] as const, y: [range[2], range[3]] as const };
  const centerSpec = options.center ?? { kind: 'init', k: 0 };
  const center = pointOf(centerSpec, prepared, '--center');
  const kind = options.plane ?? 'coords';
  if (kind === 'coords') {
    const [i, j] = options.coords ?? [0, 1];
    let plane: ReturnType<typeof coordinatePlane>;
    try {
      plane = coordinatePlane(center, i, j, grid);
    } catch (error) {
      throw new EngineError('CONFIG_INVALID', `--coords: ${(error as Error).message}`);
    }
    const others = layout.paramCount > 2 ? `, the other parameters from ${describePoint(centerSpec)}` : '';
    return {
      request: {
        kind: 'plane',
        width: size,
        height: size,
        eta,
        plane,
        xLabel: parameterName(layout, i),
        yLabel: parameterName(layout, j),
      },
      description: `η = ${formatNumber(eta, 6)}${ratio(eta)}; plane of ${parameterName(layout, i)} and ${parameterName(layout, j)}${others}`,
    };
  }
  if (layout.paramCount < 2) throw new EngineError('CONFIG_INVALID', '--plane random needs at least two parameters');
  const plane = randomPlane(center, prepared.setup.seed, grid);
  return {
    request: {
      kind: 'plane',
      width: size,
      height: size,
      eta,
      plane,
      xLabel: 'coordinate along u (random unit direction)',
      yLabel: 'coordinate along v (random unit direction ⟂ u)',
    },
    description: `η = ${formatNumber(eta, 6)}${ratio(eta)}; random orthonormal directions (seed ${prepared.setup.seed}) through ${describePoint(centerSpec)}`,
  };
}

/**
 * One row of step sizes from initialization k: the (η, scale) map's line
 * θ₀ = s·d with a single row at s = ‖θ_k‖ (its scale range is a sliver
 * around that value, whose pixel centre it is).
 */
function etaLineRequest(
  prepared: PreparedSweep,
  k: number,
  etaRange: readonly [number, number],
  size: number,
): { request: MapRequest; description: string } {
  const theta = pointOf({ kind: 'init', k }, prepared, '--eta-line');
  const norm = Math.hypot(...theta);
  const plane = scaleLine(theta, [norm * (1 - 1e-9), norm * (1 + 1e-9)], 1);
  return {
    request: {
      kind: 'eta-scale',
      width: size,
      height: 1,
      etaRange,
      plane,
      xLabel: 'step size η',
      yLabel: `initialization ${k} (‖θ₀‖ = ${formatNumber(norm)})`,
    },
    description: `initialization ${k} along η from ${formatNumber(etaRange[0])} to ${formatNumber(etaRange[1])}, ${size} step sizes`,
  };
}

async function writeMapTable(path: string, map: BasinMap, kv: Record<string, string>): Promise<void> {
  const n = map.width * map.height;
  const i = new Int32Array(n);
  const j = new Int32Array(n);
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const eta = new Float64Array(n);
  const outcome = new Array<string>(n);
  for (let q = 0; q < n; q++) {
    i[q] = q % map.width;
    j[q] = Math.floor(q / map.width);
    x[q] = map.xs[i[q]];
    y[q] = map.ys[j[q]];
    eta[q] = map.etas[i[q]];
    outcome[q] = OUTCOMES[map.outcome[q]];
  }
  const columns: ColumnSpec[] = [
    { name: 'i', type: 'INT32', nullable: false, values: i },
    { name: 'j', type: 'INT32', nullable: false, values: j },
    { name: 'x', type: 'DOUBLE', nullable: false, values: x },
    { name: 'y', type: 'DOUBLE', nullable: false, values: y },
    { name: 'eta', type: 'DOUBLE', nullable: false, values: eta },
    { name: 'outcome', type: 'STRING', nullable: false, values: outcome },
    { name: 'steps', type: 'INT32', nullable: false, values: map.steps },
  ];
  await writeParquetTable(path, columns, kv);
}

/** Whether the (w₁, w₂) reference curves apply: the two-layer scalar network on its own coordinate plane. */
function curvesFor(prepared: PreparedSweep, map: BasinMap, request: MapRequest) {
  const { layout, stats } = prepared.problem;
  const plain =
    request.kind === 'plane' &&
    layout.depth === 2 &&
    isScalarNetwork(layout) &&
    map.plane.u[0] === 1 &&
    map.plane.v[1] === 1;
  if (!plain || request.eta === undefined) return [];
  const a = stats.sigma[0];
  return scalarDepth2Curves(a, stats.cross[0] / a, request.eta, map.xRange, map.yRange);
}

export async function runMap(
  prepared: PreparedSweep,
  options: MapOptions,
  run: MapRunOptions & { outDir: string },
): Promise<MapResult> {
  const { request, description } = mapRequest(prepared, options);
  const map = await computeMap(prepared, request, run);
  await mkdir(run.outDir, { recursive: true });
  const fractionsList = outcomeFractions(map);
  const fractions = Object.fromEntries(OUTCOMES.map((o, q) => [o, fractionsList[q]]));
  const kv = {
    ...footerMetadata(VERSION, canonicalJson(prepared.config)),
    [MAP_SUMMARY_KEY]: JSON.stringify({
      kind: map.kind,
      width: map.width,
      height: map.height,
      eta: request.eta ?? null,
      eta_range: request.etaRange ?? null,
      eta_critical: prepared.theory.etaCritical,
      x_range: map.xRange,
      y_range: map.yRange,
      x_label: map.xLabel,
      y_label: map.yLabel,
      plane: map.plane,
      description,
      fractions,
    }),
  };
  const tablePath = join(run.outDir, MAP_FILE);
  await writeMapTable(tablePath, map, kv);
  const png = mapPng(map);
  const pngPath = join(run.outDir, MAP_IMAGE);
  await writeFileAtomic(pngPath, png);
  const etaC = prepared.theory.etaCritical;
  const title =
    map.kind === 'plane' && request.eta !== undefined
      ? `Convergence basin at η = ${formatNumber(request.eta, 4)}${etaC ? ` = ${formatNumber(request.eta / etaC, 3)}·η_c` : ''}`
      : 'Convergence over step size and initialization scale';
  const where =
    map.kind === 'plane'
      ? description.slice(description.indexOf(';') + 2)
      : `θ₀ = s·d, d = ${describePoint(options.direction ?? { kind: 'init', k: 0 })} normalised`;
  const subtitle = [
    `${map.width}×${map.height} GD runs, ${(100 * fractions.converged).toFixed(1)}% converged; ${where}`,
    'colour = outcome; paler = more steps to the decision (within each outcome)',
  ];
  const figure = {
    name: 'map',
    title,
    caption: subtitle.join('; '),
    spec: mapFigure({
      pngDataUrl: `data:image/png;base64,${png.toString('base64')}`,
      xRange: map.xRange,
      yRange: map.yRange,
      xLabel: map.xLabel,
      yLabel: map.yLabel,
      title,
      subtitle,
      curves: curvesFor(prepared, map, request),
      xRule:
        map.kind === 'eta-scale' && etaC !== null ? { x: etaC, label: `η_c = ${formatNumber(etaC, 4)}` } : undefined,
    }),
  };
  const { files } = await writeFigure(run.outDir, { ...figure, name: 'map' }, 'map-figure');
  const geometry = await writeMapGeometry(run.outDir, map);
  return {
    map,
    files: [tablePath, pngPath, ...files, ...geometry.files],
    fractions,
    description,
    geometry: geometry.geometry,
  };
}

/**
 * End to end: `report`, `trace` and `map` of the built CLI, on small real
 * runs, as a user would call them.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  distinctColours,
  emptyMargin,
  markCount,
  markLabels,
  parseSvg,
  pngSize,
} from '../../packages/report/src/testing/svg.js';
import { eosSweep, SMALL_CONFIG, tempDir, writeConfig } from './cli.js';
import { query } from './duckdb.js';
import { collisions, layoutPage, readLayout } from './layout.js';

const dir = tempDir('eos-report-');
const config = writeConfig(dir, 'small.yaml', SMALL_CONFIG);
const runDir = join(dir, 'run');
const run = eosSweep(['run', config, '--out', runDir, '--workers', '2', '--quiet']);
const report = eosSweep(['report', runDir, '--json']);

const FIGURES = ['basin-measure', 'outcomes', 'sharpness', 'param-norm', 'transitions', 'step-budget'];

/** At most this fraction of a figure's PNG lies outside the box of what is drawn (its 10 px padding is about 5%). */
const MAX_EMPTY_MARGIN = 0.1;

function svgOf(name: string): string {
  return readFileSync(join(runDir, `${name}.svg`), 'utf8');
}

/** The root width and height of an SVG. */
function svgDims(svg: string): { width: number; height: number } {
  const root = /<svg\b[^>]*>/.exec(svg)?.[0] ?? '';
  return { width: Number(/\swidth="([\d.]+)"/.exec(root)?.[1]), height: Number(/\sheight="([\d.]+)"/.exec(root)?.[1]) };
}

describe('eos-sweep report (end to end)', () => {
  it('writes every figure as SVG and PNG, and report.html', () => {
    expect(run.status, run.stderr).toBe(0);
    expect(report.stderr).not.toMatch(/internal error/);
    expect(report.status, report.stderr).toBe(0);
    const result = JSON.parse(report.stdout);
    expect(result.report).toBe(join(runDir, 'report.html'));
    for (const f of FIGURES) {
      expect(result.files).toContain(join(runDir, `${f}.svg`));
      expect(result.files).toContain(join(runDir, `${f}.png`));
    }
    // temp-then-rename leaves nothing behind
    expect(spawnSync('ls', [runDir], { encoding: 'utf8' }).stdout).not.toMatch(/\.tmp/);
  });

  it('the SVGs parse and hold the expected marks: one point per step size, the η_c rule', async () => {
    const summary = await query(`SELECT * FROM read_parquet('${join(runDir, 'summary.parquet')}') ORDER BY eta_index`);
    const grid = summary.length;
    expect(grid).toBe(6);
    for (const f of FIGURES) parseSvg(svgOf(f));
    const basin = svgOf('basin-measure');
    expect(markCount(basin, 'basin_points')).toBe(grid);
    const ps = markLabels(basin, 'basin_points').map((l) => Number(/p: ([\d.e-]+)/.exec(l)?.[1]));
    ps.forEach((p, i) => {
      expect(p).toBeCloseTo(Number(summary[i].p_converged), 9);
    });
    for (const f of FIGURES) expect(markCount(svgOf(f), 'eta_c_rule'), f).toBe(1);
    expect(markCount(svgOf('outcomes'), 'outcome_bars')).toBe(5 * grid);
    const convergedEtas = summary.filter((r) => Number(r.converged) > 0).length;
    expect(convergedEtas).toBe(3);
    expect(markCount(svgOf('sharpness'), 'sharpness_points')).toBe(convergedEtas);
    expect(markCount(svgOf('sharpness'), 'lambda_star_rule')).toBe(1);
    expect(markCount(svgOf('sharpness'), 'two_over_eta_line')).toBe(1);
    expect(markCount(svgOf('param-norm'), 'norm_points')).toBe(2 * convergedEtas);
  });

  it('the PNGs decode at twice the SVG size and are not blank', () => {
    for (const f of FIGURES) {
      const png = readFileSync(join(runDir, `${f}.png`));
      const { width, height } = svgDims(svgOf(f));
      expect(pngSize(png), f).toEqual({ width: 2 * width, height: 2 * height });
      expect(distinctColours(png), f).toBeGreaterThan(20);
      expect(emptyMargin(png), f).toBeLessThan(MAX_EMPTY_MARGIN);
    }
  });

  it('report.html is self-contained: no external references, no scripts', () => {
    const html = readFileSync(join(runDir, 'report.html'), 'utf8');
    expect(html).not.toMatch(/<script\b/i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?\/\//i);
    expect(html).not.toMatch(/url\(\s*["']?(?:https?:)?\/\//i);
    expect(html).not.toMatch(/https?:\/\//);
    expect(html.match(/<svg\b/g)?.length).toBe(FIGURES.length);
    for (const f of FIGURES) expect(html).toContain(`<figure id="fig-${f}">`);
    expect(html).toContain('closed-form-scalar');
    expect(html).toContain('id="summary-table"');
    expect(html).toContain('No trajectory converged from η = 1.05');
  });

  it('on an unfinished or missing run directory it fails with exit 2', () => {
    const r = eosSweep(['report', join(dir, 'nope')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/run\.json/);
  });
});

const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
if (!chromium) {
  console.warn(
    'report.test.ts: /usr/bin/chromium not found — skipping the headless-browser check of report.html ' +
      '(install it with: apt-get install -y --no-install-recommends chromium)',
  );
}

describe.skipIf(!chromium)('report.html in headless Chromium', () => {
  const profile = tempDir('eos-chromium-');
  const env = {
    ...process.env,
    HOME: profile,
    XDG_CONFIG_HOME: join(profile, 'config'),
    XDG_CACHE_HOME: join(profile, 'cache'),
    XDG_DATA_HOME: join(profile, 'data'),
    XDG_RUNTIME_DIR: join(profile, 'runtime'),
  };
  for (const d of ['config', 'cache', 'data', 'runtime']) mkdirSync(join(profile, d), { recursive: true, mode: 0o700 });
  const browse = (args: string[], page = join(runDir, 'report.html')) =>
    spawnSync(
      chromium as string,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        `--user-data-dir=${join(profile, 'user-data')}`,
        '--window-size=1200,900',
        '--enable-logging=stderr',
        '--v=0',
        ...args,
        `file://${page}`,
      ],
      { encoding: 'utf8', env, timeout: 90_000, maxBuffer: 64 * 1024 * 1024 },
    );

  it('renders every figure, with no console errors', () => {
    const r = browse(['--dump-dom']);
    expect(r.status, r.stderr).toBe(0);
    const dom = r.stdout;
    for (const f of FIGURES) {
      const start = dom.indexOf(`<figure id="fig-${f}">`);
      expect(start, f).toBeGreaterThanOrEqual(0);
      const figure = dom.slice(start, dom.indexOf('</figure>', start));
      expect(figure).toMatch(/<svg\b/);
      expect(figure).toMatch(/role-mark/);
    }
    // Chromium logs page console messages as "CONSOLE(line)"; a failed load as "Failed to load"
    const consoleErrors = r.stderr.split('\n').filter((l) => /CONSOLE|Uncaught|Failed to load|ERR_/.test(l));
    expect(consoleErrors).toEqual([]);
  });

  it('lays out every figure without collisions: no text over another text, a legend symbol or a reference line', () => {
    // beside the run above: runs with η_c near either end of the grid (labels and legends meet the rule
    // there), a trace and an (η, scale) map
    const figures = FIGURES.map((f) => ({ name: f, svg: svgOf(f) }));
    const edges = {
      left: [0.9, 1.2, 1.5, 1.8, 2.1, 2.4, 2.7, 3],
      right: [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1],
    };
    for (const [side, values] of Object.entries(edges)) {
      const out = join(profile, `eta-c-${side}`);
      const edgeConfig = writeConfig(
        profile,
        `eta-c-${side}.yaml`,
        `name: eta-c-${side}\nseed: 3\nsweep:\n  eta: { values: [${values.join(', ')}] }\n  trajectories: 40\n  maxSteps: 2000\n`,
      );
      const r = eosSweep(['run', edgeConfig, '--out', out, '--workers', '2', '--quiet']);
      expect(r.status, r.stderr).toBe(0);
      expect(eosSweep(['report', out]).status).toBe(0);
      for (const f of FIGURES) figures.push({ name: `${side}-${f}`, svg: readFileSync(join(out, `${f}.svg`), 'utf8') });
    }
    const trace = join(profile, 'trace');
    const t = eosSweep(['trace', '--relative', '--eta', '0.9', '--eta', '0.95', '--trajectory', '0', '--out', trace]);
    expect(t.status, t.stderr).toBe(0);
    figures.push({ name: 'trace', svg: readFileSync(join(trace, 'trace.svg'), 'utf8') });
    const map = join(profile, 'map');
    const m = eosSweep(['map', '--eta-range', '0.3,1.5', '--size', '24', '--workers', '2', '--out', map]);
    expect(m.status, m.stderr).toBe(0);
    figures.push({ name: 'map', svg: readFileSync(join(map, 'map.svg'), 'utf8') });

    const page = join(profile, 'layout.html');
    writeFileSync(page, layoutPage(figures));
    const r = browse(['--dump-dom'], page);
    expect(r.status, r.stderr).toBe(0);
    const layout = readLayout(r.stdout);
    expect(layout.map((f) => f.name)).toEqual(figures.map((f) => f.name));
    for (const f of layout) {
      expect(f.texts.length, f.name).toBeGreaterThan(10);
      expect(f.rules.length, f.name).toBeGreaterThan(0);
    }
    expect(layout.flatMap(collisions)).toEqual([]);
  });

  it('takes a non-blank screenshot', () => {
    const shot = join(profile, 'shot.png');
    const r = browse([`--screenshot=${shot}`]);
    expect(r.status, r.stderr).toBe(0);
    const png = readFileSync(shot);
    expect(pngSize(png)).toEqual({ width: 1200, height: 900 });
    expect(distinctColours(png)).toBeGreaterThan(50);
  });
});

describe('eos-sweep trace (end to end)', () => {
  const out = join(dir, 'trace');
  const ks = [0, 1, 2, 3, 4, 5];
  const trace = eosSweep([
    'trace',
    '--relative',
    '--eta',
    '0.9',
    ...ks.flatMap((k) => ['--trajectory', String(k)]),
    '--out',
    out,
    '--json',
  ]);

  it('at 0.9·η_c (default problem) converged traces end between λ* = 2 and 2/η, with a finite det(I − η∇²L)', async () => {
    expect(trace.status, trace.stderr).toBe(0);
    const result = JSON.parse(trace.stdout);
    expect(result.pairs.length).toBe(ks.length);
    const file = join(out, 'trace.parquet');
    const schema = await query(`DESCRIBE SELECT * FROM read_parquet('${file}')`);
    expect(schema.map((c) => [c.column_name, c.column_type])).toEqual([
      ['eta', 'DOUBLE'],
      ['trajectory', 'BIGINT'],
      ['step', 'INTEGER'],
      ['loss', 'DOUBLE'],
      ['grad_norm', 'DOUBLE'],
      ['sharpness', 'DOUBLE'],
      ['eta_sharpness_half', 'DOUBLE'],
      ['gd_jacobian_det', 'DOUBLE'],
    ]);
    const last = await query(
      `SELECT trajectory::INT AS k, eta, step, sharpness, gd_jacobian_det AS det, count(*) OVER (PARTITION BY trajectory)::INT AS n
       FROM read_parquet('${file}') QUALIFY step = max(step) OVER (PARTITION BY trajectory) ORDER BY k`,
    );
    let converged = 0;
    for (const pair of result.pairs) {
      const row = last.find((r) => r.k === pair.trajectory);
      expect(row?.n).toBe(pair.steps + 1);
      expect(row?.step).toBe(pair.steps);
      if (pair.outcome !== 'converged') continue;
      converged++;
      const eta = Number(row?.eta);
      expect(eta).toBeCloseTo(0.9, 12);
      expect(Number(row?.sharpness)).toBeGreaterThanOrEqual(2 - 1e-9);
      expect(Number(row?.sharpness)).toBeLessThanOrEqual(2 / eta + 1e-9);
      expect(Number.isFinite(Number(row?.det))).toBe(true);
      expect(pair.gd_jacobian_det_sign_changes).toBeGreaterThanOrEqual(0);
    }
    expect(converged).toBeGreaterThanOrEqual(3);
  });

  it('draws the edge-of-stability figure: one loss and one sharpness line per pair, the 2/η and λ* lines', () => {
    const svg = readFileSync(join(out, 'trace.svg'), 'utf8');
    parseSvg(svg);
    expect(markCount(svg, 'loss_line')).toBe(ks.length);
    expect(markCount(svg, 'sharpness_line')).toBeGreaterThanOrEqual(ks.length);
    expect(markCount(svg, 'two_over_eta_rule')).toBe(1);
    expect(markCount(svg, 'lambda_star_rule')).toBe(1);
    const { width, height } = svgDims(svg);
    const png = readFileSync(join(out, 'trace.png'));
    expect(pngSize(png)).toEqual({ width: 2 * width, height: 2 * height });
    expect(emptyMargin(png)).toBeLessThan(MAX_EMPTY_MARGIN);
  });

  it('traces the same initialization as `run`: outcome and steps match trajectories.parquet', async () => {
    const t = eosSweep(['trace', config, '--pair', '0.9:5', '--pair', '1.3:7', '--out', join(dir, 'trace2'), '--json']);
    expect(t.status, t.stderr).toBe(0);
    const pairs = JSON.parse(t.stdout).pairs;
    for (const pair of pairs) {
      const [row] = await query(
        `SELECT outcome, steps FROM read_parquet('${join(runDir, 'trajectories.parquet')}') WHERE eta = ${pair.eta} AND trajectory = ${pair.trajectory}`,
      );
      expect([pair.outcome, pair.steps]).toEqual([row.outcome, row.steps]);
    }
  });

  it('rejects unpaired options with exit 2', () => {
    const r = eosSweep([
      'trace',
      '--eta',
      '0.5',
      '--eta',
      '0.6',
      '--trajectory',
      '1',
      '--trajectory',
      '2',
      '--trajectory',
      '3',
    ]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/cannot pair/);
  });
});

describe('eos-sweep map (end to end)', () => {
  const R = 2;
  it('converged pixels at 0.95·η_c match the converged fraction of `run` from uniform [−R, R]² within statistical error', async () => {
    const out = join(dir, 'map');
    const m = eosSweep([
      'map',
      '--eta',
      '0.95',
      '--size',
      '64',
      '--range',
      `${-R},${R}`,
      '--workers',
      '2',
      '--out',
      out,
      '--json',
    ]);
    expect(m.status, m.stderr).toBe(0);
    const map = JSON.parse(m.stdout);
    expect(map.eta).toBe(0.95);
    expect(map.x_range).toEqual([-R, R]);
    const mapFile = join(out, 'map.parquet');
    const [counts] = await query(
      `SELECT count(*)::INT AS n, count(*) FILTER (WHERE outcome = 'converged')::INT AS c,
              min(x) AS x0, max(x) AS x1, max(i)::INT AS imax, max(j)::INT AS jmax
       FROM read_parquet('${mapFile}')`,
    );
    expect(counts.n).toBe(64 * 64);
    expect([counts.imax, counts.jmax]).toEqual([63, 63]);
    expect(Number(counts.x0)).toBeCloseTo(-R + R / 64, 12);
    expect(Number(counts.c) / 4096).toBeCloseTo(map.fractions.converged, 12);
    expect(pngSize(readFileSync(join(out, 'map.png')))).toEqual({ width: 64, height: 64 });
    parseSvg(readFileSync(join(out, 'map.svg'), 'utf8'));
    expect(emptyMargin(readFileSync(join(out, 'map-figure.png')))).toBeLessThan(MAX_EMPTY_MARGIN);
    expect(markCount(readFileSync(join(out, 'map.svg'), 'utf8'), 'map_raster')).toBe(1);

    const n = 2000;
    const uniform = writeConfig(
      dir,
      'uniform.yaml',
      `name: uniform\nseed: 11\ninit: { kind: uniform, radius: ${R} }\nsweep:\n  eta: { values: [0.95] }\n  trajectories: ${n}\n  maxSteps: 20000\n`,
    );
    const r = eosSweep(['run', uniform, '--out', join(dir, 'uniform'), '--workers', '2', '--json', '--no-progress']);
    expect(r.status, r.stderr).toBe(0);
    const pRun = JSON.parse(r.stdout).summary[0].pConverged;
    const pMap = map.fractions.converged;
    // binomial standard error of the run; the grid's own error (≈ boundary pixels / all pixels) is far smaller
    const se = Math.sqrt((pRun * (1 - pRun)) / n);
    expect(Math.abs(pMap - pRun), `map ${pMap} vs run ${pRun} (se ${se})`).toBeLessThanOrEqual(4 * se);
  });

  it('above η_c no pixel converges', () => {
    const m = eosSweep([
      'map',
      '--relative',
      '--eta',
      '1.05',
      '--size',
      '32',
      '--workers',
      '2',
      '--out',
      join(dir, 'map-above'),
      '--json',
    ]);
    expect(m.status, m.stderr).toBe(0);
    expect(JSON.parse(m.stdout).fractions.converged).toBe(0);
  });

  it('the (η, scale) plane: η across the columns', async () => {
    const out = join(dir, 'map-eta');
    const m = eosSweep([
      'map',
      '--eta-range',
      '0.5,1.5',
      '--range',
      '0,2',
      '--size',
      '16',
      '--workers',
      '2',
      '--out',
      out,
      '--json',
    ]);
    expect(m.status, m.stderr).toBe(0);
    const [row] = await query(
      `SELECT count(DISTINCT eta)::INT AS etas, count(*) FILTER (WHERE outcome = 'converged' AND eta > 1)::INT AS above
       FROM read_parquet('${join(out, 'map.parquet')}')`,
    );
    expect(row).toEqual({ etas: 16, above: 0 });
  });
});

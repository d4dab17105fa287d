import { resolveConfig } from '@eos-sweep/config';
import type { RunRecord, SummaryRow } from '@eos-sweep/engine';
import { describe, expect, it } from 'vitest';
import { escapeHtml, reportHtml } from './html.js';
import { renderSvg, svgToPng } from './render.js';
import type { RunFigureInput } from './run-figures.js';
import { basinFigure, outcomesFigure, paramNormFigure, runFigures, sharpnessFigure } from './run-figures.js';
import { logTicks, niceTicks } from './spec-parts.js';
import { scopeSvgIds, svgSize } from './svg.js';
import { distinctColours, markCount, markGroups, markLabels, parseSvg, pngSize } from './testing/svg.js';

/** A summary row as the aggregator writes it, for n trajectories at η with η_c = 1, λ* = 2. */
function row(etaIndex: number, eta: number, converged: number, n = 100): SummaryRow {
  const periodic = eta > 1 ? Math.round(0.6 * (n - converged)) : 0;
  const diverged = n - converged - periodic;
  const c = converged > 0;
  return {
    intervalMethod: 'wilson',
    eta,
    etaIndex,
    etaRatio: eta,
    trajectories: n,
    converged,
    saddle: 0,
    periodic,
    diverged,
    unresolved: 0,
    pConverged: converged / n,
    pConvergedLow: Math.max(0, converged / n - 0.08),
    pConvergedHigh: Math.min(1, converged / n + 0.08),
    sharpnessFinalMedian: c ? 2.01 : Number.NaN,
    sharpnessFinalMin: c ? 2 : Number.NaN,
    sharpnessFinalMax: c ? Math.min(2 / eta, 3) : Number.NaN,
    stepsMedian: c ? 100 : Number.NaN,
    paramNormFinalMedian: c ? 1.42 : Number.NaN,
    paramNormFinalMax: c ? Math.sqrt(2 / eta) : Number.NaN,
    twoOverEta: 2 / eta,
    etaCritical: 1,
  };
}

const rows = [row(0, 0.5, 97), row(1, 0.7, 93), row(2, 0.9, 80), row(3, 0.99, 70), row(4, 1.1, 0), row(5, 1.4, 0)];
const input: RunFigureInput = { summary: rows, lambdaStar: 2, etaCritical: 1, logEta: false, trajectories: 100 };

describe('run figures', () => {
  it('basin measure: one point per step size at P(converged), the η_c rule and the η/η_c axis', async () => {
    const svg = await renderSvg(basinFigure(input).spec);
    parseSvg(svg);
    expect(markCount(svg, 'basin_points')).toBe(rows.length);
    expect(markLabels(svg, 'basin_points').map((l) => Number(/p: ([\d.]+)/.exec(l)?.[1]))).toEqual(
      rows.map((r) => r.pConverged),
    );
    expect(markCount(svg, 'basin_interval')).toBe(rows.length);
    // the line is broken at η_c: 0.99 → 1.1 is not joined
    expect(markCount(svg, 'basin_line')).toBe(2);
    expect(markCount(svg, 'eta_c_rule')).toBe(1);
    expect(svg).toContain('η / η_c');
    expect(svg).toContain('η_c = 2/λ* = 1');
  });

  it('without η_c there is no rule and no η/η_c axis', async () => {
    const svg = await renderSvg(basinFigure({ ...input, etaCritical: null }).spec);
    expect(markCount(svg, 'basin_points')).toBe(rows.length);
    expect(markCount(svg, 'eta_c_rule')).toBe(0);
    expect(svg).not.toContain('η / η_c');
  });

  it('outcomes: one stacked bar per outcome and measured step size, nothing between them', async () => {
    const svg = await renderSvg(outcomesFigure(input).spec);
    expect(markCount(svg, 'outcome_bars')).toBe(5 * rows.length);
    expect(markCount(svg, 'outcome_areas')).toBe(0);
    for (const o of ['converged', 'saddle', 'periodic', 'diverged', 'unresolved']) expect(svg).toContain(`>${o}<`);
  });

  it('sharpness: points only where runs converged, between the λ* rule and the 2/η curve', async () => {
    const svg = await renderSvg(sharpnessFigure(input).spec);
    const convergedRows = rows.filter((r) => r.converged > 0).length;
    expect(markCount(svg, 'sharpness_points')).toBe(convergedRows);
    expect(markCount(svg, 'sharpness_range')).toBe(convergedRows);
    expect(markCount(svg, 'lambda_star_rule')).toBe(1);
    expect(markCount(svg, 'two_over_eta_line')).toBe(1);
    expect(markCount(svg, 'stable_band')).toBe(1);
  });

  it('legend swatches are drawn like their marks: dashed 2/η, dotted λ*, a bar for the min–max interval', async () => {
    const svg = await renderSvg(sharpnessFigure(input).spec);
    const dash = (name: string) => /stroke-dasharray="([^"]*)"/.exec(markGroups(svg, name)[0])?.[1];
    const swatches = [
      ...svg.matchAll(/role-legend-symbol"[^>]*><path [^>]*d="([^"]*)"[^>]*stroke-dasharray="([^"]*)"/g),
    ];
    expect(swatches.map((m) => m[2])).toEqual(['', '', dash('two_over_eta_line'), dash('lambda_star_rule')]);
    expect(dash('two_over_eta_line')).toBe('6,3');
    expect(dash('lambda_star_rule')).toBe('2,3');
    // the interval swatch is a tall narrow bar, the others horizontal lines
    expect(swatches[1][1]).toMatch(/^M-0\.\d+,-[\d.]+L0\.\d+,-[\d.]+L0\.\d+,[\d.]+L-0\.\d+,[\d.]+Z$/);
    expect(swatches[2][1]).toMatch(/^M-[\d.]+,0L[\d.]+,0$/);
  });

  it('parameter norm: median and maximum per converged step size', async () => {
    const svg = await renderSvg(paramNormFigure(input).spec);
    expect(markCount(svg, 'norm_points')).toBe(2 * rows.filter((r) => r.converged > 0).length);
  });

  it('a log-spaced grid gets a log axis, and every figure still renders', async () => {
    const logRows = [0.01, 0.03, 0.1, 0.3, 1, 3].map((eta, i) => row(i, eta, eta < 1 ? 90 : 0));
    for (const f of runFigures({ ...input, summary: logRows, logEta: true })) {
      const svg = await renderSvg(f.spec);
      parseSvg(svg);
      expect(svg.length).toBeGreaterThan(1000);
    }
  });

  it('PNGs are twice the SVG size and have text drawn (fonts found)', async () => {
    const svg = await renderSvg(basinFigure(input).spec);
    const size = svgSize(svg);
    const png = svgToPng(svg);
    expect(pngSize(png)).toEqual({ width: 2 * size.width, height: 2 * size.height });
    expect(distinctColours(png)).toBeGreaterThan(20);
    // text only: with no usable font resvg draws nothing at all
    const text =
      '<svg xmlns="http://www.w3.org/2000/svg" width="60" height="20"><rect width="60" height="20" fill="white"/><text x="2" y="15" font-family="sans-serif" font-size="14">η_c</text></svg>';
    expect(distinctColours(svgToPng(text))).toBeGreaterThan(2);
  });
});

describe('helpers', () => {
  it('scopes SVG ids so that inlined figures do not share clip paths', () => {
    const svg =
      '<svg><defs><clipPath id="clip1"><rect/></clipPath></defs><g clip-path="url(#clip1)"/><use href="#clip1"/></svg>';
    expect(scopeSvgIds(svg, 'a')).toBe(
      '<svg><defs><clipPath id="a-clip1"><rect/></clipPath></defs><g clip-path="url(#a-clip1)"/><use href="#a-clip1"/></svg>',
    );
  });

  it('nice ticks are round and cover the range', () => {
    expect(niceTicks(0.45, 1.65, 6)).toEqual([0.6, 0.8, 1, 1.2, 1.4, 1.6]);
    expect(logTicks(0.009, 3.2)).toEqual([0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2]);
  });
});

describe('report.html', () => {
  it('is self-contained: figures inline, no scripts, no URLs; text is escaped', async () => {
    const config = resolveConfig({ name: 'a<b>&"c' }, []);
    const record = {
      version: '0.1.0',
      schemaVersion: 1,
      status: 'complete',
      configHash: 'abc',
      config,
      argv: ['run', '--out', 'x'],
      node: 'v20',
      host: 'h',
      cores: 2,
      workers: 2,
      startedAt: 's',
      endedAt: 'e',
      plan: { etaCount: rows.length, trajectories: 100, taskSize: 256, tasks: 6, etas: rows.map((r) => r.eta) },
      shard: { index: 0, count: 1 },
      theory: {
        lambdaStar: 2,
        etaCritical: 1,
        lossMin: 0,
        method: 'closed-form-scalar',
        rank: 1,
        balancedSharpness: 2,
        lowerBound: null,
        detail: 'λ* = N·a·|p|^(2(N−1)/N)',
      },
      counts: null,
      threshold: { etaEmpirical: 1.1, ratio: 1.1, trajectories: 100, upperBound: 0.03, etaLastConverged: 0.99 },
      failedTasks: [],
      performance: { trajectories: 600, steps: 60000, seconds: 1.5 },
      resumes: 0,
    } as unknown as RunRecord;
    const figures = await Promise.all(
      runFigures(input).map(async (figure) => ({ figure, svg: await renderSvg(figure.spec) })),
    );
    const html = reportHtml({ record, summary: rows, figures });
    expect(html.match(/<svg\b/g)?.length).toBe(4);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/\b(src|href)=/);
    expect(html).toContain(escapeHtml('a<b>&"c'));
    expect(html).not.toContain('a<b>');
    expect(html).toContain('No trajectory converged from η = 1.1');
    // ids unique across the inlined figures
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

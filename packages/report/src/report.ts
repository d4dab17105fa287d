/**
 * `eos-sweep report RUN_DIR` as a library: the four run figures as SVG and
 * PNG, the paired tables (transitions.parquet, step-budget.parquet) with
 * their two figures, and report.html, written into the run directory (each
 * file under a temporary name first, then renamed).
 */
import { join } from 'node:path';
import { canonicalJson } from '@eos-sweep/config';
import type { RunRecord } from '@eos-sweep/engine';
import { VERSION, writeFileAtomic, writePairedTables } from '@eos-sweep/engine';
import { footerMetadata } from '@eos-sweep/results';
import { budgetFigure } from './adaptive-figure.js';
import type { RenderedFigure } from './html.js';
import { reportHtml } from './html.js';
import { stepBudgetFigure, transitionsFigure } from './paired-figures.js';
import { renderSvg, svgToPng } from './render.js';
import { readRun } from './run-data.js';
import type { Figure, RunFigureInput } from './run-figures.js';
import { runFigures } from './run-figures.js';

export const REPORT_FILE = 'report.html';

/** Whether the run's step-size grid is log-spaced (then η is drawn on a log axis). */
function isLogGrid(record: RunRecord): boolean {
  const eta = record.config.sweep.eta;
  if ('spacing' in eta) return eta.spacing === 'log';
  const etas = record.plan.etas.filter((e) => e > 0);
  return etas.length > 2 && Math.max(...etas) / Math.min(...etas) >= 100;
}

/** Renders a figure and writes <dir>/<name>.svg and <dir>/<pngStem>.png; returns the SVG and the paths. */
export async function writeFigure(
  dir: string,
  figure: Pick<Figure, 'name' | 'spec'>,
  pngStem = figure.name,
): Promise<{ svg: string; files: string[] }> {
  const svg = await renderSvg(figure.spec);
  const svgPath = join(dir, `${figure.name}.svg`);
  const pngPath = join(dir, `${pngStem}.png`);
  await writeFileAtomic(svgPath, svg);
  await writeFileAtomic(pngPath, svgToPng(svg));
  return { svg, files: [svgPath, pngPath] };
}

export interface ReportResult {
  /** Every file written, report.html last. */
  readonly files: string[];
}

/** Writes the figures and report.html of a finished run directory. */
export async function writeReport(runDir: string): Promise<ReportResult> {
  const { record, summary } = await readRun(runDir);
  const input: RunFigureInput = {
    summary,
    lambdaStar: record.theory.lambdaStar,
    etaCritical: record.theory.etaCritical,
    logEta: isLogGrid(record),
    trajectories: record.plan.trajectories,
    roles: record.adaptive?.stepSizes.map((s) => s.role),
  };
  const files: string[] = [];
  const rendered: RenderedFigure[] = [];
  const figures = runFigures(input);
  if (record.adaptive) figures.push(budgetFigure(record.adaptive, record.theory.etaCritical, input.logEta));
  for (const figure of figures) {
    const { svg, files: written } = await writeFigure(runDir, figure);
    files.push(...written);
    rendered.push({ figure, svg });
  }
  const paired = await writePairedTables(
    runDir,
    record.plan.etas,
    record.config.sweep.maxSteps,
    footerMetadata(VERSION, canonicalJson(record.config)),
  );
  if (paired) {
    files.push(...paired.files);
    const pairedInput = { etas: record.plan.etas, logEta: input.logEta, etaCritical: input.etaCritical };
    for (const figure of [
      transitionsFigure(paired.transitions, pairedInput),
      stepBudgetFigure(paired.budgets, pairedInput),
    ]) {
      const { svg, files: written } = await writeFigure(runDir, figure);
      files.push(...written);
      rendered.push({ figure, svg });
    }
  }
  const htmlPath = join(runDir, REPORT_FILE);
  await writeFileAtomic(htmlPath, reportHtml({ record, summary, figures: rendered }));
  files.push(htmlPath);
  return { files };
}

/**
 * report.html: one self-contained page (figures inlined as SVG, styles
 * inline, no scripts, no external URLs) that opens offline. Pure: no Node
 * imports.
 */

import type { RunRecord, SummaryRow } from '@eos-sweep/engine';
import { stringify } from 'yaml';
import { adaptiveSummary, intervalName } from './adaptive-figure.js';
import type { Figure } from './run-figures.js';
import { formatNumber } from './spec-parts.js';
import { scopeSvgIds } from './svg.js';

export interface RenderedFigure {
  readonly figure: Figure;
  readonly svg: string;
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const STYLE = `
:root { color-scheme: light; }
body { font-family: "DejaVu Sans", Verdana, Helvetica, Arial, sans-serif; color: #1a1a1a; background: #fff;
  max-width: 1180px; margin: 0 auto; padding: 24px 28px 64px; line-height: 1.45; }
h1 { font-size: 1.6rem; margin: 0 0 4px; }
h2 { font-size: 1.2rem; margin: 36px 0 10px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
.lead { color: #444; margin: 0 0 18px; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; }
.card { border: 1px solid #ddd; border-radius: 6px; padding: 10px 14px; min-width: 150px; }
.card .k { font-size: .8rem; color: #555; }
.card .v { font-size: 1.25rem; font-weight: bold; font-variant-numeric: tabular-nums; }
.note { color: #444; font-size: .92rem; }
figure { margin: 18px 0 28px; }
figure svg { max-width: 100%; height: auto; display: block; }
figcaption { color: #333; font-size: .92rem; max-width: 820px; margin-top: 4px; }
figcaption .files { color: #666; }
table { border-collapse: collapse; font-size: .85rem; font-variant-numeric: tabular-nums; }
th, td { border-bottom: 1px solid #e3e3e3; padding: 4px 8px; text-align: right; white-space: nowrap; }
th { background: #f5f5f5; position: sticky; top: 0; }
td.l, th.l { text-align: left; }
tr.above td { color: #6b6b6b; }
.scroll { overflow-x: auto; }
pre { background: #f7f7f7; border: 1px solid #e3e3e3; border-radius: 4px; padding: 10px 12px; overflow-x: auto;
  font-size: .85rem; }
dl.prov { display: grid; grid-template-columns: max-content 1fr; gap: 3px 16px; font-size: .9rem; }
dl.prov dt { color: #555; }
dl.prov dd { margin: 0; font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; word-break: break-all; }
`;

function card(key: string, value: string, title?: string): string {
  return `<div class="card"${title ? ` title="${escapeHtml(title)}"` : ''}><div class="k">${escapeHtml(key)}</div><div class="v">${escapeHtml(value)}</div></div>`;
}

/** One line on where convergence stopped on the grid, against η_c. */
function thresholdText(record: RunRecord): string {
  const bracket = record.adaptive?.threshold;
  if (bracket) {
    const width =
      bracket.width === null
        ? ''
        : ` (width ${formatNumber(bracket.width, 3)}, tolerance ${formatNumber(bracket.tolerance, 3)}${bracket.budgetLimited ? ', budget-limited' : ''})`;
    const ends =
      bracket.low !== null && bracket.high !== null
        ? `Threshold bracket η ∈ (${formatNumber(bracket.low, 6)}, ${formatNumber(bracket.high, 6)}]${width}: `
        : 'Threshold bracket: ';
    const etaC = record.theory.etaCritical;
    return `${ends}${bracket.statement}; ${etaC === null ? 'η_c is unknown' : `theory: η_c = ${formatNumber(etaC, 6)}`}.`;
  }
  const t = record.threshold;
  const etaC = record.theory.etaCritical;
  const theory = etaC === null ? 'η_c is unknown' : `theory: η_c = ${formatNumber(etaC, 6)}`;
  if (!t) return `No empirical threshold recorded; ${theory}.`;
  if (t.etaEmpirical === null) {
    return `Trajectories still converge at the largest step size of the grid; ${theory}.`;
  }
  const ratio = t.ratio === null ? '' : ` = ${formatNumber(t.ratio, 4)}·η_c`;
  const last =
    t.etaLastConverged === null
      ? 'none converged anywhere'
      : `last convergence at η = ${formatNumber(t.etaLastConverged, 6)}`;
  return (
    `No trajectory converged from η = ${formatNumber(t.etaEmpirical, 6)}${ratio} on ` +
    `(0 of ${t.trajectories}; converging fraction < ${t.upperBound === null ? '–' : t.upperBound.toExponential(2)} at 95%); ` +
    `${last}; ${theory}.`
  );
}

/** An adaptive sweep's rounds: what each added or re-ran, and why. */
function roundsTable(record: RunRecord): string {
  const rounds = record.adaptive?.rounds;
  if (!rounds) return '';
  const rows = rounds.map((round) => {
    const work = round.stepSizes
      .map(
        (s) =>
          `η = ${formatNumber(s.eta, 6)}: ${s.kind === 'extend' ? 're-ran' : 'added'} ${s.trajectories} (${s.reason})`,
      )
      .join('; ');
    return `<tr><td>${round.round}</td><td>${round.trajectories}</td><td>${round.steps}</td><td>${escapeHtml(work)}</td></tr>`;
  });
  return (
    '<section id="rounds">\n<h2>Rounds of the adaptive sweep</h2>\n<details><summary>' +
    `${rounds.length} rounds</summary>\n<table><thead><tr><th>round</th><th>trajectories</th><th>GD steps</th>` +
    `<th>work and reason</th></tr></thead><tbody>${rows.join('')}</tbody></table></details>\n</section>\n`
  );
}

function pct(x: number): string {
  return Number.isFinite(x) ? `${(100 * x).toFixed(1)}%` : '–';
}

function summaryTable(rows: readonly SummaryRow[], etaCritical: number | null): string {
  const head = [
    'η',
    'η/η_c',
    'trajectories',
    'converged',
    'saddle',
    'periodic',
    'diverged',
    'unresolved',
    'P(converged) [95% CI]',
    'λ_max final: median [min, max]',
    '2/η',
    'steps (median)',
    '‖θ‖ final: median / max',
  ];
  const body = rows.map((r) => {
    const above = etaCritical !== null && r.eta > etaCritical;
    const cells = [
      formatNumber(r.eta, 6),
      formatNumber(r.etaRatio, 4),
      String(r.trajectories),
      String(r.converged),
      String(r.saddle),
      String(r.periodic),
      String(r.diverged),
      String(r.unresolved),
      `${pct(r.pConverged)} [${pct(r.pConvergedLow)}, ${pct(r.pConvergedHigh)}]`,
      `${formatNumber(r.sharpnessFinalMedian)} [${formatNumber(r.sharpnessFinalMin)}, ${formatNumber(r.sharpnessFinalMax)}]`,
      formatNumber(r.twoOverEta),
      formatNumber(r.stepsMedian),
      `${formatNumber(r.paramNormFinalMedian)} / ${formatNumber(r.paramNormFinalMax)}`,
    ];
    return `<tr${above ? ' class="above"' : ''}>${cells.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`;
  });
  return (
    `<div class="scroll"><table id="summary-table"><thead><tr>${head.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead>` +
    `<tbody>${body.join('\n')}</tbody></table></div>`
  );
}

function provenance(record: RunRecord): string {
  const perf = record.performance;
  const items: [string, string][] = [
    ['eos-sweep version', record.version],
    ['schema version', String(record.schemaVersion)],
    ['status', record.status],
    ['config hash', record.configHash],
    ['command line', `eos-sweep ${record.argv.join(' ')}`],
    ['started', record.startedAt],
    ['ended', record.endedAt ?? '–'],
    ['host', record.host],
    ['Node.js', record.node],
    ['cores / workers', `${record.cores} / ${record.workers}`],
    ['shard', `${record.shard.index}/${record.shard.count}`],
    ['resumes', String(record.resumes)],
    [
      'plan',
      record.adaptive
        ? `adaptive: ${record.adaptive.rounds.length} rounds over ${record.adaptive.stepSizes.length} step sizes, tasks of ${record.plan.taskSize}`
        : `${record.plan.etaCount} step sizes × ${record.plan.trajectories} initializations, ${record.plan.tasks} tasks of ${record.plan.taskSize}`,
    ],
  ];
  if (perf) {
    items.push([
      'performance',
      `${perf.trajectories} trajectories, ${perf.steps} GD steps in ${perf.seconds.toFixed(2)} s`,
    ]);
  }
  if (record.failedTasks.length > 0) items.push(['failed tasks', record.failedTasks.map((f) => f.task).join(', ')]);
  return `<dl class="prov">${items.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('')}</dl>`;
}

function figureBlock({ figure, svg }: RenderedFigure): string {
  // the HTML parser knows the SVG namespaces: dropping the declarations leaves no URL at all in the page
  const inline = scopeSvgIds(svg, `fig-${figure.name}`)
    .replace(/\sxmlns(:xlink)?="[^"]*"/g, '')
    .replace(/^<svg\b/, `<svg role="img" aria-label="${escapeHtml(figure.title)}"`);
  return (
    `<figure id="fig-${escapeHtml(figure.name)}">\n${inline}\n` +
    `<figcaption><b>${escapeHtml(figure.title)}.</b> ${escapeHtml(figure.caption)} ` +
    `<span class="files">Files: ${escapeHtml(figure.name)}.svg, ${escapeHtml(figure.name)}.png.</span></figcaption></figure>`
  );
}

function describeModel(record: RunRecord): string {
  const { model, data, init, sweep } = record.config;
  const hidden = Array.isArray(model.hidden) ? `[${model.hidden.join(', ')}]` : String(model.hidden);
  const initText =
    init.kind === 'gaussian'
      ? `Gaussian initialization (std ${init.std})`
      : `uniform initialization on [−${init.radius}, ${init.radius}]`;
  const sweepText =
    adaptiveSummary(record) ??
    `${record.plan.etaCount} step sizes × ${sweep.trajectories} initializations, at most ${sweep.maxSteps} GD steps each.`;
  return `Deep linear network of depth ${model.depth} (hidden width ${hidden}), data: ${data.kind}, ${initText}; ${sweepText}`;
}

export interface ReportPage {
  readonly record: RunRecord;
  readonly summary: readonly SummaryRow[];
  readonly figures: readonly RenderedFigure[];
}

export function reportHtml({ record, summary, figures }: ReportPage): string {
  const th = record.theory;
  const title = `eos-sweep report — ${record.config.name}`;
  const etaEmp = record.threshold?.etaEmpirical ?? null;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="eos-sweep ${escapeHtml(record.version)}">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${escapeHtml(title)}</h1>
<p class="lead">${escapeHtml(describeModel(record))}</p>
</header>
<section id="theory">
<h2>Threshold: theory and measurement</h2>
<div class="cards">
${card('λ* (flattest minimum)', formatNumber(th.lambdaStar, 6))}
${card('η_c = 2/λ*', formatNumber(th.etaCritical, 6))}
${card('L* (minimum loss)', formatNumber(th.lossMin, 6))}
${card('method', th.method, th.detail)}
${card('empirical threshold η', etaEmp === null ? '–' : formatNumber(etaEmp, 6))}
</div>
<p class="note">How λ* was obtained: ${escapeHtml(th.detail)}.</p>
<p class="note" id="empirical-threshold">${escapeHtml(thresholdText(record))}</p>
</section>
<section id="figures">
<h2>Figures</h2>
${figures.map(figureBlock).join('\n')}
</section>
<section id="summary">
<h2>Summary by step size</h2>
${summaryTable(summary, th.etaCritical)}
<p class="note">Rows above η_c are grey. Intervals: ${escapeHtml(intervalName(summary[0]?.intervalMethod))}; sharpness, steps and norms are over converged trajectories.</p>
</section>
${roundsTable(record)}<section id="config">
<h2>Configuration (resolved)</h2>
<pre>${escapeHtml(stringify(record.config))}</pre>
</section>
<section id="provenance">
<h2>Provenance</h2>
${provenance(record)}
</section>
</body>
</html>
`;
}

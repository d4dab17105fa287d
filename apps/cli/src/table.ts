/** The per-step-size table `run` and `aggregate` print. */
import type { SummaryRow, Threshold } from '@eos-sweep/engine';

function fmt(x: number, digits = 4): string {
  return Number.isFinite(x) ? x.toPrecision(digits) : '–';
}

export function summaryTable(rows: readonly SummaryRow[]): string {
  const header = [
    'eta',
    'eta/eta_c',
    'p_converged [95% CI]',
    'converged',
    'saddle',
    'periodic',
    'diverged',
    'unresolved',
  ];
  const body = rows.map((r) => [
    fmt(r.eta),
    fmt(r.etaRatio, 3),
    `${r.pConverged.toFixed(3)} [${r.pConvergedLow.toFixed(3)}, ${r.pConvergedHigh.toFixed(3)}]`,
    String(r.converged),
    String(r.saddle),
    String(r.periodic),
    String(r.diverged),
    String(r.unresolved),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i])).join('  ');
  return [line(header), ...body.map(line)].join('\n');
}

export function thresholdLine(t: Threshold, etaCritical: number | null): string {
  const theory = etaCritical === null ? 'η_c unknown' : `η_c = ${fmt(etaCritical, 6)} (theory)`;
  if (t.etaEmpirical === null) {
    return `empirical threshold: not reached — trajectories still converge at the largest step size; ${theory}`;
  }
  if (t.etaLastConverged === null) {
    return `empirical threshold: not measured — no trajectory converged at any step size of the grid; ${theory}`;
  }
  const ratio = t.ratio === null ? '' : ` = ${fmt(t.ratio, 4)}·η_c`;
  return (
    `empirical threshold: no trajectory converged from η = ${fmt(t.etaEmpirical, 6)}${ratio} on ` +
    `(0 of ${t.trajectories}; fraction < ${t.upperBound?.toExponential(2)} at 95%); ${theory}`
  );
}

/** The per-step-size table `run` and `aggregate` print. */
import type { BracketRecord, SummaryRow, Threshold } from '@eos-sweep/engine';

function fmt(x: number, digits = 4): string {
  return Number.isFinite(x) ? x.toPrecision(digits) : '–';
}

/**
 * One line per step size. `maxSteps` (an adaptive sweep's budget per step size, in the rows' order) adds
 * the trajectory count and the budget, which then differ between rows.
 */
export function summaryTable(rows: readonly SummaryRow[], maxSteps?: readonly number[]): string {
  const header = [
    'eta',
    'eta/eta_c',
    `p_converged [95% ${rows[0]?.intervalMethod === 'beta-binomial-mixture' ? 'CS' : 'CI'}]`,
    'converged',
    'saddle',
    'periodic',
    'diverged',
    'unresolved',
    ...(maxSteps ? ['trajectories', 'max_steps'] : []),
  ];
  const body = rows.map((r, i) => [
    fmt(r.eta, maxSteps ? 6 : 4),
    fmt(r.etaRatio, maxSteps ? 5 : 3),
    `${r.pConverged.toFixed(3)} [${r.pConvergedLow.toFixed(3)}, ${r.pConvergedHigh.toFixed(3)}]`,
    String(r.converged),
    String(r.saddle),
    String(r.periodic),
    String(r.diverged),
    String(r.unresolved),
    ...(maxSteps ? [String(r.trajectories), String(maxSteps[i])] : []),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i])).join('  ');
  return [line(header), ...body.map(line)].join('\n');
}

/** An adaptive sweep's threshold bracket, with the evidence at each end. */
export function bracketLine(b: BracketRecord, etaCritical: number | null): string {
  const theory = etaCritical === null ? 'η_c unknown' : `η_c = ${fmt(etaCritical, 6)} (theory)`;
  if (b.low === null || b.high === null) return `threshold bracket: ${b.statement}; ${theory}`;
  const ratio =
    b.lowRatio === null || b.highRatio === null ? '' : ` = (${fmt(b.lowRatio, 6)}, ${fmt(b.highRatio, 6)}]·η_c`;
  const width = `width ${fmt(b.width ?? Number.NaN, 3)} ${b.resolved ? '≤' : '>'} tolerance ${fmt(b.tolerance, 3)}`;
  return (
    `threshold bracket: η ∈ (${fmt(b.low, 6)}, ${fmt(b.high, 6)}]${ratio}, ${width}` +
    `${b.budgetLimited ? ' (budget-limited)' : ''}; ${b.statement}; ${theory}`
  );
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

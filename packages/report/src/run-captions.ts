/**
 * The captions of the run figures, written from the run's own summary:
 * what was measured where, in the run's numbers. What theory predicts is
 * said as theory, beside it. Pure: no Node imports.
 */

import type { SummaryRow } from '@eos-sweep/engine';
import { intervalName } from './adaptive-figure.js';
import { OUTCOME_ORDER } from './palette.js';
import { formatNumber } from './spec-parts.js';

type OutcomeName = (typeof OUTCOME_ORDER)[number];

export interface CaptionInput {
  readonly summary: readonly SummaryRow[];
  readonly lambdaStar: number | null;
  readonly etaCritical: number | null;
}

function known(x: number | null): x is number {
  return x !== null && Number.isFinite(x) && x > 0;
}

/** A fraction as a percentage in at most 3 significant digits: 0.8175 → "81.8%". */
function percent(x: number): string {
  return `${formatNumber(100 * x, 3)}%`;
}

/** A step size in units of η_c when it is known ("0.95·η_c"), else "η = 0.37". */
function at(eta: number, etaC: number | null): string {
  return known(etaC) ? `${formatNumber(eta / etaC, 3)}·η_c` : `η = ${formatNumber(eta)}`;
}

/** "0.5–0.95·η_c" (or "η = 0.2–0.4"). */
function range(first: number, last: number, etaC: number | null): string {
  return known(etaC)
    ? `${formatNumber(first / etaC, 3)}–${formatNumber(last / etaC, 3)}·η_c`
    : `η = ${formatNumber(first)}–${formatNumber(last)}`;
}

/** "for 0.5–0.95·η_c", or "at 0.5·η_c" when the range is one step size. */
function span(first: number, last: number, etaC: number | null): string {
  return first === last ? `at ${at(first, etaC)}` : `for ${range(first, last, etaC)}`;
}

/** "1 step size", "3 step sizes". */
function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** "82–99%", or one value. */
function shareRange(lo: number, hi: number): string {
  return percent(lo) === percent(hi) ? percent(lo) : `${percent(lo)}–${percent(hi)}`;
}

function measured(summary: readonly SummaryRow[]): SummaryRow[] {
  return summary.filter((r) => r.trajectories > 0);
}

/** Whether η lies at or above η_c (a relative grid point at η_c up to round-off counts as on it). */
function atOrAbove(eta: number, etaC: number): boolean {
  return eta >= etaC * (1 - 1e-9);
}

export function basinCaption({ summary, etaCritical }: CaptionInput): string {
  const rows = measured(summary).filter((r) => Number.isFinite(r.pConverged));
  const head =
    'Fraction of initializations from which GD converged to a global minimizer (points), with its ' +
    `${intervalName(summary[0]?.intervalMethod)} (bars), at each measured step size.`;
  if (rows.length === 0) return `${head} Nothing was measured.`;
  const said: string[] = [];
  const describe = (part: SummaryRow[], where: string) => {
    if (part.length === 0) return;
    const first = part[0];
    const last = part[part.length - 1];
    said.push(
      part.length === 1
        ? `${where}: ${percent(first.pConverged)} at ${at(first.eta, etaCritical)}`
        : `${where}: ${percent(first.pConverged)} at ${at(first.eta, etaCritical)}, ${percent(last.pConverged)} at ${at(last.eta, etaCritical)}`,
    );
  };
  if (!known(etaCritical)) {
    describe(rows, 'Measured');
    return `${head} ${said.join('')}.`;
  }
  const below = rows.filter((r) => !atOrAbove(r.eta, etaCritical));
  const above = rows.filter((r) => atOrAbove(r.eta, etaCritical));
  describe(below, 'Below η_c');
  if (above.length > 0) {
    const converging = above.filter((r) => r.converged > 0);
    const first = above[0].eta;
    const last = above[above.length - 1].eta;
    const where =
      above.length === 1
        ? `at ${at(first, etaCritical)}`
        : `at any of the ${above.length} step sizes (${range(first, last, etaCritical)})`;
    said.push(
      converging.length === 0
        ? `from η_c on, no trajectory converged ${where}`
        : `from η_c on, trajectories converged at ${converging.length} of ${count(above.length, 'step size')} (at most ${percent(Math.max(...converging.map((r) => r.pConverged)))})`,
    );
  }
  return `${head} ${said.join('; ')}. Theory: zero from η_c = 2/λ* on (dashed); lines join only grid neighbours on one side of η_c.`;
}

/** The outcome with the largest share at a step size (ties: the first in OUTCOME_ORDER). */
export function dominantOutcome(row: SummaryRow): OutcomeName {
  let best: OutcomeName = OUTCOME_ORDER[0];
  for (const o of OUTCOME_ORDER) if (row[o] > row[best]) best = o;
  return best;
}

export interface OutcomeRun {
  readonly outcome: OutcomeName;
  readonly firstEta: number;
  readonly lastEta: number;
  /** The smallest and largest share of that outcome over the run. */
  readonly low: number;
  readonly high: number;
}

/** Consecutive measured step sizes with the same most common outcome. */
export function outcomeRuns(summary: readonly SummaryRow[]): OutcomeRun[] {
  const runs: { outcome: OutcomeName; firstEta: number; lastEta: number; low: number; high: number }[] = [];
  for (const r of measured(summary)) {
    const outcome = dominantOutcome(r);
    const share = r[outcome] / r.trajectories;
    const last = runs[runs.length - 1];
    if (last && last.outcome === outcome) {
      last.lastEta = r.eta;
      last.low = Math.min(last.low, share);
      last.high = Math.max(last.high, share);
    } else {
      runs.push({ outcome, firstEta: r.eta, lastEta: r.eta, low: share, high: share });
    }
  }
  return runs;
}

export function outcomesCaption({ summary, etaCritical }: CaptionInput): string {
  const runs = outcomeRuns(summary);
  const head = 'Share of each outcome at each measured step size (one bar each).';
  if (runs.length === 0) return `${head} Nothing was measured.`;
  const parts = runs.map(
    (r) => `${r.outcome} ${span(r.firstEta, r.lastEta, etaCritical)} (${shareRange(r.low, r.high)})`,
  );
  const theory = known(etaCritical) ? ' Theory: the converged share is zero from η_c on.' : '';
  return `${head} Most common outcome: ${parts.join('; ')}.${theory}`;
}

export function sharpnessCaption({ summary, lambdaStar, etaCritical }: CaptionInput): string {
  const head =
    'λ_max of the Hessian where converged runs stopped: median (points) and min–max (bars) at each step size ' +
    'where some run converged. Theory: every converged run lies in the shaded band between λ* (no minimum is ' +
    'flatter, dotted) and 2/η (no sharper minimum is stable, dashed); the band closes at η_c.';
  const rows = measured(summary).filter((r) => r.converged > 0 && Number.isFinite(r.sharpnessFinalMin));
  if (rows.length === 0) return `${head} No run converged, so there is nothing to show.`;
  const lo = Math.min(...rows.map((r) => r.sharpnessFinalMin));
  const hi = Math.max(...rows.map((r) => r.sharpnessFinalMax));
  const overLimit = Math.max(...rows.map((r) => r.sharpnessFinalMax * (r.eta / 2)));
  const where = span(rows[0].eta, rows[rows.length - 1].eta, etaCritical);
  const star = known(lambdaStar) ? ` (${formatNumber(lo / lambdaStar, 6)}·λ*)` : '';
  return (
    `${head} Measured ${where} (${count(rows.length, 'step size')}): final sharpness from ${formatNumber(lo)}${star} to ` +
    `${formatNumber(hi)}; at most ${formatNumber(overLimit, 4)}·(2/η).`
  );
}

export function paramNormCaption({ summary, etaCritical }: CaptionInput): string {
  const head =
    'Euclidean norm of all parameters where converged runs stopped: median and maximum at each step size where ' +
    'some run converged. Theory: stable minima form a bounded set that shrinks as η grows and vanishes at η_c.';
  const rows = measured(summary).filter((r) => r.converged > 0 && Number.isFinite(r.paramNormFinalMax));
  if (rows.length === 0) return `${head} No run converged, so there is nothing to show.`;
  const first = rows[0];
  const last = rows[rows.length - 1];
  const largest = rows.reduce((a, b) => (b.paramNormFinalMax > a.paramNormFinalMax ? b : a));
  const ends =
    rows.length === 1
      ? `${formatNumber(first.paramNormFinalMax)} ${span(first.eta, first.eta, etaCritical)}`
      : `${formatNumber(first.paramNormFinalMax)} at ${at(first.eta, etaCritical)}, ${formatNumber(last.paramNormFinalMax)} at ${at(last.eta, etaCritical)}`;
  const peak =
    largest === first || largest === last
      ? ''
      : `; largest ${formatNumber(largest.paramNormFinalMax)} at ${at(largest.eta, etaCritical)}`;
  return `${head} Measured maximum: ${ends}${peak}.`;
}

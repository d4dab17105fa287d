/**
 * The plan of one round of an adaptive sweep, a pure function of the step
 * sizes and what has run at them — so each round's plan depends only on the
 * results of the rounds before it, and a resume (or the planning job of a
 * cluster run) computes the same plan again.
 *
 * A round, in order of precedence:
 * 1. budget: the bracket's upper end (the smallest η above the last one where
 *    something converged) has unresolved rows and a budget below
 *    `maxStepsCap`: they run again with 10× the budget (near η_c convergence
 *    is slow on both sides, so an unresolved row there proves nothing);
 * 2. interval: each grid or refinement step size whose anytime-valid
 *    interval is wider than ±halfWidth gets `batch` more initializations
 *    (up to `maxTrajectories`); a bisection step size gets them only until
 *    the decision — something converged, or the interval is that narrow;
 * 3. bisection: once the upper end is settled, the midpoint of the bracket,
 *    while it is wider than thresholdTolerance·η_c;
 * 4. refinement: the midpoint of the neighbouring pair whose p differs most
 *    relative to their half-widths, when by more than their sum.
 * Step sizes never exceed `maxStepSizes`. A round with nothing to do ends
 * the sweep.
 */
import type { AdaptiveConfig } from '@eos-sweep/config';
import type { StepSize, StepSizeRole } from './points.js';
import { convergedOf, halfWidthAt, intervalOf } from './points.js';

/** A raised budget is this many times the last one (capped at maxStepsCap). */
export const BUDGET_FACTOR = 10;

export interface PlanContext {
  readonly settings: AdaptiveConfig;
  /** η_c, the unit of thresholdTolerance; when unknown, the bracket's lower end is. */
  readonly etaCritical: number | null;
}

interface AddedStepSize {
  readonly id: number;
  readonly eta: number;
  readonly role: StepSizeRole;
  readonly maxSteps: number;
}

interface WorkItem {
  /** The step size's id. */
  readonly stepSize: number;
  /** sample: new initializations start..start+count−1; extend: re-run `trajectories` with a larger budget. */
  readonly kind: 'sample' | 'extend';
  readonly start: number;
  readonly count: number;
  readonly trajectories?: readonly number[];
  readonly maxSteps: number;
  readonly reason: string;
}

export interface RoundPlan {
  readonly round: number;
  readonly added: readonly AddedStepSize[];
  readonly items: readonly WorkItem[];
}

export interface Bracket {
  /** The largest η at which something converged (null: nothing converged anywhere). */
  readonly low: StepSize | null;
  /** The smallest η above it (null: something converged at the largest η). */
  readonly high: StepSize | null;
}

export function byEta(points: readonly StepSize[]): StepSize[] {
  return [...points].sort((a, b) => a.eta - b.eta);
}

export function bracketOf(points: readonly StepSize[]): Bracket {
  const sorted = byEta(points);
  let last = -1;
  sorted.forEach((p, i) => {
    if (convergedOf(p) > 0) last = i;
  });
  return { low: last >= 0 ? sorted[last] : null, high: sorted[last + 1] ?? null };
}

const fmt = (x: number) => x.toPrecision(3);

function sampleItem(point: StepSize, settings: AdaptiveConfig): WorkItem | null {
  const n = point.trajectories;
  if (n >= settings.maxTrajectories) return null;
  const halfWidth = halfWidthAt(point, settings);
  const decided = point.role === 'bisection' && convergedOf(point) > 0;
  if (decided || halfWidth <= settings.halfWidth) return null;
  const reason =
    point.role === 'bisection'
      ? `decision: 0 of ${n} converged, p < ${fmt(intervalOf(point, settings)[1])}`
      : `interval: ±${fmt(halfWidth)} > ±${settings.halfWidth}`;
  return {
    stepSize: point.id,
    kind: 'sample',
    start: n,
    count: Math.min(settings.batch, settings.maxTrajectories - n),
    maxSteps: point.maxSteps,
    reason,
  };
}

function firstBatch(added: AddedStepSize, settings: AdaptiveConfig, reason: string): WorkItem {
  return {
    stepSize: added.id,
    kind: 'sample',
    start: 0,
    count: Math.min(settings.batch, settings.maxTrajectories),
    maxSteps: added.maxSteps,
    reason,
  };
}

export function planRound(points: readonly StepSize[], round: number, context: PlanContext): RoundPlan {
  const { settings } = context;
  const sorted = byEta(points);
  const { low, high } = bracketOf(sorted);
  const items: WorkItem[] = [];
  const busy = new Set<number>();

  if (high && high.unresolved.length > 0 && high.maxSteps < settings.maxStepsCap) {
    const maxSteps = Math.min(settings.maxStepsCap, high.maxSteps * BUDGET_FACTOR);
    items.push({
      stepSize: high.id,
      kind: 'extend',
      start: 0,
      count: high.unresolved.length,
      trajectories: [...high.unresolved],
      maxSteps,
      reason: `budget: ${high.unresolved.length} unresolved at the bracket's upper end, ${high.maxSteps} → ${maxSteps} steps`,
    });
    busy.add(high.id);
  }
  for (const point of sorted) {
    if (busy.has(point.id)) continue;
    const item = sampleItem(point, settings);
    if (item) {
      items.push(item);
      busy.add(point.id);
    }
  }

  const added: AddedStepSize[] = [];
  const room = () => points.length + added.length < settings.maxStepSizes;
  const add = (eta: number, role: StepSizeRole, maxSteps: number, reason: string) => {
    const step = { id: points.length + added.length, eta, role, maxSteps };
    added.push(step);
    items.push(firstBatch(step, settings, reason));
  };
  const unit = context.etaCritical ?? low?.eta ?? sorted[sorted.length - 1].eta;
  const tolerance = settings.thresholdTolerance * unit;

  if (low && high && !busy.has(high.id) && high.eta - low.eta > tolerance && room()) {
    add(
      0.5 * (low.eta + high.eta),
      'bisection',
      Math.max(low.maxSteps, high.maxSteps),
      `bisection of the bracket [${low.eta}, ${high.eta}]`,
    );
  }

  if (room()) {
    let best: { a: StepSize; b: StepSize; score: number; change: number } | null = null;
    for (let i = 0; i + 1 < sorted.length; i++) {
      const a = sorted[i];
      const b = sorted[i + 1];
      if ((a === low && b === high) || b.eta - a.eta <= 2 * tolerance) continue;
      const change = Math.abs(convergedOf(a) / a.trajectories - convergedOf(b) / b.trajectories);
      const score = change / (halfWidthAt(a, settings) + halfWidthAt(b, settings));
      if (score > 1 && (!best || score > best.score)) best = { a, b, score, change };
    }
    if (best) {
      add(
        0.5 * (best.a.eta + best.b.eta),
        'refinement',
        Math.max(best.a.maxSteps, best.b.maxSteps),
        `refinement: p changes by ${fmt(best.change)} between ${best.a.eta} and ${best.b.eta}, ${fmt(best.score)}× their half-widths`,
      );
    }
  }
  return { round, added, items };
}

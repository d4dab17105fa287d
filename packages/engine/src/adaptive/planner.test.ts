import type { AdaptiveConfig } from '@eos-sweep/config';
import { ADAPTIVE_DEFAULTS } from '@eos-sweep/config';
import { OUTCOME_CODE } from '@eos-sweep/core';
import { describe, expect, it } from 'vitest';
import { BUDGET_FACTOR, bracketOf, planRound } from './planner.js';
import type { StepSize } from './points.js';
import { addRows, applyExtensions, halfWidthAt, newStepSize } from './points.js';
import { bracketRecord } from './record.js';
import { roundTasks } from './run-adaptive.js';

const { converged, periodic, unresolved } = OUTCOME_CODE;
const settings: AdaptiveConfig = { ...ADAPTIVE_DEFAULTS, halfWidth: 0.05 };
const context = { settings, etaCritical: 1 };

/** A step size that ran `outcomes` (one code per initialization) in round 0. */
function stepSize(id: number, eta: number, outcomes: number[], maxSteps = 1000, role: StepSize['role'] = 'grid') {
  const point = newStepSize(id, eta, role, 0, maxSteps);
  addRows(point, { round: 0, task: id, start: 0, count: outcomes.length }, outcomes);
  return point;
}
const fill = (n: number, code: number) => new Array<number>(n).fill(code);

describe('planRound', () => {
  it('raises the budget of the unresolved rows at the bracket’s upper end before anything else there', () => {
    const points = [
      stepSize(0, 0.9, [...fill(200, converged), ...fill(56, periodic)]),
      stepSize(1, 1.1, [...fill(250, periodic), ...fill(6, unresolved)]),
    ];
    const plan = planRound(points, 1, context);
    const extend = plan.items.filter((i) => i.kind === 'extend');
    expect(extend).toHaveLength(1);
    expect(extend[0]).toMatchObject({ stepSize: 1, count: 6, maxSteps: 1000 * BUDGET_FACTOR });
    expect(extend[0].trajectories).toEqual([250, 251, 252, 253, 254, 255]);
    // the upper end is not settled: no bisection yet
    expect(plan.added).toEqual([]);
  });

  it('bisects a settled bracket, with the larger budget of its ends, until it is narrower than the tolerance', () => {
    const points = [
      stepSize(0, 0.9, [...fill(200, converged), ...fill(56, periodic)], 1000),
      stepSize(1, 1.1, fill(256, periodic), 10000),
    ];
    const plan = planRound(points, 1, context);
    expect(plan.added).toEqual([{ id: 2, eta: 1.0, role: 'bisection', maxSteps: 10000 }]);
    expect(plan.items.find((i) => i.stepSize === 2)).toMatchObject({ kind: 'sample', start: 0, count: 256 });
    const narrow = [stepSize(0, 0.9995, fill(256, converged)), stepSize(1, 1.0004, fill(256, periodic))];
    expect(planRound(narrow, 1, context).added).toEqual([]);
  });

  it('samples a grid step size until its interval is ±halfWidth, a bisection one only until the decision', () => {
    const wide = stepSize(0, 0.5, [...fill(128, converged), ...fill(128, periodic)]);
    expect(halfWidthAt(wide, settings)).toBeGreaterThan(settings.halfWidth);
    const plan = planRound([wide], 1, context);
    expect(plan.items).toEqual([expect.objectContaining({ stepSize: 0, kind: 'sample', start: 256, count: 256 })]);
    expect(plan.items[0].reason).toMatch(/^interval: ±0\.\d+ > ±0\.05$/);
    const decided = stepSize(0, 0.5, [converged, ...fill(255, periodic)], 1000, 'bisection');
    expect(planRound([decided], 1, context).items).toEqual([]);
  });

  it('stops at maxTrajectories and at maxStepSizes', () => {
    const capped = { ...settings, maxTrajectories: 256, maxStepSizes: 2 };
    const points = [
      stepSize(0, 0.5, [...fill(128, converged), ...fill(128, periodic)]),
      stepSize(1, 1.5, fill(256, periodic)),
    ];
    expect(planRound(points, 1, { settings: capped, etaCritical: 1 })).toEqual({ round: 1, added: [], items: [] });
  });

  it('refines where p changes by more than the neighbours’ half-widths together', () => {
    const points = [
      stepSize(0, 0.5, fill(2000, converged)),
      stepSize(1, 0.6, [...fill(1000, converged), ...fill(1000, periodic)]),
      stepSize(2, 0.7, [...fill(1000, converged), ...fill(1000, periodic)]),
      stepSize(3, 1.5, fill(2000, periodic)),
    ];
    const plan = planRound(points, 1, context);
    const refinement = plan.added.find((a) => a.role === 'refinement');
    expect(refinement?.eta).toBeCloseTo(0.55, 12);
    // 0.6 → 0.7 has no change; 0.7 → 1.5 is the bracket, bisected instead
    expect(plan.added.find((a) => a.role === 'bisection')?.eta).toBeCloseTo(1.1, 12);
  });

  it('depends only on the state, which it leaves as it was', () => {
    const points = [stepSize(0, 0.9, fill(256, converged)), stepSize(1, 1.1, fill(256, unresolved))];
    const before = JSON.stringify(points);
    expect(planRound(points, 3, context)).toEqual(planRound(points, 3, context));
    expect(JSON.stringify(points)).toBe(before);
  });
});

describe('the bracket', () => {
  it('is budget-limited when rows at its upper end stay unresolved at the cap, and says its bound', () => {
    const cap = settings.maxStepsCap;
    const high = stepSize(1, 1.1, [...fill(250, periodic), ...fill(6, unresolved)], cap / BUDGET_FACTOR);
    applyExtensions(high, cap, [
      {
        extension: { round: 1, task: 0, trajectories: [250, 251, 252, 253, 254, 255] },
        outcomes: [periodic, periodic, unresolved, periodic, periodic, periodic],
      },
    ]);
    expect(high.unresolved).toEqual([252]);
    expect(high.counts[unresolved]).toBe(1);
    const points = [stepSize(0, 0.9, fill(256, converged)), high];
    expect(planRound(points, 2, context).items.filter((i) => i.kind === 'extend')).toEqual([]);
    const record = bracketRecord(points, settings, 1);
    expect(record).toMatchObject({
      low: 0.9,
      high: 1.1,
      budgetLimited: true,
      highMaxSteps: cap,
      containsEtaCritical: true,
    });
    expect(record?.statement).toMatch(/0 of 256 converged at η = 1\.100: p < 0\.0\d+ at 95%.*budget-limited/);
  });

  it('has no lower end when nothing converged and no upper end when the largest η converged', () => {
    expect(bracketOf([stepSize(0, 1, fill(10, periodic))]).low).toBeNull();
    expect(bracketOf([stepSize(0, 1, fill(10, converged))]).high).toBeNull();
  });
});

describe('roundTasks', () => {
  it('cuts each item into tasks of at most the task size, numbered in item order', () => {
    const tasks = roundTasks(
      {
        round: 0,
        added: [],
        items: [
          { stepSize: 4, kind: 'sample', start: 512, count: 300, maxSteps: 10, reason: '' },
          { stepSize: 1, kind: 'extend', start: 0, count: 3, trajectories: [7, 9, 11], maxSteps: 100, reason: '' },
        ],
      },
      256,
    );
    expect(tasks).toEqual([
      { index: 0, etaIndex: 4, start: 512, count: 256, maxSteps: 10, kind: 'sample' },
      { index: 1, etaIndex: 4, start: 768, count: 44, maxSteps: 10, kind: 'sample' },
      { index: 2, etaIndex: 1, start: 0, count: 3, maxSteps: 100, kind: 'extend', trajectories: [7, 9, 11] },
    ]);
  });
});

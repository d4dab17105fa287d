/**
 * The lane kernel's layout: how long a stretch is (it must end before any
 * period window opened inside it can be decided), and the ring that keeps a
 * stretch more than the periods reach back.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CLASSIFY, decisionHold } from '../classify.js';
import { ringSpan } from './fast-classifier.js';
import { lanesLayout, STRETCH_LIMIT, stretchSteps } from './lane-layout.js';

describe('stretchSteps', () => {
  it('is the limit when every window is decided later (the defaults: decided at 101 steps and more)', () => {
    expect(decisionHold(2, DEFAULT_CLASSIFY.periodHold)).toBe(101);
    expect(stretchSteps(DEFAULT_CLASSIFY)).toBe(STRETCH_LIMIT);
    expect(stretchSteps({ ...DEFAULT_CLASSIFY, periods: [] })).toBe(STRETCH_LIMIT);
  });

  it('is the earliest decision count when that is shorter', () => {
    // decisionHold(2, 3) = 3, decisionHold(5, 20) = 21, decisionHold(3, 20) = 22
    expect(stretchSteps({ ...DEFAULT_CLASSIFY, periods: [2], periodHold: 3 })).toBe(3);
    expect(stretchSteps({ ...DEFAULT_CLASSIFY, periods: [3, 5], periodHold: 20 })).toBe(21);
  });

  it('is 0 (no stretches) when a window can be decided on the step it opens', () => {
    expect(stretchSteps({ ...DEFAULT_CLASSIFY, periodHold: 1 })).toBe(0);
    expect(stretchSteps({ ...DEFAULT_CLASSIFY, periods: [1], periodHold: 2 })).toBe(2);
  });
});

describe('lanesLayout', () => {
  it('keeps a stretch more ring slots than the periods reach back, and room to save a stretch start', () => {
    const layout = lanesLayout(3, DEFAULT_CLASSIFY, 2);
    expect(layout.lanes).toBe(4);
    expect(layout.span).toBe(ringSpan(DEFAULT_CLASSIFY) + STRETCH_LIMIT);
    expect(layout.ringLimitHigh - layout.ringNorm).toBe(layout.span * layout.lanes);
    expect(layout.words - layout.saved).toBe((2 * 3 + 2) * layout.lanes);
  });
});

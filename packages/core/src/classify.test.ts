/**
 * The classifier's rules (docs/theory.md, "Classifying a trajectory") on constructed sequences, fed
 * straight to `observe`; real GD trajectories are in trajectory.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { ClassifyOptions } from './classify.js';
import { DEFAULT_CLASSIFY, OUTCOME_CODE, OUTCOMES, RUNNING, TrajectoryClassifier } from './classify.js';
import { Rng } from './rng.js';

interface Frame {
  theta: readonly number[];
  loss: number;
  gradNorm: number;
}

interface Run {
  code: number;
  /** Index of the observation that decided (or the last one). */
  t: number;
  period: number;
}

interface Start {
  loss0?: number;
  grad0?: number;
  c0?: number;
  lossMin?: number;
}

/** Feeds frames t = 0, 1, … until an outcome or `maxT` observations. */
function feed(
  classifier: TrajectoryClassifier,
  frame: (t: number) => Frame,
  maxT: number,
  { loss0 = 1, grad0 = 1, c0 = 0.5, lossMin = 0 }: Start = {},
): Run {
  const first = frame(0);
  const theta = new Float64Array(first.theta.length);
  classifier.reset(loss0, grad0, c0, lossMin);
  for (let t = 0; t < maxT; t++) {
    const f = frame(t);
    theta.set(f.theta);
    const code = classifier.observe(theta, f.loss, f.gradNorm);
    if (code !== RUNNING) return { code, t, period: classifier.period };
  }
  return { code: RUNNING, t: maxT - 1, period: classifier.period };
}

function classify(frame: (t: number) => Frame, maxT: number, options: Partial<ClassifyOptions> = {}, start?: Start) {
  const p = frame(0).theta.length;
  return feed(new TrajectoryClassifier(p, { ...DEFAULT_CLASSIFY, ...options }), frame, maxT, start);
}

/** A state that moves every step (so no period test passes) with a large gradient. */
const wandering = (t: number): Frame => ({ theta: [Math.sin(t), Math.cos(1.3 * t)], loss: 0.3, gradNorm: 1 });

/** θ_t = c + (−1)^t · A · ρ^t · v: an oscillation of period 2 around c that decays by ρ per step. */
function oscillation(c: readonly number[], amplitude: number, rho = 1): (t: number) => Frame {
  const v = [0.6, -0.8];
  return (t) => {
    const s = (t % 2 === 0 ? 1 : -1) * amplitude * rho ** t;
    return { theta: c.map((ci, i) => ci + s * v[i]), loss: 0.2, gradNorm: 0.5 };
  };
}

/** A cycle through the given states. */
function cycle(states: readonly (readonly number[])[]): (t: number) => Frame {
  return (t) => ({ theta: states[t % states.length], loss: 0.2, gradNorm: 0.5 });
}

describe('outcome codes', () => {
  it('OUTCOME_CODE indexes OUTCOMES and RUNNING is none of them', () => {
    for (const [i, name] of OUTCOMES.entries()) expect(OUTCOME_CODE[name]).toBe(i);
    expect(Object.values(OUTCOME_CODE)).not.toContain(RUNNING);
  });
});

describe('rule 1: diverged', () => {
  it('a NaN or infinite loss, on the first observation or later', () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(classify(() => ({ theta: [1, 2], loss: bad, gradNorm: 1 }), 5).code).toBe(OUTCOME_CODE.diverged);
      const later = classify((t) => (t < 7 ? wandering(t) : { ...wandering(t), loss: bad }), 50);
      expect(later).toMatchObject({ code: OUTCOME_CODE.diverged, t: 7 });
    }
  });

  it('a non-finite gradient norm or parameter', () => {
    for (const bad of [Number.NaN, Number.NEGATIVE_INFINITY]) {
      expect(classify(() => ({ theta: [1, 2], loss: 0.1, gradNorm: Math.abs(bad) }), 5).code).toBe(
        OUTCOME_CODE.diverged,
      );
      expect(classify(() => ({ theta: [1, bad], loss: 0.1, gradNorm: 1 }), 5).code).toBe(OUTCOME_CODE.diverged);
    }
  });

  it('loss above divergeFactor · max(L(θ₀), c₀)', () => {
    const at = (loss: number, start: Start, options: Partial<ClassifyOptions> = {}) =>
      classify((t) => ({ ...wandering(t), loss }), 20, options, start).code;
    expect(at(2.9e6, { loss0: 1, c0: 3 })).toBe(RUNNING);
    expect(at(3.1e6, { loss0: 1, c0: 3 })).toBe(OUTCOME_CODE.diverged);
    expect(at(4.9e6, { loss0: 5, c0: 3 })).toBe(RUNNING);
    expect(at(5.1e6, { loss0: 5, c0: 3 })).toBe(OUTCOME_CODE.diverged);
    expect(at(0.9, { loss0: 1, c0: 3 }, { divergeFactor: 0.2 })).toBe(OUTCOME_CODE.diverged);
  });

  it('any |θᵢ| above paramLimit', () => {
    const at = (x: number, options: Partial<ClassifyOptions> = {}) =>
      classify((t) => ({ ...wandering(t), theta: [Math.sin(t), x] }), 20, options).code;
    expect(at(1e6)).toBe(RUNNING);
    expect(at(-1.000001e6)).toBe(OUTCOME_CODE.diverged);
    expect(at(50, { paramLimit: 10 })).toBe(OUTCOME_CODE.diverged);
  });

  it('wins over every other rule', () => {
    // a tiny gradient and a huge parameter at once
    const run = classify(() => ({ theta: [0, 2e6], loss: 0, gradNorm: 0 }), 20);
    expect(run).toMatchObject({ code: OUTCOME_CODE.diverged, t: 0 });
  });
});

describe('rule 2: converged / saddle', () => {
  const still =
    (gradNorm: number, loss = 0) =>
    (t: number): Frame => ({ ...wandering(t), loss, gradNorm });

  it('‖∇L‖ ≤ gradTol · max(1, ‖∇L(θ₀)‖) for holdSteps consecutive observations', () => {
    expect(classify(still(0.9e-10), 100)).toMatchObject({ code: OUTCOME_CODE.converged, t: 9 });
    expect(classify(still(1.1e-10), 100).code).toBe(RUNNING);
    // the tolerance scales with the initial gradient above 1, not below
    expect(classify(still(4e-10), 100, {}, { grad0: 5 }).code).toBe(OUTCOME_CODE.converged);
    expect(classify(still(4e-10), 100, {}, { grad0: 0.5 }).code).toBe(RUNNING);
    expect(classify(still(4e-7), 100, { gradTol: 1e-6 }).code).toBe(OUTCOME_CODE.converged);
  });

  it('holdSteps sets how long, and an interruption restarts the count', () => {
    for (const holdSteps of [1, 3, 25]) {
      expect(classify(still(0), 100, { holdSteps })).toMatchObject({ code: OUTCOME_CODE.converged, t: holdSteps - 1 });
    }
    // small gradients at t = 0..8, one large at t = 9, small again from t = 10 on
    const interrupted = (t: number): Frame => ({ ...wandering(t), loss: 0, gradNorm: t === 9 ? 1 : 0 });
    expect(classify(interrupted, 100)).toMatchObject({ code: OUTCOME_CODE.converged, t: 19 });
  });

  it('a saddle when L − L* > lossTol · max(1, L*)', () => {
    expect(classify(still(0, 0.9e-10), 100).code).toBe(OUTCOME_CODE.converged);
    expect(classify(still(0, 1.1e-10), 100).code).toBe(OUTCOME_CODE.saddle);
    expect(classify(still(0, 100 + 5e-9), 100, {}, { lossMin: 100, loss0: 200 }).code).toBe(OUTCOME_CODE.converged);
    expect(classify(still(0, 100 + 2e-8), 100, {}, { lossMin: 100, loss0: 200 }).code).toBe(OUTCOME_CODE.saddle);
    expect(classify(still(0, 0.5), 100, { lossTol: 1 }).code).toBe(OUTCOME_CODE.converged);
  });
});

describe('rule 3: periodic', () => {
  const hold = DEFAULT_CLASSIFY.periodHold;

  it('a period-2 orbit, after periodHold consecutive passes', () => {
    const run = classify(oscillation([1, 2], 0.1), 1000);
    expect(run.code).toBe(OUTCOME_CODE.periodic);
    expect(run.period).toBe(2);
    expect(run.t).toBeGreaterThanOrEqual(hold);
    expect(run.t).toBeLessThanOrEqual(hold + 2);
    const quick = classify(oscillation([1, 2], 0.1), 1000, { periodHold: 10 });
    expect(quick).toMatchObject({ code: OUTCOME_CODE.periodic, period: 2 });
    expect(run.t - quick.t).toBe(hold - 10);
  });

  it('the smallest listed period that fits', () => {
    const four = cycle([
      [1, 0],
      [0, 1],
      [-1, 0],
      [0, 2],
    ]);
    expect(classify(four, 1000)).toMatchObject({ code: OUTCOME_CODE.periodic, period: 4 });
    const eight = (t: number): Frame => ({
      theta: [Math.cos((Math.PI * t) / 4), Math.sin((Math.PI * t) / 4)],
      loss: 0.2,
      gradNorm: 0.5,
    });
    expect(classify(eight, 1000)).toMatchObject({ code: OUTCOME_CODE.periodic, period: 8 });
  });

  it('a period-4 or period-8 cycle whatever the phase at which the hold window starts', () => {
    // points on a line, so every edge of the cycle has a different length: the period-1 step must be
    // compared at the same phase of the orbit at both ends of the hold window
    const line = (k: number) => Array.from({ length: k }, (_, i) => [(i * (i + 1)) / 2, 0]);
    for (const k of [4, 8]) {
      const states = line(k);
      for (let offset = 0; offset < k; offset++) {
        const run = classify(cycle(states.map((_, i) => states[(i + offset) % k])), 1000);
        expect(run).toMatchObject({ code: OUTCOME_CODE.periodic, period: k });
      }
    }
  });

  it('only the listed periods: a period-2 orbit is reported as period 4 or 8 when 2 is not listed', () => {
    expect(classify(oscillation([1, 2], 0.1), 1000, { periods: [4] })).toMatchObject({
      code: OUTCOME_CODE.periodic,
      period: 4,
    });
    expect(classify(oscillation([1, 2], 0.1), 1000, { periods: [8, 16] }).period).toBe(8);
    const three = cycle([
      [1, 0],
      [0, 1],
      [1, 1],
    ]);
    expect(classify(three, 2000).code).toBe(RUNNING);
    expect(classify(three, 2000, { periods: [3] })).toMatchObject({ code: OUTCOME_CODE.periodic, period: 3 });
  });

  it('never for a fixed point (period 1 must fail)', () => {
    expect(classify(() => ({ theta: [1, 2], loss: 0.2, gradNorm: 0.5 }), 2000).code).toBe(RUNNING);
  });

  it('periodTol: an orbit jittered by 1e-10 is found with 1e-8 and missed with 1e-12', () => {
    const rng = new Rng(5, 0);
    const jitter = Array.from({ length: 1000 }, () => [1e-10 * rng.nextNormal(), 1e-10 * rng.nextNormal()]);
    const base = oscillation([1, 2], 0.1);
    const noisy = (t: number): Frame => {
      const f = base(t);
      return { ...f, theta: f.theta.map((v, i) => v + jitter[t][i]) };
    };
    expect(classify(noisy, 1000)).toMatchObject({ code: OUTCOME_CODE.periodic, period: 2 });
    expect(classify(noisy, 1000, { periodTol: 1e-12 }).code).toBe(RUNNING);
  });

  it('not a decaying oscillation, however slowly it converges (the periodAmplitude guard)', () => {
    // Contraction 0.98 per step, as at η = 0.99 η_c: the period-2 test passes once the amplitude is
    // ≈ 2.5e-7, but then the period-1 step is far below periodAmplitude · (1 + ‖θ‖).
    expect(classify(oscillation([1, 1], 0.05, 0.98), 3000).code).toBe(RUNNING);
    expect(classify(oscillation([1, 1], 0.05, 0.998), 20000).code).toBe(RUNNING);
  });

  it('not a decaying oscillation even below periodAmplitude, by the decay of the period-1 step', () => {
    // with periodAmplitude = 0 only the decay test is left: ρ^periodHold = 0.999^100 ≈ 0.905
    const options = { periodAmplitude: 0 };
    expect(classify(oscillation([0, 0], 1e-6, 0.999), 3000, options).code).toBe(RUNNING);
    expect(classify(oscillation([0, 0], 1e-6), 3000, options)).toMatchObject({
      code: OUTCOME_CODE.periodic,
      period: 2,
    });
    // and the same genuine orbit is too small to count with the default periodAmplitude = 1e-4
    expect(classify(oscillation([0, 0], 1e-6), 3000).code).toBe(RUNNING);
  });

  it('periodAmplitude is relative to 1 + ‖θ‖', () => {
    // step 2·0.01 = 0.02 against 1e-4 · (1 + 1000) ≈ 0.1
    expect(classify(oscillation([600, 800], 0.01), 3000).code).toBe(RUNNING);
    expect(classify(oscillation([0.6, 0.8], 0.01), 3000).code).toBe(OUTCOME_CODE.periodic);
  });
});

describe('TrajectoryClassifier.reset', () => {
  it('forgets everything: a reused classifier decides exactly like a fresh one', () => {
    const options = { ...DEFAULT_CLASSIFY, periods: [2, 4] };
    const reused = new TrajectoryClassifier(2, options);
    const sequences: [(t: number) => Frame, number][] = [
      [oscillation([1, 2], 0.1), 1000],
      [(t) => ({ ...wandering(t), loss: 0, gradNorm: 0 }), 6], // stops 6 observations into a convergence hold
      [(t) => ({ ...wandering(t), loss: 0, gradNorm: 0 }), 50],
      [
        cycle([
          [1, 0],
          [0, 1],
          [-1, 0],
          [0, 2],
        ]),
        1000,
      ],
      [oscillation([5, -1], 0.3), 1000],
      [(t) => ({ ...wandering(t), loss: t === 3 ? Number.NaN : 0.1 }), 50],
      [oscillation([1, 2], 0.1), 1000],
    ];
    for (const [frame, maxT] of sequences) {
      const fresh = feed(new TrajectoryClassifier(2, options), frame, maxT);
      expect(feed(reused, frame, maxT)).toEqual(fresh);
    }
  });
});

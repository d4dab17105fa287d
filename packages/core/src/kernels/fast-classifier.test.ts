/**
 * FastClassifier makes exactly TrajectoryClassifier's decisions: both are fed
 * the same sequences (θ_t, L_t, ‖∇L_t‖) and must return the same code at
 * every step, and the same period. The sequences are built to sit on the
 * boundaries of the rules: orbits of several periods whose period-k distance
 * is near periodTol, whose period-1 step is near periodAmplitude and decays
 * at rates either side of the allowed orbit decay, with noise, gradients
 * decaying through gradTol, non-finite values and parameters near the limit.
 */
import { describe, expect, it } from 'vitest';
import type { ClassifyOptions } from '../classify.js';
import { DEFAULT_CLASSIFY, OUTCOME_CODE, RUNNING } from '../classify.js';
import { norm2 } from '../linear-net.js';
import { Rng } from '../rng.js';
import { TrajectoryClassifier } from '../testing/reference-classifier.js';
import { FastClassifier, supportsFastClassifier } from './fast-classifier.js';

interface Sequence {
  theta: (t: number, out: Float64Array) => void;
  loss: (t: number) => number;
  gradNorm: (t: number) => number;
}

/** A random sequence: centre + decaying orbit of period k + noise, with a decaying gradient. */
function randomSequence(p: number, rng: Rng, opts: ClassifyOptions): Sequence {
  const centre = Float64Array.from({ length: p }, () => rng.nextNormal());
  const dir = Float64Array.from({ length: p }, () => rng.nextNormal() / Math.sqrt(p));
  const dir2 = Float64Array.from({ length: p }, () => rng.nextNormal() / Math.sqrt(p));
  const period = [1, 2, 3, 4, 8, 16][Math.floor(rng.nextDouble() * 6)];
  const amplitude = 10 ** (-1 - 6 * rng.nextDouble());
  const decay = rng.nextDouble() < 0.3 ? 1 : 1 - 10 ** (-2 - 4 * rng.nextDouble());
  const noise = rng.nextDouble() < 0.4 ? 0 : 10 ** (-13 - 4 * rng.nextDouble()) * (opts.periodTol / 1e-8);
  const drift = rng.nextDouble() < 0.7 ? 0 : 10 ** (-6 - 6 * rng.nextDouble());
  const gradStart = 10 ** (2 * rng.nextDouble() - 1);
  const gradDecay = rng.nextDouble() < 0.5 ? 1 : 1 - 10 ** (-1 - 2 * rng.nextDouble());
  const lossBase = rng.nextDouble() < 0.5 ? 0 : 10 ** (-12 + 4 * rng.nextDouble());
  const blowUp = rng.nextDouble() < 0.15 ? Math.floor(100 + 400 * rng.nextDouble()) : -1;
  const nanAt = rng.nextDouble() < 0.05 ? Math.floor(50 + 300 * rng.nextDouble()) : -1;
  const noiseRng = new Rng(Math.floor(rng.nextDouble() * 1e9), 1);
  return {
    theta: (t, out) => {
      const phase = Math.cos((2 * Math.PI * t) / period + 0.3);
      const phase2 = Math.sin((2 * Math.PI * t) / period);
      const a = amplitude * decay ** t;
      for (let i = 0; i < p; i++) {
        out[i] = centre[i] + a * (phase * dir[i] + 0.5 * phase2 * dir2[i]) + drift * t + noise * noiseRng.nextNormal();
      }
      if (blowUp >= 0 && t >= blowUp) out[0] = opts.paramLimit * (0.5 + (t - blowUp) * 0.1);
      if (t === nanAt) out[p - 1] = Number.NaN;
    },
    loss: (t) => lossBase + 0.5 * (gradStart * gradDecay ** t) ** 2,
    gradNorm: (t) => gradStart * gradDecay ** t,
  };
}

/**
 * Feeds `seeds` random sequences to both classifiers; FastClassifier gets them through `observe`
 * (even seeds) or `observeAndStep` with a gradient vector of the sequence's norm (odd seeds).
 */
function compare(p: number, opts: ClassifyOptions, seeds: number, maxSteps: number): Record<string, number> {
  const reference = new TrajectoryClassifier(p, opts);
  const fast = new FastClassifier(p, opts);
  const theta = new Float64Array(p);
  const grad = new Float64Array(p);
  const work = new Float64Array(p);
  const dir = new Rng(p, 77);
  const tally: Record<string, number> = {};
  const rng = new Rng(p * 1000 + opts.periods.length, 5);
  for (let s = 0; s < seeds; s++) {
    const seq = randomSequence(p, rng, opts);
    const lossMin = rng.nextDouble() < 0.5 ? 0 : 1e-13;
    reference.reset(seq.loss(0), seq.gradNorm(0), 0.5, lossMin);
    fast.reset(seq.loss(0), seq.gradNorm(0), 0.5, lossMin);
    let code = RUNNING;
    for (let t = 0; t <= maxSteps && code === RUNNING; t++) {
      seq.theta(t, theta);
      const loss = seq.loss(t);
      let got: number;
      if (s % 2 === 0) {
        const g = seq.gradNorm(t);
        code = reference.observe(theta, loss, g);
        got = fast.observe(theta, loss, g);
      } else {
        const scale = seq.gradNorm(t) / Math.sqrt(p);
        for (let i = 0; i < p; i++) grad[i] = scale * dir.nextNormal();
        if (t === 700 + s) grad[0] = s % 4 === 1 ? Number.NaN : Number.POSITIVE_INFINITY;
        const g = norm2(grad);
        code = reference.observe(theta, loss, g);
        work.set(theta);
        got = fast.observeAndStep(work, loss, grad, 0.37);
        expect(Object.is(fast.gradNorm, g)).toBe(true);
        for (let i = 0; i < p; i++)
          if (!Object.is(work[i], theta[i] - 0.37 * grad[i])) expect.fail(`step ${t}: θ[${i}]`);
        fast.restore(work);
        for (let i = 0; i < p; i++) if (!Object.is(work[i], theta[i])) expect.fail(`step ${t}: restored θ[${i}]`);
      }
      if (got !== code) expect.fail(`sequence ${s}, step ${t}: fast ${got}, reference ${code}`);
    }
    expect(fast.period).toBe(reference.period);
    const key = code === OUTCOME_CODE.periodic ? `periodic ${reference.period}` : String(code);
    tally[key] = (tally[key] ?? 0) + 1;
  }
  return tally;
}

describe('FastClassifier decides exactly as TrajectoryClassifier', () => {
  const variants: [string, ClassifyOptions][] = [
    ['defaults', DEFAULT_CLASSIFY],
    ['short holds', { ...DEFAULT_CLASSIFY, holdSteps: 3, periodHold: 12 }],
    ['loose period test', { ...DEFAULT_CLASSIFY, periodTol: 1e-4, periodHold: 60, periodAmplitude: 1e-3 }],
    ['periods 3, 5, 2', { ...DEFAULT_CLASSIFY, periods: [3, 5, 2], periodHold: 30 }],
    ['period 1 listed', { ...DEFAULT_CLASSIFY, periods: [1, 2, 4], periodHold: 30 }],
    ['no parameter limit', { ...DEFAULT_CLASSIFY, paramLimit: Number.POSITIVE_INFINITY, periodHold: 40 }],
    ['no periods', { ...DEFAULT_CLASSIFY, periods: [] }],
  ];
  for (const p of [1, 2, 5, 48]) {
    for (const [name, opts] of variants) {
      it(`p = ${p}, ${name}`, () => {
        const tally = compare(p, opts, p > 8 ? 60 : 150, 1500);
        expect(Object.keys(tally).length).toBeGreaterThan(1);
      });
    }
  }

  it('covers every rule, the orbit-decay rule included', () => {
    const opts: ClassifyOptions = { ...DEFAULT_CLASSIFY, periodTol: 1e-4, periodHold: 100 };
    const tally = compare(3, opts, 400, 3000);
    for (const key of ['0', '1', '3', 'periodic 2', 'periodic 4']) expect(tally[key], key).toBeGreaterThan(0);
  });

  it('an orbit whose period-1 step decays just under or just over the allowed 1% per window', () => {
    // period 2, amplitude 1e−2, decay r per step: ‖θ_{t+2} − θ_t‖ ≈ 2e−2·(1 − r²) passes periodTol = 1e−4
    const opts: ClassifyOptions = { ...DEFAULT_CLASSIFY, periodTol: 1e-4, periodHold: 100 };
    const outcomes: number[] = [];
    for (const r of [1, 0.99999, 0.99995, 0.9999, 0.99985, 0.9998, 0.9995]) {
      const reference = new TrajectoryClassifier(2, opts);
      const fast = new FastClassifier(2, opts);
      reference.reset(1, 1, 0.5, 0);
      fast.reset(1, 1, 0.5, 0);
      const theta = new Float64Array(2);
      let code = RUNNING;
      for (let t = 0; t < 2000 && code === RUNNING; t++) {
        const a = 1e-2 * r ** t * (t % 2 === 0 ? 1 : -1);
        theta[0] = 1 + a;
        theta[1] = 0.5 - a;
        code = reference.observe(theta, 1, 1);
        expect(fast.observe(theta, 1, 1)).toBe(code);
      }
      outcomes.push(code);
    }
    // slow decays are orbits, fast ones are not (the boundary lies between)
    expect(outcomes[0]).toBe(OUTCOME_CODE.periodic);
    expect(outcomes[outcomes.length - 1]).not.toBe(OUTCOME_CODE.periodic);
  });

  it('a period-k distance within a hair of the tolerance, in the first block of a long θ', () => {
    // θ_t = c + a·(−1)^t·e_1 + t·δ·e_0: ‖θ_{t+2} − θ_t‖ = 2δ, set to (1 + ε)·periodTol·(1 + ‖θ‖)
    const opts: ClassifyOptions = { ...DEFAULT_CLASSIFY, periodHold: 7 };
    const p = 48;
    const centre = Float64Array.from({ length: p }, (_, i) => (i < 2 ? 0 : 0.1));
    const norm = Math.hypot(...centre, 1e-2); // ‖θ‖ up to the drift
    const outcomes: number[] = [];
    for (const eps of [-1e-2, -1e-4, -1e-7, -1e-12, 0, 1e-12, 1e-7, 1e-4]) {
      const delta = ((1 + eps) * opts.periodTol * (1 + norm)) / 2;
      const reference = new TrajectoryClassifier(p, opts);
      const fast = new FastClassifier(p, opts);
      reference.reset(1, 1, 0.5, 0);
      fast.reset(1, 1, 0.5, 0);
      const theta = new Float64Array(p);
      let code = RUNNING;
      for (let t = 0; t < 200 && code === RUNNING; t++) {
        theta.set(centre);
        theta[0] = t * delta;
        theta[1] += (t % 2 === 0 ? 1 : -1) * 1e-2;
        code = reference.observe(theta, 1, 1);
        expect(fast.observe(theta, 1, 1), `ε = ${eps}, t = ${t}`).toBe(code);
      }
      outcomes.push(code);
    }
    expect(outcomes[0]).toBe(OUTCOME_CODE.periodic);
    expect(outcomes[outcomes.length - 1]).toBe(RUNNING);
  });

  it('handles only integer periods ≥ 1', () => {
    expect(supportsFastClassifier(DEFAULT_CLASSIFY)).toBe(true);
    expect(supportsFastClassifier({ ...DEFAULT_CLASSIFY, periods: [2, 0] })).toBe(false);
    expect(() => new FastClassifier(2, { ...DEFAULT_CLASSIFY, periods: [2.5] })).toThrow(/integers/);
  });
});

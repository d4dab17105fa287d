/**
 * FastClassifier makes exactly TrajectoryClassifier's decisions: both are fed
 * the same sequences (θ_t, L_t, ‖∇L_t‖) and must return the same code at
 * every step, the same period, and hold the same counters (hold counts and
 * window starts, bit for bit) while running. The sequences are built to sit on the
 * boundaries of the rules: orbits of several periods whose period-k distance
 * is near periodTol, whose period-1 step is near periodAmplitude and decays
 * at rates either side of the allowed orbit decay, with noise, gradients
 * decaying through gradTol, non-finite values and parameters near the limit.
 *
 * Period tests are decided unsummed by bounds: from below by the norms, and
 * from above, along a GD trajectory (`observeAndStep`, `decide`), by the
 * steps taken. Descents built to put both at the tolerance, and to break
 * the chain of steps, are compared the same way.
 */
import { describe, expect, it } from 'vitest';
import type { ClassifyOptions } from '../classify.js';
import { DEFAULT_CLASSIFY, OUTCOME_CODE, RUNNING } from '../classify.js';
import { norm2 } from '../linear-net.js';
import { Rng } from '../rng.js';
import { randomNet } from '../test-helpers.js';
import { TrajectoryClassifier } from '../testing/reference-classifier.js';
import { FastClassifier, ringSpan, supportsFastClassifier } from './fast-classifier.js';

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

/** The reference's state in FastClassifier.saveCounters' layout (gradient hold, hold counts, window starts). */
function referenceCounters(reference: TrajectoryClassifier): Float64Array {
  const { gradHold, holdCount, holdStartStep } = reference.state();
  return Float64Array.from([gradHold, ...Array.from(holdCount), ...Array.from(holdStartStep)]);
}

const counters = new Float64Array(64);

/** The rules' state of both, bit for bit. */
function expectSameCounters(fast: FastClassifier, reference: TrajectoryClassifier, label: string) {
  const { gradHold, holdCount, holdStartStep } = reference.state();
  const periods = holdCount.length;
  fast.saveCounters(counters, 0, 1);
  const same = (q: number, want: number) => {
    if (!Object.is(counters[q], want)) expect.fail(`${label}: counter ${q} fast ${counters[q]}, reference ${want}`);
  };
  same(0, gradHold);
  for (let j = 0; j < periods; j++) {
    same(1 + j, holdCount[j]);
    same(1 + periods + j, holdStartStep[j]);
  }
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
      if (code === RUNNING) expectSameCounters(fast, reference, `sequence ${s}, step ${t}`);
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

/** A GD run: θ₀, the step size, and L(θ_t) with ∇L(θ_t) written to `grad` (t counts the states). */
interface Descent {
  eta: number;
  theta0: Float64Array;
  gradient: (t: number, theta: Float64Array, grad: Float64Array) => number;
}

/**
 * Moves that are not the fused classifier's own step: θ moves by `jump`·sin(i + t) there, which it
 * must not bound by the step it took (the states stay what the rules see).
 */
interface Interruptions {
  jump: number;
  /** after the step at t: `restore` (undo it) and move */
  restoreAt?: (t: number) => boolean;
  /** before state t (decide mode): move, then n states observed elsewhere (`advance`) */
  elsewhereAt?: (t: number) => number;
  /** state t through `observe` (no step); the step, and a move, are made here */
  observeAt?: (t: number) => boolean;
  /** on a convergence: `deferConvergence` and move, the fused step undone (the runner's stability check) or kept */
  defer?: 'restore' | 'keep';
}

/**
 * Runs a descent through FastClassifier's fused calls (`observeAndStep`, or
 * `decide` after a stand-in for the WebAssembly step) and through the
 * reference, on the same states: the codes agree at every step, and so do
 * the counters while running.
 */
function descend(
  p: number,
  opts: ClassifyOptions,
  d: Descent,
  maxSteps: number,
  mode: 'observeAndStep' | 'decide',
  more?: Interruptions,
): { code: number; steps: number; period: number } {
  const span = ringSpan(opts);
  const values = new Float64Array(span * p);
  const norms = new Float64Array(span);
  const ring = { values, norms, offset: 0, paramStride: 1, slotStride: p, normOffset: 0, normStride: 1 };
  const fast = new FastClassifier(p, opts, mode === 'decide' ? ring : undefined);
  const reference = new TrajectoryClassifier(p, opts);
  const sums = new Float64Array(3);
  const theta = d.theta0.slice();
  const grad = new Float64Array(p);
  const move = (t: number) => {
    for (let i = 0; i < p; i++) theta[i] += (more?.jump ?? 0) * Math.sin(i + t);
  };
  let loss = d.gradient(0, theta, grad);
  for (const c of [fast, reference]) c.reset(loss, norm2(grad), 0.5, 0);
  let code = RUNNING;
  let t = 0;
  for (; t <= maxSteps; t++) {
    const elsewhere = mode === 'decide' ? (more?.elsewhereAt?.(t) ?? 0) : 0;
    if (elsewhere > 0) {
      move(t);
      loss = d.gradient(t, theta, grad);
      // states observed by the rules elsewhere (the lanes): into the ring, with the counters they leave
      for (let n = 0; n < elsewhere; n++) {
        const slot = (fast.nextSlot() + n) % span;
        values.set(theta, slot * p);
        norms[slot] = norm2(theta);
        const g = norm2(grad);
        if (reference.observe(theta, loss, g) !== RUNNING) throw new Error('a rule fired in the steps taken elsewhere');
        for (let i = 0; i < p; i++) theta[i] = theta[i] - d.eta * grad[i];
        t++;
        loss = d.gradient(t, theta, grad);
      }
      fast.advance(elsewhere, referenceCounters(reference), 0, 1);
    }
    const g = norm2(grad);
    code = reference.observe(theta, loss, g);
    const observed = more?.observeAt?.(t) ?? false;
    let got: number;
    if (observed) {
      got = fast.observe(theta, loss, g);
      for (let i = 0; i < p; i++) theta[i] = theta[i] - d.eta * grad[i];
      move(t);
    } else if (mode === 'observeAndStep') {
      got = fast.observeAndStep(theta, loss, grad, d.eta);
    } else {
      // what the WebAssembly step function does: θ_t into the ring, the sums, the step
      const here = fast.nextSlot() * p;
      let gg = 0;
      let sq = 0;
      let inside = 1;
      for (let i = 0; i < p; i++) {
        const v = theta[i];
        gg += grad[i] * grad[i];
        sq += v * v;
        values[here + i] = v;
        theta[i] = v - d.eta * grad[i];
        if (!(Math.abs(v) <= opts.paramLimit)) inside = 0;
      }
      sums[0] = gg;
      sums[1] = sq;
      sums[2] = inside;
      got = fast.decide(loss, sums, d.eta);
    }
    if (got !== code) expect.fail(`step ${t}: fast ${got}, reference ${code}`);
    if (code === RUNNING) expectSameCounters(fast, reference, `step ${t}`);
    const converged = code === OUTCOME_CODE.converged || code === OUTCOME_CODE.saddle;
    if (converged && more?.defer !== undefined) {
      if (!observed && more.defer === 'restore') fast.restore(theta);
      for (const c of [fast, reference]) c.deferConvergence();
      move(t);
    } else if (code !== RUNNING) {
      break;
    } else if (more?.restoreAt?.(t)) {
      fast.restore(theta);
      move(t);
    }
    loss = d.gradient(t + 1, theta, grad);
  }
  expect(fast.period).toBe(reference.period);
  return { code, steps: t, period: reference.period };
}

/** GD on ½(θ − c)ᵀH(θ − c) with H diagonal: ηλ_max given, the other curvatures down to `spread`·λ_max. */
function quadratic(p: number, rng: Rng, eta: number, etaLambdaMax: number, spread: number): Descent {
  const centre = Float64Array.from({ length: p }, () => rng.nextNormal());
  const h = Float64Array.from(
    { length: p },
    (_, i) => (etaLambdaMax / eta) * (i === 0 ? 1 : spread ** rng.nextDouble()),
  );
  const theta0 = Float64Array.from(centre, (c) => c + 0.1 * rng.nextNormal());
  return {
    eta,
    theta0,
    gradient: (_t, theta, grad) => {
      let loss = 0;
      for (let i = 0; i < p; i++) {
        const x = theta[i] - centre[i];
        grad[i] = h[i] * x;
        loss += 0.5 * h[i] * x * x;
      }
      return loss;
    },
  };
}

/**
 * A straight line: ∇L = v constant, with η‖v‖ = (1 + ε_t)·periodTol·(1 + ‖θ₀‖)/k — the period-k
 * test sits at its tolerance, so the running bound does too. ε_t = ε, or ±ε alternating (`shape`
 * 1). A radial line (`shape` 2: v ∥ θ₀) puts the norms' difference at the tolerance as well.
 */
function line(
  p: number,
  rng: Rng,
  opts: ClassifyOptions,
  k: number,
  eps: number,
  radius: number,
  shape: 0 | 1 | 2,
): Descent {
  const theta0 = Float64Array.from({ length: p }, () => rng.nextNormal());
  const r0 = norm2(theta0);
  for (let i = 0; i < p; i++) theta0[i] *= radius / r0;
  const v = shape === 2 && radius > 0 ? theta0.slice() : Float64Array.from({ length: p }, () => rng.nextNormal());
  const eta = 0.75;
  const size = (opts.periodTol * (1 + radius)) / k / eta / norm2(v);
  return {
    eta,
    theta0,
    gradient: (t, _theta, grad) => {
      const e = shape === 1 && t % 2 === 1 ? -eps : eps;
      for (let i = 0; i < p; i++) grad[i] = (1 + e) * size * v[i];
      return 1;
    },
  };
}

describe('FastClassifier along GD trajectories (the running bound)', () => {
  const modes = ['observeAndStep', 'decide'] as const;

  it('converging and oscillating quadratics, p = 1 … 896, both fused calls', () => {
    const rng = new Rng(31, 2);
    const outcomes = new Set<number>();
    for (const p of [1, 3, 48, 896]) {
      for (const etaLambdaMax of [0.02, 0.5, 1.99, 1.9999, 2, 2.05]) {
        for (const mode of modes) {
          const d = quadratic(p, rng, p === 1 ? 0.5 : 0.37, etaLambdaMax, p === 1 ? 1 : 0.5);
          const opts = etaLambdaMax === 2 ? { ...DEFAULT_CLASSIFY, periodHold: 30 } : DEFAULT_CLASSIFY;
          outcomes.add(descend(p, opts, d, p > 100 ? 1500 : 4000, mode).code);
        }
      }
    }
    for (const code of [OUTCOME_CODE.converged, OUTCOME_CODE.periodic, OUTCOME_CODE.diverged, RUNNING])
      expect(outcomes.has(code), `outcome ${code}`).toBe(true);
  });

  it('deep linear networks (p = 18 and 896) around the stability threshold, with deferred convergences', () => {
    const outcomes = new Set<number>();
    for (const [dims, steps] of [
      [[2, 3, 2, 2], 3000],
      [[16, 16, 16, 16, 8], 1200],
    ] as const) {
      for (const eta of [0.05, 0.2, 0.35, 0.5]) {
        for (const mode of modes) {
          const { net, theta } = randomNet([...dims], 3, 40);
          for (let i = 0; i < theta.length; i++) theta[i] *= dims.length > 4 ? 0.4 : 0.9;
          const d: Descent = { eta, theta0: theta, gradient: (_t, th, grad) => net.evaluate(th, grad) };
          outcomes.add(descend(theta.length, DEFAULT_CLASSIFY, d, steps, mode, { jump: 0, defer: 'restore' }).code);
        }
      }
    }
    expect(outcomes.size).toBeGreaterThan(1);
  });

  it('a period test at its tolerance: straight and radial lines, η‖∇L‖·k from 1e−3 below the limit to 1e−6 above', () => {
    const rng = new Rng(5, 9);
    // with period 1 listed, the period-2 bound chains its exact distances; without, the steps
    for (const [periodTol, periods] of [
      [1e-8, [1, 2, 4, 16]],
      [1e-13, [2, 4, 16]],
    ] as const) {
      const opts: ClassifyOptions = { ...DEFAULT_CLASSIFY, periods, periodHold: 20, periodTol };
      for (const p of [1, 5, 896]) {
        for (const k of [1, 2, 16]) {
          for (const eps of [-1e-3, -1e-5, -1e-6, -1e-9, -1e-12, -1e-15, 0, 1e-15, 1e-12, 1e-9, 1e-6]) {
            for (const radius of [0, 1e-3, 1, 1e3]) {
              for (const shape of [0, 1, 2] as const) {
                const d = line(p, rng, opts, k, eps, radius, shape);
                descend(p, opts, d, 60, shape === 1 ? 'decide' : 'observeAndStep');
              }
            }
          }
        }
      }
    }
  });

  it('the chain breaks where θ moves by more than the step taken: restore, observe, steps elsewhere, deferrals', () => {
    const rng = new Rng(8, 3);
    const at = (every: number) => (t: number) => t % every === every - 1;
    const variants: [string, Interruptions][] = [
      ['restore', { jump: 1e-7, restoreAt: at(80) }],
      ['observe', { jump: 1e-7, observeAt: at(80) }],
      ['elsewhere', { jump: 1e-7, elsewhereAt: (t) => (t % 80 === 79 ? 1 + (t % 3) : 0) }],
      ['defer', { jump: 1e-7, defer: 'restore' }],
      ['defer keeping the step', { jump: 1e-7, defer: 'keep' }],
    ];
    for (const p of [2, 48]) {
      for (const mode of modes) {
        for (const [name, more] of variants) {
          if (more.elsewhereAt !== undefined && mode !== 'decide') continue;
          // slow monotone convergence: the period tests pass (by the bound) for a few dozen steps before each move
          const d = quadratic(p, rng, 0.37, 0.05, 0.9);
          const { code } = descend(p, DEFAULT_CLASSIFY, d, 1200, mode, more);
          if (!more.defer) expect(code, `${name}, p = ${p}, ${mode}`).toBe(RUNNING);
        }
      }
    }
  });

  it('non-finite gradients, late in a convergence, end the trajectory as the reference does', () => {
    const rng = new Rng(12, 1);
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      for (const mode of modes) {
        const q = quadratic(48, rng, 0.37, 1.9, 0.1);
        const { code, steps } = descend(48, DEFAULT_CLASSIFY, q, 5000, mode);
        expect(code).toBe(OUTCOME_CODE.converged);
        const d: Descent = {
          ...q,
          gradient: (t, theta, grad) => {
            const loss = q.gradient(t, theta, grad);
            if (t === steps - 12) grad[7] = bad;
            return loss;
          },
        };
        expect(descend(48, DEFAULT_CLASSIFY, d, 1000, mode).code).toBe(OUTCOME_CODE.diverged);
      }
    }
  });
});

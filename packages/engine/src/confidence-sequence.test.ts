import { describe, expect, it } from 'vitest';
import {
  betaBinomialInterval,
  halfWidthOf,
  logGamma,
  logMixture,
  sampleSizeFor,
  tunedConcentration,
} from './confidence-sequence.js';
import { wilsonInterval } from './stats.js';

const CONFIDENCE = 0.95;

/** Mulberry32: a small seeded generator, enough for Bernoulli draws. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** ∫₀¹ f by Simpson's rule on `m` panels. */
function simpson(f: (q: number) => number, m: number): number {
  const h = 1 / m;
  let sum = f(0) + f(1);
  for (let i = 1; i < m; i++) sum += (i % 2 === 1 ? 4 : 2) * f(i * h);
  return (sum * h) / 3;
}

describe('logGamma', () => {
  it('matches ln((n−1)!) and ln Γ(½) = ½ ln π', () => {
    let factorial = 1;
    for (let n = 1; n <= 20; n++) {
      expect(logGamma(n)).toBeCloseTo(Math.log(factorial), 12);
      factorial *= n;
    }
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 13);
  });
});

describe('the beta-binomial mixture', () => {
  it('equals the mixture integral of likelihood ratios, done by quadrature', () => {
    // one component's closed form against ∫ q^S (1−q)^F Beta(q; cp, c(1−p)) dq / (p^S (1−p)^F), at c where
    // the edge component coincides with the main one (c·min(p, 1−p) ≤ ½), so the mixture is that component
    for (const [p, s, n] of [
      [0.3, 4, 10],
      [0.6, 9, 12],
      [0.1, 0, 7],
    ]) {
      const c = 0.5 / Math.min(p, 1 - p);
      const a = c * p;
      const b = c * (1 - p);
      const logNorm = logGamma(a + b) - logGamma(a) - logGamma(b);
      // substitute q = u^(1/a) near 0 and 1 − q = v^(1/b) near 1 would be exact; a fine grid is enough here
      const integrand = (q: number) =>
        q <= 0 || q >= 1 ? 0 : Math.exp(logNorm + (a + s - 1) * Math.log(q) + (b + n - s - 1) * Math.log1p(-q));
      const integral = simpson((u) => integrand(u ** 4) * 4 * u ** 3, 200000);
      const expected = Math.log(integral) - s * Math.log(p) - (n - s) * Math.log1p(-p);
      expect(logMixture(p, s, n, c)).toBeCloseTo(expected, 5);
    }
  });

  it('is at most 1 at the empirical fraction, so the interval always holds it', () => {
    for (const [s, n] of [
      [3, 10],
      [50, 100],
      [999, 1000],
    ]) {
      expect(logMixture(s / n, s, n, 500)).toBeLessThanOrEqual(1e-12);
      const [low, high] = betaBinomialInterval(s, n, { confidence: CONFIDENCE, concentration: 500 });
      expect(low).toBeLessThanOrEqual(s / n);
      expect(high).toBeGreaterThanOrEqual(s / n);
    }
  });

  it('gives an interval: outside its ends M_n ≥ 1/α, inside below, on a grid of p', () => {
    const level = -Math.log(1 - CONFIDENCE);
    for (const [s, n] of [
      [0, 200],
      [1, 200],
      [37, 200],
      [160, 200],
      [200, 200],
    ]) {
      const [low, high] = betaBinomialInterval(s, n, { confidence: CONFIDENCE, concentration: 700 });
      for (let i = 1; i < 1000; i++) {
        const p = i / 1000;
        const inside = logMixture(p, s, n, 700) < level;
        if (p < low - 1e-9 || p > high + 1e-9) expect(inside, `p ${p}, ${s}/${n}`).toBe(false);
        if (p > low + 1e-9 && p < high - 1e-9) expect(inside, `p ${p}, ${s}/${n}`).toBe(true);
      }
    }
  });

  it('is symmetric: S of n gives the mirror image of n − S of n', () => {
    const options = { confidence: CONFIDENCE, concentration: 900 };
    const [low, high] = betaBinomialInterval(30, 400, options);
    const [mirrorLow, mirrorHigh] = betaBinomialInterval(370, 400, options);
    expect(low).toBeCloseTo(1 - mirrorHigh, 12);
    expect(high).toBeCloseTo(1 - mirrorLow, 12);
  });
});

describe('tuned to the target half-width', () => {
  /** Trajectories each method needs to reach ±h at fraction p. */
  function sizes(p: number, h: number, concentration: number) {
    const mixture = sampleSizeFor(
      (n) => halfWidthOf(betaBinomialInterval(Math.round(p * n), n, { confidence: CONFIDENCE, concentration })),
      h,
    );
    const wilson = sampleSizeFor((n) => halfWidthOf(wilsonInterval(Math.round(p * n), n)), h);
    // the untuned baseline: a uniform prior on q, the same for every p
    const uniformHalfWidth = (n: number) => {
      const s = Math.round(p * n);
      const level = -Math.log(1 - CONFIDENCE);
      const logM = (q: number) =>
        logGamma(s + 1) +
        logGamma(n - s + 1) -
        logGamma(n + 2) -
        (s > 0 ? s * Math.log(q) : 0) -
        (n - s > 0 ? (n - s) * Math.log1p(-q) : 0);
      // the ends by bisection: logM is smallest at s/n and grows away from it
      const end = (inside: number, outside: number) => {
        for (let i = 0; i < 50; i++) {
          const mid = (inside + outside) / 2;
          if (logM(mid) >= level) outside = mid;
          else inside = mid;
        }
        return inside;
      };
      const low = s === 0 ? 0 : end(s / n, 1e-15);
      const high = s === n ? 1 : end(s / n, 1 - 1e-15);
      return (high - low) / 2;
    };
    const uniform = sampleSizeFor(uniformHalfWidth, h);
    return { mixture, wilson, uniform };
  }

  it('needs far fewer trajectories than the uniform prior, within 2.6× Wilson at p = 0.8 and 1.6× at p = 0 (±0.02)', () => {
    const c = tunedConcentration(0.02, CONFIDENCE);
    const middle = sizes(0.8, 0.02, c);
    const edge = sizes(0, 0.02, c);
    // the uniform prior needs ~5900 and ~200 here
    expect(middle.uniform).toBeGreaterThan(5500);
    expect(edge.uniform).toBeGreaterThan(190);
    expect(middle.mixture / middle.wilson).toBeLessThan(2.6);
    expect(edge.mixture / edge.wilson).toBeLessThan(1.6);
    expect(middle.mixture).toBeLessThan(0.7 * middle.uniform);
    expect(edge.mixture).toBeLessThan(0.75 * edge.uniform);
  });

  it('depends on the target: a narrower half-width gets a more concentrated prior', () => {
    expect(tunedConcentration(0.01, CONFIDENCE)).toBeGreaterThan(tunedConcentration(0.02, CONFIDENCE));
  });
});

describe('coverage under stopping when the interval is narrow (simulation)', () => {
  /**
   * 10⁴ Bernoulli streams per p, each sampled in batches and stopped as an adaptive sweep stops a step size
   * — the first look at which the half-width is at most h, or at the cap — then checked for covering p.
   */
  const STREAMS = 10_000;
  const H = 0.05;
  const BATCH = 32;
  const CAP = 1024;

  function coverage(p: number, seed: number, interval: (s: number, n: number) => [number, number]): number {
    const random = seeded(seed);
    // streams share their (successes, n) often: compute each interval once
    const known = new Map<number, [number, number]>();
    const cached = (s: number, n: number) => {
      const key = s * (CAP + 1) + n;
      let bounds = known.get(key);
      if (!bounds) known.set(key, (bounds = interval(s, n)));
      return bounds;
    };
    let covered = 0;
    for (let stream = 0; stream < STREAMS; stream++) {
      let s = 0;
      let n = 0;
      for (;;) {
        for (let i = 0; i < BATCH; i++) if (random() < p) s++;
        n += BATCH;
        const bounds = cached(s, n);
        if (halfWidthOf(bounds) <= H || n >= CAP) {
          if (bounds[0] <= p && p <= bounds[1]) covered++;
          break;
        }
      }
    }
    return covered / STREAMS;
  }

  /** The fraction of streams whose interval holds p at every look up to the cap: what Ville's inequality bounds. */
  function uniformCoverage(p: number, seed: number, interval: (s: number, n: number) => [number, number]): number {
    const random = seeded(seed);
    const known = new Map<number, boolean>();
    let held = 0;
    for (let stream = 0; stream < STREAMS; stream++) {
      let s = 0;
      let always = true;
      for (let n = BATCH; n <= CAP; n += BATCH) {
        for (let i = 0; i < BATCH; i++) if (random() < p) s++;
        const key = s * (CAP + 1) + n;
        let holds = known.get(key);
        if (holds === undefined) {
          const [low, high] = interval(s, n);
          known.set(key, (holds = low <= p && p <= high));
        }
        if (!holds) always = false;
      }
      if (always) held++;
    }
    return held / STREAMS;
  }

  const options = { confidence: CONFIDENCE, concentration: tunedConcentration(H, CONFIDENCE) };
  it.each([0.02, 0.5])('holds p = %s at every one of 32 looks in at least 95% of streams; Wilson does not', (p) => {
    expect(uniformCoverage(p, 11, (s, n) => betaBinomialInterval(s, n, options))).toBeGreaterThanOrEqual(CONFIDENCE);
    expect(uniformCoverage(p, 11, (s, n) => wilsonInterval(s, n))).toBeLessThan(CONFIDENCE);
  });

  it.each([0, 0.02, 0.3, 0.5, 0.9])('covers p = %s in at least 95% of streams', (p) => {
    expect(coverage(p, 1 + 100 * p, (s, n) => betaBinomialInterval(s, n, options))).toBeGreaterThanOrEqual(CONFIDENCE);
  });
});

/**
 * The counter-based generator: every stream is a pure function of (seed, stream), and its outputs have the
 * first moments they should. Distribution checks allow 5 standard errors (the inputs are fixed seeds, so a
 * pass is reproducible, and a real defect is far outside 5σ at these sample sizes).
 */
import { describe, expect, it } from 'vitest';
import { Rng } from './rng.js';

const N = 100_000;

/** Draws a mixed sequence of every kind of output, in a fixed pattern. */
function mixed(rng: Rng, count: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    out.push(rng.nextUint32(), rng.nextDouble(), rng.nextNormal());
    if (i % 3 === 0) out.push(rng.nextNormal());
  }
  return out;
}

function firstWords(seed: number, stream: number, count = 4): number[] {
  const rng = new Rng(seed, stream);
  return Array.from({ length: count }, () => rng.nextUint32());
}

function moments(xs: ArrayLike<number>): { mean: number; variance: number; m3: number; m4: number } {
  let mean = 0;
  for (let i = 0; i < xs.length; i++) mean += xs[i];
  mean /= xs.length;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (let i = 0; i < xs.length; i++) {
    const d = xs[i] - mean;
    m2 += d * d;
    m3 += d * d * d;
    m4 += d * d * d * d;
  }
  return { mean, variance: m2 / (xs.length - 1), m3: m3 / xs.length, m4: m4 / xs.length };
}

function correlation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const ma = moments(a);
  const mb = moments(b);
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] - ma.mean) * (b[i] - mb.mean);
  return s / (a.length - 1) / Math.sqrt(ma.variance * mb.variance);
}

describe('determinism', () => {
  it('the same (seed, stream) gives a bit-identical stream on every construction', () => {
    for (const [seed, stream] of [
      [0, 0],
      [42, 7],
      [-5, 3],
      [2 ** 53 - 1, 2 ** 40 + 5],
    ]) {
      const a = mixed(new Rng(seed, stream), 500);
      const b = mixed(new Rng(seed, stream), 500);
      expect(a.length).toBe(b.length);
      for (let i = 0; i < a.length; i++) expect(Object.is(a[i], b[i])).toBe(true);
    }
  });

  it('the stream defaults to 0', () => {
    const rng = new Rng(9);
    expect(firstWords(9, 0)).toEqual([rng.nextUint32(), rng.nextUint32(), rng.nextUint32(), rng.nextUint32()]);
  });

  it('different streams or seeds give different streams, including in the high 32 bits', () => {
    const base = firstWords(1, 0).join();
    const others = [
      firstWords(1, 1),
      firstWords(2, 0),
      firstWords(0, 1), // swapped
      firstWords(1 + 2 ** 32, 0),
      firstWords(1, 2 ** 32),
      firstWords(-1, 0),
    ].map((w) => w.join());
    expect(new Set([base, ...others]).size).toBe(others.length + 1);
  });

  it('the first 64 bits of 20000 streams (10 seeds × 2000 streams) are all distinct', () => {
    const seen = new Set<string>();
    for (let seed = 0; seed < 10; seed++) {
      for (let k = 0; k < 2000; k++) seen.add(firstWords(seed, k, 2).join(':'));
    }
    expect(seen.size).toBe(20000);
  });
});

describe('nextUint32', () => {
  it('is an integer in [0, 2³²) whose every bit is set half of the time', () => {
    const rng = new Rng(11, 0);
    const ones = new Array<number>(32).fill(0);
    let bad = 0;
    for (let i = 0; i < N; i++) {
      const u = rng.nextUint32();
      if (!(Number.isInteger(u) && u >= 0 && u < 2 ** 32)) bad++;
      for (let b = 0; b < 32; b++) ones[b] += (u >>> b) & 1;
    }
    expect(bad).toBe(0);
    const sigma = Math.sqrt(N * 0.25);
    for (const count of ones) expect(Math.abs(count - N / 2)).toBeLessThan(5 * sigma);
  });
});

describe('nextDouble', () => {
  it('is in [0, 1), a multiple of 2⁻⁵³, with the moments and histogram of U(0, 1)', () => {
    const rng = new Rng(12, 3);
    const xs = new Float64Array(N);
    const bins = new Array<number>(10).fill(0);
    let bad = 0;
    for (let i = 0; i < N; i++) {
      const u = rng.nextDouble();
      if (!(u >= 0 && u < 1 && Number.isInteger(u * 2 ** 53))) bad++;
      xs[i] = u;
      bins[Math.floor(u * 10)]++;
    }
    expect(bad).toBe(0);
    const m = moments(xs);
    expect(Math.abs(m.mean - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / N));
    // standard error of a sample variance: √((μ₄ − σ⁴)/n), μ₄ = 1/80 for U(0, 1)
    expect(Math.abs(m.variance - 1 / 12)).toBeLessThan(5 * Math.sqrt((1 / 80 - 1 / 144) / N));
    const binSigma = Math.sqrt(N * 0.1 * 0.9);
    for (const count of bins) expect(Math.abs(count - N / 10)).toBeLessThan(5 * binSigma);
  });

  it('uses its low bits: small values occur at the expected rate', () => {
    const rng = new Rng(13, 0);
    let below = 0;
    for (let i = 0; i < N; i++) if (rng.nextDouble() < 1e-3) below++;
    expect(Math.abs(below - N * 1e-3)).toBeLessThan(5 * Math.sqrt(N * 1e-3));
  });
});

describe('nextNormal', () => {
  it('has mean 0, variance 1, skewness 0 and kurtosis 3 within 5 standard errors', () => {
    const rng = new Rng(14, 2);
    const zs = new Float64Array(N);
    for (let i = 0; i < N; i++) zs[i] = rng.nextNormal();
    const m = moments(zs);
    expect(Number.isFinite(m.m4)).toBe(true);
    expect(Math.abs(m.mean)).toBeLessThan(5 / Math.sqrt(N));
    expect(Math.abs(m.variance - 1)).toBeLessThan(5 * Math.sqrt(2 / N));
    expect(Math.abs(m.m3)).toBeLessThan(5 * Math.sqrt(15 / N));
    expect(Math.abs(m.m4 - 3)).toBeLessThan(5 * Math.sqrt(96 / N));
    // tails: P(|z| > 2) = 0.0455
    let tail = 0;
    for (const z of zs) if (Math.abs(z) > 2) tail++;
    expect(Math.abs(tail - 0.0455 * N)).toBeLessThan(5 * Math.sqrt(N * 0.0455 * 0.9545));
  });

  it('consecutive normals (the Box–Muller pair and the next pair) are uncorrelated', () => {
    const rng = new Rng(15, 0);
    const a = new Float64Array(N / 2);
    const b = new Float64Array(N / 2);
    for (let i = 0; i < N / 2; i++) {
      a[i] = rng.nextNormal();
      b[i] = rng.nextNormal();
    }
    expect(Math.abs(correlation(a, b))).toBeLessThan(5 / Math.sqrt(N / 2));
    // squares too: a dependent pair can be uncorrelated yet have correlated magnitudes
    expect(
      Math.abs(
        correlation(
          a.map((x) => x * x),
          b.map((x) => x * x),
        ),
      ),
    ).toBeLessThan(5 / Math.sqrt(N / 2));
  });
});

describe('independence across streams and seeds', () => {
  it('the first outputs of neighbouring streams, and of neighbouring seeds, are uncorrelated', () => {
    const count = 20_000;
    const byStream = new Float64Array(count + 1);
    for (let k = 0; k <= count; k++) byStream[k] = new Rng(77, k).nextNormal();
    expect(Math.abs(correlation(byStream.subarray(0, count), byStream.subarray(1)))).toBeLessThan(5 / Math.sqrt(count));
    const m = moments(byStream);
    expect(Math.abs(m.mean)).toBeLessThan(5 / Math.sqrt(count));
    expect(Math.abs(m.variance - 1)).toBeLessThan(5 * Math.sqrt(2 / count));

    const bySeed = new Float64Array(count + 1);
    for (let s = 0; s <= count; s++) bySeed[s] = new Rng(s, 5).nextDouble();
    expect(Math.abs(correlation(bySeed.subarray(0, count), bySeed.subarray(1)))).toBeLessThan(5 / Math.sqrt(count));
    expect(Math.abs(correlation(byStream, bySeed))).toBeLessThan(5 / Math.sqrt(count));
  });
});

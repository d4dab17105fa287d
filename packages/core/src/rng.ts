/**
 * Counter-based random numbers: the stream for unit k is a pure function of
 * (seed, k), so results never depend on which worker ran what, or in which
 * order (Optuna's n_jobs > 1 failure mode is impossible by construction).
 *
 * The (seed, stream) pair is hashed with SplitMix32-style finalisers into the
 * 128-bit state of sfc32 (Chris Doty-Humphrey's Small Fast Chaotic PRNG,
 * PractRand-clean to multiple TB). Only 32-bit integer ops are used, which
 * V8 evaluates identically on every platform.
 */

/** Murmur3's 32-bit finaliser: a bijective avalanche mix. */
function mix32(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spareNormal = Number.NaN;

  /**
   * @param seed root seed (any safe integer)
   * @param stream unit-of-work index (e.g. the initialization k), any safe integer ≥ 0
   */
  constructor(seed: number, stream = 0) {
    const seedLo = seed >>> 0;
    const seedHi = Math.floor(seed / 4294967296) >>> 0;
    const streamLo = stream >>> 0;
    const streamHi = Math.floor(stream / 4294967296) >>> 0;
    this.a = mix32(seedLo ^ 0x9e3779b9);
    this.b = mix32(seedHi ^ mix32(streamLo + 0x7f4a7c15));
    this.c = mix32(streamHi ^ mix32(this.a + 0x632be59b));
    this.d = mix32(streamLo ^ mix32(this.b ^ 0x85157af5));
    for (let i = 0; i < 16; i++) this.nextUint32();
  }

  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1) with 53 random bits. */
  nextDouble(): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** Standard normal by the Box–Muller transform (pairs, the spare is kept). */
  nextNormal(): number {
    if (!Number.isNaN(this.spareNormal)) {
      const z = this.spareNormal;
      this.spareNormal = Number.NaN;
      return z;
    }
    let u = this.nextDouble();
    while (u === 0) u = this.nextDouble();
    const v = this.nextDouble();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spareNormal = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }
}

/**
 * Interval estimates for the converged fraction.
 */

/** z for a two-sided 95% interval. */
const Z95 = 1.959963984540054;

/**
 * Wilson score interval (Wilson 1927): well behaved at 0 and n, unlike the
 * normal approximation, which matters exactly where the basin vanishes.
 */
export function wilsonInterval(successes: number, n: number, z = Z95): [number, number] {
  if (n === 0) return [Number.NaN, Number.NaN];
  const p = successes / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const center = (p + z2 / (2 * n)) / denom;
  const half = (z / denom) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // exact at the ends (the formulas give 0 and 1 only up to round-off)
  const low = successes === 0 ? 0 : Math.max(0, center - half);
  const high = successes === n ? 1 : Math.min(1, center + half);
  return [low, high];
}

/**
 * One-sided 95% upper bound on a fraction after observing 0 successes in n
 * trials (exact Clopper–Pearson: 1 − 0.05^{1/n} ≈ 3/n, the "rule of three").
 */
export function zeroSuccessUpperBound(n: number, alpha = 0.05): number {
  return n === 0 ? 1 : 1 - alpha ** (1 / n);
}

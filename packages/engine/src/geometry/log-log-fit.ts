/**
 * Least-squares line through (log x, log y) points, with the 95% interval
 * of its slope from the fit's own residuals (Student t with n − 2 degrees
 * of freedom). The interval says how straight the points are over the
 * stated range; it does not cover a bias the range itself brings.
 */

export interface LogLogFit {
  /** Slope of log y against log x. */
  readonly slope: number;
  /** 95% interval of the slope from the fit ([slope, slope] for two points, NaN for fewer). */
  readonly slopeCi: readonly [number, number];
  readonly intercept: number;
  /** The points fitted (natural logs). */
  readonly logX: readonly number[];
  readonly logY: readonly number[];
}

/** Two-sided 95% quantiles of Student's t for 1…30 degrees of freedom. */
const T975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11,
  2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

export function studentT975(df: number): number {
  if (!(df >= 1)) return Number.NaN;
  return df <= T975.length ? T975[Math.floor(df) - 1] : 1.96;
}

/** Fits log y = intercept + slope·log x over the points with x > 0 and y > 0. */
export function logLogFit(xs: readonly number[], ys: readonly number[]): LogLogFit {
  const logX: number[] = [];
  const logY: number[] = [];
  for (let i = 0; i < xs.length; i++) {
    if (xs[i] > 0 && ys[i] > 0) {
      logX.push(Math.log(xs[i]));
      logY.push(Math.log(ys[i]));
    }
  }
  const n = logX.length;
  if (n < 2) return { slope: Number.NaN, slopeCi: [Number.NaN, Number.NaN], intercept: Number.NaN, logX, logY };
  const mx = logX.reduce((s, v) => s + v, 0) / n;
  const my = logY.reduce((s, v) => s + v, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (logX[i] - mx) ** 2;
    sxy += (logX[i] - mx) * (logY[i] - my);
  }
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  if (n === 2) return { slope, slopeCi: [slope, slope], intercept, logX, logY };
  let sse = 0;
  for (let i = 0; i < n; i++) sse += (logY[i] - intercept - slope * logX[i]) ** 2;
  const half = studentT975(n - 2) * Math.sqrt(sse / (n - 2) / sxx);
  return { slope, slopeCi: [slope - half, slope + half], intercept, logX, logY };
}

/** The step-size grid of a sweep (config keys `sweep.eta`, `sweep.relative`). */
import { EngineError } from './errors.js';

export type EtaSpec =
  | { from: number; to: number; count: number; spacing: 'linear' | 'log' }
  | { values: readonly number[] };

/**
 * Absolute step sizes, in grid order. With `relative`, the grid is in units
 * of η_c and needs a known η_c.
 */
export function etaGrid(spec: EtaSpec, relative: boolean, etaCritical: number | null): number[] {
  let grid: number[];
  if ('values' in spec) {
    grid = [...spec.values];
  } else {
    const { from, to, count, spacing } = spec;
    grid = [];
    for (let i = 0; i < count; i++) {
      const f = count === 1 ? 0 : i / (count - 1);
      grid.push(spacing === 'log' ? from * (to / from) ** f : from + (to - from) * f);
    }
  }
  if (!relative) return grid;
  if (etaCritical === null) {
    throw new EngineError(
      'CONFIG_INVALID',
      'sweep.relative needs a finite η_c, but this problem has none (λ* is unknown or zero)',
    );
  }
  return grid.map((r) => r * etaCritical);
}

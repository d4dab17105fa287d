import { describe, expect, it } from 'vitest';
import { lineSegments } from './line-segments.js';

const points = (etas: readonly number[], indices = etas.map((_, i) => i)) =>
  etas.map((eta, i) => ({ eta, etaIndex: indices[i] }));

/** The pairs of neighbours a line joins, as "a–b". */
function joins(etas: readonly number[], segments: number[]): string[] {
  const out: string[] = [];
  for (let i = 1; i < etas.length; i++) if (segments[i] === segments[i - 1]) out.push(`${etas[i - 1]}–${etas[i]}`);
  return out;
}

describe('lineSegments', () => {
  const grid = [0.8, 0.85, 0.9, 0.95, 1, 1.05, 1.1];

  it('joins the neighbours of a uniform grid on each side of η_c, never across it', () => {
    const s = lineSegments(points(grid), { grid, log: false, etaCritical: 1 });
    // 0.95 → 1.0 (81% → 0% in the default sweep) is not joined: η_c is where the measure jumps
    expect(joins(grid, s)).toEqual(['0.8–0.85', '0.85–0.9', '0.9–0.95', '1–1.05', '1.05–1.1']);
  });

  it('η_c between two grid points breaks the line there; a relative grid point at η_c up to round-off counts as on it', () => {
    const etas = [0.9, 0.95, 1.0000000000000002, 1.05];
    expect(joins(etas, lineSegments(points(etas), { grid: etas, log: false, etaCritical: 0.97 }))).toEqual([
      '0.9–0.95',
      '1.0000000000000002–1.05',
    ]);
    expect(joins(etas, lineSegments(points(etas), { grid: etas, log: false, etaCritical: 1 }))).toEqual([
      '0.9–0.95',
      '1.0000000000000002–1.05',
    ]);
  });

  it('without η_c a uniform grid is one line', () => {
    expect(new Set(lineSegments(points(grid), { grid, log: false, etaCritical: null })).size).toBe(1);
  });

  it('a missing grid index (a step size left out) breaks the line', () => {
    const kept = [0.8, 0.85, 0.95];
    const s = lineSegments(points(kept, [0, 1, 3]), { grid, log: false, etaCritical: null });
    expect(joins(kept, s)).toEqual(['0.8–0.85']);
  });

  it('a stretch wider than 1.5× the median spacing is not bridged (hand-written grid)', () => {
    const etas = [0.1, 0.5, 0.9, 0.92, 0.94, 0.96, 0.98, 1.1];
    const s = lineSegments(points(etas), { grid: etas, log: false, etaCritical: null });
    expect(joins(etas, s)).toEqual(['0.9–0.92', '0.92–0.94', '0.94–0.96', '0.96–0.98']);
  });

  it('on a log axis spacing is measured in log η: a log-spaced grid is one line', () => {
    const etas = [0.01, 0.03, 0.1, 0.3, 1, 3];
    expect(new Set(lineSegments(points(etas), { grid: etas, log: true, etaCritical: null })).size).toBe(1);
    expect(new Set(lineSegments(points(etas), { grid: etas, log: false, etaCritical: null })).size).toBeGreaterThan(1);
  });

  it('a single point is its own segment', () => {
    expect(lineSegments(points([0.5]), { grid: [0.5], log: false, etaCritical: 1 })).toEqual([0]);
  });
});

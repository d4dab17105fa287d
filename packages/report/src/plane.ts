/**
 * Planes of initializations for basin maps (the engine's InitPlane):
 * θ = centre + x·u + y·v over a grid of pixel centres. Pure: no Node imports.
 */
import type { Layout } from '@eos-sweep/core';
import { Rng } from '@eos-sweep/core';
import type { InitPlane } from '@eos-sweep/engine';

/** The Rng stream of the random directions: far above any initialization index k (≤ 1e9). */
const DIRECTION_STREAM = 2 ** 50;

const SUBSCRIPTS = '₀₁₂₃₄₅₆₇₈₉';

function subscript(n: number): string {
  return String(n)
    .split('')
    .map((d) => SUBSCRIPTS[Number(d)])
    .join('');
}

/** A readable name of parameter `index`: w₁ … for scalar networks, W₂[r,c] (1-based) otherwise. */
export function parameterName(layout: Layout, index: number): string {
  for (let l = layout.depth; l >= 1; l--) {
    const start = layout.offsets[l - 1];
    if (index >= start) {
      const cols = layout.dims[l - 1];
      const rows = layout.dims[l];
      if (rows === 1 && cols === 1) return `w${subscript(l)}`;
      const r = Math.floor((index - start) / cols);
      const c = (index - start) % cols;
      return `W${subscript(l)}[${r + 1},${c + 1}]`;
    }
  }
  return `θ[${index}]`;
}

export interface PlaneGrid {
  readonly width: number;
  readonly height: number;
  readonly x: readonly [number, number];
  readonly y: readonly [number, number];
}

/**
 * The plane of coordinates i and j through `center`: pixel (x, y) sets
 * θ_i = x, θ_j = y and every other parameter to its value in `center`.
 */
export function coordinatePlane(center: ArrayLike<number>, i: number, j: number, grid: PlaneGrid): InitPlane {
  const p = center.length;
  if (!(Number.isInteger(i) && Number.isInteger(j) && i >= 0 && j >= 0 && i < p && j < p && i !== j)) {
    throw new RangeError(`coordinates must be two different parameter indices in 0..${p - 1}, got ${i},${j}`);
  }
  const c = Array.from(center);
  c[i] = 0;
  c[j] = 0;
  const u = new Array<number>(p).fill(0);
  const v = new Array<number>(p).fill(0);
  u[i] = 1;
  v[j] = 1;
  return { center: c, u, v, ...grid };
}

function dot(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** Two orthonormal directions drawn from (seed, DIRECTION_STREAM): Gaussian vectors, then Gram–Schmidt. */
export function randomDirections(p: number, seed: number): { u: number[]; v: number[] } {
  if (p < 2) throw new RangeError('a random plane needs at least two parameters');
  const rng = new Rng(seed, DIRECTION_STREAM);
  for (;;) {
    const u = Array.from({ length: p }, () => rng.nextNormal());
    const v = Array.from({ length: p }, () => rng.nextNormal());
    const nu = Math.sqrt(dot(u, u));
    for (let i = 0; i < p; i++) u[i] /= nu;
    const proj = dot(u, v);
    for (let i = 0; i < p; i++) v[i] -= proj * u[i];
    const nv = Math.sqrt(dot(v, v));
    // degenerate draws (practically impossible) are simply redrawn
    if (nu > 1e-12 && nv > 1e-12) {
      for (let i = 0; i < p; i++) v[i] /= nv;
      return { u, v };
    }
  }
}

/** The plane through `center` spanned by two random orthonormal directions. */
export function randomPlane(center: ArrayLike<number>, seed: number, grid: PlaneGrid): InitPlane {
  const { u, v } = randomDirections(center.length, seed);
  return { center: Array.from(center), u, v, ...grid };
}

/**
 * For the (η, scale) map: a one-pixel-wide plane θ = s·d, s over `scale`,
 * `height` rows; the step size varies across tasks instead (one per column).
 */
export function scaleLine(direction: ArrayLike<number>, scale: readonly [number, number], height: number): InitPlane {
  const d = Array.from(direction);
  const n = Math.sqrt(dot(d, d));
  if (!(n > 0) || !Number.isFinite(n)) throw new RangeError('the direction must be a non-zero finite vector');
  const p = d.length;
  return {
    center: new Array<number>(p).fill(0),
    u: new Array<number>(p).fill(0),
    v: d.map((x) => x / n),
    x: [0, 1],
    y: [scale[0], scale[1]],
    width: 1,
    height,
  };
}

/** Pixel-centre values of `count` pixels spread over [lo, hi] (as planeCoordinates places them). */
export function pixelCentres(lo: number, hi: number, count: number): Float64Array {
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) out[i] = lo + ((i + 0.5) / count) * (hi - lo);
  return out;
}

/**
 * Random initializations. Initialization k is a pure function of (seed, k)
 * (docs/reference.md): every step size starts from the same points, so outcomes can be
 * compared pairwise across η.
 */
import type { Layout } from './layout.js';
import { Rng } from './rng.js';

export type InitSpec = { kind: 'gaussian'; std: number | 'xavier' | 'he' } | { kind: 'uniform'; radius: number };

/** Std of the entries of W_i (1-based) under a Gaussian spec. */
function layerStd(spec: number | 'xavier' | 'he', fanIn: number, fanOut: number): number {
  if (spec === 'xavier') return Math.sqrt(2 / (fanIn + fanOut));
  if (spec === 'he') return Math.sqrt(2 / fanIn);
  return spec;
}

/** Fills `out` (length paramCount) with initialization k. */
export function initialParams(
  layout: Layout,
  spec: InitSpec,
  seed: number,
  k: number,
  out: Float64Array,
): Float64Array {
  const rng = new Rng(seed, k);
  const { dims, offsets } = layout;
  for (let i = 1; i <= layout.depth; i++) {
    const start = offsets[i - 1];
    const size = dims[i] * dims[i - 1];
    if (spec.kind === 'gaussian') {
      const std = layerStd(spec.std, dims[i - 1], dims[i]);
      for (let j = 0; j < size; j++) out[start + j] = std * rng.nextNormal();
    } else {
      for (let j = 0; j < size; j++) out[start + j] = spec.radius * (2 * rng.nextDouble() - 1);
    }
  }
  return out;
}

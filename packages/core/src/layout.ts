/**
 * Shapes of a deep linear network and where each weight matrix lives in the
 * flat parameter vector.
 *
 * Layer i (1-based, as in docs/theory.md) holds W_i ∈ R^{d_i × d_{i−1}}, stored
 * row-major at `offsets[i − 1]`. The flat order W_1..W_N is also the order of
 * the `weights_*` columns (docs/reference.md).
 */
export interface Layout {
  /** d_0 = d_in, d_1 … d_{N−1} hidden widths, d_N = d_out. */
  readonly dims: readonly number[];
  /** N, the number of weight matrices. */
  readonly depth: number;
  /** offsets[i] is the start of W_{i+1} in the flat vector. */
  readonly offsets: readonly number[];
  readonly paramCount: number;
}

export function makeLayout(dims: readonly number[]): Layout {
  if (dims.length < 2) throw new RangeError('a network needs at least an input and an output dimension');
  for (const d of dims) {
    if (!Number.isInteger(d) || d < 1) throw new RangeError(`layer widths must be positive integers, got ${d}`);
  }
  const offsets: number[] = [];
  let size = 0;
  for (let i = 1; i < dims.length; i++) {
    offsets.push(size);
    size += dims[i] * dims[i - 1];
  }
  return { dims: [...dims], depth: dims.length - 1, offsets, paramCount: size };
}

/**
 * The widths d_0..d_N from the data dimensions and the `model` config:
 * `hidden` is one width for every hidden layer or a list of N − 1 widths.
 */
export function networkDims(dIn: number, dOut: number, depth: number, hidden: number | readonly number[]): number[] {
  if (!Number.isInteger(depth) || depth < 1) throw new RangeError('model.depth must be an integer ≥ 1');
  const widths = typeof hidden === 'number' ? new Array<number>(depth - 1).fill(hidden) : [...hidden];
  if (widths.length !== depth - 1) {
    throw new RangeError(`model.hidden must list depth − 1 = ${depth - 1} widths, got ${widths.length}`);
  }
  return [dIn, ...widths, dOut];
}

/** Is every width 1 (a scalar network)? */
export function isScalarNetwork(layout: Layout): boolean {
  return layout.dims.every((d) => d === 1);
}

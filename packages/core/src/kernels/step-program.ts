/**
 * One GD step's loss and gradient, described once: the list of matrix
 * products and sums LinearNet.evaluate performs, in its order. Every fast
 * path is produced from this description — the JavaScript loops
 * (blocked.ts), the WebAssembly kernel (wasm-simd.ts), and, entry by entry
 * (`evaluateEntrywise`), the SIMD lanes (lane-kernel.ts) and the generated
 * JavaScript of scalar networks (scalar.ts).
 *
 * **Every backend is bit-for-bit the reference.** Each entry of a product
 * is accumulated as ((0 + a₀b₀) + a₁b₁) + … over the inner index in
 * ascending order, exactly as LinearNet's loops (matmul.ts) do, with a
 * separate multiply and add (JavaScript never contracts a·b + c into a
 * fused multiply-add; WebAssembly SIMD128 has none); the traces are summed
 * in the flat order. Only the order *across* output entries, the loops and
 * the registers differ between backends. IEEE-754 arithmetic is exact and
 * platform-independent (only NaN payloads may differ), so results never
 * depend on which backend ran.
 *
 * The step, for layers W_1 … W_N (B_i = W_{i−1} ⋯ W_1,
 * D_N = G, D_{i−1} = W_iᵀ D_i):
 *
 *   prefix_i = W_i · prefix_{i−1}         i = 2 … N   (prefix_1 = W_1, read in place)
 *   Q = P · Σ                              P = prefix_N
 *   pq = Σ_j P_j Q_j,  pc = Σ_j P_j C_j,  G = Q − C   (the `loss` instruction)
 *   grad_i = D_i · prefix_{i−1}ᵀ,  D_{i−1} = W_iᵀ · D_i   i = N … 2   (D_1 is grad_1)
 *   L = ½·pq − pc + c₀
 */
import type { Layout } from '../layout.js';

/** A named buffer: θ, ∇L, the data's Σ and C, or the step's scratch. */
export type BufferName = 'theta' | 'grad' | 'sigma' | 'cross' | 'q' | `prefix${number}` | `back${number}`;

/** A matrix inside a buffer: entry (r, c) at offset + r·rowStride + c·colStride. */
export interface Matrix {
  readonly buffer: BufferName;
  readonly offset: number;
  readonly rows: number;
  readonly cols: number;
  readonly rowStride: number;
  readonly colStride: number;
}

export type Instruction =
  /** out = a · b (a: rows × inner, b: inner × cols), every entry accumulated from 0 over the inner index. */
  | { readonly op: 'product'; readonly out: Matrix; readonly a: Matrix; readonly b: Matrix }
  /**
   * pq = Σ_j P_j q_j and pc = Σ_j P_j c_j (each from 0, j ascending over
   * the flat entries), residual = q − c entry by entry; the loss is then
   * ½·pq − pc + c₀.
   */
  | {
      readonly op: 'loss';
      /** P = W_N ⋯ W_1, the network's end-to-end matrix. */
      readonly endToEnd: Matrix;
      readonly q: Matrix;
      readonly cross: Matrix;
      readonly residual: Matrix;
    };

export interface StepProgram {
  readonly instructions: readonly Instruction[];
  /** The scratch buffers and their sizes (θ, ∇L, Σ and C are the caller's). */
  readonly scratch: readonly { readonly name: BufferName; readonly size: number }[];
}

/** A row-major matrix of `rows` × `cols` at the start of `buffer` (or at `offset`). */
function rowMajor(buffer: BufferName, rows: number, cols: number, offset = 0): Matrix {
  return { buffer, offset, rows, cols, rowStride: cols, colStride: 1 };
}

/** The transpose of a matrix view. */
function transposed(m: Matrix): Matrix {
  return { ...m, rows: m.cols, cols: m.rows, rowStride: m.colStride, colStride: m.rowStride };
}

export function stepProgram(layout: Layout): StepProgram {
  const { dims, depth, offsets } = layout;
  const d0 = dims[0];
  const dOut = dims[depth];
  const weight = (i: number) => rowMajor('theta', dims[i], dims[i - 1], offsets[i - 1]);
  const prefix = (i: number) =>
    i === 1 ? rowMajor('theta', dims[1], d0, offsets[0]) : rowMajor(`prefix${i}`, dims[i], d0);
  // D_i; D_1 is grad_1, written in place
  const back = (i: number) => (i === 1 ? rowMajor('grad', dims[1], d0, offsets[0]) : rowMajor(`back${i}`, dims[i], d0));
  const instructions: Instruction[] = [];
  const scratch: { name: BufferName; size: number }[] = [];
  for (let i = 2; i <= depth; i++) {
    instructions.push({ op: 'product', out: prefix(i), a: weight(i), b: prefix(i - 1) });
    scratch.push({ name: `prefix${i}`, size: dims[i] * d0 });
  }
  instructions.push({ op: 'product', out: rowMajor('q', dOut, d0), a: prefix(depth), b: rowMajor('sigma', d0, d0) });
  scratch.push({ name: 'q', size: dOut * d0 });
  instructions.push({
    op: 'loss',
    endToEnd: prefix(depth),
    q: rowMajor('q', dOut, d0),
    cross: rowMajor('cross', dOut, d0),
    residual: back(depth),
  });
  if (depth >= 2) scratch.push({ name: `back${depth}`, size: dOut * d0 });
  for (let i = depth; i >= 2; i--) {
    instructions.push({
      op: 'product',
      out: rowMajor('grad', dims[i], dims[i - 1], offsets[i - 1]),
      a: back(i),
      b: transposed(prefix(i - 1)),
    });
    instructions.push({ op: 'product', out: back(i - 1), a: transposed(weight(i)), b: back(i) });
    if (i > 2) scratch.push({ name: `back${i - 1}`, size: dims[i - 1] * d0 });
  }
  return { instructions, scratch };
}

/** Where entry (r, c) of a matrix view is in its buffer. */
function entry(m: Matrix, r: number, c: number): number {
  return m.offset + r * m.rowStride + c * m.colStride;
}

/**
 * The arithmetic of an entry-by-entry backend: the lanes (values are f64x2
 * locals) or generated JavaScript (values are expressions). A `name` marks
 * a value stored in a buffer (it may be read several times).
 */
export interface StepArithmetic<N> {
  constant(x: number): N;
  add(a: N, b: N, name?: string): N;
  sub(a: N, b: N, name?: string): N;
  mul(a: N, b: N): N;
}

/**
 * The step on values, one entry at a time: L and ∇L from θ, with Σ, C and
 * c₀ as constants. Every product entry is the reference's accumulation
 * written out.
 */
export function evaluateEntrywise<N>(
  o: StepArithmetic<N>,
  program: StepProgram,
  data: { readonly sigma: Float64Array; readonly cross: Float64Array; readonly c0: number },
  theta: readonly N[],
): { loss: N; grad: N[] } {
  const buffers = new Map<BufferName, N[]>([
    ['theta', [...theta]],
    ['grad', new Array<N>(theta.length)],
    ['sigma', Array.from(data.sigma, (x) => o.constant(x))],
    ['cross', Array.from(data.cross, (x) => o.constant(x))],
  ]);
  for (const { name, size } of program.scratch) buffers.set(name, new Array<N>(size));
  const read = (m: Matrix, r: number, c: number) => (buffers.get(m.buffer) as N[])[entry(m, r, c)];
  const write = (m: Matrix, r: number, c: number, value: N) => {
    (buffers.get(m.buffer) as N[])[entry(m, r, c)] = value;
  };
  const label = (m: Matrix, r: number, c: number) => `${m.buffer}_${entry(m, r, c)}`;
  let pq = o.constant(0);
  let pc = o.constant(0);
  for (const ins of program.instructions) {
    if (ins.op === 'product') {
      const { out, a, b } = ins;
      for (let r = 0; r < out.rows; r++) {
        for (let c = 0; c < out.cols; c++) {
          let acc = o.constant(0);
          for (let m = 0; m < a.cols; m++) {
            acc = o.add(acc, o.mul(read(a, r, m), read(b, m, c)), m === a.cols - 1 ? label(out, r, c) : undefined);
          }
          write(out, r, c, acc);
        }
      }
    } else {
      const { endToEnd, q, cross, residual } = ins;
      const entries: [number, number][] = [];
      for (let r = 0; r < endToEnd.rows; r++) for (let c = 0; c < endToEnd.cols; c++) entries.push([r, c]);
      const last = entries.length - 1;
      entries.forEach(([r, c], j) => {
        pq = o.add(pq, o.mul(read(endToEnd, r, c), read(q, r, c)), j === last ? 'pq' : undefined);
      });
      entries.forEach(([r, c], j) => {
        pc = o.add(pc, o.mul(read(endToEnd, r, c), read(cross, r, c)), j === last ? 'pc' : undefined);
      });
      for (const [r, c] of entries)
        write(residual, r, c, o.sub(read(q, r, c), read(cross, r, c), label(residual, r, c)));
    }
  }
  const loss = o.add(o.sub(o.mul(o.constant(0.5), pq), pc), o.constant(data.c0), 'loss');
  return { loss, grad: buffers.get('grad') as N[] };
}

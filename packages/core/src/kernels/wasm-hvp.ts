/**
 * The Hessian-vector product of hvp.ts (HessianProduct, the reference) as
 * WebAssembly SIMD, assembled per network shape at run time: the module's
 * memory holds θ, the direction e, the product, Σ, C and the passes'
 * matrices, and it exports `at` (the forward and backward passes at θ) and
 * `apply` (one tangent pass).
 *
 * Both run HessianProduct's products in its order, each emitted by
 * wasm-product.ts: every entry is summed from 0 over the inner index in
 * ascending order with a separate multiply and add, and a sum of two
 * products adds the second's finished entries to the first's — the
 * arithmetic of the JavaScript loops (blocked.ts), so the results are the
 * reference's bit for bit. A product with a transposed right factor (the
 * gradients D·Bᵀ) copies that factor row-major first; the prefixes B_i are
 * transposed once in `at`, the tangent prefixes in every `apply`. The first
 * layer's prefix and tangent prefix are θ's and e's own entries, and its
 * block of the product is written in place, where the reference copies.
 */
import type { HessianVectorProduct } from '../hvp.js';
import type { Layout } from '../layout.js';
import type { Problem } from '../linear-net.js';
import type { WasmFunction } from './wasm-assembler.js';
import { assembleModule, Code, I32, instantiate, Locals, OP, SIMD } from './wasm-assembler.js';
import type { ProductLocals, ProductShape } from './wasm-product.js';
import { emitProduct, loopStep, productLocals } from './wasm-product.js';

/** Where the buffers live in the module's memory (f64 words, each 16-byte aligned) and its size. */
interface HvpLayout {
  readonly theta: number;
  readonly e: number;
  readonly out: number;
  readonly sigma: number;
  readonly cross: number;
  /** prefix[i] = B_{i+1} (d_i × d_in, i ≥ 2), back[i] = D_i (i ≥ 2), their tangents, by layer (unused slots −1). */
  readonly prefix: readonly number[];
  readonly back: readonly number[];
  readonly dPrefix: readonly number[];
  readonly dBack: readonly number[];
  /** The transposes (d_in × d_i) of prefix[i] and dPrefix[i], i < depth. */
  readonly prefixT: readonly number[];
  readonly dPrefixT: readonly number[];
  readonly words: number;
}

function hvpLayout(layout: Layout): HvpLayout {
  const { dims, depth, paramCount: p } = layout;
  const dIn = dims[0];
  let top = 0;
  const alloc = (n: number) => {
    const at = top;
    top += n + (n % 2);
    return at;
  };
  const perLayer = (from: number, to: number) => dims.map((d, i) => (i >= from && i <= to ? alloc(d * dIn) : -1));
  return {
    theta: alloc(p),
    e: alloc(p),
    out: alloc(p),
    sigma: alloc(dIn * dIn),
    cross: alloc(dims[depth] * dIn),
    prefix: perLayer(2, depth),
    back: perLayer(2, depth),
    dPrefix: perLayer(2, depth),
    dBack: perLayer(2, depth),
    prefixT: perLayer(1, depth - 1),
    dPrefixT: perLayer(1, depth - 1),
    words: top,
  };
}

/** Doubles the module's buffers take for this network (its memory, before rounding to pages). */
export function wasmHessianProductWords(layout: Layout): number {
  return hvpLayout(layout).words;
}

/** Do the module's buffers for this network fit in a WebAssembly memory (32-bit addresses: 4 GiB)? */
export function wasmHessianProductFits(layout: Layout): boolean {
  return 8 * wasmHessianProductWords(layout) <= 2 ** 32;
}

/** The locals of `at` and `apply`: the products' and a transpose's loop offsets. */
interface HvpLocals extends ProductLocals {
  readonly rowFrom: number;
  readonly row: number;
  readonly to: number;
  readonly col: number;
}

function hvpLocals(locals: Locals): HvpLocals {
  return {
    ...productLocals(locals),
    rowFrom: locals.add('rowFrom', I32),
    row: locals.add('row', I32),
    to: locals.add('to', I32),
    col: locals.add('col', I32),
  };
}

/** dst (cols × rows) = srcᵀ, src stored rows × cols row-major (f64 words), in two loops. */
function emitTranspose(code: Code, l: HvpLocals, rows: number, cols: number, src: number, dst: number): void {
  code.i32(0).set(l.rowFrom).i32(0).set(l.row);
  code.op(OP.loop, 0x40);
  code.get(l.row).set(l.to).i32(0).set(l.col);
  code.op(OP.loop, 0x40);
  code
    .get(l.to)
    .get(l.rowFrom)
    .get(l.col)
    .op(OP.i32Add)
    .load(8 * src)
    .store(8 * dst);
  loopStep(code, l.to, 8 * rows, l.col, 8, 8 * cols);
  loopStep(code, l.rowFrom, 8 * cols, l.row, 8, 8 * rows);
}

/** x[j] −= y[j] for j < n (f64 words), two entries at a time and the odd last one in scalar code. */
function emitSubtract(code: Code, l: HvpLocals, n: number, x: number, y: number): void {
  const pairs = n - (n % 2);
  if (pairs > 0) {
    code.i32(0).set(l.to);
    code.op(OP.loop, 0x40);
    code
      .get(l.to)
      .get(l.to)
      .vload(8 * x)
      .get(l.to)
      .vload(8 * y)
      .simd(SIMD.sub)
      .vstore(8 * x);
    code.get(l.to).i32(16).op(OP.i32Add).tee(l.to);
    code
      .i32(8 * pairs)
      .op(OP.i32LtU)
      .op(OP.brIf, 0);
    code.op(OP.end);
  }
  if (n % 2 === 1) {
    code
      .i32(0)
      .i32(0)
      .load(8 * (x + n - 1))
      .i32(0)
      .load(8 * (y + n - 1))
      .op(OP.f64Sub)
      .store(8 * (x + n - 1));
  }
}

/** The module's bytes and where its buffers live. */
function wasmHessianProductModule(problem: Problem): { bytes: Uint8Array; layout: HvpLayout } {
  const layout = hvpLayout(problem.layout);
  const { dims, depth, offsets } = problem.layout;
  const dIn = dims[0];
  const W = (i: number) => layout.theta + offsets[i - 1];
  const E = (i: number) => layout.e + offsets[i - 1];
  const prefix = (i: number) => (i === 1 ? W(1) : layout.prefix[i]);
  const dPrefix = (i: number) => (i === 1 ? E(1) : layout.dPrefix[i]);
  const dBack = (i: number) => (i === 1 ? layout.out + offsets[0] : layout.dBack[i]);
  /** out (+)= A · M with A stored m×k (sa = k, sk = 1) or, `transA`, Aᵀ with A stored k×m (sa = 1, sk = m). */
  const product = (l: HvpLocals, code: Code, s: Omit<ProductShape, 'sa' | 'sk'> & { transA?: boolean }): void =>
    emitProduct(code, l, { ...s, sa: s.transA === true ? 1 : s.k, sk: s.transA === true ? s.m : 1 });
  const fn = (name: string, body: (l: HvpLocals, code: Code) => void): WasmFunction => {
    const locals = new Locals();
    const code = new Code();
    body(hvpLocals(locals), code);
    code.op(OP.end);
    return { name, locals, results: [], code };
  };

  const at = fn('at', (l, code) => {
    for (let i = 2; i <= depth; i++) {
      product(l, code, { m: dims[i], k: dims[i - 1], n: dIn, a: W(i), right: prefix(i - 1), out: prefix(i) });
    }
    for (let i = 1; i < depth; i++) emitTranspose(code, l, dims[i], dIn, prefix(i), layout.prefixT[i]);
    if (depth === 1) return; // the one layer's product needs neither prefix nor D
    // G = P Σ − C, then D_{i−1} = W_iᵀ D_i down to D_2 (apply never reads D_1)
    const G = layout.back[depth];
    product(l, code, { m: dims[depth], k: dIn, n: dIn, a: prefix(depth), right: layout.sigma, out: G });
    emitSubtract(code, l, dims[depth] * dIn, G, layout.cross);
    for (let i = depth; i > 2; i--) {
      const down = { m: dims[i - 1], k: dims[i], n: dIn, out: layout.back[i - 1], transA: true };
      product(l, code, { ...down, a: W(i), right: layout.back[i] });
    }
  });

  const apply = fn('apply', (l, code) => {
    // forward tangent: dB_2 = E_1, dB_{i+1} = E_i B_i + W_i dB_i
    for (let i = 2; i <= depth; i++) {
      const shape = { m: dims[i], k: dims[i - 1], n: dIn, out: dPrefix(i) };
      product(l, code, { ...shape, a: E(i), right: prefix(i - 1) });
      product(l, code, { ...shape, a: W(i), right: dPrefix(i - 1), accumulate: true });
    }
    for (let i = 1; i < depth; i++) emitTranspose(code, l, dims[i], dIn, dPrefix(i), layout.dPrefixT[i]);
    // dG = dP Σ
    product(l, code, { m: dims[depth], k: dIn, n: dIn, a: dPrefix(depth), right: layout.sigma, out: dBack(depth) });
    for (let i = depth; i > 1; i--) {
      // (H e)_i = dD_i B_iᵀ + D_i dB_iᵀ
      const gradient = { m: dims[i], k: dIn, n: dims[i - 1], out: layout.out + offsets[i - 1] };
      product(l, code, { ...gradient, a: dBack(i), right: layout.prefixT[i - 1] });
      product(l, code, { ...gradient, a: layout.back[i], right: layout.dPrefixT[i - 1], accumulate: true });
      // dD_{i−1} = E_iᵀ D_i + W_iᵀ dD_i (dD_1 is (H e)_1)
      const down = { m: dims[i - 1], k: dims[i], n: dIn, out: dBack(i - 1), transA: true };
      product(l, code, { ...down, a: E(i), right: layout.back[i] });
      product(l, code, { ...down, a: W(i), right: dBack(i), accumulate: true });
    }
  });

  return { bytes: assembleModule([at, apply], layout.words), layout };
}

interface Exports {
  memory: { buffer: ArrayBuffer };
  at(): void;
  apply(): void;
}

/** HessianProduct's products in a WebAssembly module (see the module comment); θ and e are copied in, the product out. */
export class WasmHessianProduct implements HessianVectorProduct {
  private readonly code: Exports;
  private readonly theta: Float64Array;
  private readonly e: Float64Array;
  private readonly out: Float64Array;

  constructor(problem: Problem) {
    const { bytes, layout } = wasmHessianProductModule(problem);
    this.code = instantiate(bytes) as unknown as Exports;
    const words = new Float64Array(this.code.memory.buffer);
    words.set(problem.stats.sigma, layout.sigma);
    words.set(problem.stats.cross, layout.cross);
    const p = problem.layout.paramCount;
    this.theta = words.subarray(layout.theta, layout.theta + p);
    this.e = words.subarray(layout.e, layout.e + p);
    this.out = words.subarray(layout.out, layout.out + p);
  }

  at(theta: Float64Array): void {
    this.theta.set(theta);
    this.code.at();
  }

  apply(e: Float64Array, out: Float64Array): void {
    this.e.set(e);
    this.code.apply();
    out.set(this.out);
  }
}

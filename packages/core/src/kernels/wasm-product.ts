/**
 * Matrix products as WebAssembly SIMD code, for the modules assembled per
 * shape at run time: the GD step (wasm-simd.ts) and the Hessian-vector
 * product (wasm-hvp.ts). Every dimension and buffer address is baked into
 * the code.
 *
 * A product has the form out[r][c] = Σ_k a(r, k)·M[k][c] with the rows of M
 * contiguous (a product with a transposed right factor copies it row-major
 * first). The code keeps a block of an output row in f64x2 accumulators,
 * walks k in a loop with a splat of a(r, k) multiplied into two columns at
 * a time, and loops over the rows; an odd last column is summed in scalar
 * code.
 *
 * Each SIMD lane is one output entry, accumulated as ((0 + a₀b₀) + a₁b₁) + …
 * over ascending k with a separate multiply and add (WebAssembly SIMD128 has
 * no fused multiply-add; the relaxed-SIMD one is not used), and an
 * accumulating product adds the finished sum to `out` once — the order of
 * the reference loops (matmul.ts) and of the JavaScript ones (blocked.ts),
 * so the results are theirs to the bit.
 */
import type { Code, Locals } from './wasm-assembler.js';
import { F64, I32, OP, SIMD, V128 } from './wasm-assembler.js';

/**
 * Register blocking: each pass keeps ROWS output rows × 2·VECTORS columns in
 * f64x2 accumulators. Measured on workload C (16 × 16 products, Node 20,
 * x64), evaluations per second: 1 × 4 2.3–2.4e5, 1 × 8 2.1–2.4e5, 2 × 4
 * 2.0e5. (With the k loop unrolled instead, 1 × 4 ran 1.2–1.4e5: V8
 * hoisted the loads of M, the same in every row, out of the row loop and
 * spilled them to the stack; with k a loop, the accumulators stay in
 * registers.)
 */
const ROWS = 1;
const VECTORS = 4;

/** The locals the products of one function share: loop offsets and accumulators. */
export interface ProductLocals {
  /** Byte offset of the current row of a, and of out. */
  readonly rowA: number;
  readonly rowOut: number;
  /** Byte offsets of a(r, k) and of row k of M in the inner loop. */
  readonly innerA: number;
  readonly innerM: number;
  /** The odd last column's scalar accumulator. */
  readonly sum: number;
  /** splat(a(r, k)) per row of a block, and its f64x2 accumulators (row-major, VECTORS per row). */
  readonly splat: readonly number[];
  readonly acc: readonly number[];
}

export function productLocals(locals: Locals): ProductLocals {
  return {
    rowA: locals.add('rowA', I32),
    rowOut: locals.add('rowOut', I32),
    innerA: locals.add('innerA', I32),
    innerM: locals.add('innerM', I32),
    sum: locals.add('sum', F64),
    splat: Array.from({ length: ROWS }, (_, r) => locals.add(`splat${r}`, V128)),
    acc: Array.from({ length: ROWS * VECTORS }, (_, v) => locals.add(`acc${v}`, V128)),
  };
}

/**
 * One product, all addresses in f64 words: A(r, k) at a + r·sa + k·sk, M
 * stored k×n row-major at `right`, out stored m×n row-major.
 */
export interface ProductShape {
  readonly m: number;
  readonly k: number;
  readonly n: number;
  readonly a: number;
  readonly sa: number;
  readonly sk: number;
  readonly right: number;
  readonly out: number;
  /** out += A·M instead of out = A·M. */
  readonly accumulate?: boolean;
}

/** Estimated bytes of one product's code: ≈150 per block of 2·VECTORS columns (its k loop), ≈15 per k of an odd last column (scalar, unrolled). */
export function productCodeSize(k: number, n: number): number {
  return Math.ceil(n / (2 * VECTORS)) * 150 + (n % 2) * k * 15;
}

/** out (+)= A · M, each entry accumulated from 0 over ascending k (and then added to out once). */
export function emitProduct(code: Code, l: ProductLocals, s: ProductShape): void {
  const blocked = s.m - (s.m % ROWS);
  if (blocked > 0) rowLoop(code, l, ROWS, { ...s, m: blocked });
  for (let r = blocked; r < s.m; r++) rowLoop(code, l, 1, { ...s, m: 1, a: s.a + r * s.sa, out: s.out + r * s.n });
}

/** Rows [0, m) of a product, `rows` at a time (m a multiple of rows). */
function rowLoop(code: Code, l: ProductLocals, rows: number, s: ProductShape): void {
  const { m, k, n, a, sa, sk, right, out } = s;
  const accumulate = s.accumulate === true;
  for (let c0 = 0; c0 < n; c0 += 2 * VECTORS) {
    const cols = Math.min(2 * VECTORS, n - c0);
    const vectors = cols >> 1;
    const tail = cols % 2 === 1;
    code.i32(0).set(l.rowA).i32(0).set(l.rowOut);
    code.op(OP.loop, 0x40);
    for (let v = 0; v < rows * vectors; v++) code.vzero().set(l.acc[v]);
    if (vectors > 0) {
      // for kk = 0 … k − 1: innerA = rowA + 8·kk·sk, innerM = 8·kk·n
      code.get(l.rowA).set(l.innerA).i32(0).set(l.innerM);
      code.op(OP.loop, 0x40);
      for (let r = 0; r < rows; r++) {
        code
          .get(l.innerA)
          .load(8 * (a + r * sa))
          .simd(SIMD.splat)
          .set(l.splat[r]);
      }
      for (let v = 0; v < vectors; v++) {
        for (let r = 0; r < rows; r++) {
          // acc = acc + splat(a(r, kk)) · M[kk][c0 + 2v .. +1]
          const acc = l.acc[r * vectors + v];
          code
            .get(acc)
            .get(l.splat[r])
            .get(l.innerM)
            .vload(8 * (right + c0 + 2 * v));
          code.simd(SIMD.mul).simd(SIMD.add).set(acc);
        }
      }
      loopStep(code, l.innerA, 8 * sk, l.innerM, 8 * n, 8 * n * k);
    }
    for (let r = 0; r < rows; r++) {
      for (let v = 0; v < vectors; v++) {
        const at = 8 * (out + r * n + c0 + 2 * v);
        code.get(l.rowOut);
        if (accumulate) code.get(l.rowOut).vload(at);
        code.get(l.acc[r * vectors + v]);
        if (accumulate) code.simd(SIMD.add);
        code.vstore(at);
      }
    }
    if (tail) {
      // the odd last column, one row at a time, in scalar code
      const c = c0 + cols - 1;
      for (let r = 0; r < rows; r++) {
        code.f64(0).set(l.sum);
        for (let kk = 0; kk < k; kk++) {
          code
            .get(l.sum)
            .get(l.rowA)
            .load(8 * (a + r * sa + kk * sk))
            .i32(0)
            .load(8 * (right + kk * n + c));
          code.op(OP.f64Mul, OP.f64Add).set(l.sum);
        }
        const at = 8 * (out + r * n + c);
        code.get(l.rowOut);
        if (accumulate) code.get(l.rowOut).load(at);
        code.get(l.sum);
        if (accumulate) code.op(OP.f64Add);
        code.store(at);
      }
    }
    loopStep(code, l.rowA, 8 * sa * rows, l.rowOut, 8 * n * rows, 8 * n * m);
  }
}

/** The end of a loop over two byte offsets: a += aStep, b += bStep, again while b < bEnd. */
export function loopStep(code: Code, a: number, aStep: number, b: number, bStep: number, bEnd: number): void {
  code.get(a).i32(aStep).op(OP.i32Add).set(a);
  code.get(b).i32(bStep).op(OP.i32Add).set(b);
  code.get(b).i32(bEnd).op(OP.i32LtU).op(OP.brIf, 0);
  code.op(OP.end);
}

/**
 * The step (step-program.ts) as register-blocked JavaScript loops, for
 * shapes past the WebAssembly kernel's size limit (kernel.ts). Each
 * product computes a 2 × 4 tile (or 2 × 2 for the row-times-row products)
 * of its output in local accumulators while it walks the inner index once,
 * so each loaded operand feeds several multiply-adds and the eight
 * accumulation chains run in parallel. The reference walks one output entry
 * (or row) at a time.
 *
 * Each output entry is still accumulated over the inner index in ascending
 * order starting from 0, as in the reference loops (matmul.ts), so the result
 * is bit-for-bit the reference's.
 */
import type { Problem } from '../linear-net.js';
import type { GradientKernel } from './kernel.js';
import type { BufferName, Matrix, StepProgram } from './step-program.js';
import { stepProgram } from './step-program.js';

/**
 * out[m×n] = A · B (or out += A · B when `accumulate`) with B stored k×n
 * row-major and A(i, p) at aOff + i·sa + p·sk: sa = k, sk = 1 for A stored
 * m×k (A · B); sa = 1, sk = m for A stored k×m (Aᵀ · B). Each entry's sum
 * starts from 0 and is added to `out` once, so without `accumulate` it is
 * the reference's to the bit. The Hessian-vector product (hvp.ts) uses
 * these too, with `accumulate` for its sums of two products.
 */
export function blockedProduct(
  A: Float64Array,
  aOff: number,
  sa: number,
  sk: number,
  B: Float64Array,
  bOff: number,
  out: Float64Array,
  oOff: number,
  m: number,
  k: number,
  n: number,
  accumulate = false,
): void {
  const n4 = n - (n % 4);
  let i = 0;
  for (; i + 1 < m; i += 2) {
    const a0 = aOff + i * sa;
    const a1 = a0 + sa;
    const o0 = oOff + i * n;
    const o1 = o0 + n;
    let j = 0;
    for (; j < n4; j += 4) {
      let s00 = 0;
      let s01 = 0;
      let s02 = 0;
      let s03 = 0;
      let s10 = 0;
      let s11 = 0;
      let s12 = 0;
      let s13 = 0;
      for (let p = 0, ap = 0; p < k; p++, ap += sk) {
        const x0 = A[a0 + ap];
        const x1 = A[a1 + ap];
        const bp = bOff + p * n + j;
        const y0 = B[bp];
        const y1 = B[bp + 1];
        const y2 = B[bp + 2];
        const y3 = B[bp + 3];
        s00 += x0 * y0;
        s01 += x0 * y1;
        s02 += x0 * y2;
        s03 += x0 * y3;
        s10 += x1 * y0;
        s11 += x1 * y1;
        s12 += x1 * y2;
        s13 += x1 * y3;
      }
      out[o0 + j] = accumulate ? out[o0 + j] + s00 : s00;
      out[o0 + j + 1] = accumulate ? out[o0 + j + 1] + s01 : s01;
      out[o0 + j + 2] = accumulate ? out[o0 + j + 2] + s02 : s02;
      out[o0 + j + 3] = accumulate ? out[o0 + j + 3] + s03 : s03;
      out[o1 + j] = accumulate ? out[o1 + j] + s10 : s10;
      out[o1 + j + 1] = accumulate ? out[o1 + j + 1] + s11 : s11;
      out[o1 + j + 2] = accumulate ? out[o1 + j + 2] + s12 : s12;
      out[o1 + j + 3] = accumulate ? out[o1 + j + 3] + s13 : s13;
    }
    for (; j < n; j++) {
      let s0 = 0;
      let s1 = 0;
      for (let p = 0, ap = 0; p < k; p++, ap += sk) {
        const y = B[bOff + p * n + j];
        s0 += A[a0 + ap] * y;
        s1 += A[a1 + ap] * y;
      }
      out[o0 + j] = accumulate ? out[o0 + j] + s0 : s0;
      out[o1 + j] = accumulate ? out[o1 + j] + s1 : s1;
    }
  }
  for (; i < m; i++) {
    const a0 = aOff + i * sa;
    const o0 = oOff + i * n;
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0, ap = 0; p < k; p++, ap += sk) s += A[a0 + ap] * B[bOff + p * n + j];
      out[o0 + j] = accumulate ? out[o0 + j] + s : s;
    }
  }
}

/** out[m×n] = A · Bᵀ (or out += A · Bᵀ when `accumulate`) with A stored m×k, B stored n×k. */
export function blockedMatmulTransB(
  A: Float64Array,
  aOff: number,
  B: Float64Array,
  bOff: number,
  out: Float64Array,
  oOff: number,
  m: number,
  k: number,
  n: number,
  accumulate = false,
): void {
  let i = 0;
  for (; i + 1 < m; i += 2) {
    const a0 = aOff + i * k;
    const a1 = a0 + k;
    const o0 = oOff + i * n;
    const o1 = o0 + n;
    let j = 0;
    for (; j + 1 < n; j += 2) {
      const b0 = bOff + j * k;
      const b1 = b0 + k;
      let s00 = 0;
      let s01 = 0;
      let s10 = 0;
      let s11 = 0;
      for (let p = 0; p < k; p++) {
        const x0 = A[a0 + p];
        const x1 = A[a1 + p];
        const y0 = B[b0 + p];
        const y1 = B[b1 + p];
        s00 += x0 * y0;
        s01 += x0 * y1;
        s10 += x1 * y0;
        s11 += x1 * y1;
      }
      out[o0 + j] = accumulate ? out[o0 + j] + s00 : s00;
      out[o0 + j + 1] = accumulate ? out[o0 + j + 1] + s01 : s01;
      out[o1 + j] = accumulate ? out[o1 + j] + s10 : s10;
      out[o1 + j + 1] = accumulate ? out[o1 + j + 1] + s11 : s11;
    }
    for (; j < n; j++) {
      const b0 = bOff + j * k;
      let s0 = 0;
      let s1 = 0;
      for (let p = 0; p < k; p++) {
        const y = B[b0 + p];
        s0 += A[a0 + p] * y;
        s1 += A[a1 + p] * y;
      }
      out[o0 + j] = accumulate ? out[o0 + j] + s0 : s0;
      out[o1 + j] = accumulate ? out[o1 + j] + s1 : s1;
    }
  }
  for (; i < m; i++) {
    const a0 = aOff + i * k;
    const o0 = oOff + i * n;
    for (let j = 0; j < n; j++) {
      const b0 = bOff + j * k;
      let s = 0;
      for (let p = 0; p < k; p++) s += A[a0 + p] * B[b0 + p];
      out[o0 + j] = accumulate ? out[o0 + j] + s : s;
    }
  }
}

export class BlockedKernel implements GradientKernel {
  readonly kind = 'blocked' as const;
  private readonly program: StepProgram;
  private readonly buffers: Map<BufferName, Float64Array>;
  private readonly c0: number;

  constructor(problem: Problem) {
    this.program = stepProgram(problem.layout);
    this.buffers = new Map<BufferName, Float64Array>([
      ['sigma', problem.stats.sigma],
      ['cross', problem.stats.cross],
    ]);
    for (const { name, size } of this.program.scratch) this.buffers.set(name, new Float64Array(size));
    this.c0 = problem.stats.c0;
  }

  evaluate(theta: Float64Array, grad: Float64Array): number {
    const { buffers } = this;
    buffers.set('theta', theta);
    buffers.set('grad', grad);
    const at = (m: Matrix) => buffers.get(m.buffer) as Float64Array;
    let pq = 0;
    let pc = 0;
    for (const ins of this.program.instructions) {
      if (ins.op === 'loss') {
        const endToEnd = at(ins.endToEnd);
        const q = at(ins.q);
        const cross = at(ins.cross);
        const residual = at(ins.residual);
        const { offset } = ins.endToEnd;
        for (let j = 0; j < ins.endToEnd.rows * ins.endToEnd.cols; j++) {
          const pj = endToEnd[offset + j];
          pq += pj * q[ins.q.offset + j];
          pc += pj * cross[ins.cross.offset + j];
          residual[ins.residual.offset + j] = q[ins.q.offset + j] - cross[ins.cross.offset + j];
        }
        continue;
      }
      const { out, a, b } = ins;
      if (b.colStride === 1) {
        blockedProduct(
          at(a),
          a.offset,
          a.rowStride,
          a.colStride,
          at(b),
          b.offset,
          at(out),
          out.offset,
          out.rows,
          a.cols,
          out.cols,
        );
      } else {
        // b is the transpose of a row-major matrix
        blockedMatmulTransB(at(a), a.offset, at(b), b.offset, at(out), out.offset, out.rows, a.cols, out.cols);
      }
    }
    return 0.5 * pq - pc + this.c0;
  }
}

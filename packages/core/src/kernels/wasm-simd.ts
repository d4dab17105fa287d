/**
 * The step (step-program.ts) as a WebAssembly SIMD kernel, assembled per
 * shape at run time (no toolchain, no build step): the module's bytes are
 * written here directly, with every dimension and buffer address baked into
 * the code.
 *
 * Every product of the step has the form out[r][c] = Σ_k a(r, k)·M[k][c]
 * with the rows of M contiguous — the gradients D_i·B_iᵀ once B_i is
 * transposed (a cheap copy) — and is emitted by wasm-product.ts: a block of
 * an output row in f64x2 accumulators, a loop over k with a splat of
 * a(r, k), a loop over the rows.
 *
 * Each SIMD lane is one output entry, accumulated as ((0 + a₀b₀) + a₁b₁) + …
 * over ascending k — the reference's order — with a separate multiply and
 * add (WebAssembly SIMD128 has no fused multiply-add; the relaxed-SIMD one
 * is not used), and the traces tr(P Qᵀ), tr(P Cᵀ) are summed in scalar code
 * in the reference's order. IEEE-754 arithmetic in WebAssembly is exact and
 * platform-independent (only NaN payloads may differ), so the result is
 * bit-for-bit the reference's (kernel.ts) on every machine.
 */
import type { ClassifyOptions, RuleArithmetic } from '../classify.js';
import { paramInside } from '../classify.js';
import type { Problem } from '../linear-net.js';
import type { GradientKernel } from './kernel.js';
import type { BufferName, Instruction, Matrix } from './step-program.js';
import { stepProgram } from './step-program.js';
import type { WasmFunction } from './wasm-assembler.js';
import { assembleModule, Code, F64, I32, Locals, OP, SIMD, section, V128, wasmApi } from './wasm-assembler.js';
import type { ProductLocals } from './wasm-product.js';
import { emitProduct, productCodeSize, productLocals } from './wasm-product.js';

/** The locals of `evaluate`: the products' and the two traces. */
interface EvaluateLocals extends ProductLocals {
  /** tr(P Qᵀ) and tr(P Cᵀ). */
  readonly pq: number;
  readonly pc: number;
}

function evaluateLocals(locals: Locals): EvaluateLocals {
  return { ...productLocals(locals), pq: locals.add('pq', F64), pc: locals.add('pc', F64) };
}

/** Where the buffers live in the module's memory (f64 offsets) and its size. */
export interface WasmLayout {
  readonly theta: number;
  readonly grad: number;
  readonly sigma: number;
  readonly cross: number;
  /** With a StepSpec: the classifier's ring of states (span × p) and the step's outputs (see `stepFunction`). */
  readonly ring: number;
  readonly out: number;
  readonly words: number;
}

/** What the fused GD step needs from the classifier (FastClassifier): the ring's length and the rules' options. */
export interface StepSpec {
  readonly span: number;
  readonly classify: ClassifyOptions;
}

/** A scalar value as the code that pushes it onto the stack. */
type Push = () => void;

/** The classification rules (classify.ts) on scalar f64 values, as code: a value is emitted where it is used. */
function scalarArithmetic(code: Code): RuleArithmetic<Push, Push> {
  const binary =
    (...ops: number[]) =>
    (a: Push, b: Push): Push =>
    () => {
      a();
      b();
      code.op(...ops);
    };
  return {
    constant: (x) => () => code.f64(x),
    add: binary(OP.f64Add),
    mul: binary(OP.f64Mul),
    abs: (a) => () => {
      a();
      code.op(OP.f64Abs);
    },
    le: binary(OP.f64Le),
    lt: binary(OP.f64Lt),
    gt: binary(OP.f64Gt),
    ge: binary(OP.f64Ge),
    eq: binary(OP.f64Eq),
    and: binary(OP.i32And),
    andNot: binary(OP.i32Eqz, OP.i32And),
    select: (mask, a, b) => () => {
      a();
      b();
      mask();
      code.op(OP.select);
    },
  };
}

/**
 * `step(slot, η) → L(θ_{t+1})`: the pass over θ_t of
 * FastClassifier.observeAndStep, in the same operations and order (so every
 * number is the same):
 *
 *   out[0] = Σ g_i² (‖∇L_t‖²)    out[1] = Σ θ_i² (‖θ_t‖²)
 *   out[2] = 1 if every θ_i passes rule 1's parameter test (classify.ts), else 0
 *   ring[slot] = θ_t,  θ ← θ_t − η∇L_t
 *
 * (the two sums are independent chains the CPU overlaps), then L(θ_{t+1})
 * and ∇L(θ_{t+1}) (function 0). The distances of the period test stay in
 * JavaScript, which stops each sum as soon as it exceeds the tolerance: on
 * workload B, summing them all here made the pass 3× slower.
 */
function stepFunction(
  p: number,
  spec: StepSpec,
  at: { theta: number; grad: number; ring: number; out: number },
): WasmFunction {
  const code = new Code();
  const locals = new Locals([
    ['slot', I32],
    ['eta', F64],
  ]);
  const [slot, eta] = [0, 1];
  /** Byte address of ring slot `slot`, and of parameter i (in bytes) of θ, ∇L and that slot. */
  const here = locals.add('here', I32);
  const i = locals.add('i', I32);
  const inside = locals.add('inside', I32);
  const theta = locals.add('theta', F64);
  const grad = locals.add('grad', F64);
  const gradSquares = locals.add('gradSquares', F64);
  const thetaSquares = locals.add('thetaSquares', F64);
  const rowBytes = 8 * p;
  code
    .get(slot)
    .i32(rowBytes)
    .op(OP.i32Mul)
    .i32(8 * at.ring)
    .op(OP.i32Add)
    .set(here);
  code.f64(0).set(gradSquares).f64(0).set(thetaSquares);
  code.i32(1).set(inside).i32(0).set(i);
  code.op(OP.loop, 0x40);
  code
    .get(i)
    .load(8 * at.theta)
    .set(theta);
  code
    .get(i)
    .load(8 * at.grad)
    .set(grad);
  code.get(gradSquares).get(grad).get(grad).op(OP.f64Mul, OP.f64Add).set(gradSquares);
  code.get(thetaSquares).get(theta).get(theta).op(OP.f64Mul, OP.f64Add).set(thetaSquares);
  code.get(here).get(i).op(OP.i32Add).get(theta).store(0);
  code
    .get(i)
    .get(theta)
    .get(eta)
    .get(grad)
    .op(OP.f64Mul, OP.f64Sub)
    .store(8 * at.theta);
  const passes = paramInside(scalarArithmetic(code), spec.classify, () => code.get(theta));
  code.get(inside);
  passes();
  code.op(OP.i32And).set(inside);
  code.get(i).i32(8).op(OP.i32Add).tee(i);
  code.i32(rowBytes).op(OP.i32LtU).op(OP.brIf, 0);
  code.op(OP.end);
  code
    .i32(0)
    .get(gradSquares)
    .store(8 * at.out);
  code
    .i32(0)
    .get(thetaSquares)
    .store(8 * (at.out + 1));
  code
    .i32(0)
    .get(inside)
    .op(OP.f64ConvertI32U)
    .store(8 * (at.out + 2));
  code.op(OP.call, 0);
  code.op(OP.end);
  return { name: 'step', locals, results: [F64], code };
}

/**
 * Estimated bytes of the module's code for these widths, without building it:
 * its products' (productCodeSize), and ≈17 per entry of the
 * transposes, traces and G = Q − C (unrolled). Within ~15% of the real size
 * for the test shapes (C: 23 KB).
 */
export function wasmCodeSize(dims: readonly number[]): number {
  const n = dims.length - 1;
  const d0 = dims[0];
  let bytes = productCodeSize(d0, d0); // Q = P Σ
  for (let i = 2; i <= n; i++) {
    bytes += productCodeSize(dims[i - 1], d0) + productCodeSize(d0, dims[i - 1]) + productCodeSize(dims[i], d0);
  }
  let entries = 3 * dims[n] * d0;
  for (let i = 1; i < n; i++) entries += dims[i] * d0;
  return bytes + 17 * entries;
}

/** The module's bytes and where θ and ∇L live in its memory. */
export function wasmModule(problem: Problem, step?: StepSpec): { bytes: Uint8Array; layout: WasmLayout } {
  const { dims, depth, paramCount: p } = problem.layout;
  const d0 = dims[0];
  const program = stepProgram(problem.layout);
  // memory layout (f64 words), every buffer 16-byte aligned
  let top = 0;
  const alloc = (n: number) => {
    const at = top;
    top += n + (n % 2);
    return at;
  };
  const base = new Map<BufferName, number>([
    ['theta', alloc(p)],
    ['grad', alloc(p)],
    ['sigma', alloc(d0 * d0)],
    ['cross', alloc(dims[depth] * d0)],
  ]);
  for (const { name, size } of program.scratch) base.set(name, alloc(size));
  const address = (m: Matrix) => (base.get(m.buffer) as number) + m.offset;
  // a product reads its right factor row by row: a transposed one is first copied row-major
  const copies = new Map<Instruction, number>();
  for (const ins of program.instructions) {
    if (ins.op === 'product' && ins.b.colStride !== 1) copies.set(ins, alloc(ins.b.rows * ins.b.cols));
  }
  const ring = step ? alloc(step.span * p) : -1;
  const outBlock = step ? alloc(3) : -1;

  const code = new Code();
  const locals = new Locals();
  const l = evaluateLocals(locals);
  for (const ins of program.instructions) {
    if (ins.op === 'product') {
      const { out, a, b } = ins;
      let right = address(b);
      const copy = copies.get(ins);
      if (copy !== undefined) {
        copyRowMajor(code, b, right, copy);
        right = copy;
      }
      emitProduct(code, l, {
        m: out.rows,
        k: a.cols,
        n: out.cols,
        a: address(a),
        sa: a.rowStride,
        sk: a.colStride,
        right,
        out: address(out),
      });
    } else {
      emitTracesAndResidual(
        code,
        l,
        ins.endToEnd.rows * ins.endToEnd.cols,
        address(ins.endToEnd),
        address(ins.q),
        address(ins.cross),
        address(ins.residual),
      );
    }
  }
  // loss = 0.5·pq − pc + c₀
  code.f64(0.5).get(l.pq).op(OP.f64Mul).get(l.pc).op(OP.f64Sub).f64(problem.stats.c0).op(OP.f64Add);
  code.op(OP.end);

  const theta = base.get('theta') as number;
  const grad = base.get('grad') as number;
  const functions: WasmFunction[] = [{ name: 'evaluate', locals, results: [F64], code }];
  if (step) functions.push(stepFunction(p, step, { theta, grad, ring, out: outBlock }));

  // Σ and C are written into memory by the caller (see WasmKernel)
  return {
    bytes: assembleModule(functions, top),
    layout: {
      theta,
      grad,
      sigma: base.get('sigma') as number,
      cross: base.get('cross') as number,
      ring,
      out: outBlock,
      words: top,
    },
  };
}

/** dst[r·cols + c] = the view's entry (r, c), its buffer's first entry at word `src` (f64 units). */
function copyRowMajor(code: Code, view: Matrix, src: number, dst: number): void {
  for (let r = 0; r < view.rows; r++) {
    for (let c = 0; c < view.cols; c++)
      code
        .i32(0)
        .i32(0)
        .load(8 * (src + r * view.rowStride + c * view.colStride))
        .store(8 * (dst + r * view.cols + c));
  }
}

/** The `loss` instruction over n entries: pq and pc in scalar code in the reference's order, residual = q − c two entries at a time. */
function emitTracesAndResidual(
  code: Code,
  l: EvaluateLocals,
  n: number,
  endToEnd: number,
  q: number,
  cross: number,
  residual: number,
): void {
  code.f64(0).set(l.pq).f64(0).set(l.pc);
  for (let j = 0; j < n; j++) {
    code
      .get(l.pq)
      .i32(0)
      .load(8 * (endToEnd + j))
      .i32(0)
      .load(8 * (q + j))
      .op(OP.f64Mul, OP.f64Add)
      .set(l.pq);
    code
      .get(l.pc)
      .i32(0)
      .load(8 * (endToEnd + j))
      .i32(0)
      .load(8 * (cross + j))
      .op(OP.f64Mul, OP.f64Add)
      .set(l.pc);
  }
  for (let j = 0; j + 1 < n; j += 2) {
    code
      .i32(0)
      .i32(0)
      .vload(8 * (q + j))
      .i32(0)
      .vload(8 * (cross + j))
      .simd(SIMD.sub)
      .vstore(8 * (residual + j));
  }
  if (n % 2 === 1) {
    const j = n - 1;
    code
      .i32(0)
      .i32(0)
      .load(8 * (q + j))
      .i32(0)
      .load(8 * (cross + j))
      .op(OP.f64Sub)
      .store(8 * (residual + j));
  }
}

export class WasmKernel implements GradientKernel {
  readonly kind = 'wasm' as const;
  /** θ and ∇L inside the module's memory: a caller that uses these as its buffers copies nothing. */
  readonly theta: Float64Array;
  readonly grad: Float64Array;
  /** With a StepSpec: the classifier's ring (span × p) and the step's outputs (see `stepFunction`), in the module's memory. */
  readonly ring: Float64Array | null;
  readonly stepOut: Float64Array | null;
  /** With a StepSpec: `step(slot, η)`, see `stepFunction`. */
  readonly step: ((slot: number, eta: number) => number) | null;
  private readonly run: () => number;

  constructor(problem: Problem, step?: StepSpec) {
    const { bytes, layout } = wasmModule(problem, step);
    if (!wasmApi) throw new Error('this JavaScript engine has no WebAssembly');
    const instance = new wasmApi.Instance(new wasmApi.Module(bytes));
    const memory = instance.exports.memory as { buffer: ArrayBuffer };
    const words = new Float64Array(memory.buffer);
    words.set(problem.stats.sigma, layout.sigma);
    words.set(problem.stats.cross, layout.cross);
    const p = problem.layout.paramCount;
    this.theta = words.subarray(layout.theta, layout.theta + p);
    this.grad = words.subarray(layout.grad, layout.grad + p);
    this.run = instance.exports.evaluate as () => number;
    if (step) {
      this.ring = words.subarray(layout.ring, layout.ring + step.span * p);
      this.stepOut = words.subarray(layout.out, layout.out + 3);
      this.step = instance.exports.step as (slot: number, eta: number) => number;
    } else {
      this.ring = null;
      this.stepOut = null;
      this.step = null;
    }
  }

  evaluate(theta: Float64Array, grad: Float64Array): number {
    if (theta !== this.theta) this.theta.set(theta);
    const loss = this.run();
    if (grad !== this.grad) grad.set(this.grad);
    return loss;
  }
}

/** Can this Node compile WebAssembly SIMD? (V8 needs SSE4.1 for it.) */
export function wasmSimdAvailable(): boolean {
  try {
    const probe = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
    // type () → v128; body: v128.const 0
    section(1, [1, 0x60, 0, 1, V128], probe);
    section(3, [1, 0], probe);
    const body = [0, OP.simd, SIMD.const, ...new Array<number>(16).fill(0), OP.end];
    section(10, [1, body.length, ...body], probe);
    return wasmApi?.validate(Uint8Array.from(probe)) === true;
  } catch {
    return false;
  }
}

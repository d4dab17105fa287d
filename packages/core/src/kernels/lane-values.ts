/**
 * The value builder the lane kernel (lane-kernel.ts) is written with: SSA
 * f64x2 code in which every value is a fresh, named v128 local, except
 * constants, which are emitted inline at each use — a constant kept in a
 * local holds a register across the loop, and V8 has 16.
 *
 * A value is a number: a local's index (≥ 0), or a constant (< 0).
 */
import type { RuleArithmetic } from '../classify.js';
import type { Problem } from '../linear-net.js';
import type { StepArithmetic } from './step-program.js';
import { evaluateEntrywise, stepProgram } from './step-program.js';
import type { Code, Locals } from './wasm-assembler.js';
import { SIMD, V128 } from './wasm-assembler.js';

export class LaneValues {
  private readonly constants: number[][] = [];
  private temporaries = 0;
  constructor(
    readonly code: Code,
    private readonly locals: Locals,
  ) {}
  /** A new v128 local, named `name` or `t<n>`. */
  local(name?: string): number {
    return this.locals.add(name ?? `t${this.temporaries++}`, V128);
  }
  /** Pops the stack into a fresh local. */
  private take(name?: string): number {
    const l = this.local(name);
    this.code.set(l);
    return l;
  }
  /** Pushes a value (local or constant). */
  push(x: number): this {
    if (x >= 0) this.code.get(x);
    else this.code.simd(SIMD.const).op(...this.constants[-1 - x]);
    return this;
  }
  /** The constant (x, x). */
  splat(x: number): number {
    this.constants.push([...new Uint8Array(new Float64Array([x, x]).buffer)]);
    return -this.constants.length;
  }
  /** v128.load at (address local or 0) + byte offset. */
  load(base: number | null, offset: number, name?: string): number {
    if (base === null) this.code.i32(0);
    else this.code.get(base);
    this.code.vload(offset);
    return this.take(name);
  }
  store(base: number | null, offset: number, v: number): void {
    if (base === null) this.code.i32(0);
    else this.code.get(base);
    this.push(v).code.vstore(offset);
  }
  /** v128.bitselect: the bits of `a` where `mask` is set, else of `b` (a plain `and` when b is +0). */
  select(a: number, b: number, mask: number): number {
    if (b < 0 && this.constants[-1 - b].every((byte) => byte === 0)) return this.bin(SIMD.and, a, mask);
    this.push(a).push(b).push(mask).code.simd(SIMD.bitselect);
    return this.take();
  }
  bin(op: number, a: number, b: number, name?: string): number {
    this.push(a).push(b).code.simd(op);
    return this.take(name);
  }
  un(op: number, a: number, name?: string): number {
    this.push(a).code.simd(op);
    return this.take(name);
  }
  /** Writes `value` into an existing local (loop-carried state). */
  assign(local: number, value: number): void {
    this.push(value).code.set(local);
  }
}

/** The classification rules (classify.ts) on lane vectors and lane masks: evaluating them emits their code. */
export function laneArithmetic(v: LaneValues): RuleArithmetic<number, number> {
  return {
    constant: (x) => v.splat(x),
    add: (a, b) => v.bin(SIMD.add, a, b),
    mul: (a, b) => v.bin(SIMD.mul, a, b),
    abs: (a) => v.un(SIMD.abs, a),
    le: (a, b) => v.bin(SIMD.le, a, b),
    lt: (a, b) => v.bin(SIMD.lt, a, b),
    gt: (a, b) => v.bin(SIMD.gt, a, b),
    ge: (a, b) => v.bin(SIMD.ge, a, b),
    eq: (a, b) => v.bin(SIMD.eq, a, b),
    and: (a, b) => v.bin(SIMD.and, a, b),
    andNot: (a, b) => v.bin(SIMD.andNot, a, b),
    select: (mask, a, b) => v.select(a, b, mask),
  };
}

/** The GD step (step-program.ts) on lane vectors: evaluating it emits its code. */
function laneStepArithmetic(v: LaneValues): StepArithmetic<number> {
  return {
    constant: (x) => v.splat(x),
    add: (a, b, name) => v.bin(SIMD.add, a, b, name),
    sub: (a, b, name) => v.bin(SIMD.sub, a, b, name),
    mul: (a, b) => v.bin(SIMD.mul, a, b),
  };
}

/** L and ∇L of one lane vector from θ, unrolled, every value a local named after its buffer entry. */
export function emitGradient(
  v: LaneValues,
  problem: Problem,
  theta: readonly number[],
): { loss: number; grad: number[] } {
  return evaluateEntrywise(laneStepArithmetic(v), stepProgram(problem.layout), problem.stats, theta);
}

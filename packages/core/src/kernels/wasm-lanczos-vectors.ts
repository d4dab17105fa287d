/**
 * The vector work of a Lanczos iteration (the reference is
 * ScalarLanczosVectors, lanczos-vectors.ts) as WebAssembly SIMD, assembled
 * per size at run time: every vector — the basis, w, the start vector, the
 * Ritz vector — lives in the module's memory, and JavaScript sees them as
 * Float64Array views on it, so the Hessian-vector product reads and writes
 * them in place.
 *
 * Each operation does the reference's floating-point operations in its
 * order, so the results are the same bits:
 * - the dot product keeps the reference's four partial sums in two f64x2
 *   accumulators (lanes s0, s1 and s2, s3), adds the odd tail into s0 in
 *   scalar code and returns s0 + s1 + (s2 + s3);
 * - an update such as w − (a·v + b·p) evaluates that expression, two
 *   entries at a time and the odd last one in scalar code, with a separate
 *   multiply and add (WebAssembly SIMD128 has no fused multiply-add; the
 *   relaxed-SIMD one is not used).
 * IEEE-754 arithmetic in WebAssembly is exact and platform-independent (only
 * NaN payloads may differ).
 */
import type { LanczosVectors } from '../lanczos-vectors.js';
import type { WasmFunction } from './wasm-assembler.js';
import { assembleModule, Code, F64, I32, instantiate, Locals, OP, SIMD, V128 } from './wasm-assembler.js';

/** f64x2.extract_lane (a lane index follows). */
const EXTRACT_LANE = 0x21;
const F64_DIV = 0xa3;
const F64X2_DIV = 0xf3;

/** An entrywise expression: the entry of a vector (named by the parameter holding its byte address), a scalar parameter, 0, or an operation. */
type Term =
  | { readonly kind: 'vector'; readonly name: string }
  | { readonly kind: 'scalar'; readonly name: string }
  | { readonly kind: 'zero' }
  | { readonly kind: 'add' | 'sub' | 'mul' | 'div'; readonly left: Term; readonly right: Term };

const vector = (name: string): Term => ({ kind: 'vector', name });
const scalar = (name: string): Term => ({ kind: 'scalar', name });
const ZERO: Term = { kind: 'zero' };
const add = (left: Term, right: Term): Term => ({ kind: 'add', left, right });
const sub = (left: Term, right: Term): Term => ({ kind: 'sub', left, right });
const mul = (left: Term, right: Term): Term => ({ kind: 'mul', left, right });
const div = (left: Term, right: Term): Term => ({ kind: 'div', left, right });

const SCALAR_OP = { add: OP.f64Add, sub: OP.f64Sub, mul: OP.f64Mul, div: F64_DIV } as const;
const VECTOR_OP = { add: SIMD.add, sub: SIMD.sub, mul: SIMD.mul, div: F64X2_DIV } as const;

function names(term: Term, kind: 'vector' | 'scalar', out: string[] = []): string[] {
  if (term.kind === kind && !out.includes(term.name)) out.push(term.name);
  if (term.kind === 'add' || term.kind === 'sub' || term.kind === 'mul' || term.kind === 'div') {
    names(term.left, kind, out);
    names(term.right, kind, out);
  }
  return out;
}

/**
 * `name(vectors…, scalars…)`: target[i] = value(i) for i < n — the vector
 * parameters (byte addresses, the target first) in order of appearance,
 * then the scalars.
 */
function entrywise(name: string, n: number, target: string, value: Term): WasmFunction {
  const vectors = names(value, 'vector', [target]);
  const scalars = names(value, 'scalar');
  const locals = new Locals([...vectors.map((v) => [v, I32] as const), ...scalars.map((s) => [s, F64] as const)]);
  const address = new Map(vectors.map((v, k) => [v, k]));
  const value64 = new Map(scalars.map((s, k) => [s, vectors.length + k]));
  const splat = new Map(scalars.map((s) => [s, locals.add(`${s}Pair`, V128)]));
  const i = locals.add('i', I32);
  const code = new Code();
  for (const s of scalars)
    code
      .get(value64.get(s) as number)
      .simd(SIMD.splat)
      .set(splat.get(s) as number);
  const emit = (term: Term, pair: boolean): void => {
    switch (term.kind) {
      case 'vector':
        code
          .get(address.get(term.name) as number)
          .get(i)
          .op(OP.i32Add);
        if (pair) code.vload(0);
        else code.load(0);
        return;
      case 'scalar':
        code.get((pair ? splat : value64).get(term.name) as number);
        return;
      case 'zero':
        if (pair) code.vzero();
        else code.f64(0);
        return;
      default:
        emit(term.left, pair);
        emit(term.right, pair);
        if (pair) code.simd(VECTOR_OP[term.kind]);
        else code.op(SCALAR_OP[term.kind]);
    }
  };
  const targetAddress = address.get(target) as number;
  // two entries at a time while a pair is left (i in bytes)…
  code.op(OP.block, 0x40, OP.loop, 0x40);
  code
    .get(i)
    .i32(8 * (n - (n % 2)))
    .op(OP.i32GeU, OP.brIf, 1);
  code.get(targetAddress).get(i).op(OP.i32Add);
  emit(value, true);
  code.vstore(0);
  code.get(i).i32(16).op(OP.i32Add).set(i).op(OP.br, 0);
  code.op(OP.end, OP.end);
  // …then the odd last entry
  if (n % 2 === 1) {
    code.get(targetAddress).get(i).op(OP.i32Add);
    emit(value, false);
    code.store(0);
  }
  code.op(OP.end);
  return { name, locals, results: [], code };
}

/** `dot(a, b)`: ScalarLanczosVectors.dot's partial sums, s0 and s1 in the lanes of one accumulator, s2 and s3 in another's. */
function dotFunction(n: number): WasmFunction {
  const locals = new Locals([
    ['a', I32],
    ['b', I32],
  ]);
  const [a, b] = [0, 1];
  const low = locals.add('s0s1', V128);
  const high = locals.add('s2s3', V128);
  const s0 = locals.add('s0', F64);
  const i = locals.add('i', I32);
  const code = new Code();
  code.vzero().set(low).vzero().set(high);
  // four entries at a time: s0, s1 += a[i], a[i+1] · b[i], b[i+1]; s2, s3 += the next two
  code.op(OP.block, 0x40, OP.loop, 0x40);
  code
    .get(i)
    .i32(8 * (n - (n % 4)))
    .op(OP.i32GeU, OP.brIf, 1);
  for (const [acc, offset] of [
    [low, 0],
    [high, 16],
  ]) {
    code.get(acc).get(a).get(i).op(OP.i32Add).vload(offset).get(b).get(i).op(OP.i32Add).vload(offset);
    code.simd(SIMD.mul).simd(SIMD.add).set(acc);
  }
  code.get(i).i32(32).op(OP.i32Add).set(i).op(OP.br, 0);
  code.op(OP.end, OP.end);
  // the tail into s0
  code.get(low).simd(EXTRACT_LANE).op(0).set(s0);
  for (let t = 0; t < n % 4; t++) {
    code
      .get(s0)
      .get(a)
      .get(i)
      .op(OP.i32Add)
      .load(8 * t)
      .get(b)
      .get(i)
      .op(OP.i32Add)
      .load(8 * t);
    code.op(OP.f64Mul, OP.f64Add).set(s0);
  }
  // s0 + s1 + (s2 + s3)
  code.get(s0).get(low).simd(EXTRACT_LANE).op(1).op(OP.f64Add);
  code.get(high).simd(EXTRACT_LANE).op(0).get(high).simd(EXTRACT_LANE).op(1).op(OP.f64Add);
  code.op(OP.f64Add, OP.end);
  return { name: 'dot', locals, results: [F64], code };
}

/** Where the vectors live: `slots` of `stride` f64 each (n rounded up to even, so every vector is 16-byte aligned). */
export interface LanczosVectorsLayout {
  readonly stride: number;
  readonly slots: number;
}

/** Slots 0, 1, 2: w, the start vector, the Ritz vector; then basis vector j at slot 3 + j. */
const FIRST_BASIS_SLOT = 3;

function vectorsLayout(n: number, capacity: number): LanczosVectorsLayout {
  return { stride: n + (n % 2), slots: FIRST_BASIS_SLOT + capacity + 1 };
}

/** Doubles the vectors of size n with basis vectors 0…capacity take (the module's memory, before rounding to pages). */
export function lanczosVectorsWords(n: number, capacity: number): number {
  const { stride, slots } = vectorsLayout(n, capacity);
  return stride * slots;
}

/** Do the vectors fit in a WebAssembly memory (32-bit addresses: 4 GiB)? */
export function lanczosVectorsFit(n: number, capacity: number): boolean {
  return 8 * lanczosVectorsWords(n, capacity) <= 2 ** 32;
}

/** The module for vectors of size n and basis vectors 0…capacity. */
export function lanczosVectorsModule(n: number, capacity: number): { bytes: Uint8Array; layout: LanczosVectorsLayout } {
  const layout = vectorsLayout(n, capacity);
  const functions = [
    dotFunction(n),
    entrywise('scale', n, 'a', mul(vector('a'), scalar('s'))),
    entrywise('recurrenceFirst', n, 'w', sub(vector('w'), add(mul(scalar('a'), vector('v')), ZERO))),
    entrywise(
      'recurrence',
      n,
      'w',
      sub(vector('w'), add(mul(scalar('a'), vector('v')), mul(scalar('b'), vector('p')))),
    ),
    entrywise(
      'subtractTwo',
      n,
      'w',
      sub(vector('w'), add(mul(scalar('hx'), vector('x')), mul(scalar('hy'), vector('y')))),
    ),
    entrywise('axpy', n, 'y', add(vector('y'), mul(scalar('s'), vector('x')))),
    entrywise('divide', n, 'out', div(vector('w'), scalar('b'))),
  ];
  return { bytes: assembleModule(functions, layout.stride * layout.slots), layout };
}

interface Exports {
  memory: { buffer: ArrayBuffer };
  dot(a: number, b: number): number;
  scale(a: number, s: number): void;
  recurrenceFirst(w: number, v: number, a: number): void;
  recurrence(w: number, v: number, p: number, a: number, b: number): void;
  subtractTwo(w: number, x: number, y: number, hx: number, hy: number): void;
  axpy(y: number, x: number, s: number): void;
  divide(out: number, w: number, b: number): void;
}

/** LanczosVectors in a WebAssembly module's memory, the arithmetic in its SIMD code. */
export class WasmLanczosVectors implements LanczosVectors {
  readonly w: Float64Array;
  readonly start: Float64Array;
  readonly result: Float64Array;
  private readonly basis: Float64Array[];
  private readonly code: Exports;
  private readonly buffer: ArrayBuffer;

  constructor(
    readonly size: number,
    capacity: number,
  ) {
    const { bytes, layout } = lanczosVectorsModule(size, capacity);
    this.code = instantiate(bytes) as unknown as Exports;
    this.buffer = this.code.memory.buffer;
    const slot = (k: number) => new Float64Array(this.buffer, 8 * k * layout.stride, size);
    this.w = slot(0);
    this.start = slot(1);
    this.result = slot(2);
    this.basis = Array.from({ length: capacity + 1 }, (_, j) => slot(FIRST_BASIS_SLOT + j));
  }

  /** The byte address of one of this object's vectors. */
  private at(a: Float64Array): number {
    if (a.buffer !== this.buffer) throw new Error('a Lanczos vector outside its module’s memory');
    return a.byteOffset;
  }

  vector(j: number): Float64Array {
    return this.basis[j];
  }

  dot(a: Float64Array, b: Float64Array): number {
    return this.code.dot(this.at(a), this.at(b));
  }

  scale(a: Float64Array, s: number): void {
    this.code.scale(this.at(a), s);
  }

  recurrence(w: Float64Array, a: number, v: Float64Array, b: number, p: Float64Array | null): void {
    if (p === null) this.code.recurrenceFirst(this.at(w), this.at(v), a);
    else this.code.recurrence(this.at(w), this.at(v), this.at(p), a, b);
  }

  subtractTwo(w: Float64Array, hx: number, x: Float64Array, hy: number, y: Float64Array): void {
    this.code.subtractTwo(this.at(w), this.at(x), this.at(y), hx, hy);
  }

  axpy(s: number, x: Float64Array, y: Float64Array): void {
    this.code.axpy(this.at(y), this.at(x), s);
  }

  divide(w: Float64Array, b: number, out: Float64Array): void {
    this.code.divide(this.at(out), this.at(w), b);
  }
}

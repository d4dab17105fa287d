/**
 * A minimal WebAssembly binary assembler: the encodings, an instruction
 * emitter and the module layout the run-time-generated kernels need
 * (wasm-simd.ts, scalar-lanes.ts). Kernels are assembled per shape with their
 * dimensions and data baked into the code, so no toolchain is needed at build
 * or run time.
 */

/**
 * The part of the WebAssembly JS API used here (the project's TypeScript
 * libs have no DOM, where its types live; every JS engine has the global).
 */
export interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: Record<string, unknown> };
  validate(bytes: Uint8Array): boolean;
}
export const wasmApi = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;

function uleb(n: number, out: number[]): void {
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
}

function sleb(n: number, out: number[]): void {
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return;
    }
    out.push(byte | 0x80);
  }
}

export function section(id: number, body: number[], out: number[]): void {
  out.push(id);
  uleb(body.length, out);
  for (const b of body) out.push(b);
}

/** An ASCII name. */
function name(s: string, out: number[]): void {
  uleb(s.length, out);
  for (let i = 0; i < s.length; i++) out.push(s.charCodeAt(i));
}

export const OP = {
  block: 0x02,
  loop: 0x03,
  brIf: 0x0d,
  end: 0x0b,
  localGet: 0x20,
  localSet: 0x21,
  i32Const: 0x41,
  f64Const: 0x44,
  i32LtU: 0x49,
  i32Add: 0x6a,
  f64Load: 0x2b,
  f64Store: 0x39,
  f64Add: 0xa0,
  f64Sub: 0xa1,
  f64Mul: 0xa2,
  f64Abs: 0x99,
  f64Eq: 0x61,
  f64Lt: 0x63,
  f64Gt: 0x64,
  f64Le: 0x65,
  f64Ge: 0x66,
  i32Mul: 0x6c,
  i32And: 0x71,
  f64ConvertI32U: 0xb8,
  localTee: 0x22,
  call: 0x10,
  br: 0x0c,
  if: 0x04,
  else: 0x05,
  i32Sub: 0x6b,
  i32LtS: 0x48,
  i32GeU: 0x4f,
  i32Eq: 0x46,
  i32Ne: 0x47,
  i32Eqz: 0x45,
  select: 0x1b,
  simd: 0xfd,
} as const;

/** SIMD opcodes (after the 0xfd prefix, LEB-encoded). */
export const SIMD = {
  load: 0x00,
  store: 0x0b,
  const: 0x0c,
  splat: 0x14,
  not: 0x4d,
  and: 0x4e,
  andNot: 0x4f,
  or: 0x50,
  bitselect: 0x52,
  anyTrue: 0x53,
  allTrueI64: 0xc3,
  eq: 0x47,
  lt: 0x49,
  gt: 0x4a,
  le: 0x4b,
  ge: 0x4c,
  abs: 0xec,
  sqrt: 0xef,
  add: 0xf0,
  sub: 0xf1,
  mul: 0xf2,
  pmin: 0xf6,
} as const;

export const I32 = 0x7f;
export const F64 = 0x7c;
export const V128 = 0x7b;

/** Instruction emitter for one function body; addresses are in bytes. */
export class Code {
  readonly bytes: number[] = [];
  op(...b: number[]): this {
    for (const x of b) this.bytes.push(x);
    return this;
  }
  get(local: number): this {
    this.bytes.push(OP.localGet);
    uleb(local, this.bytes);
    return this;
  }
  set(local: number): this {
    this.bytes.push(OP.localSet);
    uleb(local, this.bytes);
    return this;
  }
  /** local.tee: set the local and keep the value on the stack. */
  tee(local: number): this {
    this.bytes.push(OP.localTee);
    uleb(local, this.bytes);
    return this;
  }
  i32(v: number): this {
    this.bytes.push(OP.i32Const);
    sleb(v, this.bytes);
    return this;
  }
  f64(v: number): this {
    this.bytes.push(OP.f64Const);
    const b = new Uint8Array(new Float64Array([v]).buffer);
    for (const x of b) this.bytes.push(x);
    return this;
  }
  private memarg(align: number, offset: number): void {
    uleb(align, this.bytes);
    uleb(offset, this.bytes);
  }
  /** f64.load at (address on the stack) + offset */
  load(offset: number): this {
    this.bytes.push(OP.f64Load);
    this.memarg(3, offset);
    return this;
  }
  store(offset: number): this {
    this.bytes.push(OP.f64Store);
    this.memarg(3, offset);
    return this;
  }
  simd(op: number): this {
    this.bytes.push(OP.simd);
    uleb(op, this.bytes);
    return this;
  }
  vload(offset: number): this {
    this.simd(SIMD.load);
    this.memarg(3, offset);
    return this;
  }
  vstore(offset: number): this {
    this.simd(SIMD.store);
    this.memarg(3, offset);
    return this;
  }
  vzero(): this {
    this.simd(SIMD.const);
    for (let i = 0; i < 16; i++) this.bytes.push(0);
    return this;
  }
}

/**
 * The locals of one function, its parameters first, each with a name. The
 * module's name section carries the names, so a disassembler (the tests use
 * wabt) prints `local.get $slot` instead of `local.get 0`.
 */
export class Locals {
  private readonly names: string[] = [];
  private readonly types: number[] = [];
  private readonly taken = new Set<string>();
  readonly params: readonly number[];

  constructor(params: readonly (readonly [string, number])[] = []) {
    for (const [n, type] of params) this.add(n, type);
    this.params = params.map(([, type]) => type);
  }

  /** A new local; a name already taken gets a numeric suffix. */
  add(wanted: string, type: number): number {
    let unique = wanted;
    for (let i = 1; this.taken.has(unique); i++) unique = `${wanted}_${i}`;
    this.taken.add(unique);
    this.names.push(unique);
    this.types.push(type);
    return this.names.length - 1;
  }

  /** The declarations after the parameters: runs of one type as [count, type]. */
  declarations(): [number, number][] {
    const runs: [number, number][] = [];
    for (let i = this.params.length; i < this.types.length; i++) {
      const last = runs[runs.length - 1];
      if (last !== undefined && last[1] === this.types[i]) last[0]++;
      else runs.push([1, this.types[i]]);
    }
    return runs;
  }

  /** Every local's name, by index. */
  all(): readonly string[] {
    return this.names;
  }
}

/** One exported function of a module: its name, its locals (parameters first), its results, its code. */
export interface WasmFunction {
  name: string;
  locals: Locals;
  results: readonly number[];
  code: Code;
}

/** A module with one exported memory (`memory`, at least `words` f64) and these exported functions. */
export function assembleModule(functions: readonly WasmFunction[], words: number): Uint8Array {
  const out: number[] = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  const types: number[] = [];
  uleb(functions.length, types);
  for (const f of functions) {
    types.push(0x60);
    uleb(f.locals.params.length, types);
    types.push(...f.locals.params);
    uleb(f.results.length, types);
    types.push(...f.results);
  }
  section(1, types, out);
  const decls: number[] = [];
  uleb(functions.length, decls);
  for (let i = 0; i < functions.length; i++) uleb(i, decls);
  section(3, decls, out);
  const mem: number[] = [1, 0x00];
  uleb(Math.max(1, Math.ceil((words * 8) / 65536)), mem);
  section(5, mem, out);
  const exports: number[] = [];
  uleb(functions.length + 1, exports);
  functions.forEach((f, i) => {
    name(f.name, exports);
    exports.push(0x00);
    uleb(i, exports);
  });
  name('memory', exports);
  exports.push(0x02, 0);
  section(7, exports, out);
  const bodies: number[] = [];
  uleb(functions.length, bodies);
  for (const f of functions) {
    const body: number[] = [];
    const runs = f.locals.declarations();
    uleb(runs.length, body);
    for (const [count, type] of runs) {
      uleb(count, body);
      body.push(type);
    }
    for (const b of f.code.bytes) body.push(b);
    uleb(body.length, bodies);
    for (const b of body) bodies.push(b);
  }
  section(10, bodies, out);
  section(0, nameSection(functions), out);
  return Uint8Array.from(out);
}

/** The custom section "name": function names (subsection 1) and local names (subsection 2). */
function nameSection(functions: readonly WasmFunction[]): number[] {
  const body: number[] = [];
  name('name', body);
  const functionNames: number[] = [];
  uleb(functions.length, functionNames);
  functions.forEach((f, i) => {
    uleb(i, functionNames);
    name(f.name, functionNames);
  });
  const localNames: number[] = [];
  uleb(functions.length, localNames);
  functions.forEach((f, i) => {
    uleb(i, localNames);
    const names = f.locals.all();
    uleb(names.length, localNames);
    names.forEach((n, j) => {
      uleb(j, localNames);
      name(n, localNames);
    });
  });
  for (const [id, sub] of [
    [1, functionNames],
    [2, localNames],
  ] as const) {
    body.push(id);
    uleb(sub.length, body);
    for (const b of sub) body.push(b);
  }
  return body;
}

/** Compiles and instantiates a module; returns its exports. */
export function instantiate(bytes: Uint8Array): Record<string, unknown> {
  if (!wasmApi) throw new Error('this JavaScript engine has no WebAssembly');
  return new wasmApi.Instance(new wasmApi.Module(bytes)).exports;
}

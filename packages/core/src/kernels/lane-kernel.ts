/**
 * GD for small networks with several trajectories in the SIMD lanes: lane ℓ
 * of every f64x2 value is trajectory ℓ, so each lane runs exactly
 * LinearNet's operations in its order (step-program.ts, unrolled per shape)
 * and the results are bit-for-bit the single-trajectory loop's. A
 * WebAssembly module is assembled per shape and data, with `laneVectors`
 * f64x2 vectors (2 trajectories each) in flight.
 *
 * For a small network the classification costs as much as the gradient
 * (for a scalar one, several times more): `run` therefore also keeps
 * FastClassifier's state in the lanes — the gradient test's hold count, and
 * each period's hold count and window start — and takes every *quiet* step
 * itself: one where no rule fires. It applies the rules of classify.ts,
 * evaluated on lane vectors (lane-rules.ts), including the orbit test at the
 * end of a period window (lanes.ts spells out the correspondence). Most
 * steps are *plain* — no rule is even near: every period test fails, the
 * gradient is above its limit — and take a short path that only zeroes the
 * hold counts. Runs of them go faster still in *stretches* (`runFunction`),
 * which test the period rules on their last step only and are replayed one
 * step at a time when that is not enough. `run` stops before the first step
 * that is not quiet in some lane; JavaScript takes that one step with
 * FastClassifier (`prepare` does its per-parameter pass).
 *
 * The module, function by function: memory (lane-layout.ts), `evaluate`
 * (the gradient), `prepare` (the pass before an exact step), `run` (the
 * loop of quiet steps). Its text, as wabt prints it, is checked in for a
 * small shape (lane-kernel.golden.wat).
 */
import type { ClassifyOptions } from '../classify.js';
import type { Problem } from '../linear-net.js';
import type { LanesLayout } from './lane-layout.js';
import { laneAddress, lanesLayout, laneVectors, paramAddress } from './lane-layout.js';
import type { LaneState, RingAddresses } from './lane-rules.js';
import { emitInside, emitPass, emitRulesInFull, emitStateTests, emitStepTests } from './lane-rules.js';
import { emitGradient, LaneValues } from './lane-values.js';
import type { WasmFunction } from './wasm-assembler.js';
import { assembleModule, Code, I32, instantiate, Locals, OP, SIMD } from './wasm-assembler.js';

/**
 * Networks whose step needs at most this many multiply-adds run in lanes:
 * the whole step is unrolled straight-line code.
 */
export const LANES_MULADD_LIMIT = 1200;

export interface LaneKernel {
  layout: LanesLayout;
  memory: Float64Array;
  /** L and ∇L at θ, every lane. */
  evaluate(): void;
  /** Every lane: sums of θ_t, θ_t into ring slot `slot` (with its norm and limit), θ ← θ_t − η∇L_t. */
  prepare(slot: number): void;
  /**
   * Quiet steps, the first at ring slot `slot`, until one is not quiet or
   * `maxIter` are done; returns how many (every busy lane took that many:
   * the caller keeps the step counts and sets `maxIter` to respect maxSteps).
   */
  run(slot: number, maxIter: number): number;
}

/** What every function of the module is built from. */
interface ModuleParts {
  readonly problem: Problem;
  readonly options: ClassifyOptions;
  readonly layout: LanesLayout;
  readonly vectors: readonly number[];
}

/** Bytes of one ring slot (every parameter of every lane). */
function slotBytes(parts: ModuleParts): number {
  return 8 * parts.problem.layout.paramCount * parts.layout.lanes;
}

/** θ of lane vector u, loaded from memory into fresh locals. */
function loadTheta(v: LaneValues, parts: ModuleParts, u: number): number[] {
  const { layout } = parts;
  return Array.from({ length: parts.problem.layout.paramCount }, (_, i) =>
    v.load(null, paramAddress(layout, layout.theta, i, u), `theta${i}`),
  );
}

/** evaluate(): θ → L, ∇L, every lane. */
function evaluateFunction(parts: ModuleParts): WasmFunction {
  const { layout, problem } = parts;
  const code = new Code();
  const locals = new Locals();
  const v = new LaneValues(code, locals);
  for (const u of parts.vectors) {
    const { loss, grad } = emitGradient(v, problem, loadTheta(v, parts, u));
    grad.forEach((g, i) => {
      v.store(null, paramAddress(layout, layout.grad, i, u), g);
    });
    v.store(null, laneAddress(layout.loss, u), loss);
  }
  code.op(OP.end);
  return { name: 'evaluate', locals, results: [], code };
}

/** i32 locals `row` and `norm` ← the byte addresses of ring slot `slot` and of its entry in the per-slot blocks. */
function emitSlotAddresses(code: Code, parts: ModuleParts, slot: number, row: number, norm: number): void {
  code.get(slot).i32(slotBytes(parts)).op(OP.i32Mul).set(row);
  code
    .get(slot)
    .i32(8 * parts.layout.lanes)
    .op(OP.i32Mul)
    .set(norm);
}

/** prepare(slot): the pass over θ_t before a step JavaScript classifies, every lane. */
function prepareFunction(parts: ModuleParts): WasmFunction {
  const { layout, options } = parts;
  const code = new Code();
  const locals = new Locals([['slot', I32]]);
  const row = locals.add('row', I32);
  const norm = locals.add('norm', I32);
  const v = new LaneValues(code, locals);
  emitSlotAddresses(code, parts, 0, row, norm);
  for (const u of parts.vectors) {
    const theta = loadTheta(v, parts, u);
    const grad = theta.map((_, i) => v.load(null, paramAddress(layout, layout.grad, i, u), `grad${i}`));
    const pass = emitPass(v, options, theta, grad);
    const sums = (q: number) => laneAddress(layout.sums + q * layout.lanes, u);
    v.store(null, sums(0), pass.gg);
    v.store(null, sums(1), pass.sq);
    v.store(null, sums(2), v.bin(SIMD.and, emitInside(v, options, theta), v.splat(1)));
    const eta = v.load(null, laneAddress(layout.eta, u), 'eta');
    theta.forEach((x, i) => {
      v.store(row, paramAddress(layout, layout.ring, i, u), x);
      v.store(null, paramAddress(layout, layout.theta, i, u), v.bin(SIMD.sub, x, v.bin(SIMD.mul, eta, grad[i])));
    });
    v.store(norm, laneAddress(layout.ringNorm, u), pass.norm);
    v.store(norm, laneAddress(layout.ringLimitHigh, u), pass.high);
  }
  code.op(OP.end);
  return { name: 'prepare', locals, results: [], code };
}

/** The i32 locals of `run`. */
interface RunLocals extends RingAddresses {
  readonly slot: number;
  readonly maxIter: number;
  /** Quiet steps taken. */
  readonly taken: number;
  /** Byte address of ring slot `slot`, and of its entry in the per-slot blocks. */
  readonly row: number;
  readonly norm: number;
  /** Scratch: a slot index. */
  readonly back: number;
  /** 1 when a hold count in memory may be non-zero. */
  readonly dirty: number;
  /** 1 while this iteration is a stretch. */
  readonly stretching: number;
  /** Unchecked steps left in the stretch. */
  readonly unchecked: number;
  /** Steps to take one by one before the next stretch (after a replay). */
  readonly exactLeft: number;
  /** The ring slot a stretch started at. */
  readonly savedSlot: number;
}

function runLocals(locals: Locals, periods: readonly number[]): RunLocals {
  return {
    slot: 0,
    maxIter: 1,
    taken: locals.add('taken', I32),
    row: locals.add('row', I32),
    norm: locals.add('norm', I32),
    back: locals.add('back', I32),
    previousRow: locals.add('previousRow', I32),
    backRow: periods.map((k) => locals.add(`backRow${k}`, I32)),
    backNorm: periods.map((k) => locals.add(`backNorm${k}`, I32)),
    dirty: locals.add('dirty', I32),
    stretching: locals.add('stretching', I32),
    unchecked: locals.add('unchecked', I32),
    exactLeft: locals.add('exactLeft', I32),
    savedSlot: locals.add('savedSlot', I32),
  };
}

/** i32 locals `row` (and `norm`) ← the byte addresses of ring slot `slot` − k (mod span). */
function emitSlotBack(code: Code, parts: ModuleParts, l: RunLocals, k: number, row: number, norm: number | null): void {
  const { span } = parts.layout;
  code.get(l.slot).i32(k).op(OP.i32Sub).set(l.back);
  code.get(l.back).i32(span).op(OP.i32Add).get(l.back).get(l.back).i32(0).op(OP.i32LtS).op(OP.select).set(l.back);
  code.get(l.back).i32(slotBytes(parts)).op(OP.i32Mul).set(row);
  if (norm !== null)
    code
      .get(l.back)
      .i32(8 * parts.layout.lanes)
      .op(OP.i32Mul)
      .set(norm);
}

/**
 * The step itself, after its hold counts, every lane vector: θ_t into the
 * ring with its norm and limit (`passes`), L_min, θ ← θ_t − η∇L_t, then L
 * and ∇L there.
 */
function emitCommit(
  v: LaneValues,
  parts: ModuleParts,
  l: RunLocals,
  state: readonly LaneState[],
  passes: readonly ReturnType<typeof emitPass>[],
): void {
  const { layout, problem } = parts;
  state.forEach((s, u) => {
    const pass = passes[u];
    const eta = v.load(null, laneAddress(layout.eta, u), 'eta');
    s.theta.forEach((x, i) => {
      v.store(l.row, paramAddress(layout, layout.ring, i, u), x);
    });
    v.store(l.norm, laneAddress(layout.ringNorm, u), pass.norm);
    v.store(l.norm, laneAddress(layout.ringLimitHigh, u), pass.high);
    v.assign(s.lossMin, v.bin(SIMD.pmin, s.lossMin, s.loss));
    const next = s.theta.map((x, i) => v.bin(SIMD.sub, x, v.bin(SIMD.mul, eta, s.grad[i])));
    next.forEach((x, i) => {
      v.assign(s.theta[i], x);
    });
    const { loss, grad } = emitGradient(v, problem, s.theta);
    v.assign(s.loss, loss);
    grad.forEach((g, i) => {
      v.assign(s.grad[i], g);
    });
  });
}

/** slot ← slot + 1 mod span. */
function emitNextSlot(code: Code, parts: ModuleParts, l: RunLocals): void {
  code.get(l.slot).i32(1).op(OP.i32Add).set(l.slot);
  code.i32(0).get(l.slot).get(l.slot).i32(parts.layout.span).op(OP.i32Eq).op(OP.select).set(l.slot);
}

/** A lane vector's loop-carried values in the order of the `saved` block: θ, ∇L, L, L_min. */
function carriedValues(s: LaneState): number[] {
  return [...s.theta, ...s.grad, s.loss, s.lossMin];
}

/** Byte address of carried value j of lane vector u in the `saved` block. */
function savedAddress(layout: LanesLayout, j: number, u: number): number {
  return laneAddress(layout.saved + j * layout.lanes, u);
}

/**
 * The unchecked steps of a stretch (the header says why they are enough),
 * from a state whose hold counts are all 0: its state is saved to replay
 * from, then stretch − 1 steps each test only `clear` (accumulated in
 * `clear`, one mask per vector) and are taken.
 */
function emitUncheckedSteps(
  v: LaneValues,
  parts: ModuleParts,
  l: RunLocals,
  state: readonly LaneState[],
  clear: readonly number[],
): void {
  const { layout, options } = parts;
  const { code } = v;
  code.get(l.slot).set(l.savedSlot);
  state.forEach((s, u) => {
    carriedValues(s).forEach((x, j) => {
      v.store(null, savedAddress(layout, j, u), x);
    });
    v.assign(clear[u], v.bin(SIMD.eq, v.splat(0), v.splat(0)));
  });
  code.i32(layout.stretch - 1).set(l.unchecked);
  code.op(OP.loop, 0x40);
  emitSlotAddresses(code, parts, l.slot, l.row, l.norm);
  const passes = state.map((s, u) => {
    const pass = emitPass(v, options, s.theta, s.grad);
    v.assign(clear[u], v.bin(SIMD.and, clear[u], emitStateTests(v, options, layout, u, s.loss, pass).clear));
    return pass;
  });
  emitCommit(v, parts, l, state, passes);
  emitNextSlot(code, parts, l);
  code.get(l.unchecked).i32(1).op(OP.i32Sub).tee(l.unchecked).op(OP.brIf, 0);
  code.op(OP.end);
}

/**
 * run(slot, maxIter) → quiet steps taken.
 *
 * A *stretch* takes `stretch` steps and tests the period rules on the last
 * one only; its other steps are unchecked: they test only what rules 1 and 2
 * need (`clear`: ‖∇L‖² and ‖θ‖² against their limits, L against its own),
 * and store each state in the ring as every step does. A stretch starts
 * when every hold count is 0 and stands when every unchecked step was clear
 * and the last step is plain; then each of its steps is quiet, and the
 * classifier's state after it is what step-by-step classification leaves:
 * - rules 1 and 2 did not fire, and the gradient's count is 0 after every
 *   step (each step was clear);
 * - a period window that opened inside the stretch had a count below its
 *   decision count (the stretch is shorter, `stretchSteps`), so it could
 *   not be decided; the last step's test fails, so every count is 0 after
 *   it. A window's recorded start is read only when it is decided, after
 *   an opening that records it anew, so starts left by windows that opened
 *   and closed inside the stretch are never read.
 * Otherwise the stretch is replayed from its saved state one step at a time
 * (the ring keeps a stretch more than the periods reach back, so the states
 * before it are still there) for `stretch` steps.
 */
function runFunction(parts: ModuleParts): WasmFunction {
  const { layout, options } = parts;
  const p = parts.problem.layout.paramCount;
  const periods = [...options.periods];
  const code = new Code();
  const locals = new Locals([
    ['slot', I32],
    ['maxIter', I32],
  ]);
  const l = runLocals(locals, periods);
  const v = new LaneValues(code, locals);
  const carried = (address: number, name: string) => {
    const local = v.local(name);
    v.assign(local, v.load(null, address));
    return local;
  };
  // loop-carried state, per vector (the classifier's counters stay in memory: registers are few)
  const state: LaneState[] = parts.vectors.map((u) => ({
    theta: Array.from({ length: p }, (_, i) => carried(paramAddress(layout, layout.theta, i, u), `theta${i}`)),
    grad: Array.from({ length: p }, (_, i) => carried(paramAddress(layout, layout.grad, i, u), `grad${i}`)),
    loss: carried(laneAddress(layout.loss, u), 'loss'),
    lossMin: carried(laneAddress(layout.lossMin, u), 'lossMin'),
    step1: v.local('step1'),
  }));
  const clear = parts.vectors.map(() => v.local('clear'));
  code.i32(0).set(l.taken).i32(1).set(l.dirty).i32(0).set(l.exactLeft);
  code.op(OP.block, 0x40).op(OP.loop, 0x40);
  code.get(l.taken).get(l.maxIter).op(OP.i32GeU).op(OP.brIf, 1);
  if (layout.stretch > 0) {
    // a stretch when every hold count is 0, no replay is under way and the stretch fits
    code.get(l.dirty).op(OP.i32Eqz).get(l.exactLeft).op(OP.i32Eqz).op(OP.i32And);
    code.get(l.maxIter).get(l.taken).op(OP.i32Sub).i32(layout.stretch).op(OP.i32GeU).op(OP.i32And);
    code.tee(l.stretching).op(OP.if, 0x40);
    emitUncheckedSteps(v, parts, l, state, clear);
    code.op(OP.end);
  }
  emitSlotAddresses(code, parts, l.slot, l.row, l.norm);
  emitSlotBack(code, parts, l, 1, l.previousRow, null);
  periods.forEach((k, j) => {
    emitSlotBack(code, parts, l, k, l.backRow[j], l.backNorm[j]);
  });
  const tests = state.map((s, u) => emitStepTests(v, options, layout, u, s, l));
  let allPlain = tests[0].plain;
  for (const t of tests.slice(1)) allPlain = v.bin(SIMD.and, allPlain, t.plain);
  if (layout.stretch > 0) {
    // a stretch that does not stand: back to its start, and one step at a time for a stretch
    code.get(l.stretching).op(OP.if, 0x40);
    let stands = -1;
    tests.forEach((t, u) => {
      const lane = v.bin(SIMD.and, t.plain, v.bin(SIMD.or, clear[u], t.idle));
      stands = stands < 0 ? lane : v.bin(SIMD.and, stands, lane);
    });
    v.push(stands).code.simd(SIMD.allTrueI64).op(OP.i32Eqz).op(OP.if, 0x40);
    state.forEach((s, u) => {
      carriedValues(s).forEach((x, j) => {
        v.assign(x, v.load(null, savedAddress(layout, j, u)));
      });
    });
    code.get(l.savedSlot).set(l.slot).i32(layout.stretch).set(l.exactLeft);
    code.op(OP.br, 2);
    code.op(OP.end, OP.end);
  }
  // a plain step: every hold count is 0 afterwards, window starts unchanged
  v.push(allPlain).code.simd(SIMD.allTrueI64).op(OP.if, 0x40);
  code.get(l.dirty).op(OP.if, 0x40);
  for (const u of parts.vectors)
    for (let q = 0; q <= periods.length; q++) v.store(null, paramAddress(layout, layout.counters, q, u), v.splat(0));
  code.i32(0).set(l.dirty).op(OP.end);
  code.op(OP.else);
  // otherwise every rule in full; leave the loop (depths: 0 this if, 1 the loop, 2 the block) if a lane stops
  const full = emitRulesInFull(v, options, layout, state, tests, l);
  v.push(full.anyStop).code.simd(SIMD.anyTrue).op(OP.brIf, 2);
  full.counters.forEach((values, u) => {
    values.forEach((value, q) => {
      v.store(null, paramAddress(layout, layout.counters, q, u), value);
    });
  });
  code.i32(1).set(l.dirty);
  code.op(OP.end);
  // both ways, the step itself (one copy of the gradient: two made V8 spill around the branch)
  emitCommit(
    v,
    parts,
    l,
    state,
    tests.map((t) => t.pass),
  );
  emitNextSlot(code, parts, l);
  if (layout.stretch > 0) {
    // taken ← taken + (stretch if this was one, else 1); a replay counts down
    code.get(l.taken).i32(layout.stretch).i32(1).get(l.stretching).op(OP.select).op(OP.i32Add).set(l.taken);
    code.get(l.exactLeft).get(l.exactLeft).i32(0).op(OP.i32Ne).op(OP.i32Sub).set(l.exactLeft);
  } else code.get(l.taken).i32(1).op(OP.i32Add).set(l.taken);
  code.op(OP.br, 0);
  code.op(OP.end, OP.end);
  // write the state back
  state.forEach((s, u) => {
    s.theta.forEach((x, i) => {
      v.store(null, paramAddress(layout, layout.theta, i, u), x);
    });
    s.grad.forEach((g, i) => {
      v.store(null, paramAddress(layout, layout.grad, i, u), g);
    });
    v.store(null, laneAddress(layout.loss, u), s.loss);
    v.store(null, laneAddress(layout.lossMin, u), s.lossMin);
  });
  code.get(l.taken).op(OP.end);
  return { name: 'run', locals, results: [I32], code };
}

export function laneKernelModule(
  problem: Problem,
  options: ClassifyOptions,
  vectors = laneVectors(problem.layout.paramCount),
): { bytes: Uint8Array; layout: LanesLayout } {
  const layout = lanesLayout(problem.layout.paramCount, options, vectors);
  const parts: ModuleParts = { problem, options, layout, vectors: Array.from({ length: vectors }, (_, u) => u) };
  const functions = [evaluateFunction(parts), prepareFunction(parts), runFunction(parts)];
  return { bytes: assembleModule(functions, layout.words), layout };
}

export function laneKernel(
  problem: Problem,
  options: ClassifyOptions,
  vectors = laneVectors(problem.layout.paramCount),
): LaneKernel {
  const { bytes, layout } = laneKernelModule(problem, options, vectors);
  const exports = instantiate(bytes);
  const memory = new Float64Array((exports.memory as { buffer: ArrayBuffer }).buffer, 0, layout.words);
  return {
    layout,
    memory,
    evaluate: exports.evaluate as () => void,
    prepare: exports.prepare as (slot: number) => void,
    run: exports.run as (slot: number, maxIter: number) => number,
  };
}

/**
 * GD for small networks with several trajectories in the SIMD lanes: lane ℓ
 * of every f64x2 value is trajectory ℓ, so each lane runs exactly
 * LinearNet's operations in its order (unrolled per shape, as unrolled.ts
 * writes them in JavaScript) and the results are bit-for-bit the
 * single-trajectory loop's. A WebAssembly module is assembled per shape and
 * data, with `LANE_VECTORS` f64x2 vectors (2 trajectories each) in flight.
 *
 * For a small network the classification costs as much as the gradient
 * (for a scalar one, several times more: issue 7): `run` therefore also
 * keeps FastClassifier's state in the lanes — the gradient test's hold
 * count, and each period's hold count and window start — and takes every
 * *quiet* step itself: one where no rule fires. It applies the rules as
 * FastClassifier does, in the same floating-point operations, including the
 * orbit test at the end of a period window (lanes.ts spells out the
 * correspondence). Most steps are *plain* — no rule is even near: every
 * period test fails, the gradient is above its limit — and take a short
 * path that only zeroes the hold counts. `run` stops before the first step
 * that is not quiet in some lane; JavaScript takes that one step with
 * FastClassifier (`prepare` does its per-parameter pass).
 *
 * The norm tests ‖x‖ ≤ ℓ are made on squares, without a square root, with a
 * margin of 2⁻³⁰ relative on either side: s ≤ fl(ℓ²)·(1 − 2⁻³⁰) implies
 * fl(√s) ≤ ℓ, s > fl(ℓ²)·(1 + 2⁻³⁰) implies fl(√s) > ℓ, for ℓ ≥
 * SQUARE_SAFE_MIN (no underflow in ℓ²); rounding moves ℓ² and √s by a few
 * units of 2⁻⁵³. A value inside the margin is not quiet and goes the exact way.
 * Sums of squares skip the reference's leading `0 +`: x² is never −0, so
 * 0 + x² = x².
 */
import type { ClassifyOptions, RuleArithmetic } from '../classify.js';
import {
  bounded,
  closeWindow,
  decisionHold,
  gradientHold,
  paramInside,
  periodLimit,
  periodWindow,
} from '../classify.js';
import type { Problem } from '../linear-net.js';
import type { WasmFunction } from './wasm-assembler.js';
import { assembleModule, Code, I32, instantiate, OP, SIMD, V128 } from './wasm-assembler.js';

/**
 * f64x2 vectors per iteration, 2 trajectories each. Measured on workload A
 * (Node 20, x64): 1 vector 1.34e8 steps/s, 2 vectors 1.2–1.3e8, 3 vectors
 * 0.9e8 — V8 has 16 vector registers and the step is bound by instruction
 * throughput, not latency.
 */
export const LANE_VECTORS = 1;
/**
 * Networks whose step needs at most this many multiply-adds run in lanes:
 * the whole step is unrolled straight-line code.
 */
export const LANES_MULADD_LIMIT = 1200;
/** Relative margin of the squared norm tests (see above). */
export const SQUARE_MARGIN = 2 ** -30;
/** Limits below this keep their lane out of `run` (ℓ² could underflow). */
export const SQUARE_SAFE_MIN = 1e-140;

/** Memory layout, in f64 words; lane ℓ of per-lane value X is at X + ℓ, of parameter i at X + i·lanes + ℓ. */
export interface LanesLayout {
  lanes: number;
  theta: number;
  grad: number;
  loss: number;
  lossMin: number;
  eta: number;
  lossLimit: number;
  /** fl(gradLimit²)·(1 ∓ SQUARE_MARGIN): below, definitely ≤ gradLimit; above, definitely >. */
  gradLimitLow: number;
  gradLimitHigh: number;
  /**
   * FastClassifier's state: the gradient test's hold count at counters + ℓ,
   * period j's hold count at counters + (1 + j)·lanes + ℓ and its window's
   * starting period-1 displacement at counters + (1 + P + j)·lanes + ℓ.
   */
  counters: number;
  /** 1 for a lane without a trajectory (its steps are always quiet), else 0. */
  idle: number;
  /** `prepare`'s sums per lane: ‖∇L‖² at sums, ‖θ‖² at sums + lanes, 1/0 (all |θ_i| ≤ paramLimit) at sums + 2·lanes. */
  sums: number;
  /** Ring of states: slot s, parameter i, lane ℓ at ring + (s·p + i)·lanes + ℓ. */
  ring: number;
  /** ‖θ‖ of each ring state: ringNorm + s·lanes + ℓ. */
  ringNorm: number;
  /**
   * fl((periodTol·(1 + ‖θ‖))²)·(1 + SQUARE_MARGIN) of each ring state (as
   * ringNorm); −1 where the lane's trajectory has not written yet, which
   * makes the period test fail, as FastClassifier skips it for t < k. (The
   * lower margin is computed from ringNorm when needed.)
   */
  ringLimitHigh: number;
  words: number;
}

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

/**
 * SSA-style builder of f64x2 code: every value is a fresh v128 local, except
 * constants (negative ids), which are emitted inline at each use — a
 * constant kept in a local holds a register across the loop, and V8 has 16.
 */
class Vec {
  count = 0;
  private readonly constants: number[][] = [];
  constructor(
    readonly code: Code,
    readonly first: number,
  ) {}
  private fresh(): number {
    return this.first + this.count++;
  }
  /** Pops the stack into a fresh local. */
  private take(): number {
    const l = this.fresh();
    this.code.set(l);
    return l;
  }
  /** Pushes a value (local or constant). */
  push(x: number): this {
    if (x >= 0) this.code.get(x);
    else this.code.simd(SIMD.const).op(...this.constants[-1 - x]);
    return this;
  }
  splat(x: number): number {
    this.constants.push([...new Uint8Array(new Float64Array([x, x]).buffer)]);
    return -this.constants.length;
  }
  /** v128.load at (address local or 0) + byte offset. */
  load(base: number | null, offset: number): number {
    if (base === null) this.code.i32(0);
    else this.code.get(base);
    this.code.vload(offset);
    return this.take();
  }
  store(base: number | null, offset: number, v: number): void {
    if (base === null) this.code.i32(0);
    else this.code.get(base);
    this.push(v).code.vstore(offset);
  }
  /** v128.bitselect: the bits of `a` where `mask` is set, else of `b`. */
  select(a: number, b: number, mask: number): number {
    this.push(a).push(b).push(mask).code.simd(SIMD.bitselect);
    return this.take();
  }
  bin(op: number, a: number, b: number): number {
    this.push(a).push(b).code.simd(op);
    return this.take();
  }
  un(op: number, a: number): number {
    this.push(a).code.simd(op);
    return this.take();
  }
  /** Writes `value` into an existing local (loop-carried state). */
  assign(local: number, value: number): void {
    this.push(value).code.set(local);
  }
  local(): number {
    return this.fresh();
  }
}

/** The classification rules (classify.ts) on lane vectors and lane masks: evaluating them emits their code. */
function laneArithmetic(v: Vec): RuleArithmetic<number, number> {
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

export function lanesLayout(p: number, options: ClassifyOptions, vectors = LANE_VECTORS): LanesLayout {
  const lanes = 2 * vectors;
  const span = Math.max(1, ...options.periods) + 1;
  let top = 0;
  const alloc = (n: number) => {
    const at = top;
    top += n;
    return at;
  };
  return {
    lanes,
    theta: alloc(p * lanes),
    grad: alloc(p * lanes),
    loss: alloc(lanes),
    lossMin: alloc(lanes),
    eta: alloc(lanes),
    lossLimit: alloc(lanes),
    gradLimitLow: alloc(lanes),
    gradLimitHigh: alloc(lanes),
    counters: alloc((1 + 2 * options.periods.length) * lanes),
    idle: alloc(lanes),
    sums: alloc(3 * lanes),
    ring: alloc(span * p * lanes),
    ringNorm: alloc(span * lanes),
    ringLimitHigh: alloc(span * lanes),
    words: top,
  };
}

interface Constants {
  zero: number;
  one: number;
  half: number;
  c0: number;
  inf: number;
  paramLimitSquare: number;
  marginLow: number;
  marginHigh: number;
}

/** ((0 + x₀y₀) + x₁y₁) + …: the reference's accumulation order. */
function emitDot(v: Vec, consts: Constants, xs: readonly number[], ys: readonly number[]): number {
  let acc = consts.zero;
  for (let i = 0; i < xs.length; i++) acc = v.bin(SIMD.add, acc, v.bin(SIMD.mul, xs[i], ys[i]));
  return acc;
}

/**
 * L and ∇L of one vector of lanes from θ: LinearNet.evaluate's operations,
 * lane-wise and unrolled, in its order (unrolled.ts writes the same
 * recurrences out as JavaScript; for a scalar network they are scalar.ts's).
 */
function emitGradient(
  v: Vec,
  consts: Constants,
  problem: Problem,
  theta: readonly number[],
): { loss: number; grad: number[] } {
  const { dims, depth, offsets } = problem.layout;
  const { sigma, cross } = problem.stats;
  const d0 = dims[0];
  const dOut = dims[depth];
  const w = (i: number, r: number, c: number) => theta[offsets[i - 1] + r * dims[i - 1] + c];
  // prefix[i][r][c] = (W_i ⋯ W_1)[r][c]
  const prefix: number[][][] = [
    [],
    Array.from({ length: dims[1] }, (_, r) => Array.from({ length: d0 }, (_, c) => w(1, r, c))),
  ];
  for (let i = 2; i <= depth; i++) {
    prefix.push(
      Array.from({ length: dims[i] }, (_, r) =>
        Array.from({ length: d0 }, (_, c) =>
          emitDot(
            v,
            consts,
            Array.from({ length: dims[i - 1] }, (_, m) => w(i, r, m)),
            Array.from({ length: dims[i - 1] }, (_, m) => prefix[i - 1][m][c]),
          ),
        ),
      ),
    );
  }
  const P = prefix[depth];
  // Q = P Σ; tr(P Qᵀ), tr(P Cᵀ) and G = Q − C in the flat order
  const q = Array.from({ length: dOut * d0 }, (_, j) => {
    const r = Math.floor(j / d0);
    const c = j % d0;
    return emitDot(
      v,
      consts,
      P[r],
      Array.from({ length: d0 }, (_, m) => v.splat(sigma[m * d0 + c])),
    );
  });
  const flatP = Array.from({ length: dOut * d0 }, (_, j) => P[Math.floor(j / d0)][j % d0]);
  const pq = emitDot(v, consts, flatP, q);
  const pc = emitDot(
    v,
    consts,
    flatP,
    Array.from({ length: dOut * d0 }, (_, j) => v.splat(cross[j])),
  );
  let back = Array.from({ length: dOut }, (_, r) =>
    Array.from({ length: d0 }, (_, c) => v.bin(SIMD.sub, q[r * d0 + c], v.splat(cross[r * d0 + c]))),
  );
  const grad = new Array<number>(problem.layout.paramCount);
  for (let i = depth; i >= 1; i--) {
    const off = offsets[i - 1];
    const D = back;
    if (i === 1) {
      for (let j = 0; j < dims[1] * d0; j++) grad[off + j] = D[Math.floor(j / d0)][j % d0];
      break;
    }
    // grad_i = D_i · prefix[i−1]ᵀ; D_{i−1} = W_iᵀ D_i
    for (let r = 0; r < dims[i]; r++)
      for (let c = 0; c < dims[i - 1]; c++)
        grad[off + r * dims[i - 1] + c] = emitDot(v, consts, D[r], prefix[i - 1][c]);
    back = Array.from({ length: dims[i - 1] }, (_, r) =>
      Array.from({ length: d0 }, (_, c) =>
        emitDot(
          v,
          consts,
          Array.from({ length: dims[i] }, (_, m) => w(i, m, r)),
          Array.from({ length: dims[i] }, (_, m) => D[m][c]),
        ),
      ),
    );
  }
  const loss = v.bin(SIMD.add, v.bin(SIMD.sub, v.bin(SIMD.mul, consts.half, pq), pc), consts.c0);
  return { loss, grad };
}

/** (x₀² + x₁²) + … — norm2's order (see above for its leading 0). */
function emitSumSquares(v: Vec, xs: readonly number[]): number {
  let s = -1;
  for (const x of xs) {
    const sq = v.bin(SIMD.mul, x, x);
    s = s < 0 ? sq : v.bin(SIMD.add, s, sq);
  }
  return s;
}

/** ‖θ − ring state‖² for the state at byte address local `row` (FastClassifier's distance, squared). */
function emitDistanceSquared(v: Vec, theta: readonly number[], row: number, offsetOf: (i: number) => number): number {
  return emitSumSquares(
    v,
    theta.map((x, i) => v.bin(SIMD.sub, x, v.load(row, offsetOf(i)))),
  );
}

/** Terms summed between early exits of a period distance (FastClassifier's EXIT_BLOCK). */
const EXIT_BLOCK = 8;

/**
 * The period test's distance and whether it is definitely outside the
 * limit (squared, upper margin `high`), summing only until every lane is
 * outside: the terms are ≥ 0, so a partial sum above the limit stays above
 * (FastClassifier stops early the same way). A lane that is not outside has
 * the complete sum.
 */
function emitPeriodDistance(
  v: Vec,
  theta: readonly number[],
  row: number,
  offsetOf: (i: number) => number,
  high: number,
): { dist: number; outside: number } {
  const dist = v.local();
  const outside = v.local();
  const { code } = v;
  code.op(OP.block, 0x40);
  let sum = -1;
  theta.forEach((x, i) => {
    const d = v.bin(SIMD.sub, x, v.load(row, offsetOf(i)));
    const sq = v.bin(SIMD.mul, d, d);
    sum = sum < 0 ? sq : v.bin(SIMD.add, sum, sq);
    const last = i === theta.length - 1;
    if (last || (i + 1) % EXIT_BLOCK === 0) {
      v.assign(dist, sum);
      v.assign(outside, v.bin(SIMD.gt, sum, high));
      if (!last) v.push(outside).code.simd(SIMD.allTrueI64).op(OP.brIf, 0);
    }
  });
  code.op(OP.end);
  return { dist, outside };
}

/** The per-parameter pass of a step on one vector: sums, and the state's norm and squared period limit (rule 3's, for the states after it). */
function emitPass(
  v: Vec,
  consts: Constants,
  options: ClassifyOptions,
  theta: readonly number[],
  grad: readonly number[],
) {
  const gg = emitSumSquares(v, grad);
  const sq = emitSumSquares(v, theta);
  const norm = v.un(SIMD.sqrt, sq);
  const limit = periodLimit(laneArithmetic(v), options, norm);
  const high = v.bin(SIMD.mul, v.bin(SIMD.mul, limit, limit), consts.marginHigh);
  return { gg, sq, norm, high };
}

/** Every |θ_i| ≤ paramLimit (rule 1's parameter test, exactly). */
function emitInside(v: Vec, options: ClassifyOptions, theta: readonly number[]): number {
  const o = laneArithmetic(v);
  let inside = -1;
  for (const x of theta) {
    const ok = paramInside(o, options, x);
    inside = inside < 0 ? ok : v.bin(SIMD.and, inside, ok);
  }
  return inside;
}

/**
 * ‖θ‖² at most this means every |θ_i| ≤ paramLimit (θ_i² ≤ ‖θ‖², and the
 * margin covers rounding): the common step skips the per-parameter test.
 * −1 (never) where the square is unsafe; the largest double where it
 * overflows (an infinite ‖θ‖² must take the exact test).
 */
function paramLimitSquare(paramLimit: number): number {
  if (!(paramLimit >= SQUARE_SAFE_MIN)) return -1;
  const square = paramLimit * paramLimit;
  return Number.isFinite(square) ? square * (1 - SQUARE_MARGIN) : Number.MAX_VALUE;
}

/** fl((periodTol·(1 + norm))²)·(1 − SQUARE_MARGIN), or +0 if the square overflows (no safe margin: only s = 0 is below). */
function emitLimitLow(v: Vec, consts: Constants, options: ClassifyOptions, norm: number): number {
  const limit = periodLimit(laneArithmetic(v), options, norm);
  const square = v.bin(SIMD.mul, limit, limit);
  return v.bin(SIMD.and, v.bin(SIMD.lt, square, consts.inf), v.bin(SIMD.mul, square, consts.marginLow));
}

function constants(v: Vec, problem: Problem, options: ClassifyOptions): Constants {
  return {
    zero: v.splat(0),
    one: v.splat(1),
    half: v.splat(0.5),
    c0: v.splat(problem.stats.c0),
    inf: v.splat(Number.POSITIVE_INFINITY),
    paramLimitSquare: v.splat(paramLimitSquare(options.paramLimit)),
    marginLow: v.splat(1 - SQUARE_MARGIN),
    marginHigh: v.splat(1 + SQUARE_MARGIN),
  };
}

export function laneKernelModule(
  problem: Problem,
  options: ClassifyOptions,
  vectors = LANE_VECTORS,
): { bytes: Uint8Array; layout: LanesLayout } {
  const p = problem.layout.paramCount;
  const layout = lanesLayout(p, options, vectors);
  const { lanes } = layout;
  const span = Math.max(1, ...options.periods) + 1;
  const rowBytes = 8 * p * lanes;
  /** Byte offset of parameter i of vector u in a per-parameter block at word `base`. */
  const at = (base: number, i: number, u: number) => 8 * (base + i * lanes + 2 * u);
  /** Byte offset of vector u in a per-lane block at word `base`. */
  const lane = (base: number, u: number) => 8 * (base + 2 * u);
  const vecs = Array.from({ length: vectors }, (_, u) => u);
  /** Byte addresses of ring slot `slot` (into `row`) and of its entry in the per-slot blocks (into `norm`, relative). */
  const slotAddresses = (code: Code, slot: number, row: number, norm: number) => {
    code.get(slot).i32(rowBytes).op(OP.i32Mul).set(row);
    code
      .get(slot)
      .i32(8 * lanes)
      .op(OP.i32Mul)
      .set(norm);
  };

  // evaluate(): θ → L, ∇L
  const evaluate = (() => {
    const code = new Code();
    const v = new Vec(code, 0);
    const consts = constants(v, problem, options);
    for (const u of vecs) {
      const theta = Array.from({ length: p }, (_, i) => v.load(null, at(layout.theta, i, u)));
      const { loss, grad } = emitGradient(v, consts, problem, theta);
      grad.forEach((g, i) => {
        v.store(null, at(layout.grad, i, u), g);
      });
      v.store(null, lane(layout.loss, u), loss);
    }
    code.op(OP.end);
    return { name: 'evaluate', params: [], results: [], locals: [[v.count, V128]], code } satisfies WasmFunction;
  })();

  // prepare(slot): the slow step's pass, every lane
  const prepare = (() => {
    const code = new Code();
    const SLOT = 0;
    const ROW = 1; // byte address of ring slot `slot`
    const NORM = 2; // byte address of slot `slot` in the per-slot blocks (relative)
    const v = new Vec(code, 3);
    slotAddresses(code, SLOT, ROW, NORM);
    const consts = constants(v, problem, options);
    for (const u of vecs) {
      const theta = Array.from({ length: p }, (_, i) => v.load(null, at(layout.theta, i, u)));
      const grad = Array.from({ length: p }, (_, i) => v.load(null, at(layout.grad, i, u)));
      const pass = emitPass(v, consts, options, theta, grad);
      v.store(null, lane(layout.sums, u), pass.gg);
      v.store(null, lane(layout.sums + lanes, u), pass.sq);
      v.store(null, lane(layout.sums + 2 * lanes, u), v.bin(SIMD.and, emitInside(v, options, theta), consts.one));
      const eta = v.load(null, lane(layout.eta, u));
      theta.forEach((x, i) => {
        v.store(ROW, at(layout.ring, i, u), x);
        v.store(null, at(layout.theta, i, u), v.bin(SIMD.sub, x, v.bin(SIMD.mul, eta, grad[i])));
      });
      v.store(NORM, lane(layout.ringNorm, u), pass.norm);
      v.store(NORM, lane(layout.ringLimitHigh, u), pass.high);
    }
    code.op(OP.end);
    return {
      name: 'prepare',
      params: [I32],
      results: [],
      locals: [
        [2, I32],
        [v.count, V128],
      ],
      code,
    } satisfies WasmFunction;
  })();

  // run(slot, maxIter) → quiet steps taken
  const run = (() => {
    const code = new Code();
    const SLOT = 0;
    const MAX = 1;
    const N = 2;
    const ROW = 3; // byte address of ring slot `slot`
    const NORM = 4; // relative byte address of slot `slot` in the per-slot blocks
    const O = 5; // scratch: a slot index
    const PREV_ROW = 6; // ring slot `slot` − 1
    const BACK_ROW = 7; // ring slot `slot` − k, one per period
    const periods = [...options.periods];
    const P = periods.length;
    const BACK_NORM = BACK_ROW + P;
    const DIRTY = BACK_NORM + P; // 1 when a hold count in memory may be non-zero
    const i32Count = DIRTY + 1 - 2;
    const v = new Vec(code, 2 + i32Count);
    const o = laneArithmetic(v);
    const consts = constants(v, problem, options);
    const decideAt = periods.map((back) => v.splat(decisionHold(back, options.periodHold)));
    const carried = (offset: number) => {
      const l = v.local();
      v.assign(l, v.load(null, offset));
      return l;
    };
    // loop-carried state, per vector (the classifier's counters stay in memory: registers are few)
    const state = vecs.map((u) => ({
      theta: Array.from({ length: p }, (_, i) => carried(at(layout.theta, i, u))),
      grad: Array.from({ length: p }, (_, i) => carried(at(layout.grad, i, u))),
      loss: carried(lane(layout.loss, u)),
      lossMin: carried(lane(layout.lossMin, u)),
      step1: v.local(),
    }));
    /** Byte address of ring slot `slot` − back into `rowLocal` (and of its per-slot entries into `normLocal`). */
    const slotBack = (back: number, rowLocal: number, normLocal: number | null) => {
      code.get(SLOT).i32(back).op(OP.i32Sub).set(O);
      code.get(O).i32(span).op(OP.i32Add).get(O).get(O).i32(0).op(OP.i32LtS).op(OP.select).set(O);
      code.get(O).i32(rowBytes).op(OP.i32Mul).set(rowLocal);
      if (normLocal !== null)
        code
          .get(O)
          .i32(8 * lanes)
          .op(OP.i32Mul)
          .set(normLocal);
    };
    code.i32(0).set(N).i32(1).set(DIRTY);
    code.op(OP.block, 0x40).op(OP.loop, 0x40);
    code.get(N).get(MAX).op(OP.i32GeU).op(OP.brIf, 1);
    slotAddresses(code, SLOT, ROW, NORM);
    slotBack(1, PREV_ROW, null);
    periods.forEach((back, j) => {
      slotBack(back, BACK_ROW + j, BACK_NORM + j);
    });
    // the tests every step needs, every vector: rule 1, the step limit, the gradient and period tests
    let allPlain = -1;
    const tests = state.map((s, u) => {
      const pass = emitPass(v, consts, options, s.theta, s.grad);
      // rule 1 does not fire: L ≤ lossLimit, ‖∇L‖ finite, and (surely, from ‖θ‖²) every |θ_i| ≤ paramLimit
      const whole = bounded(o, s.loss, v.load(null, lane(layout.lossLimit, u)), pass.gg);
      const fine = v.bin(SIMD.and, whole, v.bin(SIMD.le, pass.sq, consts.paramLimitSquare));
      const gradAbove = v.bin(SIMD.gt, pass.gg, v.load(null, lane(layout.gradLimitHigh, u)));
      let plain = v.bin(SIMD.and, fine, gradAbove);
      const periodTests = periods.map((_, j) => {
        const high = v.load(BACK_NORM + j, lane(layout.ringLimitHigh, u));
        const test = emitPeriodDistance(v, s.theta, BACK_ROW + j, (i) => at(layout.ring, i, u), high);
        plain = v.bin(SIMD.and, plain, test.outside);
        return test;
      });
      const idle = v.bin(SIMD.gt, v.load(null, lane(layout.idle, u)), consts.zero);
      plain = v.bin(SIMD.or, plain, idle);
      allPlain = allPlain < 0 ? plain : v.bin(SIMD.and, allPlain, plain);
      return { pass, whole, gradAbove, periodTests, idle };
    });
    /** The commit of a quiet step, after its hold counts: θ_t into the ring, L_min, θ ← θ_t − η∇L_t, L and ∇L there. */
    const commit = () => {
      state.forEach((s, u) => {
        const { pass } = tests[u];
        const eta = v.load(null, lane(layout.eta, u));
        s.theta.forEach((x, i) => {
          v.store(ROW, at(layout.ring, i, u), x);
        });
        v.store(NORM, lane(layout.ringNorm, u), pass.norm);
        v.store(NORM, lane(layout.ringLimitHigh, u), pass.high);
        v.assign(s.lossMin, v.bin(SIMD.pmin, s.lossMin, s.loss));
        const next = s.theta.map((x, i) => v.bin(SIMD.sub, x, v.bin(SIMD.mul, eta, s.grad[i])));
        next.forEach((x, i) => {
          v.assign(s.theta[i], x);
        });
        const { loss, grad } = emitGradient(v, consts, problem, s.theta);
        v.assign(s.loss, loss);
        grad.forEach((g, i) => {
          v.assign(s.grad[i], g);
        });
      });
    };
    // the common step: no rule near — every hold count is 0 afterwards, window starts unchanged
    v.push(allPlain).code.simd(SIMD.allTrueI64).op(OP.if, 0x40);
    // every hold count to 0 (window starts stay)
    code.get(DIRTY).op(OP.if, 0x40);
    for (const u of vecs) for (let q = 0; q <= P; q++) v.store(null, at(layout.counters, q, u), consts.zero);
    code.i32(0).set(DIRTY).op(OP.end);
    code.op(OP.else);
    // otherwise every rule in full
    let needStep1 = -1;
    const loaded = vecs.map((u) =>
      Array.from({ length: 1 + 2 * P }, (_, q) => v.load(null, at(layout.counters, q, u))),
    );
    const full = vecs.map((u) => {
      const { pass, whole, gradAbove, periodTests, idle } = tests[u];
      const counters = loaded[u];
      let stop = v.un(SIMD.not, v.bin(SIMD.and, whole, emitInside(v, options, state[u].theta)));
      // rule 2, with ‖∇L‖ ≤ gradLimit decided on squares (unsure: stop)
      const gradBelow = v.bin(SIMD.le, pass.gg, v.load(null, lane(layout.gradLimitLow, u)));
      const gradHold = gradientHold(o, options, gradBelow, counters[0]);
      const gradUnsure = v.un(SIMD.not, v.bin(SIMD.or, gradBelow, gradAbove));
      stop = v.bin(SIMD.or, stop, v.bin(SIMD.or, gradHold.fires, gradUnsure));
      // rule 3: per period, θ_t within the tolerance of θ_{t−k} counts; a count of 1 opens a window, the decision count closes it
      const windows = periodTests.map(({ dist, outside }, j) => {
        // (a slot the trajectory has not written is outside, never within)
        const low = emitLimitLow(v, consts, options, v.load(BACK_NORM + j, lane(layout.ringNorm, u)));
        const within = v.bin(SIMD.andNot, v.bin(SIMD.le, dist, low), outside);
        stop = v.bin(SIMD.or, stop, v.un(SIMD.not, v.bin(SIMD.or, within, outside)));
        const window = periodWindow(o, within, counters[1 + j], decideAt[j]);
        const need = v.bin(SIMD.or, window.opens, window.decides);
        needStep1 = needStep1 < 0 ? need : v.bin(SIMD.or, needStep1, need);
        return window;
      });
      return { gradHold, windows, stop, idle };
    });
    // the period-1 displacement ‖θ_t − θ_{t−1}‖, only when some window opens or is decided
    if (needStep1 >= 0) {
      v.push(needStep1).code.simd(SIMD.anyTrue).op(OP.if, 0x40);
      state.forEach((s, u) => {
        const dist = emitDistanceSquared(v, s.theta, PREV_ROW, (i) => at(layout.ring, i, u));
        v.assign(s.step1, v.un(SIMD.sqrt, dist));
      });
      code.op(OP.end);
    }
    // a window's start records the displacement; its decision is an orbit (rule 3 fires) or a fresh window
    let anyStop = -1;
    const counters = state.map((s, u) => {
      const { gradHold, windows, idle } = full[u];
      let stop = full[u].stop;
      const holds: number[] = [];
      const starts: number[] = [];
      windows.forEach((window, j) => {
        const next = closeWindow(o, options, window, loaded[u][1 + P + j], s.step1, tests[u].pass.norm);
        stop = v.bin(SIMD.or, stop, next.fires);
        holds.push(next.count);
        starts.push(next.start);
      });
      stop = v.bin(SIMD.andNot, stop, idle);
      anyStop = anyStop < 0 ? stop : v.bin(SIMD.or, anyStop, stop);
      return [gradHold.count, ...holds, ...starts];
    });
    // (depths: 0 this if, 1 the loop, 2 the block around it)
    v.push(anyStop).code.simd(SIMD.anyTrue).op(OP.brIf, 2);
    counters.forEach((c, u) => {
      c.forEach((value, q) => {
        v.store(null, at(layout.counters, q, u), value);
      });
    });
    code.i32(1).set(DIRTY);
    code.op(OP.end);
    // both ways, the step itself (one copy of the gradient: two made V8 spill around the branch)
    commit();
    // slot ← slot + 1 mod span, n ← n + 1
    code.get(SLOT).i32(1).op(OP.i32Add).set(SLOT);
    code.i32(0).get(SLOT).get(SLOT).i32(span).op(OP.i32Eq).op(OP.select).set(SLOT);
    code.get(N).i32(1).op(OP.i32Add).set(N);
    code.op(OP.br, 0);
    code.op(OP.end, OP.end);
    // write the state back
    state.forEach((s, u) => {
      s.theta.forEach((x, i) => {
        v.store(null, at(layout.theta, i, u), x);
      });
      s.grad.forEach((g, i) => {
        v.store(null, at(layout.grad, i, u), g);
      });
      v.store(null, lane(layout.loss, u), s.loss);
      v.store(null, lane(layout.lossMin, u), s.lossMin);
    });
    code.get(N).op(OP.end);
    return {
      name: 'run',
      params: [I32, I32],
      results: [I32],
      locals: [
        [i32Count, I32],
        [v.count, V128],
      ],
      code,
    } satisfies WasmFunction;
  })();

  return { bytes: assembleModule([evaluate, prepare, run], layout.words), layout };
}

export function laneKernel(problem: Problem, options: ClassifyOptions, vectors = LANE_VECTORS): LaneKernel {
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

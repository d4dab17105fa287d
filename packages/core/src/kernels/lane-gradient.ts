/**
 * The loss and gradient of one lane vector, unrolled: LinearNet.evaluate's
 * operations lane-wise, in its order, every value a named local (b<i>_<r>_<c>
 * the prefix products, q<j>, pq, pc, d<i>_<r>_<c> the backward products).
 */
import type { Problem } from '../linear-net.js';
import type { LaneValues } from './lane-values.js';
import { SIMD } from './wasm-assembler.js';

/** ((0 + x₀y₀) + x₁y₁) + …: the reference's accumulation order. */
function emitDot(v: LaneValues, xs: readonly number[], ys: readonly number[], name: string): number {
  let acc = v.splat(0);
  for (let i = 0; i < xs.length; i++) {
    acc = v.bin(SIMD.add, acc, v.bin(SIMD.mul, xs[i], ys[i]), i === xs.length - 1 ? name : undefined);
  }
  return acc;
}

/**
 * L and ∇L of one vector of lanes from θ: LinearNet.evaluate's operations,
 * lane-wise and unrolled, in its order (for a scalar network they are
 * scalar.ts's recurrences).
 */
export function emitGradient(
  v: LaneValues,
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
            Array.from({ length: dims[i - 1] }, (_, m) => w(i, r, m)),
            Array.from({ length: dims[i - 1] }, (_, m) => prefix[i - 1][m][c]),
            `b${i}_${r}_${c}`,
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
      P[r],
      Array.from({ length: d0 }, (_, m) => v.splat(sigma[m * d0 + c])),
      `q${j}`,
    );
  });
  const flatP = Array.from({ length: dOut * d0 }, (_, j) => P[Math.floor(j / d0)][j % d0]);
  const pq = emitDot(v, flatP, q, 'pq');
  const pc = emitDot(
    v,
    flatP,
    Array.from({ length: dOut * d0 }, (_, j) => v.splat(cross[j])),
    'pc',
  );
  let back = Array.from({ length: dOut }, (_, r) =>
    Array.from({ length: d0 }, (_, c) =>
      v.bin(SIMD.sub, q[r * d0 + c], v.splat(cross[r * d0 + c]), `d${depth}_${r}_${c}`),
    ),
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
        grad[off + r * dims[i - 1] + c] = emitDot(v, D[r], prefix[i - 1][c], `g${off + r * dims[i - 1] + c}`);
    back = Array.from({ length: dims[i - 1] }, (_, r) =>
      Array.from({ length: d0 }, (_, c) =>
        emitDot(
          v,
          Array.from({ length: dims[i] }, (_, m) => w(i, m, r)),
          Array.from({ length: dims[i] }, (_, m) => D[m][c]),
          `d${i - 1}_${r}_${c}`,
        ),
      ),
    );
  }
  const loss = v.bin(
    SIMD.add,
    v.bin(SIMD.sub, v.bin(SIMD.mul, v.splat(0.5), pq), pc),
    v.splat(problem.stats.c0),
    'loss',
  );
  return { loss, grad };
}

/**
 * A kernel generated per shape with `new Function`: the whole loss-and-
 * gradient evaluation as straight-line code over local variables, with the
 * dimensions, Σ, C and c₀ baked in as literals. No loops, no index
 * arithmetic, no scratch arrays and nothing allocated.
 *
 * The generated expressions are the reference's accumulations written out:
 * an entry of A·B is `0 + a0*b0 + a1*b1 + …`, which JavaScript evaluates left
 * to right, i.e. ((0 + a₀b₀) + a₁b₁) + … — the order of LinearNet's loops —
 * so the result is bit-for-bit the reference's (kernel.ts).
 *
 * Only for small shapes (`UNROLL_MULADD_LIMIT` in kernel.ts): V8 refuses to
 * optimise very large functions, which makes a fully unrolled wide network
 * slower than loops.
 */
import type { Problem } from '../linear-net.js';
import type { GradientKernel } from './kernel.js';

export type EvaluateFn = (theta: Float64Array, grad: Float64Array) => number;

/** A number as a JavaScript literal that reads back as exactly the same double (−0 included). */
export function literal(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Number.POSITIVE_INFINITY) return 'Infinity';
  if (v === Number.NEGATIVE_INFINITY) return '(-Infinity)';
  if (Object.is(v, -0)) return '(-0)';
  const s = String(v); // shortest round-trip representation (ECMA-262 Number::toString)
  return v < 0 ? `(${s})` : s;
}

/** `0 + x0*y0 + x1*y1 + …`: the reference accumulation order. */
function dot(xs: readonly string[], ys: readonly string[]): string {
  let s = '0';
  for (let k = 0; k < xs.length; k++) s += ` + ${xs[k]}*${ys[k]}`;
  return s;
}

/** JavaScript source of the body of `(theta, grad) => loss` for this problem. */
export function unrolledSource(problem: Problem): string {
  const { dims, depth, offsets } = problem.layout;
  const { sigma, cross, c0 } = problem.stats;
  const d0 = dims[0];
  const lines: string[] = ["'use strict';"];
  // W_i[r][c] as a local (1-based layer i)
  const w = (i: number, r: number, c: number) => `w${offsets[i - 1] + r * dims[i - 1] + c}`;
  for (let j = 0; j < problem.layout.paramCount; j++) lines.push(`const w${j} = theta[${j}];`);
  // prefix[i][r][c] = (W_i ⋯ W_1)[r][c], d_i × d_0; prefix[1] is W_1 itself
  const b = (i: number, r: number, c: number) => (i === 1 ? w(1, r, c) : `b${i}_${r}_${c}`);
  for (let i = 2; i <= depth; i++) {
    for (let r = 0; r < dims[i]; r++) {
      for (let c = 0; c < d0; c++) {
        const xs: string[] = [];
        const ys: string[] = [];
        for (let k = 0; k < dims[i - 1]; k++) {
          xs.push(w(i, r, k));
          ys.push(b(i - 1, k, c));
        }
        lines.push(`const ${b(i, r, c)} = ${dot(xs, ys)};`);
      }
    }
  }
  const dOut = dims[depth];
  const P = (j: number) => b(depth, Math.floor(j / d0), j % d0);
  // Q = P Σ, then tr(P Qᵀ), tr(P Cᵀ) and G = Q − C in the flat order
  for (let r = 0; r < dOut; r++) {
    for (let c = 0; c < d0; c++) {
      const xs: string[] = [];
      const ys: string[] = [];
      for (let k = 0; k < d0; k++) {
        xs.push(P(r * d0 + k));
        ys.push(literal(sigma[k * d0 + c]));
      }
      lines.push(`const q${r * d0 + c} = ${dot(xs, ys)};`);
    }
  }
  const all = Array.from({ length: dOut * d0 }, (_, j) => j);
  lines.push(
    `const pq = ${dot(
      all.map(P),
      all.map((j) => `q${j}`),
    )};`,
  );
  lines.push(
    `const pc = ${dot(
      all.map(P),
      all.map((j) => literal(cross[j])),
    )};`,
  );
  // D_N = G; D_i is d_i × d_0
  const d = (i: number, r: number, c: number) => `d${i}_${r}_${c}`;
  for (let j = 0; j < dOut * d0; j++) {
    lines.push(`const ${d(depth, Math.floor(j / d0), j % d0)} = q${j} - ${literal(cross[j])};`);
  }
  for (let i = depth; i >= 1; i--) {
    const off = offsets[i - 1];
    if (i === 1) {
      for (let j = 0; j < dims[1] * d0; j++) lines.push(`grad[${off + j}] = ${d(1, Math.floor(j / d0), j % d0)};`);
      continue;
    }
    // grad_i = D_i · prefix[i−1]ᵀ (d_i × d_{i−1})
    for (let r = 0; r < dims[i]; r++) {
      for (let c = 0; c < dims[i - 1]; c++) {
        const xs: string[] = [];
        const ys: string[] = [];
        for (let k = 0; k < d0; k++) {
          xs.push(d(i, r, k));
          ys.push(b(i - 1, c, k));
        }
        lines.push(`grad[${off + r * dims[i - 1] + c}] = ${dot(xs, ys)};`);
      }
    }
    // D_{i−1} = W_iᵀ D_i (d_{i−1} × d_0), accumulated over the rows of W_i
    for (let r = 0; r < dims[i - 1]; r++) {
      for (let c = 0; c < d0; c++) {
        const xs: string[] = [];
        const ys: string[] = [];
        for (let k = 0; k < dims[i]; k++) {
          xs.push(w(i, k, r));
          ys.push(d(i, k, c));
        }
        lines.push(`const ${d(i - 1, r, c)} = ${dot(xs, ys)};`);
      }
    }
  }
  lines.push(`return 0.5 * pq - pc + ${literal(c0)};`);
  return lines.join('\n');
}

class UnrolledKernel implements GradientKernel {
  readonly kind = 'unrolled' as const;
  readonly evaluate: EvaluateFn;
  constructor(fn: EvaluateFn) {
    this.evaluate = fn;
  }
}

/** Compiles the unrolled kernel for `problem` (any shape; see the size note above). */
export function unrolledKernel(problem: Problem): GradientKernel {
  const fn = new Function('theta', 'grad', unrolledSource(problem)) as EvaluateFn;
  return new UnrolledKernel(fn);
}

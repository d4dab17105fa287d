/**
 * The scalar network (every width 1, any depth N): P = w_N ⋯ w_1 and
 * L = ½·a·P² − c·P + c₀ with a = Σ, c = C (1 × 1). The gradient is
 * ∂L/∂w_i = G · ∏_{j≠i} w_j with G = aP − c, from one prefix pass
 * (B_i = w_{i−1} ⋯ w_1) and one suffix pass (D_i = w_N ⋯ w_{i+1} · G):
 * 2N multiplications, no matmul calls.
 *
 * For depths up to SCALAR_UNROLL_DEPTH the step is generated as straight-line
 * code with a, c, c₀ baked in (`new Function`); deeper networks use the same
 * recurrences as loops.
 *
 * The operations mirror LinearNet's exactly (kernel.ts): each 1 × 1 product
 * is the reference's `0 + a·b` (which turns −0 into +0, as the reference
 * does), so the result is bit-for-bit the reference's.
 */
import type { Problem } from '../linear-net.js';
import type { GradientKernel } from './kernel.js';
import type { EvaluateFn } from './unrolled.js';
import { literal } from './unrolled.js';

/** Deeper scalar networks run the recurrences as loops. */
export const SCALAR_UNROLL_DEPTH = 64;

/** The body of `(theta, grad) => loss` for a scalar network of this depth and data. */
export function scalarSource(depth: number, a: number, c: number, c0: number): string {
  const lines = ["'use strict';"];
  for (let i = 0; i < depth; i++) lines.push(`const w${i} = theta[${i}];`);
  // b_i = w_{i−1} ⋯ w_0 (0-based weights), b_1 = w_0
  const b = (i: number) => (i === 1 ? 'w0' : `b${i}`);
  for (let i = 2; i <= depth; i++) lines.push(`const b${i} = 0 + w${i - 1} * ${b(i - 1)};`);
  const P = b(depth);
  lines.push(`const q = 0 + ${P} * ${literal(a)};`);
  lines.push(`const pq = 0 + ${P} * q;`);
  lines.push(`const pc = 0 + ${P} * ${literal(c)};`);
  lines.push(`let d = q - ${literal(c)};`);
  for (let i = depth; i >= 2; i--) {
    lines.push(`grad[${i - 1}] = 0 + d * ${b(i - 1)};`);
    lines.push(`d = 0 + w${i - 1} * d;`);
  }
  lines.push('grad[0] = d;');
  lines.push(`return 0.5 * pq - pc + ${literal(c0)};`);
  return lines.join('\n');
}

export class ScalarKernel implements GradientKernel {
  readonly kind = 'scalar' as const;
  readonly evaluate: EvaluateFn;

  constructor(problem: Problem) {
    const { dims, depth } = problem.layout;
    if (!dims.every((d) => d === 1)) {
      throw new RangeError(`the scalar kernel needs every width 1, got ${dims.join('×')}`);
    }
    const a = problem.stats.sigma[0];
    const c = problem.stats.cross[0];
    const c0 = problem.stats.c0;
    this.evaluate =
      depth <= SCALAR_UNROLL_DEPTH
        ? (new Function('theta', 'grad', scalarSource(depth, a, c, c0)) as EvaluateFn)
        : scalarLoop(depth, a, c, c0);
  }
}

/** The same recurrences as loops over a preallocated prefix buffer. */
function scalarLoop(depth: number, a: number, c: number, c0: number): EvaluateFn {
  const prefix = new Float64Array(depth + 1);
  return (theta, grad) => {
    let b = theta[0];
    prefix[1] = b;
    for (let i = 2; i <= depth; i++) {
      b = 0 + theta[i - 1] * b;
      prefix[i] = b;
    }
    const q = 0 + b * a;
    const pq = 0 + b * q;
    const pc = 0 + b * c;
    let d = q - c;
    for (let i = depth; i >= 2; i--) {
      grad[i - 1] = 0 + d * prefix[i - 1];
      d = 0 + theta[i - 1] * d;
    }
    grad[0] = d;
    return 0.5 * pq - pc + c0;
  };
}

/**
 * The kernel of a scalar network (every width 1, any depth): the step
 * (step-program.ts) written out as straight-line JavaScript with Σ, C and c₀
 * baked in as literals and compiled with `new Function` — for width 1 every
 * product is one multiply-add, so the code is 2N multiplications with no
 * loops, no index arithmetic and nothing allocated.
 *
 * Each generated expression is the reference's: `(0 + a*b)` for a 1 × 1
 * product (which turns −0 into +0, as the reference does), evaluated left to
 * right; so the result is bit-for-bit the reference's.
 */
import type { Problem } from '../linear-net.js';
import type { GradientKernel } from './kernel.js';
import type { StepArithmetic } from './step-program.js';
import { evaluateEntrywise, stepProgram } from './step-program.js';

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

/** The body of `(theta, grad) => loss` for this problem: one `const` per stored value. */
function stepSource(problem: Problem): string {
  const lines = ["'use strict';"];
  const stored = (expression: string, name?: string) => {
    if (name === undefined) return `(${expression})`;
    lines.push(`const ${name} = ${expression};`);
    return name;
  };
  const source: StepArithmetic<string> = {
    constant: literal,
    add: (a, b, name) => stored(`${a} + ${b}`, name),
    sub: (a, b, name) => stored(`${a} - ${b}`, name),
    mul: (a, b) => `(${a} * ${b})`,
  };
  const theta = Array.from({ length: problem.layout.paramCount }, (_, i) => {
    lines.push(`const w${i} = theta[${i}];`);
    return `w${i}`;
  });
  const { loss, grad } = evaluateEntrywise(source, stepProgram(problem.layout), problem.stats, theta);
  grad.forEach((g, i) => {
    lines.push(`grad[${i}] = ${g};`);
  });
  lines.push(`return ${loss};`);
  return lines.join('\n');
}

export class ScalarKernel implements GradientKernel {
  readonly kind = 'scalar' as const;
  readonly evaluate: EvaluateFn;

  constructor(problem: Problem) {
    const { dims } = problem.layout;
    if (!dims.every((d) => d === 1)) {
      throw new RangeError(`the scalar kernel needs every width 1, got ${dims.join('×')}`);
    }
    this.evaluate = new Function('theta', 'grad', stepSource(problem)) as EvaluateFn;
  }
}

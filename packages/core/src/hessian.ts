/**
 * The dense Hessian, assembled column by column from Hessian-vector
 * products. Meant for small models (tests, exact sharpness, the GD map's
 * Jacobian determinant): p HVPs of O(N·h³) each and p² memory.
 */
import type { LinearNet } from './linear-net.js';

/** Scratch for `denseHessian`: the matrix and the vectors its products need. */
export interface HessianBuffers {
  readonly H: Float64Array;
  readonly grad: Float64Array;
  readonly e: Float64Array;
  readonly col: Float64Array;
}

export function hessianBuffers(p: number): HessianBuffers {
  return { H: new Float64Array(p * p), grad: new Float64Array(p), e: new Float64Array(p), col: new Float64Array(p) };
}

/**
 * Row-major p × p Hessian at θ, symmetrised to remove round-off asymmetry,
 * into `buffers.H` (returned). Pass buffers to call it in a loop without
 * allocating.
 */
export function denseHessian(
  net: LinearNet,
  theta: Float64Array,
  buffers: HessianBuffers = hessianBuffers(net.problem.layout.paramCount),
): Float64Array {
  const p = net.problem.layout.paramCount;
  const { H, grad, e, col } = buffers;
  net.evaluate(theta, grad);
  for (let j = 0; j < p; j++) {
    e[j] = 1;
    net.hvp(e, col);
    e[j] = 0;
    for (let i = 0; i < p; i++) H[i * p + j] = col[i];
  }
  for (let i = 0; i < p; i++) {
    for (let j = 0; j < i; j++) {
      const s = 0.5 * (H[i * p + j] + H[j * p + i]);
      H[i * p + j] = s;
      H[j * p + i] = s;
    }
  }
  return H;
}

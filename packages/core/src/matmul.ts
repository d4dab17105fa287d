/**
 * Allocation-free dense products on row-major Float64Array slices. ml-matrix
 * objects are 4–5× slower at these sizes and do not check inner dimensions,
 * so the hot loop uses these plain loops instead.
 */

/** out[m×n] = A[m×k] · B[k×n] */
export function matmul(
  A: Float64Array,
  aOff: number,
  B: Float64Array,
  bOff: number,
  out: Float64Array,
  oOff: number,
  m: number,
  k: number,
  n: number,
): void {
  for (let i = 0; i < m; i++) {
    const oRow = oOff + i * n;
    for (let j = 0; j < n; j++) out[oRow + j] = 0;
    const aRow = aOff + i * k;
    for (let p = 0; p < k; p++) {
      const a = A[aRow + p];
      const bRow = bOff + p * n;
      for (let j = 0; j < n; j++) out[oRow + j] += a * B[bRow + j];
    }
  }
}

/** out[m×n] (+)= Aᵀ · B with A stored k×m, B stored k×n. */
export function matmulTransA(
  A: Float64Array,
  aOff: number,
  B: Float64Array,
  bOff: number,
  out: Float64Array,
  oOff: number,
  m: number,
  k: number,
  n: number,
  accumulate: boolean,
): void {
  if (!accumulate) for (let i = 0; i < m * n; i++) out[oOff + i] = 0;
  for (let p = 0; p < k; p++) {
    const aRow = aOff + p * m;
    const bRow = bOff + p * n;
    for (let i = 0; i < m; i++) {
      const a = A[aRow + i];
      const oRow = oOff + i * n;
      for (let j = 0; j < n; j++) out[oRow + j] += a * B[bRow + j];
    }
  }
}

/** out[m×n] (+)= A · Bᵀ with A stored m×k, B stored n×k. */
export function matmulTransB(
  A: Float64Array,
  aOff: number,
  B: Float64Array,
  bOff: number,
  out: Float64Array,
  oOff: number,
  m: number,
  k: number,
  n: number,
  accumulate: boolean,
): void {
  for (let i = 0; i < m; i++) {
    const aRow = aOff + i * k;
    const oRow = oOff + i * n;
    for (let j = 0; j < n; j++) {
      const bRow = bOff + j * k;
      let s = 0;
      for (let p = 0; p < k; p++) s += A[aRow + p] * B[bRow + p];
      out[oRow + j] = accumulate ? out[oRow + j] + s : s;
    }
  }
}

/**
 * The bounded set of stable minima of a scalar network (all widths 1), in
 * closed form up to a one-dimensional root. With L = a/2·(w₁⋯w_N − c)² +
 * const, a minimizer has w₁⋯w_N = c and Hessian a·g gᵀ with g_i = c/w_i, so
 * λ_max = a c² Σ 1/w_i², and it is linearly stable for GD when ηλ_max ≤ 2.
 * The largest ‖θ‖² = Σ u_i (u_i = w_i²) subject to Π u_i = c² and
 * Σ 1/u_i ≤ B = 2/(ηac²): by Lagrange, every u_i solves u² − νu + κ = 0, so
 * the u_i take at most two values, x (m of them) and y ≤ x, and the
 * constraint is active. For each m the root y of m/x(y) + (N−m)/y = B with
 * x(y) = (c²/y^(N−m))^(1/m) is found by bisection; the bound is the best m.
 * Depth 2 gives ‖θ‖² = 2/(ηa). No stable minimizer exists above
 * η_c = 2/(N a c^(2(N−1)/N)).
 */

/** max ‖θ‖ over the linearly stable global minimizers; NaN when there are none (η > η_c) or c = 0. */
export function scalarStableNormBound(depth: number, a: number, c: number, eta: number): number {
  const N = depth;
  const c2 = c * c;
  if (!(a > 0 && c2 > 0 && eta > 0)) return Number.NaN;
  const B = 2 / (eta * a * c2);
  const balanced = c2 ** (1 / N);
  if (N === 1) return B >= 1 / c2 ? Math.abs(c) : Number.NaN;
  if (N / balanced > B * (1 + 1e-12)) return Number.NaN;
  let best = N * balanced;
  for (let m = 1; m < N; m++) {
    const x = (y: number) => (c2 / y ** (N - m)) ** (1 / m);
    const g = (y: number) => m / x(y) + (N - m) / y;
    // g grows from N/balanced at y = balanced as y falls; find g(y) = B
    let lo = balanced;
    while (g(lo) < B && lo > 1e-300) lo /= 2;
    let hi = balanced;
    for (let it = 0; it < 200; it++) {
      const mid = Math.sqrt(lo * hi);
      if (g(mid) < B) hi = mid;
      else lo = mid;
    }
    const y = hi;
    best = Math.max(best, m * x(y) + (N - m) * y);
  }
  return Math.sqrt(best);
}

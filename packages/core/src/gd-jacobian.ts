/**
 * How close the GD map θ ↦ θ − η∇L(θ) comes to being singular at θ. Its
 * Jacobian is I − η∇²L with det = Π_i (1 − ηλ_i); a factor's size is judged
 * against its scale 1 + η|λ_i| (the sizes of the two terms it is the
 * difference of), so the relative determinant Π |1 − ηλ_i| / (1 + η|λ_i|)
 * is 0 exactly when the map is singular and 1 for η = 0. Kept as a log and
 * a sign: the product over- or underflows long before it is interesting.
 */
export interface JacobianDeterminant {
  /** log Π |1 − ηλ_i| / (1 + η|λ_i|) (−∞ when a factor is exactly zero). */
  readonly logRelative: number;
  /** sign of det(I − η∇²L): +1, −1, or 0. */
  readonly sign: number;
}

export function gdJacobianRelative(eigenvalues: ArrayLike<number>, eta: number): JacobianDeterminant {
  let logRelative = 0;
  let sign = 1;
  for (let i = 0; i < eigenvalues.length; i++) {
    const f = 1 - eta * eigenvalues[i];
    if (f === 0) return { logRelative: Number.NEGATIVE_INFINITY, sign: 0 };
    if (f < 0) sign = -sign;
    logRelative += Math.log(Math.abs(f)) - Math.log1p(eta * Math.abs(eigenvalues[i]));
  }
  return { logRelative, sign };
}

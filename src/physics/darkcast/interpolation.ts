// Piecewise-linear interpolation helpers shared by the recast tables.

/** Index i with xs[i] <= x < xs[i+1] (clamped to [0, n−2]); xs ascending, n >= 2. */
export function bracket(xs: Float64Array, x: number): number {
  let lo = 0;
  let hi = xs.length - 1;
  if (x <= xs[0]) return 0;
  if (x >= xs[hi]) return hi - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] <= x) lo = mid;
    else hi = mid;
  }
  return lo;
}

/**
 * Linear in x, holding the edge values outside [xs[0], xs[n−1]]. This is DarkCast's rule for `.prd`
 * fractions and VMD curves (RESONANCE_RECAST.md §2.1), never for limits.
 */
export function interpolateHeld(xs: Float64Array, ys: Float64Array, x: number): number {
  const n = xs.length;
  if (n === 1 || x <= xs[0]) return ys[0];
  if (x >= xs[n - 1]) return ys[n - 1];
  const i = bracket(xs, x);
  const w = (x - xs[i]) / (xs[i + 1] - xs[i]);
  return ys[i] + w * (ys[i + 1] - ys[i]);
}

// Minimal 4-vector helpers (metric +,-,-,-). Vectors are [E, px, py, pz].

export type Vec4 = Float64Array;

export function vec4(E = 0, x = 0, y = 0, z = 0): Vec4 {
  const v = new Float64Array(4);
  v[0] = E;
  v[1] = x;
  v[2] = y;
  v[3] = z;
  return v;
}

export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  return a[0] * b[0] - a[1] * b[1] - a[2] * b[2] - a[3] * b[3];
}

/**
 * Boost `p` (given in the rest frame of a system) to the frame where that system has velocity
 * beta = (bx, by, bz); writes into out (may alias p).
 */
export function boost(out: Vec4, p: ArrayLike<number>, bx: number, by: number, bz: number): Vec4 {
  const b2 = bx * bx + by * by + bz * bz;
  const E = p[0],
    x = p[1],
    y = p[2],
    z = p[3];
  if (b2 <= 0) {
    out[0] = E;
    out[1] = x;
    out[2] = y;
    out[3] = z;
    return out;
  }
  const g = 1 / Math.sqrt(1 - b2);
  const bp = bx * x + by * y + bz * z;
  const g2 = (g - 1) / b2;
  out[0] = g * (E + bp);
  out[1] = x + g2 * bp * bx + g * bx * E;
  out[2] = y + g2 * bp * by + g * by * E;
  out[3] = z + g2 * bp * bz + g * bz * E;
  return out;
}

/**
 * Boost `p` from the rest frame of a system with 4-momentum P (mass M = sqrt(P^2), passed in to avoid
 * recomputing it with cancellation) to the frame where the system has momentum P. Numerically stable
 * for large boosts: E = (E_P Es + P.ps)/M, p = ps + P ((P.ps)/(M (E_P + M)) + Es/M), with (Es, ps) the
 * rest-frame components. out may alias p.
 */
export function boostFromRest(out: Vec4, p: ArrayLike<number>, P: ArrayLike<number>, M: number): Vec4 {
  const Es = p[0],
    x = p[1],
    y = p[2],
    z = p[3];
  const EP = P[0],
    Px = P[1],
    Py = P[2],
    Pz = P[3];
  const Pp = Px * x + Py * y + Pz * z;
  const f = Pp / (M * (EP + M)) + Es / M;
  out[0] = (EP * Es + Pp) / M;
  out[1] = x + f * Px;
  out[2] = y + f * Py;
  out[3] = z + f * Pz;
  return out;
}

/** Inverse of boostFromRest: the components of p in the rest frame of the system P (mass M). */
export function boostToRest(out: Vec4, p: ArrayLike<number>, P: ArrayLike<number>, M: number): Vec4 {
  const E = p[0],
    x = p[1],
    y = p[2],
    z = p[3];
  const EP = P[0],
    Px = P[1],
    Py = P[2],
    Pz = P[3];
  const Pp = Px * x + Py * y + Pz * z;
  const f = Pp / (M * (EP + M)) - E / M;
  out[0] = (EP * E - Pp) / M;
  out[1] = x + f * Px;
  out[2] = y + f * Py;
  out[3] = z + f * Pz;
  return out;
}

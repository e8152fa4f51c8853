// The (alpha, R) parametrisation of vector models (SPEC §3.6, G2 eq. 4.4):
//   x_f ∝ sin(alpha) (L_e - L_mu) + cos(alpha) (B/3 - L_mu) + R (L_mu - L_tau).
import type { VectorCoefficients } from './types.js';

export interface AlphaR {
  /** Radians in (-pi, pi]; NaN where undefined (multiples of L_mu - L_tau, the dark photon). */
  alpha: number;
  /** The same angle in degrees, the unit of VALIDATION §6. */
  alphaDeg: number;
  /** R >= 0; +Infinity for L_mu - L_tau, NaN for the dark photon. */
  R: number;
}

/** Relative tolerance for anomaly condition (A2) on float coefficients. */
const A2_TOLERANCE = 1e-9;

/**
 * Inverse map (SPEC §3.6): lambda = ±sqrt(l_e^2 + 9 c_B^2), sin(alpha) = l_e/lambda,
 * cos(alpha) = 3 c_B/lambda, R = -l_tau/lambda, with the sign of lambda that makes R >= 0
 * (R -> -R is alpha -> alpha + pi, G2 footnote 9) and lambda > 0 when R = 0 (as in VALIDATION §6).
 */
export function alphaR(c: VectorCoefficients): AlphaR {
  const scale = Math.max(Math.abs(c.B), Math.abs(c.e), Math.abs(c.mu), Math.abs(c.tau));
  // (A2) fixes c_B = -(l_e + l_mu + l_tau)/3 (SPEC §3.3); the map is defined only on that plane.
  if (Math.abs(3 * c.B + c.e + c.mu + c.tau) > A2_TOLERANCE * Math.max(scale, 1)) {
    throw new RangeError(
      `(alpha, R) needs an anomaly-free vector model, c_B = -(c_e + c_mu + c_tau)/3 (SPEC §3.3); got ` +
        `c = (${c.B}; ${c.e}, ${c.mu}, ${c.tau})`,
    );
  }
  const norm = Math.hypot(c.e, 3 * c.B);
  if (norm === 0) {
    const R = c.tau === 0 ? NaN : Infinity; // pure L_mu - L_tau, or nothing at all (dark photon)
    return { alpha: NaN, alphaDeg: NaN, R };
  }
  const lambda = c.tau > 0 ? -norm : norm;
  const alpha = Math.atan2(c.e / lambda, (3 * c.B) / lambda);
  return { alpha, alphaDeg: (alpha * 180) / Math.PI, R: -c.tau / lambda + 0 };
}

/**
 * Forward map (SPEC §3.6): c_B = cos(alpha)/3, l_e = sin(alpha), l_mu = R - sin(alpha) - cos(alpha),
 * l_tau = -R. R = ±Infinity gives L_mu - L_tau itself (in the orientation of the sign of R).
 */
export function vectorFromAlphaR(alpha: number, R: number): VectorCoefficients {
  if (!Number.isFinite(R)) {
    if (Number.isNaN(R)) throw new RangeError('R must be a number');
    const s = Math.sign(R);
    return { B: 0, e: 0, mu: s, tau: -s };
  }
  const sin = Math.sin(alpha);
  const cos = Math.cos(alpha);
  return { B: cos / 3, e: sin, mu: R - sin - cos, tau: -R };
}

// Diagnostics of the trident table used in its header and tests: the L_mu - L_tau (eps = 0) CCFR 95 %
// bound and its crossing with the (g-2)_mu line, and the comparison with the EFT formula.
// The g-2 loop function is SPEC §4.1's F_V, integrated here with composite Simpson (a local copy for
// diagnostics only; the scanner's g-2 constraint has its own).

import { M_MU } from '../constants.js';
import { ratioFromCoefficients, type TridentCoefficientSet } from './eft.js';
import { CCFR_R95 } from './inputs.js';

/** F_V(r) = int_0^1 2 r^2 x^2 (1 - x)/(1 - x + r^2 x^2) dx (SPEC §4.1). */
export function loopFV(r: number, n = 4000): number {
  const r2 = r * r;
  const f = (x: number) => (2 * r2 * x * x * (1 - x)) / (1 - x + r2 * x * x);
  let s = f(0) + f(1);
  for (let i = 1; i < n; i++) s += (i % 2 ? 4 : 2) * f(i / n);
  return s / (3 * n);
}

/** g_X of L_mu - L_tau (q_V^mu = 1, q_A = 0, eps = 0) giving Delta a_mu = damu. */
export function gForDeltaAmu(mX: number, damu: number): number {
  return Math.sqrt((8 * Math.PI * Math.PI * damu) / loopFV(M_MU / mX));
}

/**
 * CCFR 95 % CL bound on g_X for L_mu - L_tau at eps = 0: Y_V = g^2 (y_nu = g, y_V^mu = g), Y_A = 0, so
 * R - 1 = a_V g^2 + b_VV g^4 = R95 - 1.
 */
export function lmultauBound(c: TridentCoefficientSet, r95 = CCFR_R95): number {
  const t = r95 - 1;
  const y = c.bVV > 0 ? (2 * t) / (c.aV + Math.sqrt(c.aV * c.aV + 4 * c.bVV * t)) : t / c.aV;
  return Math.sqrt(y);
}

/** Log-spaced masses for crossing searches. */
export function logGrid(lo: number, hi: number, n: number): number[] {
  return Array.from({ length: n + 1 }, (_, i) => Math.exp(Math.log(lo) + ((Math.log(hi) - Math.log(lo)) * i) / n));
}

/**
 * Masses where the CCFR bound crosses the g-2 line for Delta a_mu = damu, given coefficients on an
 * increasing mass grid (refined linearly in ln m). Below a crossing the g-2 coupling is allowed by CCFR,
 * above it excluded.
 */
export function crossings(masses: ArrayLike<number>, coeffs: TridentCoefficientSet[], damu: number): number[] {
  const out: number[] = [];
  let prev: { lm: number; d: number } | null = null;
  for (let i = 0; i < masses.length; i++) {
    const m = masses[i];
    const lm = Math.log(m);
    const d = Math.log(lmultauBound(coeffs[i]) / gForDeltaAmu(m, damu));
    if (prev && prev.d > 0 !== d > 0) out.push(Math.exp(prev.lm + (prev.d / (prev.d - d)) * (lm - prev.lm)));
    prev = { lm, d };
  }
  return out;
}

/**
 * Compare R from `full` with R from `eft` at the couplings where the EFT gives R = R95, for a pure
 * vector (L_mu - L_tau-like: Y_A = 0) and a pure axial (Y_V = 0) new-physics coupling. Returns the
 * relative differences R_full/R_eft - 1.
 */
export function eftBoundaryComparison(
  full: TridentCoefficientSet,
  eft: TridentCoefficientSet,
  r95 = CCFR_R95,
): { vector: number; axial: number } {
  const t = r95 - 1;
  const yV = (2 * t) / (eft.aV + Math.sqrt(eft.aV ** 2 + 4 * eft.bVV * t));
  const yA = (2 * t) / (eft.aA + Math.sqrt(eft.aA ** 2 + 4 * eft.bAA * t));
  return {
    vector: ratioFromCoefficients(full, yV, 0) / ratioFromCoefficients(eft, yV, 0) - 1,
    axial: ratioFromCoefficients(full, 0, yA) / ratioFromCoefficients(eft, 0, yA) - 1,
  };
}

// nu-e elastic scattering of the 862 keV 7Be solar line with an X in the t channel (SPEC §4.5).
//   d sigma_a/dT ∝ gL_a(T)^2 + gR_a(T)^2 (1 - T/E)^2 - gL_a(T) gR_a(T) m_e T/E^2
//   gL_a(T) = gL0_a + y_nu^a y_L^e D(T)/(2 sqrt2 G_F),  gR_a likewise,  D(T) = 1/(2 m_e T + m_X^2)
// Factorised per mass into the moments J_kn = int w_k(T) D(T)^n dT (SPEC §4.5 "Factorised form").
// Here they are kept dimensionless for float32 and for interpolation in log m_X: with
// kappa = 1/(2 sqrt2 G_F m_X^2) and d(T) = m_X^2 D(T) in (0, 1],
//   L_kn = int w_k(T) d(T)^n dT,  and the X term of gL_a is (kappa y_nu^a y_L^e) d(T).

import { M_E, SW2 } from './constants.js';
import { integrate } from './quadrature.js';

/** The 862 keV 7Be line; the 384 keV line is ignored [G2 §3.4, SPEC §4.5]. */
export const BE7_ENERGY = 0.862e-3;

/** Largest recoil energy for neutrino energy E on an electron at rest: 2E^2/(m_e + 2E). */
export function maxRecoil(E: number): number {
  return (2 * E * E) / (M_E + 2 * E);
}

/** SM chiral couplings of nu_a to electrons; the +1 for nu_e is the W exchange (SPEC §4.5). */
export const BOREXINO_SM = {
  gL: { e: 0.5 + SW2, mu: -0.5 + SW2, tau: -0.5 + SW2 },
  gR: SW2,
} as const;

/** Flavour fractions at Earth: P_e, and P_mu, P_tau from (1 - P_e) and theta_23 (SPEC §4.5, theta_13 neglected). */
export function flavourFractions(Pe: number, sin2Theta23: number) {
  return { e: Pe, mu: (1 - Pe) * (1 - sin2Theta23), tau: (1 - Pe) * sin2Theta23 };
}

/** Recoil weights w_0 = 1, w_1 = (1 - T/E)^2, w_2 = m_e T/E^2 (SPEC §4.5). */
function weight(k: number, T: number, E: number): number {
  return k === 0 ? 1 : k === 1 ? (1 - T / E) ** 2 : (M_E * T) / (E * E);
}

/**
 * The dimensionless moments L_kn(m_X) = int_{Tmin}^{Tmax} w_k(T) [m_X^2/(2 m_e T + m_X^2)]^n dT, k, n in 0..2,
 * as L[k][n] in GeV (the common unit cancels in R).
 */
export function recoilMoments(mX: number, E: number, Tmin: number): number[][] {
  const Tmax = maxRecoil(E);
  const m2 = mX * mX;
  // d(T) falls from 1 over a recoil scale m^2/(2 m_e): split there for a very light X.
  const knee = m2 / (2 * M_E);
  const breaks = [knee, 10 * knee, 100 * knee].filter((t) => t > Tmin && t < Tmax);
  return [0, 1, 2].map((k) =>
    [0, 1, 2].map((n) => integrate((T) => weight(k, T, E) * (m2 / (2 * M_E * T + m2)) ** n, Tmin, Tmax, { relTol: 1e-12, breaks })),
  );
}

// One-loop functions of the lepton anomalous magnetic moment from a vector boson with vector and
// axial couplings (SPEC §4.1, MF eqs. 3.3-3.4, G2 eq. 2.5): Delta a = (y_V^2 F_V(r) + y_A^2 F_A(r))/(8 pi^2),
// r = m_lepton / m_X. Computed by adaptive quadrature in float64 (SPEC §6.3: the closed forms cancel
// catastrophically for small r).

import { integrate } from './quadrature.js';

/** The integrands have a feature of width ~r^2 at x = 1 when r is small: split there (SPEC §6.3). */
function breaks(r: number): number[] {
  const w = Math.min(0.5, 50 * r * r);
  return [1 - w, 1 - w / 100, 1 - w / 1e4].filter((x) => x > 0 && x < 1);
}

/** F_V(r) = r^2 I_V(r) = int_0^1 2 r^2 x^2 (1 - x) / (1 - x + r^2 x^2) dx. */
export function loopFV(r: number): number {
  const r2 = r * r;
  return integrate((x) => (2 * r2 * x * x * (1 - x)) / (1 - x + r2 * x * x), 0, 1, { breaks: breaks(r), relTol: 1e-12 });
}

/** F_A(r) = r^2 I_A(r) = -int_0^1 r^2 [2x(1-x)(4-x) + 4 r^2 x^3] / (1 - x + r^2 x^2) dx (longitudinal part included). */
export function loopFA(r: number): number {
  const r2 = r * r;
  return -integrate((x) => (r2 * (2 * x * (1 - x) * (4 - x) + 4 * r2 * x * x * x)) / (1 - x + r2 * x * x), 0, 1, {
    breaks: breaks(r),
    relTol: 1e-12,
  });
}

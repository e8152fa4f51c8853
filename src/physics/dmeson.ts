// D-meson bounds for "2+1" quark charge assignments (SPEC §4.13; MF §3.5.4).
// With x_q12 = 0, x_q3 != 0 and down alignment, X has the flavour-changing coupling
// x_q3 g_X V_ub^* V_cb to left-handed up quarks; D-Dbar mixing and D+ -> pi+ X give lower bounds on
// m_X that are linear in g_X x_q3.

import type { ChargeTable } from '../models/types.js';

/** D-Dbar mixing: m_X >~ 60 MeV (g_X x_q3/1e-4) for real couplings (used by MF), 360 MeV with a maximal weak phase [MF §3.5.4]. */
export const D_MIXING_SLOPE = { real: 0.06 / 1e-4, maximal: 0.36 / 1e-4 } as const;
/** D+ -> pi+ X, X invisible (CLEO recast, BR < 8e-6): m_X >~ 70 MeV (g_X x_q3/1e-5), for m_X < 2 m_mu and BR(X -> nu nu) = 1 [MF §3.5.4]. */
export const D_INVISIBLE_SLOPE = 0.07 / 1e-5;

/**
 * The third-family quark-doublet charge x_q3 of a 2+1 assignment (all first- and second-family quark
 * charges zero, x_Q3 != 0), or the reason the D-meson bounds of SPEC §4.13 do not apply.
 */
export function thirdFamilyQuarkCharge(ch: ChargeTable): number | string {
  const light = [ch.Q[0], ch.Q[1], ch.U[0], ch.U[1], ch.D[0], ch.D[1]];
  if (light.some((x) => x !== 0)) return 'needs x_q12 = 0 (first two quark families uncharged; SPEC §4.13)';
  if (ch.Q[2] === 0) return 'needs a charged third-family quark doublet, x_q3 != 0 (SPEC §4.13)';
  return ch.Q[2];
}

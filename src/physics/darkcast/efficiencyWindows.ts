// Lifetime acceptance (RESONANCE_RECAST.md §5): the decay must fall in a proper-time window [t0, t1],
// ε_det(τ) = e^{−t0/τ} − e^{−t1/τ}. Windows are expressed through a = t/ħ (GeV⁻¹) so that t/τ = a·Γ_tot.

import { C_LIGHT, HBAR, M_ETA, M_PHI, MASS } from './darkcastConstants.js';

/** How a prompt search's upper proper time t1(m) is fixed (§5.2). */
export type T1Form =
  /** t1 = L/(γ c); γ from e⁺e⁻ → γX at √s = m_φ (KLOE), from φ → ηX at rest, or E/m at a fixed energy (NA48/2). */
  | { kind: 'decay_length'; lengthM: number; boost: 'phi_to_gamma_x' | 'phi_to_eta_x' | { energyGeV: number } }
  /** LHCb prompt: t1 = [A/(m − 2m_μ) + B] ps, m in GeV. */
  | { kind: 'lhcb'; aPsGeV: number; bPs: number }
  /** First piece whose `below` exceeds m applies; t1 = null means no upper cut; linear pieces t1 = a + b m. */
  | { kind: 'piecewise'; pieces: ({ below?: number; t1: number | null } | { below?: number; a: number; b: number })[] };

function boostFactor(boost: 'phi_to_gamma_x' | 'phi_to_eta_x' | { energyGeV: number }, m: number): number {
  if (boost === 'phi_to_gamma_x') return (M_PHI * M_PHI + m * m) / (2 * M_PHI * m);
  if (boost === 'phi_to_eta_x') return (M_PHI * M_PHI + m * m - M_ETA * M_ETA) / (2 * M_PHI * m);
  return boost.energyGeV / m;
}

/** Upper proper time t1(m) in s; Infinity when unbounded. */
export function promptT1(form: T1Form, m: number): number {
  switch (form.kind) {
    case 'decay_length':
      return form.lengthM / (boostFactor(form.boost, m) * C_LIGHT);
    case 'lhcb':
      return (form.aPsGeV / (m - 2 * MASS.mu) + form.bPs) * 1e-12;
    case 'piecewise': {
      for (const piece of form.pieces) {
        if (piece.below !== undefined && !(m < piece.below)) continue;
        if ('a' in piece) return piece.a + piece.b * m;
        return piece.t1 === null ? Infinity : piece.t1;
      }
      throw new Error(`no t1 piece covers m = ${m}`);
    }
  }
}

/**
 * ε_det = e^{−a0 Γ} − e^{−a1 Γ} (a = t/ħ, GeV⁻¹; a1 = Infinity for no upper cut), written with expm1 so a
 * long-lived particle (a1 Γ ≪ 1) keeps its full relative precision.
 */
export function detectionEfficiency(a0: number, a1: number, gamma: number): number {
  const early = Math.exp(-a0 * gamma);
  if (a1 === Infinity) return early;
  return early * -Math.expm1(-(a1 - a0) * gamma);
}

/**
 * t0 of a displaced search at one mass (§5.3): the dark photon must give equal yields at both island edges,
 *   ε_up² [e^{−t0/τ_up} − e^{−(1+ρ)t0/τ_up}] = ε_lo² [e^{−t0/τ_lo} − e^{−(1+ρ)t0/τ_lo}],
 * with τ(ε) = ħ/(ε² γ) and ρ = L_dec/L_sh. Returns t0 in s (NaN if the island is empty).
 *
 * In z = t0 γ ε_lo²/ħ and q = ε_up²/ε_lo² the condition is
 *   h(z) = ln q − (q−1) z + ln(1 − e^{−ρ q z}) − ln(1 − e^{−ρ z}) = 0,
 * and h falls monotonically from 2 ln q > 0 at z → 0 to −∞, so bisection on ln z finds the single root.
 */
export function solveDisplacedT0(epsLo: number, epsUp: number, gammaPerEps2: number, rho: number): number {
  if (!(epsUp > epsLo) || !(gammaPerEps2 > 0)) return NaN;
  const q = (epsUp * epsUp) / (epsLo * epsLo);
  const h = (z: number) => Math.log(q) - (q - 1) * z + Math.log(-Math.expm1(-rho * q * z)) - Math.log(-Math.expm1(-rho * z));
  let lo = 1e-30;
  let hi = 1;
  while (h(hi) > 0) hi *= 2;
  for (let it = 0; it < 200 && hi / lo > 1 + 1e-15; it++) {
    const mid = Math.sqrt(lo * hi);
    if (h(mid) > 0) lo = mid;
    else hi = mid;
  }
  const z = Math.sqrt(lo * hi);
  return (z * HBAR) / (gammaPerEps2 * epsLo * epsLo);
}

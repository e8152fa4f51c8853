// CHARM-II nu_mu e and anti-nu_mu e scattering at high energy (SPEC §4.11; G2 eqs. 5.8-5.10).
//   d sigma/dy (nu_mu e)   ∝ gL(y)^2 + gR(y)^2 (1 - y)^2,   anti-nu_mu: gL <-> gR
//   gL(y) = s_w^2 - 1/2 + kappa y_nu^mu y_L^e d(y),  gR(y) = s_w^2 + kappa y_nu^mu y_R^e d(y)
//   kappa = 1/(2 sqrt2 G_F m_X^2),  d(y) = m_X^2/(2 E m_e y + m_X^2) in (0, 1]
// The recoil (y) dependence enters through the moments int w(y) d(y)^n dy, w in {1, (1 - y)^2}.

import { M_E } from './constants.js';
import { integrate } from './quadrature.js';

/** Mean beam energies, GeV [G2 §5.3, SPEC §4.11]. */
export const CHARM2_BEAM_ENERGY = { nu: 23.7, nubar: 19.1 } as const;

/**
 * Published CHARM-II effective nu-e couplings from the nu_mu e and anti-nu_mu e cross sections
 * [CHARM-II, P. Vilain et al., Phys. Lett. B 335 (1994) 246, as quoted in SPEC §4.11 (G2 ref. 80)]:
 *   g_V = -0.035 +- 0.012 (stat) +- 0.012 (syst),   g_A = -0.503 +- 0.006 (stat) +- 0.016 (syst).
 * Statistical and systematic errors are added in quadrature (sigma_V = 0.0170, sigma_A = 0.0171).
 * In chiral form g_L = (g_V + g_A)/2, g_R = (g_V - g_A)/2, each with error sqrt(s_V^2 + s_A^2)/2 = 0.01204;
 * g_V and g_A are taken as uncorrelated (the paper's correlation is not in SPEC §4.11).
 */
export const CHARM2_PUBLISHED = {
  reference: 'CHARM-II, P. Vilain et al., Phys. Lett. B 335 (1994) 246',
  gV: { value: -0.035, stat: 0.012, syst: 0.012 },
  gA: { value: -0.503, stat: 0.006, syst: 0.016 },
} as const;

export const CHARM2_COUPLINGS = {
  gV: CHARM2_PUBLISHED.gV.value,
  gA: CHARM2_PUBLISHED.gA.value,
  sigmaV: Math.hypot(CHARM2_PUBLISHED.gV.stat, CHARM2_PUBLISHED.gV.syst),
  sigmaA: Math.hypot(CHARM2_PUBLISHED.gA.stat, CHARM2_PUBLISHED.gA.syst),
} as const;

export function charm2ChiralCouplings() {
  const { gV, gA, sigmaV, sigmaA } = CHARM2_COUPLINGS;
  return { gL: (gV + gA) / 2, gR: (gV - gA) / 2, sigma: Math.hypot(sigmaV, sigmaA) / 2 };
}

/**
 * Electron-energy threshold of the CHARM-II event selection, GeV [supplied: 3 GeV; the threshold is
 * in neither SPEC §4.11 nor the papers, and was not checked against Vilain et al. 1994]. Only the light-X (y-dependent) part depends on it.
 */
export const CHARM2_RECOIL_MIN = 3;

/** Moments [w][n] = int_{y0}^{1} w(y) d(y)^n dy for w = 1, (1 - y)^2 and n = 0, 1, 2. */
export function charm2Moments(mX: number, E: number, recoilMin: number): number[][] {
  const y0 = Math.min(recoilMin / E, 1);
  const m2 = mX * mX;
  const q = 2 * E * M_E; // Q^2 = q y
  const knee = m2 / q;
  const breaks = [knee, 10 * knee].filter((y) => y > y0 && y < 1);
  const weights = [(_y: number) => 1, (y: number) => (1 - y) ** 2];
  return weights.map((w) =>
    [0, 1, 2].map((n) => (y0 >= 1 ? 0 : integrate((y) => w(y) * (m2 / (q * y + m2)) ** n, y0, 1, { relTol: 1e-12, breaks }))),
  );
}

// Physical constants used everywhere (SPEC §1). Units: GeV, GeV^-2, GeV·fm.
// Constants that only one likelihood uses in its own convention (the COHERENT 7stats numbers of
// SPEC §4.6.1, DarkCast's `pars`) live beside that likelihood, not here.

/** Fine-structure constant in the Thomson limit, PDG 2020. */
export const ALPHA = 1 / 137.035999084;
/** Electric charge e = sqrt(4 pi alpha) (SPEC §1). */
export const E_CHARGE = Math.sqrt(4 * Math.PI * ALPHA);
/** alpha(m_Z), PDG 2020; used only in the T parameter (SPEC §4.7). */
export const ALPHA_MZ = 1 / 127.952;
/** Fermi constant in GeV^-2, PDG 2020. */
export const G_F = 1.1663788e-5;
export const SQRT2_GF = Math.SQRT2 * G_F;
/** sin^2 theta_w, MS-bar at m_Z, PDG 2020 (SPEC §1 note: one global value). */
export const SW2 = 0.23121;
export const SW = Math.sqrt(SW2);
export const CW = Math.sqrt(1 - SW2);
/** g_Z = e / (s_w c_w) (SPEC §1). */
export const G_Z = E_CHARGE / (SW * CW);

/** Lepton masses in GeV, PDG 2020. */
export const M_E = 0.51099895e-3;
export const M_MU = 0.1056583755;
export const M_TAU = 1.77686;
export const LEPTON_MASS = { e: M_E, mu: M_MU, tau: M_TAU } as const;
/** Charged pion mass in GeV, PDG 2020 (SNS source). */
export const M_PI_CHARGED = 0.13957039;
/** Z mass in GeV, PDG 2020. */
export const M_Z = 91.1876;
/** Atomic mass unit in GeV, PDG 2020. */
export const AMU_GEV = 0.9314941;
/** hbar c in GeV fm, PDG 2020. */
export const HBARC_GEV_FM = 0.1973269804;
/** hbar in GeV s, PDG 2020 (lifetimes). */
export const HBAR_GEV_S = 6.582119569e-25;

/** Nuclei (SPEC §1): Z, N and mass in atomic mass units. */
export const CS133 = { Z: 55, N: 78, A: 133, massU: 132.905452 } as const;
export const I127 = { Z: 53, N: 74, A: 127, massU: 126.904473 } as const;

/** Electric charges of the SM fermions (in units of e). */
export const Q_EM = { lepton: -1, neutrino: 0, up: 2 / 3, down: -1 / 3 } as const;

/** K(m_X) = 1/(sqrt(2) G_F m_X^2), dimensionless (SPEC §4 preamble). */
export function contactStrength(mX: number): number {
  return 1 / (SQRT2_GF * mX * mX);
}

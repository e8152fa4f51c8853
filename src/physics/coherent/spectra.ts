// Pion decay-at-rest neutrino spectra at the SNS (SPEC §4.6.1, §4.6.4). Energies and m_mu in the same unit;
// each delayed shape integrates to 1 on [0, m_mu/2]. The full method integrates them up to 53 MeV,
// past the end point, without clipping (SPEC §4.6.1), so these are the bare polynomials.

/** Delayed nu_e: (192/m)(E/m)^2 (1/2 - E/m). */
export function nueSpectrum(e: number, mMu: number): number {
  const x = e / mMu;
  return (192 / mMu) * x * x * (0.5 - x);
}

/** Delayed anti-nu_mu: (64/m)(E/m)^2 (3/4 - E/m). */
export function numubarSpectrum(e: number, mMu: number): number {
  const x = e / mMu;
  return (64 / mMu) * x * x * (0.75 - x);
}

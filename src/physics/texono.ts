// Reactor anti-nu_e on electrons, TEXONO recoil window (SPEC §4.10, rate-only version [supplied]).
//   d sigma/dT ∝ gR^2 + gL^2 (1 - T/E)^2 - gL gR m_e T/E^2        (antineutrino: gL and gR swap roles [std])
// With contact couplings (recoil 3-8 MeV, m_X >= 10 MeV: the propagator is 1/m_X^2) the flux-averaged
// rate is gR^2 I0 + gL^2 I1 - gL gR I2 with three mass-independent flux integrals I_k.

import { M_E } from './constants.js';
import { integrate } from './quadrature.js';

/** Vogel-Engel reactor spectra exp(a0 + a1 E + a2 E^2), E in MeV, and fission fractions [std, SPEC §4.10]. */
export const REACTOR_ISOTOPES = [
  { isotope: 'U235', fraction: 0.55, a: [0.87, -0.16, -0.091] },
  { isotope: 'Pu239', fraction: 0.32, a: [0.896, -0.239, -0.0981] },
  { isotope: 'U238', fraction: 0.07, a: [0.976, -0.162, -0.079] },
  { isotope: 'Pu241', fraction: 0.06, a: [0.793, -0.08, -0.1085] },
] as const;

/** TEXONO recoil window, MeV [G2 §5.3, SPEC §4.10]. */
export const TEXONO_RECOIL_MEV = [3, 8] as const;
/**
 * Upper end of the neutrino-energy integral, MeV [supplied]. The exponential fits are extrapolated
 * beyond the ~8 MeV where they were made; energies above 10 MeV add 0.1% to I1 and less to I0, I2, and
 * moving the cut from 16 to 24 MeV changes the integrals by < 1e-8 relative.
 */
export const REACTOR_EMAX_MEV = 16;

/** Anti-nu_e flux per fission in arbitrary units, E in MeV. */
export function reactorSpectrum(E: number): number {
  let s = 0;
  for (const { fraction, a } of REACTOR_ISOTOPES) s += fraction * Math.exp(a[0] + a[1] * E + a[2] * E * E);
  return s;
}

/** Flux-averaged recoil integrals I0 = <int dT>, I1 = <int (1 - T/E)^2 dT>, I2 = <int m_e T/E^2 dT> (MeV units). */
export function texonoFluxIntegrals(eMax = REACTOR_EMAX_MEV): [number, number, number] {
  const me = M_E * 1e3;
  const [t1, t2] = TEXONO_RECOIL_MEV;
  const maxRecoil = (E: number) => (2 * E * E) / (me + 2 * E);
  // Neutrino energy that reaches recoil T: the positive root of 2E^2 - 2TE - T m_e = 0.
  const threshold = (T: number) => (T + Math.sqrt(T * T + 2 * T * me)) / 2;
  const eLo = threshold(t1);
  const kink = threshold(t2);
  const inner = (E: number, k: number) => {
    const hi = Math.min(t2, maxRecoil(E));
    if (hi <= t1) return 0;
    if (k === 0) return hi - t1;
    if (k === 1) return (E / 3) * ((1 - t1 / E) ** 3 - (1 - hi / E) ** 3);
    return (me * (hi * hi - t1 * t1)) / (2 * E * E);
  };
  const I = (k: number) => integrate((E) => reactorSpectrum(E) * inner(E, k), eLo, eMax, { relTol: 1e-12, breaks: [kink] });
  return [I(0), I(1), I(2)];
}

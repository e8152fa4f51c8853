// Partial widths of X as coefficient rows over the coupling products (couplingProducts.ts):
// Γ(X → F) = Σ_k row_F[k] · P_k(couplings), GeV. RESONANCE_RECAST.md §3.

import { ALPHA_DC, MASS } from './darkcastConstants.js';
import type { SmState } from './decayStates.js';
import { HADRONIC_STATES, SM_STATES } from './decayStates.js';
import { mesonProductIndex, N_PRODUCTS, squareIndex } from './couplingProducts.js';
import type { FermionField } from './fermionCouplings.js';
import type { VmdSet } from './vmdSet.js';

/** Dirac pairs computed perturbatively: leptons N_c = 1; only c, b, t among quarks, N_c = 3 (§3.1). */
const FERMION_PAIRS: { state: SmState; v: FermionField; a: FermionField; mass: number; nc: number }[] = [
  { state: 'e_e', v: 'eV', a: 'eA', mass: MASS.e, nc: 1 },
  { state: 'mu_mu', v: 'muV', a: 'muA', mass: MASS.mu, nc: 1 },
  { state: 'tau_tau', v: 'tauV', a: 'tauA', mass: MASS.tau, nc: 1 },
  { state: 'c_c', v: 'cV', a: 'cA', mass: MASS.c, nc: 3 },
  { state: 'b_b', v: 'bV', a: 'bA', mass: MASS.b, nc: 3 },
  { state: 't_t', v: 'tV', a: 'tA', mass: MASS.t, nc: 3 },
];

const NEUTRINOS: { state: SmState; field: FermionField }[] = [
  { state: 'nue_nue', field: 'nue' },
  { state: 'numu_numu', field: 'numu' },
  { state: 'nutau_nutau', field: 'nutau' },
];

/**
 * X → f f̄ coefficients of g_V² and g_A²: N_c m/(12π) β (1 + 2r) and N_c m/(12π) β³, r = m_f²/m², β = √(1−4r)
 * (§3.1); zero at or below threshold.
 */
export function fermionPairCoefficients(m: number, mf: number, nc: number): { vector: number; axial: number } {
  if (!(m > 2 * mf)) return { vector: 0, axial: 0 };
  const r = (mf * mf) / (m * m);
  const beta = Math.sqrt(1 - 4 * r);
  const k = (nc * m) / (12 * Math.PI);
  return { vector: k * beta * (1 + 2 * r), axial: k * beta * beta * beta };
}

/**
 * X → 3γ through the electron loop, coefficient of g_eV², only below 2 m_e (§3.2, Seo:2020dtx eq. 3.5):
 * α³/(4π) m⁹/(2⁷ 3⁶ 5² π³ m_e⁸) [17/5 + (67/42) z² + (128941/246960) z⁴], z = m/m_e.
 */
export function threePhotonCoefficient(m: number): number {
  if (!(m < 2 * MASS.e) || m <= 0) return 0;
  const z = m / MASS.e;
  const z2 = z * z;
  const prefactor = ((ALPHA_DC ** 3 / (4 * Math.PI)) * (m * z ** 8)) / (2 ** 7 * 3 ** 6 * 5 ** 2 * Math.PI ** 3);
  return prefactor * (17 / 5 + (67 / 42) * z2 + (128941 / 246960) * z2 * z2);
}

/**
 * Hadronic final state F (§3.3): Γ = m/(12π) [Σ_V c_V² R_V^F + 2 c_ω c_φ R_ωφ^F] with c_ρ = 2 t_ρ,
 * c_ω = 6 t_ω, c_φ = 3√2 t_φ, i.e. coefficients 4 R_ρ, 36 R_ω, 18 R_φ and 36√2 R_ωφ on the t-products.
 */
export function hadronicRow(m: number, pieces: readonly number[], row: Float64Array = new Float64Array(N_PRODUCTS)): Float64Array {
  const k = m / (12 * Math.PI);
  const [rRho, rOmega, rPhi, rOmegaPhi] = pieces;
  row[mesonProductIndex(0, 0)] += k * 4 * rRho;
  row[mesonProductIndex(1, 1)] += k * 36 * rOmega;
  row[mesonProductIndex(2, 2)] += k * 18 * rPhi;
  row[mesonProductIndex(1, 2)] += k * 36 * Math.SQRT2 * rOmegaPhi;
  return row;
}

/** Width rows of every SM final state at mass m (GeV). */
export function smWidthRows(m: number, vmd: VmdSet): Map<SmState, Float64Array> {
  const rows = new Map<SmState, Float64Array>();
  for (const s of SM_STATES) rows.set(s, new Float64Array(N_PRODUCTS));
  for (const p of FERMION_PAIRS) {
    const c = fermionPairCoefficients(m, p.mass, p.nc);
    const row = rows.get(p.state)!;
    row[squareIndex(p.v)] = c.vector;
    row[squareIndex(p.a)] = c.axial;
  }
  // A left-handed coupling x is x_V = x_A = x/2 on a massless Dirac field: Γ = x² m/(24π) (§3.1).
  for (const nu of NEUTRINOS) rows.get(nu.state)![squareIndex(nu.field)] = m / (24 * Math.PI);
  rows.get('gamma_gamma_gamma')![squareIndex('eV')] = threePhotonCoefficient(m);
  for (const s of HADRONIC_STATES) hadronicRow(m, vmd.pieces(s, m), rows.get(s)!);
  return rows;
}

/** Σ of several rows. */
export function sumRows(rows: Iterable<Float64Array>): Float64Array {
  const out = new Float64Array(N_PRODUCTS);
  for (const r of rows) for (let k = 0; k < N_PRODUCTS; k++) out[k] += r[k];
  return out;
}

// Production rates of X per mechanism as coefficient rows over the coupling products (RESONANCE_RECAST.md §4):
// σ_P(y) ∝ Σ_k row_P[k] · P_k(y). Only ratios σ_P(X)/σ_P(reference) are ever used, so overall constants
// of each mechanism are dropped.
//
// Axial couplings: DarkCast v1.2 is vector-only. For annihilation, Drell–Yan and lepton bremsstrahlung u1x
// adds g_A² with the same weight as g_V², the massless-fermion limit in which vector and axial currents give
// equal unpolarised rates. Meson mixing and meson decays stay vector-only (the VMD traces have no axial
// counterpart here).

import { breitWigner, VECTOR_MESONS } from './breitWigner.js';
import { mesonProductIndex, N_PRODUCTS, squareIndex } from './couplingProducts.js';
import type { FermionField } from './fermionCouplings.js';
import { generator, trace3, VECTOR_ORDER } from './mesonGenerators.js';

/** f f̄ → γX / Drell–Yan and lepton-beam bremsstrahlung: rate ∝ g_V² + g_A² of one fermion. */
const SINGLE_FERMION: Record<string, [FermionField, FermionField]> = {
  e_e: ['eV', 'eA'],
  e_brem: ['eV', 'eA'],
  mu_mu: ['muV', 'muA'],
  mu_brem: ['muV', 'muA'],
  u_u: ['uV', 'uA'],
  d_d: ['dV', 'dA'],
  s_s: ['sV', 'sA'],
  c_c: ['cV', 'cA'],
  b_b: ['bV', 'bA'],
};

const MESON_MIXING: Record<string, number> = { rho0: 0, omega: 1, phi: 2 };

/** Meson decays A → B X, named `A_B` (§4 table). */
const MESON_DECAYS: Record<string, [string, string]> = {
  pi0_gamma: ['pi0', 'gamma'],
  eta_gamma: ['eta', 'gamma'],
  "eta'_gamma": ["eta'", 'gamma'],
  omega_pi0: ['omega', 'pi0'],
  phi_eta: ['phi', 'eta'],
};

export const PRODUCTION_MECHANISMS: readonly string[] = [
  ...Object.keys(SINGLE_FERMION),
  'p_brem',
  ...Object.keys(MESON_MIXING),
  ...Object.keys(MESON_DECAYS),
];

export function isMesonDecay(mechanism: string): boolean {
  return mechanism in MESON_DECAYS;
}

/**
 * Complex amplitude coefficients a_V(m) = Tr(T_A T_B T_V) · BW_V(m) of a meson decay, for V = ρ, ω, φ, as
 * [re_ρ, im_ρ, re_ω, im_ω, re_φ, im_φ]; the decay amplitude is Σ_V a_V t_V (§4).
 */
export function mesonDecayAmplitudes(mechanism: string, m: number): Float64Array {
  const pair = MESON_DECAYS[mechanism];
  if (!pair) throw new Error(`'${mechanism}' is not a meson-decay mechanism`);
  const [ta, tb] = [generator(pair[0]), generator(pair[1])];
  const out = new Float64Array(6);
  VECTOR_ORDER.forEach((name, v) => {
    const flavour = trace3(ta, tb, generator(name));
    const [re, im] = breitWigner(VECTOR_MESONS[v], m);
    out[2 * v] = flavour * re;
    out[2 * v + 1] = flavour * im;
  });
  return out;
}

/** Coefficient row of σ_P at mass m. Throws for mechanisms u1x does not model (e.g. `none`). */
export function productionRow(mechanism: string, m: number): Float64Array {
  const row = new Float64Array(N_PRODUCTS);
  const single = SINGLE_FERMION[mechanism];
  if (single) {
    row[squareIndex(single[0])] = 1;
    row[squareIndex(single[1])] = 1;
    return row;
  }
  if (mechanism === 'p_brem') {
    // Coherent proton charge (2 g_u + g_d)² = (t_ρ + 3 t_ω)², no form factor (§4, §10.9).
    row[mesonProductIndex(0, 0)] = 1;
    row[mesonProductIndex(0, 1)] = 6;
    row[mesonProductIndex(1, 1)] = 9;
    return row;
  }
  if (mechanism in MESON_MIXING) {
    const v = MESON_MIXING[mechanism];
    row[mesonProductIndex(v, v)] = 1;
    return row;
  }
  if (mechanism in MESON_DECAYS) {
    // |Σ_V a_V t_V|² = Σ_V |a_V|² t_V² + Σ_{V<W} 2 Re(a_V a_W*) t_V t_W
    const a = mesonDecayAmplitudes(mechanism, m);
    for (let v = 0; v < 3; v++) {
      for (let w = v; w < 3; w++) {
        const re = a[2 * v] * a[2 * w] + a[2 * v + 1] * a[2 * w + 1];
        row[mesonProductIndex(v, w)] += v === w ? re : 2 * re;
      }
    }
    return row;
  }
  throw new Error(`production mechanism '${mechanism}' is not supported by the u1x recast`);
}

// Final states of X as DarkCast names them (RESONANCE_RECAST.md §3.4, manifest conventions.decay_state_names).

export const LEPTON_STATES = ['e_e', 'mu_mu', 'tau_tau'] as const;
export const NEUTRINO_STATES = ['nue_nue', 'numu_numu', 'nutau_nutau'] as const;
export const HEAVY_QUARK_STATES = ['c_c', 'b_b', 't_t'] as const;
/** The eight hadronic final states built from the VMD curves (§2.3, §3.3). */
export const HADRONIC_STATES = [
  'pi+_pi-',
  'pi+_pi-_pi0',
  'pi0_gamma',
  'K_K',
  'K_K_pi',
  'pi+_pi-_pi+_pi-',
  'pi+_pi-_pi0_pi0',
  'other',
] as const;

/** Every SM final state; DarkCast's "visible" is their sum, neutrinos included (§3.4). */
export const SM_STATES = [...LEPTON_STATES, ...NEUTRINO_STATES, ...HEAVY_QUARK_STATES, 'gamma_gamma_gamma', ...HADRONIC_STATES] as const;

export type SmState = (typeof SM_STATES)[number];

/**
 * A limit's decay: SM states, `hadrons` (sum of the eight), `visible` (all SM), `invisible` (dark states;
 * in u1x's convention also νν̄, see recastConventions.ts) or `none` (BR ≡ 1, g−2 entries).
 */
export type DecaySpec = SmState | 'hadrons' | 'visible' | 'invisible' | 'none';

export function isSmState(s: string): s is SmState {
  return (SM_STATES as readonly string[]).includes(s);
}

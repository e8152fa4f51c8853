// Loop-induced kinetic mixing κ(m) of DarkCast's L_i − L_j models (RESONANCE_RECAST.md §7), in units of g_X:
//
//   κ(m) = (e²/2π²) · | ∫₀¹ dx x(1−x) ln[(m_τ² − x(1−x)m²) / (m_μ² − x(1−x)m²)] |
//
// with the Feynman prescription (m² → m² + i0) above each pair threshold, then the modulus. DarkCast
// evaluates a closed form; u1x integrates numerically with the loop of its own radiative mixing
// (physics/radiativeMixing.ts; the note checked the two agree to 1e-8 below the μμ threshold). DarkCast uses the μ and τ loop masses for L_e − L_μ and L_e − L_τ as well (§7, §10.11);
// `loopMixing` takes the two masses so that a physical variant is one argument away.

import { loopLogDifference } from '../radiativeMixing.js';
import { E_DC, MASS } from './darkcastConstants.js';

/**
 * Complex loop integral ∫₀¹ x(1−x) ln[(mHeavy² − x(1−x)m²)/(mLight² − x(1−x)m²)] dx as [re, im]: the loop
 * difference of u1x's radiative mixing (physics/radiativeMixing.ts, SPEC §4.15) at q² = m².
 */
export function loopIntegral(m: number, mLight: number, mHeavy: number): [number, number] {
  return loopLogDifference(m * m, mLight, mHeavy);
}

/** κ(m) with general loop masses (GeV). */
export function loopMixing(m: number, mLight: number, mHeavy: number): number {
  if (m <= 0) return ((E_DC * E_DC) / (12 * Math.PI * Math.PI)) * Math.log((mHeavy * mHeavy) / (mLight * mLight));
  const [re, im] = loopIntegral(m, mLight, mHeavy);
  return ((E_DC * E_DC) / (2 * Math.PI * Math.PI)) * Math.hypot(re, im);
}

/** DarkCast's κ(m) with μ and τ loops, used by all its L_i − L_j models (§7). */
export function darkcastKappa(m: number): number {
  return loopMixing(m, MASS.mu, MASS.tau);
}

// Loop-induced kinetic mixing κ(m) of DarkCast's L_i − L_j models (RESONANCE_RECAST.md §7), in units of g_X:
//
//   κ(m) = (e²/2π²) · | ∫₀¹ dx x(1−x) ln[(m_τ² − x(1−x)m²) / (m_μ² − x(1−x)m²)] |
//
// with the Feynman prescription (m² → m² + i0) above each pair threshold, then the modulus. DarkCast
// evaluates a closed form; u1x integrates numerically (the note checked the two agree to 1e-8 below the
// μμ threshold). DarkCast uses the μ and τ loop masses for L_e − L_μ and L_e − L_τ as well (§7, §10.11);
// `loopMixing` takes the two masses so that a physical variant is one argument away.

import { E_DC, MASS } from './darkcastConstants.js';
import { integrateTanhSinh } from './tanhSinh.js';

/** ∫ x(1−x) dx over the x ∈ [0, 1] where x(1−x) > r (the region where a loop fermion is on shell). */
function onShellMoment(r: number): number {
  if (r >= 0.25) return 0;
  const beta = Math.sqrt(1 - 4 * r);
  const F = (x: number) => (x * x) / 2 - (x * x * x) / 3;
  return F((1 + beta) / 2) - F((1 - beta) / 2);
}

/**
 * Complex loop integral ∫₀¹ x(1−x) ln[(mHeavy² − x(1−x)m²)/(mLight² − x(1−x)m²)] dx as [re, im].
 */
export function loopIntegral(m: number, mLight: number, mHeavy: number): [number, number] {
  const m2 = m * m;
  const heavy2 = mHeavy * mHeavy;
  const light2 = mLight * mLight;
  const integrand = (x: number) => {
    const u = x * (1 - x) * m2;
    const v = x * (1 - x) * (Math.log(Math.abs(heavy2 - u)) - Math.log(Math.abs(light2 - u)));
    // A node can land on the singular point itself in floating point; its weight is negligible there.
    return Number.isFinite(v) ? v : 0;
  };
  // Symmetric under x ↔ 1 − x: integrate [0, 1/2] and double, splitting at the log singularities
  // x₋ = (1 − sqrt(1 − 4 m_f²/m²))/2 of each open threshold.
  const cuts = [0, 0.5];
  for (const mf2 of [light2, heavy2]) {
    if (m2 > 4 * mf2) cuts.push((1 - Math.sqrt(1 - (4 * mf2) / m2)) / 2);
  }
  cuts.sort((a, b) => a - b);
  let re = 0;
  for (let k = 0; k + 1 < cuts.length; k++) {
    if (cuts[k + 1] > cuts[k]) re += integrateTanhSinh(integrand, cuts[k], cuts[k + 1]);
  }
  re *= 2;
  // ln(z − i0) = ln|z| − iπ for z < 0: the light loop adds +iπ where on shell, the heavy loop −iπ.
  const im = Math.PI * (onShellMoment(light2 / m2) - onShellMoment(heavy2 / m2));
  return [re, im];
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

// Radiatively induced kinetic mixing, "eps = 0 in the UV" (SPEC §4.15; MF §3.5.2, App. A.3; G2 eq. 5.5).
//
// One-loop vacuum polarisation with one photon vertex (e Q_f) and one X vertex (g_X x_f^V) gives the
// mixing ratio as a function of the momentum q² through X (SPEC §4.15, this spec's sign convention):
//
//   k_rad(q²) = −(e²/2π²) Σ_f N_f Q_f x_f^V ∫₀¹ dx x(1−x) ln[Λ² / (m_f² − x(1−x) q² − i0)]
//
// For models without quark charges only e, μ, τ run in the loop (Q = −1, N = 1) and anomaly freedom gives
// x_e^V + x_μ^V + x_τ^V = 0, so Λ drops out. Written against the τ loop:
//
//   k_rad(q²) = (e²/2π²) Σ_l x_l^V L(q²; m_l, m_τ),   L(q²; m_a, m_b) = ∫₀¹ x(1−x) ln[(m_b² − x(1−x)q²)/(m_a² − x(1−x)q²)]
//
// and at q² = 0: k_rad(0) = −(e²/12π²) Σ_l x_l^V ln m_l². Above a pair threshold q² > 4 m_l², L is complex
// (the −i0 prescription of the formula above). DarkCast's L_i − L_j models (physics/darkcast/loopMixing.ts)
// use the same loop difference, so both read `loopLogDifference` here.

import { E_CHARGE, LEPTON_MASS } from './constants.js';
import { integrateTanhSinh } from './darkcast/tanhSinh.js';

/** ∫ x(1−x) dx over the x ∈ [0, 1] where x(1−x) > r (the region where a loop fermion is on shell). */
function onShellMoment(r: number): number {
  if (r >= 0.25) return 0;
  const beta = Math.sqrt(1 - 4 * r);
  const F = (x: number) => (x * x) / 2 - (x * x * x) / 3;
  return F((1 + beta) / 2) - F((1 - beta) / 2);
}

/**
 * L(q²; mLight, mHeavy) = ∫₀¹ x(1−x) ln[(mHeavy² − x(1−x)q² − i0)/(mLight² − x(1−x)q² − i0)] dx as [re, im];
 * q² in GeV², negative for spacelike momenta.
 */
export function loopLogDifference(q2: number, mLight: number, mHeavy: number): [number, number] {
  const heavy2 = mHeavy * mHeavy;
  const light2 = mLight * mLight;
  if (q2 === 0) return [Math.log(heavy2 / light2) / 6, 0];
  const integrand = (x: number) => {
    const u = x * (1 - x) * q2;
    const v = x * (1 - x) * (Math.log(Math.abs(heavy2 - u)) - Math.log(Math.abs(light2 - u)));
    // A node can land on the singular point itself in floating point; its weight is negligible there.
    return Number.isFinite(v) ? v : 0;
  };
  // Symmetric under x ↔ 1 − x: integrate [0, 1/2] and double, splitting at the log singularities
  // x₋ = (1 − sqrt(1 − 4 m_f²/q²))/2 of each open threshold (timelike q² only).
  const cuts = [0, 0.5];
  for (const mf2 of [light2, heavy2]) {
    if (q2 > 4 * mf2) cuts.push((1 - Math.sqrt(1 - (4 * mf2) / q2)) / 2);
  }
  cuts.sort((a, b) => a - b);
  let re = 0;
  for (let k = 0; k + 1 < cuts.length; k++) {
    if (cuts[k + 1] > cuts[k]) re += integrateTanhSinh(integrand, cuts[k], cuts[k + 1]);
  }
  re *= 2;
  if (q2 < 0) return [re, 0];
  // ln(z − i0) = ln|z| − iπ for z < 0: the light loop adds +iπ where on shell, the heavy loop −iπ.
  const im = Math.PI * (onShellMoment(light2 / q2) - onShellMoment(heavy2 / q2));
  return [re, im];
}

/** Vector X charges x_l^V = (x_L + x_E)/2 of the charged leptons (SPEC §2.3). */
export interface LeptonVectorCharges {
  e: number;
  mu: number;
  tau: number;
}

/** Scope of SPEC §4.15, checked by the callers that turn models into radiative-mixing inputs. */
export const RADIATIVE_NEEDS_NO_QUARKS =
  'radiative mixing needs a UV scale and the hadronic loop for models with baryon number: give eps or k';

/** The lepton vector charges must sum to zero, else the loop depends on the UV scale Λ (SPEC §4.15). */
export const LEPTON_SUM_TOLERANCE = 1e-12;

/** k_rad(q²) as [re, im] (SPEC §4.15), for a model without quark charges. */
export function radiativeMixing(q2: number, x: LeptonVectorCharges, e: number = E_CHARGE): [number, number] {
  const sum = x.e + x.mu + x.tau;
  if (Math.abs(sum) > LEPTON_SUM_TOLERANCE * (Math.abs(x.e) + Math.abs(x.mu) + Math.abs(x.tau) + 1)) {
    throw new Error(`radiative mixing: lepton vector charges sum to ${sum}, not 0 (the loop would depend on the UV scale)`);
  }
  const pref = (e * e) / (2 * Math.PI * Math.PI);
  let re = 0;
  let im = 0;
  for (const l of ['e', 'mu'] as const) {
    if (x[l] === 0) continue;
    const [r, i] = loopLogDifference(q2, LEPTON_MASS[l], LEPTON_MASS.tau);
    re += x[l] * r;
    im += x[l] * i;
  }
  return [pref * re, pref * im];
}

/** k_rad(0) = −(e²/12π²) Σ_l x_l^V ln m_l² (SPEC §4.15). */
export function radiativeMixingAtZero(x: LeptonVectorCharges, e: number = E_CHARGE): number {
  return radiativeMixing(0, x, e)[0];
}

/**
 * The mixing ratio used for on-shell production at q² = m_X²: |k_rad(m_X²)| with the sign of k_rad(0).
 * The magnitude is DarkCast's convention (its L_i − L_j models take the modulus of the whole loop, SPEC §4.15);
 * below the pair thresholds k_rad is real and this is k_rad(m_X²) itself. The sign keeps the electron's
 * induced charge on the side DarkCast writes (−|ε(m)| for L_μ − L_τ, whose k_rad(0) > 0).
 */
export function onShellRadiativeMixing(mx: number, x: LeptonVectorCharges, k0: number = radiativeMixingAtZero(x)): number {
  const [re, im] = radiativeMixing(mx * mx, x);
  return (k0 < 0 ? -1 : 1) * Math.hypot(re, im);
}

// Vector-meson Breit–Wigner amplitudes for meson-decay production A → B X (RESONANCE_RECAST.md §4),
// normalised to 1 at m = 0, with DarkCast's default running p-wave width:
//
//   BW_V(m) = m_V² / (m_V² − m² − i m_V Γ_V(m)),   Γ_V(m) = Γ_V (m_V/m) Σ_k B_k [p_k(m)/p_k(m_V)]³

import { M_ETA, M_K_CHARGED, M_K_NEUTRAL, M_OMEGA, M_PHI, M_PI0, M_PI_CHARGED, M_RHO, W_OMEGA, W_PHI, W_RHO } from './darkcastConstants.js';

interface Channel {
  /** Branching fraction used in the running width (§8). */
  br: number;
  m1: number;
  m2: number;
}

export interface VectorMeson {
  name: 'rho0' | 'omega' | 'phi';
  mass: number;
  width: number;
  channels: Channel[];
}

/** ρ, ω, φ with the running-width channels of §8 (3π enters as a two-body (2m_π±, m_π⁰) system). */
export const VECTOR_MESONS: readonly VectorMeson[] = [
  { name: 'rho0', mass: M_RHO, width: W_RHO, channels: [{ br: 0.9988447, m1: M_PI_CHARGED, m2: M_PI_CHARGED }] },
  {
    name: 'omega',
    mass: M_OMEGA,
    width: W_OMEGA,
    channels: [
      { br: 0.8994773, m1: 2 * M_PI_CHARGED, m2: M_PI0 },
      { br: 0.0834941, m1: M_PI0, m2: 0 },
      { br: 0.0154283, m1: M_PI_CHARGED, m2: M_PI_CHARGED },
    ],
  },
  {
    name: 'phi',
    mass: M_PHI,
    width: W_PHI,
    channels: [
      { br: 0.4893042, m1: M_K_CHARGED, m2: M_K_CHARGED },
      { br: 0.3422127, m1: M_K_NEUTRAL, m2: M_K_NEUTRAL },
      { br: 0.0130981, m1: M_ETA, m2: 0 },
    ],
  },
];

/** Two-body decay momentum of a system of mass M into m1 + m2 (0 at or below threshold). */
export function twoBodyMomentum(M: number, m1: number, m2: number): number {
  if (!(M > m1 + m2)) return 0;
  const s = M * M;
  return Math.sqrt((s - (m1 + m2) ** 2) * (s - (m1 - m2) ** 2)) / (2 * M);
}

/** Running width Γ_V(m) for orbital angular momentum L = 1 (§4, §8 "Breit–Wigner default"). */
export function runningWidth(v: VectorMeson, m: number): number {
  let sum = 0;
  for (const ch of v.channels) {
    const p = twoBodyMomentum(m, ch.m1, ch.m2);
    if (p === 0) continue;
    sum += ch.br * (p / twoBodyMomentum(v.mass, ch.m1, ch.m2)) ** 3;
  }
  return sum === 0 ? 0 : v.width * (v.mass / m) * sum;
}

/** BW_V(m) as [re, im]. */
export function breitWigner(v: VectorMeson, m: number): [number, number] {
  const mv2 = v.mass * v.mass;
  const a = mv2 - m * m;
  const b = v.mass * runningWidth(v, m);
  // m_V² / (a − i b) = m_V² (a + i b)/(a² + b²)
  const d = a * a + b * b;
  return [(mv2 * a) / d, (mv2 * b) / d];
}

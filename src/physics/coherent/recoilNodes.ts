// The mass-independent part of the signal integral (SPEC §4.6.1, §4.6.3 "Building the tables").
//
// For each nucleus, fixed Gauss-Legendre nodes in the true-PE variable x (T = x / (Q_F Y)) cover the 33 unit
// bins [p, p+1), p = 4..36; the bin holding the prompt end point T_end is split there, because the prompt
// integrand has a kink (kappa(T, E_p) crosses zero). At each node the neutrino-energy integral is done once:
// the result is the node's weight in events per unit Q^2, per flux component. Per mass the signal tables
// are then weighted sums of D_n(T)^j over these nodes (tables.ts).

import {
  E_PROMPT_MEV,
  E_UP_DELAYED_MEV,
  FLUENCE_CM2,
  FLUX_NUE,
  FLUX_NUMUBAR,
  FLUX_PROMPT,
  GF,
  HBARC_GEV_CM,
  HBARC_MEV_FM,
  KN_A_FM,
  KN_R0_FM,
  M_MU_MEV,
  N_PE_TRUE,
  NUCLEI,
  Nucleus,
  PE_PER_KEV_NR,
  PE_TRUE_MIN,
} from './constants.js';
import { kleinNystrand } from './formFactors.js';
import { gaussLegendre } from './gaussLegendre.js';
import { nueSpectrum, numubarSpectrum } from './spectra.js';

export interface SignalQuadratureOptions {
  /** Gauss-Legendre nodes per unit true-PE bin, and per piece of the split prompt bin (SPEC §4.6.3: 16). */
  tNodesPerBin?: number;
  /** Gauss-Legendre nodes of the neutrino-energy integral (SPEC §4.6.3: at least 64). */
  eNodes?: number;
  /** Upper end of the delayed spectra, MeV (SPEC §4.6.1: 53; m_mu/2 only for the VALIDATION §18.2 ratio). */
  delayedUpperMeV?: number;
}

export interface NucleusNodes {
  readonly nucleus: Nucleus;
  readonly count: number;
  /** True-PE bin of each node, 0..32 for p = 4..36. */
  readonly bin: Int32Array;
  /** 2 M T in GeV^2, the momentum transfer squared that enters the X propagator D_n(T). */
  readonly twoMT: Float64Array;
  /**
   * Events per unit Q^2 at each node, one array per flux component (FLUXES order): N_T Phi (dT/dx) w_i
   * (G_F^2 / 2 pi) M F^2 int dE f_a kappa, in the code's cm^2 units. Summing weight * Q^2 over a bin's
   * nodes gives N_{n,a}(p) of SPEC §4.6.1.
   */
  readonly weight: readonly [Float64Array, Float64Array, Float64Array];
}

/** Recoil energy in keV at which kappa(T, E_p) = 0, the largest T the prompt line can give (SPEC §4.6.1). */
export function promptEndpointKeV(n: Nucleus): number {
  const e = E_PROMPT_MEV;
  const b = 2 * e + n.massMeV;
  // Smaller root of T^2 - (2E + M) T + 2E^2 = 0, in the form without cancellation.
  return (1e3 * (4 * e * e)) / (b + Math.sqrt(b * b - 8 * e * e));
}

/** kappa(T, E) = max(0, 2 - 2T/E + (T/E)^2 - M T/E^2), any consistent unit (SPEC §4.6.1). */
export function recoilKinematics(tMeV: number, eMeV: number, massMeV: number): number {
  const r = tMeV / eMeV;
  return Math.max(0, 2 - 2 * r + r * r - (massMeV * tMeV) / (eMeV * eMeV));
}

/** Smallest neutrino energy that can give recoil T: E_0 = (T + sqrt(2 M T - T^2))/2 (SPEC §4.6.1). */
export function minimumNeutrinoEnergyMeV(tMeV: number, massMeV: number): number {
  return 0.5 * (tMeV + Math.sqrt(2 * massMeV * tMeV - tMeV * tMeV));
}

/** int_{E_0}^{E_up} dE f(E) kappa(T, E) for a delayed spectrum f (MeV units, result dimensionless). */
function delayedEnergyIntegral(
  spectrum: (e: number, mMu: number) => number,
  tMeV: number,
  massMeV: number,
  eUp: number,
  eNodes: number,
): number {
  const e0 = minimumNeutrinoEnergyMeV(tMeV, massMeV);
  if (e0 >= eUp) return 0;
  const { nodes, weights } = gaussLegendre(eNodes);
  const half = 0.5 * (eUp - e0);
  const mid = 0.5 * (eUp + e0);
  let sum = 0;
  for (let i = 0; i < eNodes; i++) {
    const e = mid + half * nodes[i];
    sum += weights[i] * spectrum(e, M_MU_MEV) * recoilKinematics(tMeV, e, massMeV);
  }
  return sum * half;
}

/** Pieces [lo, hi) in true PE covering p = 4..36, with the prompt end point as an extra break. */
function pePieces(endpointPE: number): Array<{ bin: number; lo: number; hi: number }> {
  const pieces: Array<{ bin: number; lo: number; hi: number }> = [];
  for (let bin = 0; bin < N_PE_TRUE; bin++) {
    const lo = PE_TRUE_MIN + bin;
    const hi = lo + 1;
    if (endpointPE > lo && endpointPE < hi) {
      pieces.push({ bin, lo, hi: endpointPE }, { bin, lo: endpointPE, hi });
    } else {
      pieces.push({ bin, lo, hi });
    }
  }
  return pieces;
}

export function buildNucleusNodes(n: Nucleus, opts: SignalQuadratureOptions = {}): NucleusNodes {
  const tNodes = opts.tNodesPerBin ?? 16;
  const eNodes = opts.eNodes ?? 64;
  const eUp = opts.delayedUpperMeV ?? E_UP_DELAYED_MEV;
  const pieces = pePieces(promptEndpointKeV(n) * PE_PER_KEV_NR);
  const count = pieces.length * tNodes;
  const bin = new Int32Array(count);
  const twoMT = new Float64Array(count);
  const weight: [Float64Array, Float64Array, Float64Array] = [new Float64Array(count), new Float64Array(count), new Float64Array(count)];
  const mGeV = n.massMeV * 1e-3;
  // (G_F^2 / 2 pi) M in GeV^-3, times (hbar c)^2 [GeV^2 cm^2] and 1e-6 GeV per keV: cm^2 per keV per unit
  // Q^2 F^2 kappa; then the exposure N_T Phi (SPEC §4.6.1).
  const norm = ((GF * GF) / (2 * Math.PI)) * mGeV * HBARC_GEV_CM ** 2 * 1e-6 * n.targets * FLUENCE_CM2;
  const rule = gaussLegendre(tNodes);
  let k = 0;
  for (const { bin: b, lo, hi } of pieces) {
    const half = 0.5 * (hi - lo);
    const mid = 0.5 * (hi + lo);
    for (let i = 0; i < tNodes; i++, k++) {
      const pe = mid + half * rule.nodes[i];
      const tKeV = pe / PE_PER_KEV_NR;
      const tMeV = tKeV * 1e-3;
      const qFm = Math.sqrt(2 * n.massMeV * tMeV) / HBARC_MEV_FM;
      const ff = kleinNystrand(qFm, n.A, KN_R0_FM, KN_A_FM);
      // dT = dx / (Q_F Y) in keV.
      const w = ((half * rule.weights[i]) / PE_PER_KEV_NR) * norm * ff * ff;
      bin[k] = b;
      twoMT[k] = 2 * mGeV * (tKeV * 1e-6);
      weight[FLUX_PROMPT][k] = w * recoilKinematics(tMeV, E_PROMPT_MEV, n.massMeV);
      weight[FLUX_NUE][k] = w * delayedEnergyIntegral(nueSpectrum, tMeV, n.massMeV, eUp, eNodes);
      weight[FLUX_NUMUBAR][k] = w * delayedEnergyIntegral(numubarSpectrum, tMeV, n.massMeV, eUp, eNodes);
    }
  }
  return { nucleus: n, count, bin, twoMT, weight };
}

export function buildSignalNodes(opts: SignalQuadratureOptions = {}): NucleusNodes[] {
  return NUCLEI.map((n) => buildNucleusNodes(n, opts));
}

const SQRT2_GF = Math.SQRT2 * GF;

/** X propagator relative to the Fermi contact term, D_n(T) = 1/(sqrt 2 G_F (2 M T + m_X^2)) (SPEC §4.6.3). */
export function propagatorRatio(twoMT: number, mX2: number): number {
  return 1 / (SQRT2_GF * (twoMT + mX2));
}

/** N_{n,a}(p) per true-PE bin for a Q^2 that depends on the node (SPEC §4.6.1). */
export function binnedEvents(nodes: NucleusNodes, flux: number, q2AtNode: (k: number) => number): Float64Array {
  const out = new Float64Array(N_PE_TRUE);
  const w = nodes.weight[flux];
  for (let k = 0; k < nodes.count; k++) out[nodes.bin[k]] += w[k] * q2AtNode(k);
  return out;
}

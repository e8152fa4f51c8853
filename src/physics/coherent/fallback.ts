// Rate-only COHERENT likelihood for runs without the data release (SPEC §4.6.4), with the constants of
// SPEC §1. Every result that uses it must be labelled: it has no timing or energy shape, so it is much
// weaker than the full method (examples in SPEC §4.6.4 and VALIDATION §18.5).
//
// Factorised per mass as I^(j)_{n,a}(m_X) = int dE f_a int dT eff(T) M_n (1 - M_n T/2E^2) F^2 D_n(T)^j,
// j = 0, 1, 2, for 2 nuclei x 3 flux components. The spec's definition leaves out the factor M_n of the
// cross section; it is kept here because Cs and I enter the rate with their own M_n, as in the spec's rate
// formula (the common G_F^2/pi cancels in R_COH).

import { AMU_GEV, CS133, G_F, HBARC_GEV_FM, I127, M_MU, M_PI_CHARGED, SQRT2_GF, SW2 } from '../constants.js';
import { FLUX_NUE, FLUX_NUMUBAR, FLUX_PROMPT } from './constants.js';
import { CouplingProducts, nuclearXCoupling } from './couplingProducts.js';
import { FormFactorName, formFactor } from './formFactors.js';
import { gaussLegendre } from './gaussLegendre.js';
import { nueSpectrum, numubarSpectrum } from './spectra.js';

/** Prompt nu_mu energy from pi+ decay at rest, GeV (SPEC §4.6.4: 29.79e-3). */
export const FALLBACK_E_PROMPT = (M_PI_CHARGED ** 2 - M_MU ** 2) / (2 * M_PI_CHARGED);
/** PE per keV of nuclear recoil, 0.0878 x 13.348 rounded as in SPEC §4.6.4. */
const PE_PER_KEV = 1.1719;
/** Recoil window 5-30 PE (SPEC §4.6.4); the acceptance halves between 5 and 6 PE. */
const PE_LO = 5;
const PE_FULL = 6;
const PE_HI = 30;
/** Acceptance of the 2017 release, eff(PE) = 0.6655/(1 + exp(-0.4942 (PE - 10.8507))) (SPEC §4.6.4). */
const fallbackEfficiency = (pe: number) => 0.6655 / (1 + Math.exp(-0.4942 * (pe - 10.8507)));
/** Published 2017 result: N_obs = 134 +- 22, N_SM = 173 with a 27.75% normalisation error (SPEC §4.6.4). */
const N_OBS = 134;
const SIGMA_OBS = 22;
const N_SM = 173;
const SIGMA_NORM = 0.2775;
/** Weak couplings at tree level with s_w^2 of SPEC §1: gV_p = 1/2 - 2 s_w^2, gV_n = -1/2 (SPEC §4.6.4). */
const GV_P = 0.5 - 2 * SW2;
const GV_N = -0.5;
/** Gauss-Legendre nodes per recoil piece and for the (polynomial) energy integrand (SPEC §6.4: 64 suffice). */
const T_NODES = 64;
const E_NODES = 16;

export type FallbackAcceptance = 'efficiency' | 'flat';

export interface FallbackOptions {
  formFactor?: FormFactorName;
  /** 'efficiency' (default): eff(PE) with the 5-6 PE half step; 'flat': weight 1 on 5-30 PE. */
  acceptance?: FallbackAcceptance;
}

interface FallbackNucleus {
  readonly Z: number;
  readonly N: number;
  readonly qSM: number;
  /** 2 M T at each recoil node, GeV^2. */
  readonly twoMT: Float64Array;
  /** Per flux component: node weight times M (1 - M T/2E^2) F^2 integrated against the spectrum. */
  readonly weight: readonly [Float64Array, Float64Array, Float64Array];
}

export interface FallbackSetup {
  readonly options: Required<FallbackOptions>;
  readonly nuclei: readonly FallbackNucleus[];
  /** N(SM) = sum_{n,a} Qsm_n^2 I^(0)_{n,a}, in the same (arbitrary) units as the tables. */
  readonly smRate: number;
}

/** chi2_COH(R) = (N_obs - N_SM R)^2 / (22^2 + (0.2775 N_SM R)^2) (SPEC §4.6.4). */
export function fallbackChi2(r: number): number {
  return (N_OBS - N_SM * r) ** 2 / (SIGMA_OBS ** 2 + (SIGMA_NORM * N_SM * r) ** 2);
}

function buildNucleus(nuc: { Z: number; N: number; A: number; massU: number }, opts: Required<FallbackOptions>): FallbackNucleus {
  const m = nuc.massU * AMU_GEV;
  const eMax = M_MU / 2;
  const promptEndPE = ((2 * FALLBACK_E_PROMPT ** 2) / m) * 1e6 * PE_PER_KEV;
  // Pieces in PE: the acceptance steps at 6 PE and the prompt integrand has a kink at its end point.
  const breaks = [PE_LO, PE_FULL, ...(promptEndPE > PE_FULL && promptEndPE < PE_HI ? [promptEndPE] : []), PE_HI];
  const tRule = gaussLegendre(T_NODES);
  const eRule = gaussLegendre(E_NODES);
  const count = (breaks.length - 1) * T_NODES;
  const twoMT = new Float64Array(count);
  const weight: [Float64Array, Float64Array, Float64Array] = [new Float64Array(count), new Float64Array(count), new Float64Array(count)];
  let k = 0;
  for (let piece = 0; piece + 1 < breaks.length; piece++) {
    const lo = breaks[piece] / PE_PER_KEV;
    const hi = breaks[piece + 1] / PE_PER_KEV;
    const half = 0.5 * (hi - lo);
    const mid = 0.5 * (hi + lo);
    for (let i = 0; i < T_NODES; i++, k++) {
      const tKeV = mid + half * tRule.nodes[i];
      const t = tKeV * 1e-6;
      const pe = tKeV * PE_PER_KEV;
      const acceptance = opts.acceptance === 'flat' ? 1 : pe >= PE_FULL ? fallbackEfficiency(pe) : 0.5 * fallbackEfficiency(pe);
      const ff = formFactor(opts.formFactor, Math.sqrt(2 * m * t) / HBARC_GEV_FM, nuc.A);
      // dT in GeV; (G_F^2/pi) M F^2 (1 - M T/2E^2) with the common G_F^2/pi kept for a physical scale.
      const w = half * tRule.weights[i] * 1e-6 * acceptance * ((G_F * G_F) / Math.PI) * m * ff * ff;
      twoMT[k] = 2 * m * t;
      const kin = (e: number) => 1 - (m * t) / (2 * e * e);
      weight[FLUX_PROMPT][k] = FALLBACK_E_PROMPT * FALLBACK_E_PROMPT >= (m * t) / 2 ? w * kin(FALLBACK_E_PROMPT) : 0;
      // Delayed: E from the kinematic minimum sqrt(M T/2) to m_mu/2; the integrand is a cubic in E.
      const eMin = Math.sqrt((m * t) / 2);
      let nue = 0;
      let numubar = 0;
      if (eMin < eMax) {
        const eh = 0.5 * (eMax - eMin);
        const em = 0.5 * (eMax + eMin);
        for (let j = 0; j < E_NODES; j++) {
          const e = em + eh * eRule.nodes[j];
          const ew = eh * eRule.weights[j] * kin(e);
          nue += ew * nueSpectrum(e, M_MU);
          numubar += ew * numubarSpectrum(e, M_MU);
        }
      }
      weight[FLUX_NUE][k] = w * nue;
      weight[FLUX_NUMUBAR][k] = w * numubar;
    }
  }
  return { Z: nuc.Z, N: nuc.N, qSM: nuc.Z * GV_P + nuc.N * GV_N, twoMT, weight };
}

export function buildFallbackSetup(opts: FallbackOptions = {}): FallbackSetup {
  const options: Required<FallbackOptions> = {
    formFactor: opts.formFactor ?? 'klein-nystrand',
    acceptance: opts.acceptance ?? 'efficiency',
  };
  const nuclei = [CS133, I127].map((n) => buildNucleus(n, options));
  let smRate = 0;
  for (const n of nuclei) for (const w of n.weight) for (const x of w) smRate += n.qSM * n.qSM * x;
  return { options, nuclei, smRate };
}

/** Number of table entries per mass: I^(j)_{n,a} for 2 nuclei x 3 fluxes x j = 0, 1, 2. */
export const FALLBACK_COEFS_PER_MASS = 2 * 3 * 3;

/** I^(j)_{n,a}(m_X) for each mass, layout [mass][nucleus][flux][j]. */
export function buildFallbackTables(
  setup: FallbackSetup,
  masses: ArrayLike<number>,
  recoilWeight?: (twoMT: number) => number,
): Float64Array {
  const out = new Float64Array(masses.length * FALLBACK_COEFS_PER_MASS);
  for (let m = 0; m < masses.length; m++) {
    const m2 = masses[m] * masses[m];
    setup.nuclei.forEach((n, ni) => {
      for (let a = 0; a < 3; a++) {
        const w = n.weight[a];
        let i0 = 0;
        let i1 = 0;
        let i2 = 0;
        for (let k = 0; k < w.length; k++) {
          // Optional recoil weight on D (radiative mixing, SPEC §4.15; see tables.ts RecoilWeight).
          const d = (recoilWeight ? recoilWeight(n.twoMT[k]) : 1) / (SQRT2_GF * (n.twoMT[k] + m2));
          i0 += w[k];
          i1 += w[k] * d;
          i2 += w[k] * d * d;
        }
        const at = m * FALLBACK_COEFS_PER_MASS + (ni * 3 + a) * 3;
        out[at] = i0;
        out[at + 1] = i1;
        out[at + 2] = i2;
      }
    });
  }
  return out;
}

/**
 * R_COH = 1 + (new-physics part)/N(SM), the X part formed from its linear and quadratic terms so that no two
 * large rates are subtracted (SPEC §6.2).
 */
export function fallbackRateRatio(setup: FallbackSetup, tables: Float64Array, massIndex: number, c: CouplingProducts): number {
  let np = 0;
  setup.nuclei.forEach((n, ni) => {
    for (let a = 0; a < 3; a++) {
      const cx = nuclearXCoupling(c, a, n.Z, n.N);
      const at = massIndex * FALLBACK_COEFS_PER_MASS + (ni * 3 + a) * 3;
      np += 2 * n.qSM * cx * tables[at + 1] + cx * cx * tables[at + 2];
    }
  });
  return 1 + np / setup.smRate;
}

/** Delta chi2 of the fallback, clamped at zero from below (SPEC §4.6.4). */
export function fallbackDeltaChi2(r: number): number {
  return Math.max(0, fallbackChi2(r) - fallbackChi2(1));
}

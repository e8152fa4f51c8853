// Per-mass coefficient tables of the full method (SPEC §4.6.3, "Factorised form"). The signal in every
// analysis bin is a quadratic polynomial in the coupling products u_g = y_nu^g y_p, v_g = y_nu^g y_n
// (g = e, mu) with m_X-dependent coefficients. Per mass the work is a sum of D_n(T)^j over the fixed recoil
// nodes (recoilNodes.ts) followed by the fixed prompt/delayed response matrices (experiment.ts).
//
// Two bases for the same polynomial:
// * 'nucleon' (SPEC §4.6.3, 11 numbers per bin):
//     S_b = S^SM_b + sum_g [ L^p u_g + L^n v_g + K^pp u_g^2 + 2 K^pn u_g v_g + K^nn v_g^2 ]
// * 'nucleus' (9 numbers per bin), in the nuclear X charges c_{n,g} = Z_n u_g + N_n v_g:
//     S_b = S^SM_b + sum_{n in {Cs, I}} sum_g c_{n,g} (lin_{b,n,g} + quad_{b,n,g} c_{n,g}),
//     lin = 2 Q^SM_n sum_{a in g} A^(1)_{b,n,a},  quad = sum_{a in g} A^(2)_{b,n,a}.
//   The K matrix of the nucleon basis is nearly singular because Cs and I have almost the same N/Z, so near
//   the CsI-neutral line (Z y_p + N y_n ~ 0, SPEC §4.6.4) its terms cancel quadratically and float32 loses
//   up to ~3 digits of S_b; in the nucleus basis the cancellation happens once, linearly, in forming c_{n,g}.
//   test/physics/coherentKernel.test.ts measures both in float32; the GPU kernel should read this basis.
//
// Layout: one Float64Array, [mass][bin][coef] with `stride` numbers per (mass, bin). A kernel thread
// evaluates all 144 bins for one grid point, so inside its loop over bins it reads the coefficients of one
// bin together: [bin][coef] makes that one contiguous run per bin and the whole mass one contiguous block
// (stride x 144 numbers), which is also what interpolation between two neighbouring masses reads. Threads
// of a workgroup share the mass (m_X outermost in the plan), so their loads hit the same addresses.

import { FLUX_NUE, FLUX_NUMUBAR, FLUX_PROMPT, N_BINS, N_PE_TRUE, NUCLEI } from './constants.js';
import { CouplingProducts, nuclearXCoupling } from './couplingProducts.js';
import { CoherentExperiment, preResponseSignal } from './experiment.js';
import { binnedEvents, propagatorRatio } from './recoilNodes.js';
import { applyResponse } from './response.js';

export type TableBasis = 'nucleon' | 'nucleus';

/** Coefficient order of the nucleon basis (SPEC §4.6.3). */
export const COEF = {
  smSignal: 0,
  lpE: 1,
  lnE: 2,
  kppE: 3,
  kpnE: 4,
  knnE: 5,
  lpMu: 6,
  lnMu: 7,
  kppMu: 8,
  kpnMu: 9,
  knnMu: 10,
} as const;
export const NUCLEON_STRIDE = 11;

/** Coefficient order of the nucleus basis: S^SM, then (lin, quad) for Cs-e, I-e, Cs-mu, I-mu. */
export const NUCLEUS_COEF = {
  smSignal: 0,
  linCsE: 1,
  quadCsE: 2,
  linIE: 3,
  quadIE: 4,
  linCsMu: 5,
  quadCsMu: 6,
  linIMu: 7,
  quadIMu: 8,
} as const;
export const NUCLEUS_STRIDE = 9;

export function tableStride(basis: TableBasis): number {
  return basis === 'nucleon' ? NUCLEON_STRIDE : NUCLEUS_STRIDE;
}

export interface CoherentTables {
  readonly basis: TableBasis;
  /** Numbers per (mass, bin). */
  readonly stride: number;
  /** m_X in GeV, one per table row. */
  readonly masses: Float64Array;
  /** [mass][bin][coef], see the file comment. */
  readonly coef: Float64Array;
}

/** Flavour groups: e = delayed nu_e; mu = prompt nu_mu (prompt timing) + delayed anti-nu_mu (delayed timing). */
const GROUP_E = 0;
const GROUP_MU = 1;
const TIMED_FLUXES = [
  { flux: FLUX_NUE, group: GROUP_E, prompt: false },
  { flux: FLUX_PROMPT, group: GROUP_MU, prompt: true },
  { flux: FLUX_NUMUBAR, group: GROUP_MU, prompt: false },
] as const;

/**
 * For one mass: lin_{b,n,g} and quad_{b,n,g} into `out`, layout [n][g][j][b] (j = 0 lin, 1 quad).
 * Scratch arrays are the caller's so that a scan of thousands of masses allocates nothing per mass.
 */
function nuclearCoefficients(
  exp: CoherentExperiment,
  mX: number,
  spectra: Float64Array,
  out: Float64Array,
  recoilWeight?: RecoilWeight,
): void {
  // Hot loops: module constants copied to locals, because under a module runner (vitest) every imported
  // binding is a property load.
  const nPe = N_PE_TRUE;
  const nBins = N_BINS;
  const mX2 = mX * mX;
  out.fill(0);
  exp.nodes.forEach((nodes, n) => {
    // N^(1), N^(2) per timed flux and true-PE bin (SPEC §4.6.3), layout [timedFlux][j][p].
    spectra.fill(0);
    const weights = TIMED_FLUXES.map(({ flux }) => nodes.weight[flux]);
    for (let k = 0; k < nodes.count; k++) {
      const d = recoilWeight ? propagatorRatio(nodes.twoMT[k], mX2) * recoilWeight(nodes.twoMT[k]) : propagatorRatio(nodes.twoMT[k], mX2);
      const p = nodes.bin[k];
      for (let f = 0; f < weights.length; f++) {
        const w = weights[f][k] * d;
        spectra[2 * f * nPe + p] += w;
        spectra[(2 * f + 1) * nPe + p] += w * d;
      }
    }
    const linFactor = 2 * nodes.nucleus.qSM;
    for (let f = 0; f < TIMED_FLUXES.length; f++) {
      const { group, prompt } = TIMED_FLUXES[f];
      const response = prompt ? exp.promptResponse : exp.delayedResponse;
      for (let j = 0; j < 2; j++) {
        const src = (2 * f + j) * nPe;
        const dst = ((n * 2 + group) * 2 + j) * nBins;
        const factor = j === 0 ? linFactor : 1;
        for (let b = 0; b < nBins; b++) {
          let s = 0;
          const row = b * nPe;
          for (let p = 0; p < nPe; p++) s += response[row + p] * spectra[src + p];
          out[dst + b] += factor * s;
        }
      }
    }
  });
}

/**
 * A recoil-dependent factor w(2 M T) multiplying D_n(T) at every node: the X coupling then reads
 * c_{n,a} w(2 M_n T) D_n(T). Radiative mixing (SPEC §4.15) puts k_rad(−2 M T) here, with c_{n,a} = y_nu^a g_X Z_n.
 */
export type RecoilWeight = (twoMT: number) => number;

/** Build the tables for each mass (GeV) in the given basis (optionally with a recoil weight on D_n). */
export function buildCoherentTables(
  exp: CoherentExperiment,
  masses: ArrayLike<number>,
  basis: TableBasis = 'nucleon',
  recoilWeight?: RecoilWeight,
): CoherentTables {
  const stride = tableStride(basis);
  const perMass = stride * N_BINS;
  const coef = new Float64Array(masses.length * perMass);
  const spectra = new Float64Array(TIMED_FLUXES.length * 2 * N_PE_TRUE);
  const nuc = new Float64Array(NUCLEI.length * 2 * 2 * N_BINS);
  const at = (n: number, g: number, j: number, b: number) => nuc[((n * 2 + g) * 2 + j) * N_BINS + b];
  for (let m = 0; m < masses.length; m++) {
    nuclearCoefficients(exp, masses[m], spectra, nuc, recoilWeight);
    for (let b = 0; b < N_BINS; b++) {
      const o = m * perMass + b * stride;
      coef[o] = exp.smSignal[b];
      for (let g = 0; g < 2; g++) {
        if (basis === 'nucleus') {
          for (let n = 0; n < NUCLEI.length; n++) {
            coef[o + 1 + 4 * g + 2 * n] = at(n, g, 0, b);
            coef[o + 2 + 4 * g + 2 * n] = at(n, g, 1, b);
          }
          continue;
        }
        const base = g === GROUP_E ? COEF.lpE : COEF.lpMu;
        NUCLEI.forEach(({ Z, N }, n) => {
          const lin = at(n, g, 0, b);
          const quad = at(n, g, 1, b);
          coef[o + base] += Z * lin;
          coef[o + base + 1] += N * lin;
          coef[o + base + 2] += Z * Z * quad;
          coef[o + base + 3] += Z * N * quad;
          coef[o + base + 4] += N * N * quad;
        });
      }
    }
  }
  return { basis, stride, masses: Float64Array.from(masses), coef };
}

type Round = (x: number) => number;
const identity: Round = (x) => x;

/**
 * S_b - S^SM_b from one bin's coefficients starting at `at`. `r` rounds every operation (Math.fround to
 * emulate float32; see kernelScheme.ts), so the float64 path and the kernel emulation share this code.
 */
export function signalChange(basis: TableBasis, coef: ArrayLike<number>, at: number, c: CouplingProducts, r: Round = identity): number {
  if (basis === 'nucleon') {
    // u (L^p + K^pp u + 2 K^pn v) + v (L^n + K^nn v), per flavour group.
    const group = (o: number, u: number, v: number) =>
      r(r(u * r(coef[o] + r(r(coef[o + 2] * u) + r(r(2 * coef[o + 3]) * v)))) + r(v * r(coef[o + 1] + r(coef[o + 4] * v))));
    return r(group(at + COEF.lpE, r(c.ue), r(c.ve)) + group(at + COEF.lpMu, r(c.umu), r(c.vmu)));
  }
  let sum = 0;
  for (let g = 0; g < 2; g++) {
    const u = r(g === GROUP_E ? c.ue : c.umu);
    const v = r(g === GROUP_E ? c.ve : c.vmu);
    for (let n = 0; n < NUCLEI.length; n++) {
      const cx = r(r(NUCLEI[n].Z * u) + r(NUCLEI[n].N * v));
      const o = at + 1 + 4 * g + 2 * n;
      sum = r(sum + r(cx * r(coef[o] + r(coef[o + 1] * cx))));
    }
  }
  return sum;
}

/** S_b for all 144 bins from the table row `massIndex`. */
export function signalFromTable(tables: CoherentTables, massIndex: number, c: CouplingProducts): Float64Array {
  const out = new Float64Array(N_BINS);
  const base = massIndex * tables.stride * N_BINS;
  for (let b = 0; b < N_BINS; b++) {
    const at = base + b * tables.stride;
    out[b] = tables.coef[at] + signalChange(tables.basis, tables.coef, at, c);
  }
  return out;
}

/**
 * The signal computed directly from the X cross section, Q_{n,a}(T) = Q^SM_n + c_{n,a} D_n(T) squared at
 * every node, then the full 144 x 396 response: an independent path to check the factorisation against.
 */
export function directSignal(exp: CoherentExperiment, mX: number, c: CouplingProducts): Float64Array {
  const events = exp.nodes.map((nodes) => {
    const { Z, N, qSM } = nodes.nucleus;
    return [FLUX_PROMPT, FLUX_NUE, FLUX_NUMUBAR].map((flux) => {
      const cx = nuclearXCoupling(c, flux, Z, N);
      return binnedEvents(nodes, flux, (k) => (qSM + cx * propagatorRatio(nodes.twoMT[k], mX * mX)) ** 2);
    });
  });
  return applyResponse(exp.response, preResponseSignal(exp.timing, events));
}

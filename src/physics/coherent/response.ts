// Detector response of the full method (SPEC §4.6.2 items 1-4): a linear map from the 12 x 33 pre-response
// array (time bin i, true-PE bin p) to the 144 analysis bins (energy bin jE, time bin k).
//
// Pre-response entries are numbered time-major, r = 33 i + (p - 4). The reference code assigns them to
// output time bins in blocks of 32 instead of 33 ("faithful", the default, needed to reproduce its
// numbers); "intended" keeps every entry in its own time bin.

import { EFF_MAX, EFF_MIDPOINT_PE, EFF_SLOPE, N_BINS, N_ENERGY, N_PE_TRUE, N_TIME, PE_OBS_MIN, PE_TRUE_MIN } from './constants.js';

export type TimeAssignment = 'faithful' | 'intended';

/** Number of pre-response entries, 12 x 33 = 396. */
export const N_PRE = N_TIME * N_PE_TRUE;
/** Block length of the reference code's time assignment (the quirk: 32, not 33). */
const FAITHFUL_BLOCK = 32;

/** Detection efficiency at integer observed PE m (SPEC §4.6.2 item 2, midpoint shifted as in the code). */
export function efficiency(m: number): number {
  return EFF_MAX / (1 + Math.exp(-EFF_SLOPE * (m - EFF_MIDPOINT_PE)));
}

function poisson(m: number, mu: number): number {
  let logFact = 0;
  for (let i = 2; i <= m; i++) logFact += Math.log(i);
  return Math.exp(-mu + m * Math.log(mu) - logFact);
}

/**
 * W(jE, p): probability that an event in true-PE bin p (smeared from its centre p + 0.5) is observed and lands
 * in energy bin jE, i.e. sum over m in {6 + 2 jE, 7 + 2 jE} of eff(m) Pois(m; p + 0.5). Layout [jE][p].
 */
export function energyResponse(): Float64Array {
  const w = new Float64Array(N_ENERGY * N_PE_TRUE);
  for (let j = 0; j < N_ENERGY; j++) {
    for (let p = 0; p < N_PE_TRUE; p++) {
      const mu = PE_TRUE_MIN + p + 0.5;
      let sum = 0;
      for (const m of [PE_OBS_MIN + 2 * j, PE_OBS_MIN + 2 * j + 1]) sum += efficiency(m) * poisson(m, mu);
      w[j * N_PE_TRUE + p] = sum;
    }
  }
  return w;
}

/** Output time bin of pre-response entry r, or -1 where the faithful map drops it. */
export function outputTimeBin(r: number, assignment: TimeAssignment): number {
  const k = assignment === 'faithful' ? Math.floor(r / FAITHFUL_BLOCK) : Math.floor(r / N_PE_TRUE);
  return k < N_TIME ? k : -1;
}

/** The full response as a dense 144 x 396 matrix, layout [b][r] with b = 12 jE + k. */
export function responseMatrix(assignment: TimeAssignment): Float64Array {
  const w = energyResponse();
  const m = new Float64Array(N_BINS * N_PRE);
  for (let r = 0; r < N_PRE; r++) {
    const k = outputTimeBin(r, assignment);
    if (k < 0) continue;
    const p = r % N_PE_TRUE;
    for (let j = 0; j < N_ENERGY; j++) m[(j * N_TIME + k) * N_PRE + r] = w[j * N_PE_TRUE + p];
  }
  return m;
}

/** Apply a 144 x 396 response to a pre-response array. */
export function applyResponse(matrix: Float64Array, pre: ArrayLike<number>): Float64Array {
  const out = new Float64Array(N_BINS);
  for (let b = 0; b < N_BINS; b++) {
    let s = 0;
    const row = b * N_PRE;
    for (let r = 0; r < N_PRE; r++) s += matrix[row + r] * pre[r];
    out[b] = s;
  }
  return out;
}

/**
 * Response to a signal with time template tau and true-PE distribution N(p): R[tau (x) N] = M N with the
 * 144 x 33 matrix M[b][p] = sum_i tau_i R[b][33 i + p] (SPEC §4.6.3). Layout [b][p].
 */
export function templateResponse(matrix: Float64Array, timing: ArrayLike<number>): Float64Array {
  const out = new Float64Array(N_BINS * N_PE_TRUE);
  for (let b = 0; b < N_BINS; b++) {
    for (let i = 0; i < N_TIME; i++) {
      const t = timing[i];
      if (t === 0) continue;
      const row = b * N_PRE + i * N_PE_TRUE;
      for (let p = 0; p < N_PE_TRUE; p++) out[b * N_PE_TRUE + p] += t * matrix[row + p];
    }
  }
  return out;
}

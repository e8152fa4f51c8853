// Background templates and observed counts in the 144 analysis bins (SPEC §4.6.2).

import { N_BINS, N_ENERGY, N_PE_TRUE, N_TIME, PE_OBS_MIN, PE_TRUE_MIN, STEADY_STATE_WEIGHT } from './constants.js';
import { CoherentDataSet, NEUTRON_PE_LABELS, STEADY_PE_WIDTH, STEADY_TIME_BINS } from './dataSet.js';
import { N_PRE, applyResponse } from './response.js';

/** First steady-state PE bin of the analysis window: the release bin [6, 8) (SPEC §4.6.2). */
const STEADY_FIRST_BIN = PE_OBS_MIN / STEADY_PE_WIDTH;

/** H(jE, k): the three steady-state files added bin by bin inside the analysis window (sum 821). */
export function steadyStateWindow(data: CoherentDataSet): Float64Array {
  const h = new Float64Array(N_BINS);
  for (let j = 0; j < N_ENERGY; j++) {
    for (let k = 0; k < N_TIME; k++) {
      const src = (STEADY_FIRST_BIN + j) * STEADY_TIME_BINS + k;
      h[j * N_TIME + k] = data.steadyAcOn[src] + data.steadyAcOff[src] + data.steadyCoOff[src];
    }
  }
  return h;
}

/**
 * Bss(jE, k) = w E_j T_k / sum_k T_k, the outer product of the window's projections scaled to the beam-on
 * exposure (SPEC §4.6.2; total 411.234). Measured, so neither smeared nor efficiency-corrected.
 */
export function steadyStateTemplate(data: CoherentDataSet): Float64Array {
  const h = steadyStateWindow(data);
  const energy = new Float64Array(N_ENERGY);
  const time = new Float64Array(N_TIME);
  let total = 0;
  for (let j = 0; j < N_ENERGY; j++) {
    for (let k = 0; k < N_TIME; k++) {
      const v = h[j * N_TIME + k];
      energy[j] += v;
      time[k] += v;
      total += v;
    }
  }
  const out = new Float64Array(N_BINS);
  for (let j = 0; j < N_ENERGY; j++) {
    for (let k = 0; k < N_TIME; k++) out[j * N_TIME + k] = (STEADY_STATE_WEIGHT * energy[j] * time[k]) / total;
  }
  return out;
}

/** Neutron input as a pre-response array: time bins 0..11 (t < 6 us), labels p = 4..36 (sum 17.148). */
export function neutronPreResponse(data: CoherentDataSet): Float64Array {
  const pre = new Float64Array(N_PRE);
  for (let i = 0; i < N_TIME; i++) {
    for (let p = 0; p < N_PE_TRUE; p++) pre[i * N_PE_TRUE + p] = data.neutron[i * NEUTRON_PE_LABELS + PE_TRUE_MIN + p];
  }
  return pre;
}

/** Bn: the code treats the neutron numbers as true-PE counts and sends them through the response (5.4594). */
export function neutronTemplate(data: CoherentDataSet, response: Float64Array): Float64Array {
  return applyResponse(response, neutronPreResponse(data));
}

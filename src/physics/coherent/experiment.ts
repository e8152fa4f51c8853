// Everything of the full method that does not depend on the grid point (SPEC §4.6.1-4.6.3): quadrature nodes
// with their energy integrals done, response matrices, background templates, the SM signal and the SM
// best fit. Built once per scan from the data files.

import { FLUX_NUE, FLUX_NUMUBAR, FLUX_PROMPT, N_BINS, N_PE_TRUE, N_TIME } from './constants.js';
import { CoherentDataSet } from './dataSet.js';
import { neutronTemplate, steadyStateTemplate } from './backgrounds.js';
import { FitResult, PullShape, minimiseChi2 } from './likelihood.js';
import { NucleusNodes, SignalQuadratureOptions, binnedEvents, buildSignalNodes } from './recoilNodes.js';
import { N_PRE, TimeAssignment, applyResponse, responseMatrix, templateResponse } from './response.js';

export interface CoherentOptions extends SignalQuadratureOptions {
  /** Detector-response time assignment (SPEC §4.6.2 item 4): 'faithful' (default) or 'intended'. */
  timeAssignment?: TimeAssignment;
  /** Pull shape of the test statistic; 'gaussian' only for the VALIDATION §18.3 cross-check. */
  pulls?: PullShape;
}

export interface CoherentExperiment {
  readonly timeAssignment: TimeAssignment;
  readonly pulls: PullShape;
  readonly nodes: readonly NucleusNodes[];
  readonly timing: TimeTemplates;
  /** Full response, 144 x 396, [b][r]. */
  readonly response: Float64Array;
  /** Response to prompt- and delayed-timed true-PE spectra, 144 x 33, [b][p]. */
  readonly promptResponse: Float64Array;
  readonly delayedResponse: Float64Array;
  readonly observed: Float64Array;
  /** Bn and Bss, 144 bins. */
  readonly neutron: Float64Array;
  readonly steady: Float64Array;
  /** S^SM, 144 bins. */
  readonly smSignal: Float64Array;
  /** Reference minimum in the SM: TS(SM) and the nuisances (alpha, beta, gamma) there. */
  readonly smFit: FitResult;
  /** P^SM_b = (1 + alpha0) S^SM + (1 + beta0) Bn + (1 + gamma0) Bss at the SM best fit. */
  readonly smPrediction: Float64Array;
}

export interface TimeTemplates {
  readonly prompt: Float64Array;
  readonly delayed: Float64Array;
}

/** Time template (prompt or delayed) of each flux component. */
export function timingOf(timing: TimeTemplates, flux: number): Float64Array {
  return flux === FLUX_PROMPT ? timing.prompt : timing.delayed;
}

/** SM events per true-PE bin, N_{n,a}(p) with Q = Q^SM_n (SPEC §4.6.1). */
export function smEvents(nodes: NucleusNodes, flux: number): Float64Array {
  const q2 = nodes.nucleus.qSM ** 2;
  return binnedEvents(nodes, flux, () => q2);
}

/** Pre-response array s(i, p) of SPEC §4.6.2 from per-nucleus, per-flux true-PE spectra [n][a][p]. */
export function preResponseSignal(timing: TimeTemplates, events: Float64Array[][]): Float64Array {
  const pre = new Float64Array(N_PRE);
  for (const perFlux of events) {
    for (const flux of [FLUX_PROMPT, FLUX_NUE, FLUX_NUMUBAR]) {
      const tau = timingOf(timing, flux);
      for (let i = 0; i < N_TIME; i++) {
        for (let p = 0; p < N_PE_TRUE; p++) pre[i * N_PE_TRUE + p] += tau[i] * perFlux[flux][p];
      }
    }
  }
  return pre;
}

export function buildCoherentExperiment(data: CoherentDataSet, opts: CoherentOptions = {}): CoherentExperiment {
  const timeAssignment = opts.timeAssignment ?? 'faithful';
  const pulls = opts.pulls ?? 'asymmetric';
  const nodes = buildSignalNodes(opts);
  const timing = { prompt: Float64Array.from(data.promptTiming), delayed: Float64Array.from(data.delayedTiming) };
  const response = responseMatrix(timeAssignment);
  const smSpectra = nodes.map((n) => [FLUX_PROMPT, FLUX_NUE, FLUX_NUMUBAR].map((flux) => smEvents(n, flux)));
  const smSignal = applyResponse(response, preResponseSignal(timing, smSpectra));
  const neutron = neutronTemplate(data, response);
  const steady = steadyStateTemplate(data);
  const observed = Float64Array.from(data.observed);
  const smFit = minimiseChi2({ signal: smSignal, neutron, steady, observed }, { shape: pulls });
  const smPrediction = new Float64Array(N_BINS);
  for (let b = 0; b < N_BINS; b++) {
    smPrediction[b] = (1 + smFit.alpha) * smSignal[b] + (1 + smFit.beta) * neutron[b] + (1 + smFit.gamma) * steady[b];
  }
  return {
    timeAssignment,
    pulls,
    nodes,
    timing,
    response,
    promptResponse: templateResponse(response, timing.prompt),
    delayedResponse: templateResponse(response, timing.delayed),
    observed,
    neutron,
    steady,
    smSignal,
    smFit,
    smPrediction,
  };
}

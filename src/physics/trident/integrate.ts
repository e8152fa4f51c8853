// Monte Carlo integration of the CCFR trident cross section, split into the coupling structures that
// make R_trident a quadratic form (SPEC §4.3):
//
//   sigma = int dE phi(E) int ds/s f(s, E) (1/(2s)) (1/2) int dPhi_3 (G_F^2 e^2 / 2) Theta_cuts
//             [ G_V^2 T_VV + G_A^2 T_AA + 2 G_V G_A T_VA ],
//   G_V = g_V + Y_V P(Q2),  G_A = g_A + Y_A P(Q2),  P(Q2) = 1 / (sqrt2 G_F (m_X^2 + Q2)),
//
// phi: CCFR spectrum (flux.ts), f: EPA photon flux on Fe (epa.ts), 1/2: photon polarisation average,
// T: spin sums (matrixElement.ts), dPhi_3: phaseSpace.ts, Theta_cuts: CCFR dimuon cuts in the lab.
//
// One set of weighted events is generated with a VEGAS grid adapted to the SM integrand (plus a uniform
// floor in every variable, and a strong one in ln Q2, so that the X pieces at any m_X are sampled too).
// Every event stores w_VV = W T_VV, w_AA = W T_AA, w_VA = W T_VA (W: all other factors / sampling
// density) and Q2 = -k^2. The m_X dependence then enters only through P(Q2), so all table masses are
// computed from the same events (smooth in m_X, correlated errors):
//
//   sigma_SM = sum (g_V^2 w_VV + g_A^2 w_AA + 2 g_V g_A w_VA)
//   a_V  = sum P (2 g_V w_VV + 2 g_A w_VA) / sigma_SM,    a_A  = sum P (2 g_A w_AA + 2 g_V w_VA) / sigma_SM
//   b_VV = sum P^2 w_VV / sigma_SM,   b_AA = sum P^2 w_AA / sigma_SM,   b_VA = sum 2 P^2 w_VA / sigma_SM.
//
// mu+ <-> mu- symmetrisation: each event averages the matrix element over the point and its mirror
// (c* -> -c*, phi* -> phi* + pi), which has the same phase-space measure and passes the same (charge-
// symmetric) cuts. T_VA is odd under the exchange (the V and A muon currents with one photon attached
// have opposite C parity), so it cancels event by event and b_VA = 0 exactly; T_VV, T_AA are even.

import { ALPHA, G_F, M_MU, SQRT2_GF } from '../constants.js';
import { makePhotonFlux, type PhotonFlux } from './epa.js';
import { SpectrumSampler, type FluxSpec } from './flux.js';
import { CCFR_CUTS, CCFR_FLUX, G_A_SM, G_V_SM, INCOHERENT_WEIGHT } from './inputs.js';
import { transversePolarisations, tridentTraces, type Traces } from './matrixElement.js';
import { buildPoint, mapCosStar, newPoint, phaseSpaceFactor } from './phaseSpace.js';
import { Rng } from './rng.js';
import { VegasGrid } from './vegas.js';

/** GeV^-2 -> cm^2 [std]: (hbar c)^2 = 0.3893794e-27 cm^2 GeV^2 (PDG 2020). */
export const GEV2_TO_CM2 = 0.3893793721e-27;

export interface TridentSettings {
  seed: number;
  /** VEGAS adaptation: iterations and points per iteration (discarded). */
  adaptIterations: number;
  adaptPoints: number;
  /** Production events (kept). */
  events: number;
  bins: number;
  /** Lab-frame muon energy threshold (GeV), applied to both muons. */
  eMuMinGeV: number;
  flux: FluxSpec;
  incoherentWeight: number;
  /** Nuclear radius scale for the coherent form factor (1 = nominal Helm). */
  radiusScale: number;
  /** Lower end of the sampled Q2 = -k^2 range (GeV^2). */
  q2Min: number;
}

export const DEFAULT_SETTINGS: TridentSettings = {
  seed: 20240611,
  adaptIterations: 8,
  adaptPoints: 40000,
  events: 10_000_000,
  bins: 64,
  eMuMinGeV: CCFR_CUTS.eMuMinGeV,
  flux: { ...CCFR_FLUX },
  incoherentWeight: INCOHERENT_WEIGHT,
  radiusScale: 1,
  q2Min: 1e-10,
};

/** Reduced-precision settings for tests and smoke runs (seconds). */
export const QUICK_SETTINGS: TridentSettings = {
  ...DEFAULT_SETTINGS,
  adaptIterations: 5,
  adaptPoints: 10000,
  events: 200_000,
};

export interface EventSample {
  settings: TridentSettings;
  /** Number of production points drawn (including those failing cuts). */
  drawn: number;
  count: number;
  wVV: Float64Array;
  wAA: Float64Array;
  wVA: Float64Array;
  q2: Float64Array;
  /**
   * Per event, the fraction of the equivalent-photon flux that comes from individual protons (the
   * incoherent, nucleon-level term of SPEC §4.3 point 1); 1 - incFrac is the coherent (nucleus) part.
   */
  incFrac: Float64Array;
  /** SM cross section per Fe nucleus (GeV^-2), flux-averaged, and its MC error. */
  sigmaSM: number;
  sigmaSMErr: number;
  /** Fraction of sigma_SM from the incoherent (proton) photon flux. */
  incoherentFraction: number;
  /** Trident-event-weighted mean neutrino energy (GeV), flux-averaged energy. */
  meanEventEnergy: number;
  meanFluxEnergy: number;
}

const DIM = 6;
// floors: E, s, l, Q2, c*, phi*
const FLOORS = [0.1, 0.1, 0.1, 0.35, 0.1, 0.1];

interface Evaluator {
  /** Evaluate the point x; returns the SM integrand value (0 if cut) and fills ws. */
  (x: Float64Array, ws: Float64Array): number;
}

function makeEvaluator(st: TridentSettings, flux: PhotonFlux, spec: SpectrumSampler): Evaluator {
  const m = M_MU;
  const m2 = m * m;
  const s0 = 4 * m2 * (1 + 1e-9);
  const gv = G_V_SM,
    ga = G_A_SM;
  const e2 = 4 * Math.PI * ALPHA;
  const overall = (G_F * G_F * e2) / 2 / 2; // (G_F^2 e^2 / 2) x (1/2 photon polarisation average)
  const pt = newPoint();
  const cs = new Float64Array(4);
  const e1 = new Float64Array(4),
    e2v = new Float64Array(4);
  const tr: Traces = { vv: 0, aa: 0, va: 0 };
  const twoPi = 2 * Math.PI;
  return (x, ws) => {
    const E = spec.energyAt(x[0]);
    const sHi = flux.sMax(E);
    if (sHi <= s0) return 0;
    const lnS = Math.log(sHi / s0);
    const s = s0 * Math.exp(lnS * x[1]);
    const fEPA = flux.total(s, E);
    if (!(fEPA > 0)) return 0;
    const lnL = Math.log(s / (4 * m2));
    const l = 4 * m2 * Math.exp(lnL * x[2]);
    if (!(l > 4 * m2) || !(l < s)) return 0;
    const qMax = s - l;
    if (qMax <= st.q2Min) return 0;
    const lnQ = Math.log(qMax / st.q2Min);
    const Q2 = st.q2Min * Math.exp(lnQ * x[3]);
    const beta = Math.sqrt(1 - (4 * m2) / l);
    const omBeta = (4 * m2) / l / (1 + beta);
    mapCosStar(x[4], beta, omBeta, cs);
    const phi = twoPi * x[5];
    buildPoint(s, l, Q2, cs[0], cs[1], cs[2], phi, m, pt, false);
    // CCFR cuts in the lab: boost along +z with gamma = (E + w)/sqrt(s), gamma beta = (E - w)/sqrt(s).
    const rs = Math.sqrt(s),
      w = s / (4 * E);
    const g = (E + w) / rs,
      gb = (E - w) / rs;
    const eMinus = g * pt.p3[0] + gb * pt.p3[3];
    const ePlus = g * pt.p4[0] + gb * pt.p4[3];
    if (eMinus < st.eMuMinGeV || ePlus < st.eMuMinGeV) return 0;
    transversePolarisations(pt.q, e1, e2v);
    tridentTraces(pt.p1, pt.p2, pt.p3, pt.p4, pt.q, m, e1, e2v, pt.d1, pt.d2, tr);
    let vv = tr.vv,
      aa = tr.aa,
      va = tr.va;
    buildPoint(s, l, Q2, cs[0], cs[1], cs[2], phi, m, pt, true);
    tridentTraces(pt.p1, pt.p2, pt.p3, pt.p4, pt.q, m, e1, e2v, pt.d1, pt.d2, tr);
    vv = 0.5 * (vv + tr.vv);
    aa = 0.5 * (aa + tr.aa);
    va = 0.5 * (va + tr.va);
    // Jacobians: ds/s = lnS dx1; dl = l lnL dx2; dQ2 = Q2 lnQ dx3; dc = cs[3] dx4; dphi = 2 pi dx5
    const W = lnS * fEPA * (1 / (2 * s)) * overall * phaseSpaceFactor(s, l, m) * (l * lnL) * (Q2 * lnQ) * cs[3] * twoPi;
    ws[0] = W * vv;
    ws[1] = W * aa;
    ws[2] = W * va;
    ws[3] = Q2;
    ws[4] = E;
    ws[5] = flux.incoherent(s, E) / fEPA;
    return gv * gv * ws[0] + ga * ga * ws[1] + 2 * gv * ga * ws[2];
  };
}

/** Generate the weighted event sample (deterministic for given settings). */
export function generateEvents(settings: Partial<TridentSettings> = {}): EventSample {
  const st: TridentSettings = { ...DEFAULT_SETTINGS, ...settings, flux: { ...DEFAULT_SETTINGS.flux, ...settings.flux } };
  const flux = makePhotonFlux({ incoherentWeight: st.incoherentWeight, radiusScale: st.radiusScale });
  const spec = new SpectrumSampler(st.flux);
  const f = makeEvaluator(st, flux, spec);
  const grid = new VegasGrid(DIM, st.bins, FLOORS);
  const x = new Float64Array(DIM);
  const bins = new Int32Array(DIM);
  const ws = new Float64Array(6);

  const rngA = new Rng(st.seed, 1);
  for (let it = 0; it < st.adaptIterations; it++) {
    for (let i = 0; i < st.adaptPoints; i++) {
      const wgt = grid.sample(rngA, x, bins);
      const v = f(x, ws);
      if (v !== 0) grid.accumulate(bins, v * wgt);
    }
    grid.refine();
  }

  const rng = new Rng(st.seed, 2);
  const n = st.events;
  // kept events are stored in chunks (no n-sized temporaries), concatenated at the end
  const CHUNK = 1 << 20;
  const chunks: Float64Array[][] = [];
  let cur: Float64Array[] = [];
  let fill = CHUNK;
  let count = 0;
  let sum = 0,
    sum2 = 0,
    sumInc = 0,
    sumE = 0;
  for (let i = 0; i < n; i++) {
    const wgt = grid.sample(rng, x, bins);
    const v = f(x, ws);
    if (v === 0) continue;
    if (fill === CHUNK) {
      cur = [new Float64Array(CHUNK), new Float64Array(CHUNK), new Float64Array(CHUNK), new Float64Array(CHUNK), new Float64Array(CHUNK)];
      chunks.push(cur);
      fill = 0;
    }
    const val = v * wgt;
    cur[0][fill] = ws[0] * wgt;
    cur[1][fill] = ws[1] * wgt;
    cur[2][fill] = ws[2] * wgt;
    cur[3][fill] = ws[3];
    cur[4][fill] = ws[5];
    fill++;
    count++;
    sum += val;
    sum2 += val * val;
    sumInc += val * ws[5];
    sumE += val * ws[4];
  }
  const joined = [0, 1, 2, 3, 4].map((k) => {
    const out = new Float64Array(count);
    chunks.forEach((c, j) => out.set(j === chunks.length - 1 ? c[k].subarray(0, fill) : c[k], j * CHUNK));
    return out;
  });
  const [wVV, wAA, wVA, q2, incFrac] = joined;
  const mean = sum / n;
  const err = Math.sqrt(Math.max(0, sum2 / n - mean * mean) / n);
  return {
    settings: st,
    drawn: n,
    count,
    wVV,
    wAA,
    wVA,
    q2,
    incFrac,
    sigmaSM: mean,
    sigmaSMErr: err,
    incoherentFraction: sumInc / sum,
    meanEventEnergy: sumE / sum,
    meanFluxEnergy: spec.meanE,
  };
}

/**
 * The same events restricted to coherent scattering on the nucleus: every weight times the event's
 * coherent share of the photon flux, 1 - incFrac (the EPA flux is a sum of the coherent and the
 * nucleon-level terms, and the rest of the integrand does not depend on which photon it is). This is
 * the calculation with incoherentWeight = 0 on the same sample, so both variants of the table share their
 * Monte Carlo fluctuations. sigmaSMErr is recomputed only approximately (scaled by the SM fraction).
 */
export function coherentPart(ev: EventSample): EventSample {
  const n = ev.count;
  const wVV = new Float64Array(n),
    wAA = new Float64Array(n),
    wVA = new Float64Array(n);
  const gv = G_V_SM,
    ga = G_A_SM;
  let sum = 0,
    full = 0;
  for (let i = 0; i < n; i++) {
    const c = 1 - ev.incFrac[i];
    wVV[i] = c * ev.wVV[i];
    wAA[i] = c * ev.wAA[i];
    wVA[i] = c * ev.wVA[i];
    sum += gv * gv * wVV[i] + ga * ga * wAA[i] + 2 * gv * ga * wVA[i];
    full += gv * gv * ev.wVV[i] + ga * ga * ev.wAA[i] + 2 * gv * ga * ev.wVA[i];
  }
  const share = sum / full;
  return {
    ...ev,
    wVV,
    wAA,
    wVA,
    incFrac: new Float64Array(n),
    sigmaSM: ev.sigmaSM * share,
    sigmaSMErr: ev.sigmaSMErr * share,
    incoherentFraction: 0,
  };
}

export interface Coefficients {
  aV: number;
  aA: number;
  bVV: number;
  bAA: number;
  bVA: number;
}

export interface CoefficientsWithErrors extends Coefficients {
  /** One-sigma Monte Carlo errors (absolute), delta method on the ratio to sigma_SM. */
  err: Coefficients;
}

/**
 * Coefficients of R(m_X) for each mass, from one pass over the events per mass. Pass mX = Infinity for
 * the contact limit (P -> K(m_X) = 1/(sqrt2 G_F m_X^2) is then factored out: the result is a/K, b/K^2).
 */
export function coefficientsFromEvents(ev: EventSample, masses: ArrayLike<number>): CoefficientsWithErrors[] {
  const gv = G_V_SM,
    ga = G_A_SM;
  const { wVV, wAA, wVA, q2, count } = ev;
  // per-event combinations that do not depend on m_X
  const u0 = new Float64Array(count),
    u1 = new Float64Array(count),
    bb = new Float64Array(count);
  let S = 0;
  for (let i = 0; i < count; i++) {
    u0[i] = 2 * gv * wVV[i] + 2 * ga * wVA[i];
    u1[i] = 2 * ga * wAA[i] + 2 * gv * wVA[i];
    bb[i] = gv * gv * wVV[i] + ga * ga * wAA[i] + 2 * gv * ga * wVA[i];
    S += bb[i];
  }
  const out: CoefficientsWithErrors[] = [];
  for (let k = 0; k < masses.length; k++) {
    const mX = masses[k];
    const contact = !Number.isFinite(mX);
    const m2 = contact ? 0 : mX * mX;
    // numerators N_j = sum t_ij and, for the errors, sum (t_ij - c_j b_i)^2 from the sums of t^2, t b
    // and b^2 (b_i = SM integrand of event i)
    let A0 = 0,
      A1 = 0,
      A2 = 0,
      A3 = 0,
      A4 = 0;
    let Q0 = 0,
      Q1 = 0,
      Q2 = 0,
      Q3 = 0,
      Q4 = 0;
    let R0 = 0,
      R1 = 0,
      R2 = 0,
      R3 = 0,
      R4 = 0;
    let BB = 0;
    for (let i = 0; i < count; i++) {
      const P = contact ? 1 : 1 / (SQRT2_GF * (m2 + q2[i]));
      const P2 = P * P;
      const b = bb[i];
      const t0 = P * u0[i],
        t1 = P * u1[i],
        t2 = P2 * wVV[i],
        t3 = P2 * wAA[i],
        t4 = 2 * P2 * wVA[i];
      A0 += t0;
      A1 += t1;
      A2 += t2;
      A3 += t3;
      A4 += t4;
      Q0 += t0 * t0;
      Q1 += t1 * t1;
      Q2 += t2 * t2;
      Q3 += t3 * t3;
      Q4 += t4 * t4;
      R0 += t0 * b;
      R1 += t1 * b;
      R2 += t2 * b;
      R3 += t3 * b;
      R4 += t4 * b;
      BB += b * b;
    }
    const A = [A0, A1, A2, A3, A4],
      AA = [Q0, Q1, Q2, Q3, Q4],
      AB = [R0, R1, R2, R3, R4];
    const c = Array.from(A, (a) => a / S);
    const e = c.map((cj, j) => Math.sqrt(Math.max(0, AA[j] - 2 * cj * AB[j] + cj * cj * BB)) / Math.abs(S));
    out.push({
      aV: c[0],
      aA: c[1],
      bVV: c[2],
      bAA: c[3],
      bVA: c[4],
      err: { aV: e[0], aA: e[1], bVV: e[2], bAA: e[3], bVA: e[4] },
    });
  }
  return out;
}

/**
 * The calculated SM vector/axial weights: sigma_SM = S_VV g_V^2 + S_AA g_A^2 + 2 S_VA g_V g_A; returns
 * the axial weight S_AA/S_VV (the analogue of the EFT formula's 1.13) and the V-A term S_VA/S_VV.
 */
export function smWeights(ev: EventSample): { axialWeight: number; vaWeight: number; axialWeightErr: number } {
  let vv = 0,
    aa = 0,
    va = 0,
    vv2 = 0,
    aa2 = 0,
    va2 = 0;
  for (let i = 0; i < ev.count; i++) {
    vv += ev.wVV[i];
    aa += ev.wAA[i];
    va += ev.wVA[i];
    vv2 += ev.wVV[i] ** 2;
    aa2 += ev.wAA[i] ** 2;
    va2 += ev.wAA[i] * ev.wVV[i];
  }
  const r = aa / vv;
  const err = Math.sqrt(Math.max(0, aa2 - 2 * r * va2 + r * r * vv2)) / vv;
  return { axialWeight: r, vaWeight: va / vv, axialWeightErr: err };
}

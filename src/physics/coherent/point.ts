// One grid point end to end, for tests and for `u1x point` cross-checks: charges -> couplings (SPEC §2.3,
// §4.6.3) -> signal -> reference fit (full method) or rate ratio (fallback).

import { E_CHARGE } from '../constants.js';
import { CouplingProducts } from './couplingProducts.js';
import { CoherentExperiment } from './experiment.js';
import { FallbackSetup, buildFallbackTables, fallbackDeltaChi2, fallbackRateRatio } from './fallback.js';
import { FitResult, minimiseChi2 } from './likelihood.js';
import { buildCoherentTables, signalFromTable } from './tables.js';

/**
 * The charges COHERENT sees, in units of g_X before kinetic mixing (a CouplingRecord has them all):
 * neutrino charges x_L1, x_L2 and the first-family nucleon vector charges pV = 2 uV + dV, nV = uV + 2 dV.
 */
export interface CoherentCharges {
  readonly nue: number;
  readonly numu: number;
  readonly pV: number;
  readonly nV: number;
}

export interface CoherentPoint {
  readonly charges: CoherentCharges;
  /** GeV. */
  readonly mX: number;
  readonly gX: number;
  /** Kinetic mixing eps; the couplings use eps_hat = eps / sqrt(1 - eps^2) (SPEC §2.3). */
  readonly eps: number;
}

/**
 * u_g = y_nu^g y_p, v_g = y_nu^g y_n with y_p = g_X pV + eps_hat e, y_n = g_X nV, y_nu^g = g_X x_L(g)
 * (SPEC §4.6.3). Kinetic mixing enters through the proton only: a nucleus, not an atom, recoils.
 */
export function coherentCouplings(charges: CoherentCharges, gX: number, eps: number): CouplingProducts {
  const epsHat = eps / Math.sqrt(1 - eps * eps);
  const yp = gX * charges.pV + epsHat * E_CHARGE;
  const yn = gX * charges.nV;
  const ynuE = gX * charges.nue;
  const ynuMu = gX * charges.numu;
  return { ue: ynuE * yp, ve: ynuE * yn, umu: ynuMu * yp, vmu: ynuMu * yn };
}

export interface CoherentPointResult extends FitResult {
  /** TS(model) - TS(SM), not clamped (SPEC §4.6.2). */
  readonly deltaChi2: number;
  readonly couplings: CouplingProducts;
  readonly signal: Float64Array;
}

/** Reference fit (float64 Newton with backtracking) for a signal in the 144 bins. */
export function fitSignal(exp: CoherentExperiment, signal: ArrayLike<number>): FitResult {
  return minimiseChi2({ signal, neutron: exp.neutron, steady: exp.steady, observed: exp.observed }, { shape: exp.pulls });
}

/** Full-method Delta chi2 at one point (builds the one-mass table; for scans use buildCoherentTables once). */
export function coherentDeltaChi2Point(exp: CoherentExperiment, p: CoherentPoint): CoherentPointResult {
  const couplings = coherentCouplings(p.charges, p.gX, p.eps);
  const signal = signalFromTable(buildCoherentTables(exp, [p.mX]), 0, couplings);
  const fit = fitSignal(exp, signal);
  return { ...fit, deltaChi2: fit.ts - exp.smFit.ts, couplings, signal };
}

export interface FallbackPointResult {
  readonly rateRatio: number;
  /** Clamped at zero (SPEC §4.6.4). */
  readonly deltaChi2: number;
  readonly couplings: CouplingProducts;
}

/** Rate-only fallback at one point (SPEC §4.6.4). */
export function coherentFallbackPoint(setup: FallbackSetup, p: CoherentPoint): FallbackPointResult {
  const couplings = coherentCouplings(p.charges, p.gX, p.eps);
  const rateRatio = fallbackRateRatio(setup, buildFallbackTables(setup, [p.mX]), 0, couplings);
  return { rateRatio, deltaChi2: fallbackDeltaChi2(rateRatio), couplings };
}

// The supported ranges of the inputs of every evaluation (point, scan axes, fit, recast, model charges).
// Outside them u1x refuses the input up front (a user error, exit 2) instead of building tables or
// kernels that overflow: the float32 kernels hold values up to 3.4e38 only, and the formulas of SPEC
// §4 describe a perturbative, light-to-TeV-scale X.

import { UserError } from '../util/errors.js';

/**
 * m_X range (GeV): 1 keV to 10 TeV.
 * Upper end: perturbativity together with (g-2)_mu caps m_X at about 1 TeV (SPEC §2.4 and §4.12,
 * G2 §2.4); 10 TeV leaves a decade of margin, and every constraint is in its contact limit there.
 * Lower end: BBN excludes m_X below ~10 MeV (SPEC §4.12, G2 §2.5) and the scattering constraints are
 * in their massless limit far below the smallest momentum transfer they probe (SPEC §4: Borexino's
 * electron recoils, |q| ~ sqrt(2 m_e T) ~ 0.1-1 MeV); 1 keV leaves three decades below that, and keeps
 * m_X^4 (1e-24 GeV^4) a normal float32 number (the smallest is 1.2e-38), which below ~1e-10 GeV it is not.
 */
export const MX_RANGE_GEV = [1e-6, 1e4] as const;

/**
 * Largest |charge| of a model (in units of g_X) and largest |k| (k Q_f adds to the charge x_f, SPEC
 * §6.2). Only the products g_X x_f enter the physics, so a larger charge is the same model at a smaller
 * g_X: nothing is lost. 1e3 is five times the catalog's largest enumerable charge (200, models/enumerate).
 */
export const MAX_ABS_CHARGE = 1e3;
export const MAX_ABS_K = MAX_ABS_CHARGE;

/**
 * Largest g_X: 4 pi, the naive-dimensional-analysis limit of any perturbative coupling; perturbative
 * unitarity itself (SPEC §4.12, G2 §2.5: g_X |q| <= sqrt(4 pi)) is a constraint u1x evaluates, so the
 * input range is wider than it.
 */
export const MAX_GX = 4 * Math.PI;

/** |eps| < 1: the kinetic-mixing parameter of SPEC §2.3 (eps_hat = eps / sqrt(1 - eps^2)). */
export const MAX_ABS_EPS = 1;

function fmt(x: number): string {
  const a = Math.abs(x);
  return a === 0 || (a >= 1e-3 && a < 1e5) ? String(Number(x.toPrecision(6))) : Number(x.toPrecision(6)).toExponential();
}

export function checkMx(where: string, mx: number): void {
  const [lo, hi] = MX_RANGE_GEV;
  if (!(mx >= lo && mx <= hi)) {
    throw new UserError(`${where}: m_X = ${fmt(mx)} GeV is outside the supported range [${fmt(lo)}, ${fmt(hi)}] GeV`);
  }
}

export function checkGx(where: string, gx: number): void {
  if (!(gx > 0 && gx <= MAX_GX)) throw new UserError(`${where}: g_X = ${fmt(gx)} is outside the supported range (0, 4 pi]`);
}

export function checkMixing(where: string, axis: 'eps' | 'k', v: number): void {
  if (axis === 'k' && !(Math.abs(v) <= MAX_ABS_K)) {
    throw new UserError(`${where}: k = ${fmt(v)} is outside the supported range |k| <= ${fmt(MAX_ABS_K)}`);
  }
  if (axis === 'eps' && !(Math.abs(v) < MAX_ABS_EPS)) {
    throw new UserError(`${where}: eps = ${fmt(v)} is outside the supported range |eps| < ${fmt(MAX_ABS_EPS)}`);
  }
}

export function checkCharge(where: string, q: number): void {
  if (!(Math.abs(q) <= MAX_ABS_CHARGE)) {
    throw new UserError(`${where}: charge ${fmt(q)} is outside the supported range |x| <= ${fmt(MAX_ABS_CHARGE)} (rescale g_X instead)`);
  }
}

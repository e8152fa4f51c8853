// DarkCast-style recast curves: the excluded range of g_X per mass for one model and one limit, with
// optional fixed kinetic mixing ε (g_f = g_X x_f + ε e Q_f). Uses the same per-point ratio as the kernel
// path (recastExcludes.ts); every rate is a quadratic in g_X, so each mass costs three dot products per
// coupling structure and the scan over g_X is cheap arithmetic.

import { bilinearProducts, couplingProducts, dotRow, N_PRODUCTS } from './couplingProducts.js';
import { G_MAX } from './darkcastConstants.js';
import { exclusionBands, type ExclusionBand } from './exclusionBands.js';
import { darkPhotonCouplings } from './fermionCouplings.js';
import type { RecastModel } from './recastModel.js';
import { ratioFromRates, type PointRates } from './recastExcludes.js';
import type { RecastTables } from './recastTables.js';
import { rValueNodeBand } from './rValueCurve.js';

export interface RecastCurveOptions {
  /** Fixed kinetic mixing ε added to the model's charges (default 0). */
  eps?: number;
  /** Scanned g_X range and density (defaults 1e-14 … 1e5, DarkCast's cap, 40 points per decade). */
  gMin?: number;
  gMax?: number;
  pointsPerDecade?: number;
}

export interface RecastCurvePoint {
  mx: number;
  /** Disjoint excluded ranges of g_X, ascending; empty when nothing is excluded at this mass. */
  bands: ExclusionBand[];
}

/** Coefficients (A, B, C) of a rate A g² + B g + C for one tabulated row. */
function quadratic(row: Float64Array, offset: number, pxx: Float64Array, pxq: Float64Array, pqq: Float64Array, eps: number) {
  return { a: dotRow(row, offset, pxx), b: eps * dotRow(row, offset, pxq), c: eps * eps * dotRow(row, offset, pqq) };
}

export function recastCurve(t: RecastTables, model: RecastModel, options: RecastCurveOptions = {}): RecastCurvePoint[] {
  const eps = options.eps ?? 0;
  const search = {
    gMin: options.gMin ?? 1e-14,
    gMax: options.gMax ?? G_MAX,
    pointsPerDecade: options.pointsPerDecade ?? 40,
  };
  const extraDark = model.darkWidthOverSm ?? 0;
  const q = darkPhotonCouplings(1);
  const pqq = couplingProducts(q);
  const out: RecastCurvePoint[] = [];
  for (let i = 0; i < t.masses.length; i++) {
    const mx = t.masses[i];
    if (!t.valid[i]) {
      out.push({ mx, bands: [] });
      continue;
    }
    const x = model.couplings(mx);
    const pxx = couplingProducts(x);
    const pxq = bilinearProducts(x, q);
    const o = i * N_PRODUCTS;
    const prod = quadratic(t.production, o, pxx, pxq, pqq, eps);
    const sm = quadratic(t.widthSm, o, pxx, pxq, pqq, eps);
    const sig = quadratic(t.widthSignal, o, pxx, pxq, pqq, eps);
    if (t.rValues && eps === 0) {
      out.push({ mx, bands: rValueBands(t, i, prod.a, sm.a, sig.a, extraDark) });
      continue;
    }
    if (eps === 0 && !t.rValues && t.a0[i] === 0) {
      out.push({ mx, bands: promptBand(t, i, prod.a, sm.a, sig.a, extraDark, search.gMax) });
      continue;
    }
    const at = (g: number): number => {
      const rates: PointRates = {
        production: (prod.a * g + prod.b) * g + prod.c,
        widthSm: (sm.a * g + sm.b) * g + sm.c,
        widthSignal: (sig.a * g + sig.b) * g + sig.c,
      };
      return ratioFromRates(t, i, rates, extraDark);
    };
    out.push({ mx, bands: exclusionBands(at, search) });
  }
  return out;
}

/** Node-by-node r-value recast for couplings proportional to g_X (rates at g = 1 given). */
function rValueBands(t: RecastTables, i: number, prod1: number, sm1: number, sig1: number, extraDark: number): ExclusionBand[] {
  const r = t.darkOverSm + extraDark;
  const total1 = (1 + r) * sm1;
  const signal1 = sig1 + t.signalIncludesDark * r * sm1;
  if (!(total1 > 0) || !(prod1 > 0) || !(signal1 > 0)) return [];
  const br = signal1 / total1;
  const { couplings, r: rAll } = t.rValues!;
  const nNodes = couplings.length;
  return rValueNodeBand({
    couplings,
    r: rAll.subarray(i * nNodes, (i + 1) * nNodes),
    couplingScale: Math.sqrt(t.gammaRefPerEps2[i] / total1),
    rScale: (t.brRef[i] * total1) / (br * prod1 * t.gammaRefPerEps2[i]),
  });
}

/**
 * Prompt limit (t0 = 0) with couplings proportional to g_X. With t1 = ∞ the ratio is g² Π BR / refYield and
 * g_lim = sqrt(refYield/(Π BR)) (§6.1 closed form). With a finite t1 the ratio g²(1 − e^{−t1/τ_X(g)}) still
 * rises monotonically in g, so the root is bracketed from the closed form and bisected. Capped at gMax.
 */
function promptBand(
  t: RecastTables,
  i: number,
  prod1: number,
  sm1: number,
  sig1: number,
  extraDark: number,
  gMax: number,
): ExclusionBand[] {
  const ratio = (g: number) =>
    ratioFromRates(t, i, { production: prod1 * g * g, widthSm: sm1 * g * g, widthSignal: sig1 * g * g }, extraDark);
  const atOne = ratio(1);
  if (!(atOne > 0)) return [];
  let hi = 1 / Math.sqrt(atOne);
  if (t.t1Bounded[i]) {
    let lo = hi;
    while (ratio(hi) < 1 && hi < 1e3 * gMax) hi *= 2;
    while (ratio(lo) >= 1 && lo > 1e-30) lo /= 2;
    for (let it = 0; it < 200 && hi / lo > 1 + 1e-13; it++) {
      const mid = Math.sqrt(lo * hi);
      if (ratio(mid) >= 1) hi = mid;
      else lo = mid;
    }
  }
  return hi <= gMax ? [{ from: hi, to: null }] : [];
}

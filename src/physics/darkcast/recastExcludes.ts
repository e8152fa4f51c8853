// The per-point recast test, shaped like the kernel: given one mass index of the tables and the point's
// physical couplings, only dot products, a division, a square root, exponentials and (r-value limits) one
// table lookup. No root finding. RESONANCE_RECAST.md §6.1, §6.3.

import { bracket } from './interpolation.js';
import { couplingProducts, dotRow, N_PRODUCTS } from './couplingProducts.js';
import type { FermionCouplings } from './fermionCouplings.js';
import type { RecastTables } from './recastTables.js';

export interface RecastVerdict {
  /** N_X / N_ref (for r-value limits: N_X / upper limit on the yield). */
  ratio: number;
  excluded: boolean;
}

/** The three rates of a point at one mass: production ratio Π, SM width and SM signal width (GeV). */
export interface PointRates {
  production: number;
  widthSm: number;
  widthSignal: number;
}

export function pointRates(t: RecastTables, i: number, products: Float64Array): PointRates {
  const o = i * N_PRODUCTS;
  return {
    production: dotRow(t.production, o, products),
    widthSm: dotRow(t.widthSm, o, products),
    widthSignal: dotRow(t.widthSignal, o, products),
  };
}

const ONE_MINUS_INV_E = -Math.expm1(-1);

/**
 * N_X/N_ref from a point's rates. `extraDarkOverSm` is the model's own dark width relative to its SM width
 * (added to the convention's).
 */
export function ratioFromRates(t: RecastTables, i: number, rates: PointRates, extraDarkOverSm = 0): number {
  if (!t.valid[i]) return 0;
  const r = t.darkOverSm + extraDarkOverSm;
  const widthTotal = (1 + r) * rates.widthSm;
  const widthSignal = rates.widthSignal + t.signalIncludesDark * r * rates.widthSm;
  if (!(widthTotal > 0) || !(rates.production > 0) || !(widthSignal > 0)) return 0;
  const yieldPrompt = (rates.production * widthSignal) / widthTotal; // Π · BR_X
  if (t.rValues) return rValueRatio(t, i, yieldPrompt, widthTotal);
  // ε_det = e^{−a0 Γ} (1 − e^{−(a1−a0) Γ}): the bracket written with expm1 keeps long lifetimes exact.
  const late = t.t1Bounded[i] ? -Math.expm1(-t.aSpan[i] * widthTotal) : 1;
  return (yieldPrompt * Math.exp(-t.a0[i] * widthTotal) * late) / t.refYield[i];
}

/**
 * r-value limits (§6.3): the reference coupling with X's lifetime is ε₁² = Γ_X/Γ_ref(ε=1); X is excluded when
 * Π BR_X ≥ ε₁² BR_ref r(ε₁). Beyond the grid the nearest edge node is extended with the window [0, τ_edge]
 * (longer lifetimes) or [τ_edge, ∞) (shorter ones).
 */
function rValueRatio(t: RecastTables, i: number, yieldPrompt: number, widthTotal: number): number {
  const { couplings, r } = t.rValues!;
  const nNodes = couplings.length;
  const row = i * nNodes;
  const eps1sq = widthTotal / t.gammaRefPerEps2[i];
  const base = yieldPrompt / t.brRef[i];
  const first = couplings[0];
  const last = couplings[nNodes - 1];
  if (eps1sq < first * first) {
    const s = eps1sq / (first * first); // τ_edge/τ_X
    return ((base / (first * first * r[row])) * -Math.expm1(-s)) / ONE_MINUS_INV_E;
  }
  if (eps1sq > last * last) {
    const s = eps1sq / (last * last);
    return (base / (last * last * r[row + nNodes - 1])) * Math.exp(1 - s);
  }
  const eps1 = Math.sqrt(eps1sq);
  const j = bracket(couplings, eps1);
  const w = (eps1 - couplings[j]) / (couplings[j + 1] - couplings[j]);
  const rHere = (1 - w) * r[row + j] + w * r[row + j + 1];
  return base / (eps1sq * rHere);
}

/** Whether the point with physical couplings `y` is excluded at mass index i. */
export function recastExcludes(t: RecastTables, i: number, y: FermionCouplings, extraDarkOverSm = 0): RecastVerdict {
  const ratio = ratioFromRates(t, i, pointRates(t, i, couplingProducts(y)), extraDarkOverSm);
  return { ratio, excluded: ratio >= 1 };
}

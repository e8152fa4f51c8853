// Per-mass coefficient tables of one limit, built once per scan on the CPU in float64. Everything that
// depends on the mass alone (limit edges, the reference boson's yield, lifetime windows, production and width
// coefficients) is folded in here, so that the per-point test (recastExcludes.ts) is a few dot products
// with the point's coupling products and two exponentials.
//
// Layout: n = masses.length, K = N_PRODUCTS (couplingProducts.ts). Row-major matrices hold row i at
// [i*K, (i+1)*K). Where `valid[i] = 0` the limit does not apply and the limit entries at i are 0. The
// kernel-facing arrays never hold NaN or infinities (only the diagnostics `t1` and `tauRefPerEps2` can be
// Infinity: no upper time cut, or a reference boson with no width at m = 0).
//
//   N_X / N_ref = Π(y) · BR_X(y) · ε_det(Γ_X(y)) / refYield
//     Π(y)    = Σ_k production[i,k] P_k(y)            (Σ_P f_P σ_P(y)/σ_P(reference at unit coupling))
//     Γ_SM(y) = Σ_k widthSm[i,k] P_k(y),   Γ_dark = r Γ_SM with r = darkOverSm + the model's own ratio
//     Γ_X     = (1 + r) Γ_SM,   BR_X = (Σ_k widthSignal[i,k] P_k(y) + signalIncludesDark · r Γ_SM) / Γ_X
//     ε_det   = exp(−a0 Γ_X) · (t1Bounded ? 1 − exp(−aSpan Γ_X) : 1)   (a = t/ħ in GeV⁻¹, aSpan = a1 − a0;
//               evaluate 1 − exp(−x) as x(1 − x/2 + …) for small x in float32: long-lived X has x ≪ 1)
//     refYield = ε_lim² BR_ref ε_det,ref(ε_lim)                (ε_lim = epsLo)
// and the point is excluded when the ratio is ≥ 1 (RESONANCE_RECAST.md §6.1).
//
// r-value limits (LHCb displaced, §6.3) instead carry the r grid; see recastExcludes.ts.

import type { EdgeLimitTable, RecastDataSource, RValueLimitTable } from './dataTypes.js';
import { LMU_LTAU_TREE } from './builtinModels.js';
import { couplingProducts, dotRow, N_PRODUCTS, PRODUCT_NAMES } from './couplingProducts.js';
import { HBAR } from './darkcastConstants.js';
import { detectionEfficiency, promptT1, solveDisplacedT0 } from './efficiencyWindows.js';
import { darkPhotonCouplings, type FermionCouplings } from './fermionCouplings.js';
import { interpolateHeld } from './interpolation.js';
import { findLimit, type LimitCatalogEntry, type ProductionSpec } from './limitCatalog.js';
import { limitEdgesAt, rValueRowAt } from './limitEdges.js';
import { isMesonDecay, mesonDecayAmplitudes, productionRow } from './productionCoefficients.js';
import { effectiveRecast, type EffectiveRecast, type RecastConvention } from './recastConventions.js';
import { smWidthRows, sumRows } from './widthCoefficients.js';
import { VmdSet } from './vmdSet.js';

export interface RecastTables {
  limit: LimitCatalogEntry;
  recast: EffectiveRecast;
  layout: LimitCatalogEntry['layout'];
  masses: Float64Array;
  /** Names of the K coupling products, in row order. */
  productNames: readonly string[];
  /** 1 where the limit applies at masses[i]; 0 for sentinel windows, outside the table, empty islands. */
  valid: Float64Array;
  /** Interpolated limit edges (ε of the reference boson); epsUp is 0 for single-sided and r-value limits. */
  epsLo: Float64Array;
  epsUp: Float64Array;
  /** Reference boson per unit coupling: total width Γ_ref/ε² (GeV), lifetime τ_ref·ε² (s), BR into the signal. */
  gammaRefPerEps2: Float64Array;
  tauRefPerEps2: Float64Array;
  brRef: Float64Array;
  /** Proper-time window in s (t1 = Infinity when unbounded) and as a = t/ħ with a bounded-t1 flag. */
  t0: Float64Array;
  t1: Float64Array;
  a0: Float64Array;
  /** 0 where t1 is unbounded (so the kernel never sees an infinity); see t1Bounded. */
  a1: Float64Array;
  /** a1 − a0 formed in float64 (0 where unbounded), so that float32 never subtracts two large numbers. */
  aSpan: Float64Array;
  t1Bounded: Float64Array;
  /** ε_lim² BR_ref ε_det,ref: the reference yield the target is compared with (0 for r-value limits). */
  refYield: Float64Array;
  /** n × K coefficient rows (see the header comment). */
  production: Float64Array;
  widthSm: Float64Array;
  widthSignal: Float64Array;
  /** Dark width imposed by the convention, Γ_dark/Γ_SM (99 for DarkCast-convention invisible limits). */
  darkOverSm: number;
  signalIncludesDark: number;
  /** Production mechanisms and their fractions f_P per mass, n × mechanisms.length. */
  mechanisms: string[];
  fractions: Float64Array;
  /** Per meson-decay mechanism: a_V(m) = Tr(T_A T_B T_V) BW_V(m), n × 6 as [re, im] for ρ, ω, φ. */
  mesonAmplitudes: { mechanism: string; values: Float64Array }[];
  /** r-value grid re-sampled at `masses`: coupling nodes and n × nodes r values. */
  rValues: { couplings: Float64Array; r: Float64Array } | null;
}

export interface RecastTableOptions {
  convention?: RecastConvention;
}

function referenceCouplings(model: 'dark_photon' | 'lmu_ltau_tree', m: number): FermionCouplings {
  return model === 'dark_photon' ? darkPhotonCouplings(1) : LMU_LTAU_TREE.couplings(m);
}

function resolveEntry(limit: LimitCatalogEntry | string): LimitCatalogEntry {
  if (typeof limit !== 'string') return limit;
  const entry = findLimit(limit);
  if (!entry) throw new Error(`unknown limit '${limit}'`);
  return entry;
}

/** Production fractions f_P at mass m, in the order of `mechanisms`. */
function fractionsAt(p: ProductionSpec, data: RecastDataSource): { mechanisms: string[]; at: (m: number) => number[] } {
  if (p.kind === 'fixed') {
    const mechanisms = Object.keys(p.fractions);
    return { mechanisms, at: () => mechanisms.map((k) => p.fractions[k]) };
  }
  const table = data.productionTable(p.prdStem);
  // Outside the .prd range DarkCast holds the edge fractions (§10.10).
  return { mechanisms: table.mechanisms, at: (m) => table.fractions.map((f) => interpolateHeld(table.masses, f, m)) };
}

/** Build the per-mass tables of `limit` at `masses` (GeV). */
export function buildRecastTables(
  limit: LimitCatalogEntry | string,
  masses: Float64Array,
  data: RecastDataSource,
  options: RecastTableOptions = {},
): RecastTables {
  const entry = resolveEntry(limit);
  const recast = effectiveRecast(entry, options.convention ?? 'u1x');
  const def = recast.definition;
  const n = masses.length;
  const K = N_PRODUCTS;
  const vmd = new VmdSet(data.vmdCurves());
  const table = data.limitTable(entry.stem, entry.folder ?? 'limits');
  if (table.layout !== entry.layout) {
    throw new Error(`${table.file}: layout ${table.layout} does not match the catalog's ${entry.layout} for ${entry.id}`);
  }
  const { mechanisms, at: fractionsFor } = fractionsAt(def.production, data);

  const t: RecastTables = {
    limit: entry,
    recast,
    layout: entry.layout,
    masses: Float64Array.from(masses),
    productNames: PRODUCT_NAMES,
    valid: new Float64Array(n),
    epsLo: new Float64Array(n),
    epsUp: new Float64Array(n),
    gammaRefPerEps2: new Float64Array(n),
    tauRefPerEps2: new Float64Array(n),
    brRef: new Float64Array(n),
    t0: new Float64Array(n),
    t1: new Float64Array(n).fill(Infinity),
    a0: new Float64Array(n),
    a1: new Float64Array(n),
    aSpan: new Float64Array(n),
    t1Bounded: new Float64Array(n),
    refYield: new Float64Array(n),
    production: new Float64Array(n * K),
    widthSm: new Float64Array(n * K),
    widthSignal: new Float64Array(n * K),
    darkOverSm: recast.targetDarkOverSm,
    signalIncludesDark: recast.signalIncludesDark ? 1 : 0,
    mechanisms,
    fractions: new Float64Array(n * mechanisms.length),
    mesonAmplitudes: mechanisms.filter(isMesonDecay).map((mechanism) => ({ mechanism, values: new Float64Array(n * 6) })),
    rValues: null,
  };
  const rTable = table.layout === 'r_values' ? (table as RValueLimitTable) : null;
  if (rTable) t.rValues = { couplings: rTable.couplings, r: new Float64Array(n * rTable.couplings.length) };

  for (let i = 0; i < n; i++) {
    const m = masses[i];
    const rows = smWidthRows(m, vmd);
    const smRow = sumRows(rows.values());
    const signalRow = sumRows(recast.signalStates.map((s) => rows.get(s)!));
    t.widthSm.set(smRow, i * K);
    t.widthSignal.set(signalRow, i * K);

    // Reference boson per unit coupling.
    const ref = couplingProducts(referenceCouplings(def.referenceModel, m));
    const refSm = dotRow(def.referenceWidthStates ? sumRows(def.referenceWidthStates.map((s) => rows.get(s)!)) : smRow, 0, ref);
    const refSignalSm = dotRow(sumRows(recast.referenceSignalStates.map((s) => rows.get(s)!)), 0, ref);
    const refDark = recast.referenceDarkOverSm * refSm;
    const gammaRef = refSm + refDark;
    t.gammaRefPerEps2[i] = gammaRef;
    t.tauRefPerEps2[i] = gammaRef > 0 ? HBAR / gammaRef : Infinity;
    t.brRef[i] = recast.referenceBrIsOne
      ? 1
      : gammaRef > 0
        ? (refSignalSm + (recast.referenceSignalIncludesDark ? refDark : 0)) / gammaRef
        : 0;

    // Production: Σ_P f_P σ_P(y)/σ_P(reference), skipping mechanisms the reference cannot use (§4).
    const f = fractionsFor(m);
    t.fractions.set(f, i * mechanisms.length);
    const prod = new Float64Array(K);
    mechanisms.forEach((mech, k) => {
      if (!(f[k] > 0)) return;
      const row = productionRow(mech, m);
      const sigmaRef = dotRow(row, 0, ref);
      if (!(sigmaRef > 0)) return;
      for (let c = 0; c < K; c++) prod[c] += (f[k] * row[c]) / sigmaRef;
    });
    t.production.set(prod, i * K);
    for (const amp of t.mesonAmplitudes) amp.values.set(mesonDecayAmplitudes(amp.mechanism, m), i * 6);

    fillLimitAndWindow(t, i, entry, table, rTable);
  }
  return t;
}

/** Limit edges, lifetime window and reference yield at mass index i. */
function fillLimitAndWindow(
  t: RecastTables,
  i: number,
  entry: LimitCatalogEntry,
  table: EdgeLimitTable | RValueLimitTable,
  rTable: RValueLimitTable | null,
): void {
  const m = t.masses[i];
  const gammaRef = t.gammaRefPerEps2[i];
  if (rTable) {
    const row = rValueRowAt(rTable, m);
    if (row && gammaRef > 0 && t.brRef[i] > 0) {
      t.rValues!.r.set(row, i * rTable.couplings.length);
      t.valid[i] = 1;
    }
    return;
  }
  const edges = limitEdgesAt(table as EdgeLimitTable, m);
  if (!edges.valid || !(t.brRef[i] > 0)) return;
  const eff = entry.efficiency;
  let t0 = 0;
  let t1 = Infinity;
  if (eff.type === 'prompt_t1') {
    t1 = promptT1(eff.t1, m);
  } else if (eff.type === 'displaced') {
    t0 = solveDisplacedT0(edges.lower, edges.upper, gammaRef, eff.decayLengthM / eff.shieldLengthM);
    t1 = (1 + eff.decayLengthM / eff.shieldLengthM) * t0;
    if (!(t0 > 0)) return;
  }
  if (!(t1 > t0)) return;
  t.t0[i] = t0;
  t.t1[i] = t1;
  t.a0[i] = t0 / HBAR;
  t.t1Bounded[i] = t1 === Infinity ? 0 : 1;
  t.a1[i] = t1 === Infinity ? 0 : t1 / HBAR;
  t.aSpan[i] = t1 === Infinity ? 0 : (t1 - t0) / HBAR;
  const eps2 = edges.lower * edges.lower;
  const effRef = detectionEfficiency(t.a0[i], t1 === Infinity ? Infinity : t.a1[i], eps2 * gammaRef);
  const refYield = eps2 * t.brRef[i] * effRef;
  if (!(refYield > 0)) return;
  t.refYield[i] = refYield;
  t.epsLo[i] = edges.lower;
  t.epsUp[i] = Number.isNaN(edges.upper) ? 0 : edges.upper;
  t.valid[i] = 1;
}

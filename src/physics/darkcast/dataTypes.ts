// Shapes of the DarkCast-format tables as the recast physics consumes them. The parsers in
// src/io/darkcast produce these; physics only reads them, so it never depends on how files are found.

/** A coupling of 1e5 in a limit table means "no limit at this mass" (RESONANCE_RECAST.md §2.1). */
export const LIMIT_SENTINEL = 1e5;

export function isSentinel(coupling: number): boolean {
  return coupling >= LIMIT_SENTINEL;
}

/** Single- or double-sided ε(m) limit: duplicated masses already resolved (last row wins), sorted. */
export interface EdgeLimitTable {
  layout: 'single_sided' | 'double_sided';
  /** File the table came from (for messages). */
  file: string;
  masses: Float64Array;
  /** Smallest excluded ε; may hold the sentinel. */
  lower: Float64Array;
  /** Largest excluded ε (double-sided only); may hold the sentinel. */
  upper: Float64Array | null;
}

/** r-value grid (LHCb displaced): r(m, ε) = (upper limit on the yield)/(dark-photon yield); r < 1 excluded. */
export interface RValueLimitTable {
  layout: 'r_values';
  file: string;
  /** Unique masses, ascending. */
  masses: Float64Array;
  /** Coupling nodes ε_j, ascending, shared by every mass. */
  couplings: Float64Array;
  /** r, row-major: r[iMass * couplings.length + j]. */
  r: Float64Array;
}

export type LimitTable = EdgeLimitTable | RValueLimitTable;

/** `.prd` table: fraction of the dark-photon signal from each production mechanism, per mass. */
export interface ProductionFractionTable {
  file: string;
  mechanisms: string[];
  masses: Float64Array;
  /** fractions[k][i]: mechanism k at masses[i]. */
  fractions: Float64Array[];
}

/** One `vmd/rf.<state>.<mesons>.dat` curve: the part of R^F(m) carried by one meson (or ω–φ interference). */
export interface VmdCurve {
  file: string;
  finalState: string;
  /** 'rho0' | 'omega' | 'phi' | 'omega_phi' (the last is the ω–φ interference term). */
  component: string;
  masses: Float64Array;
  values: Float64Array;
}

/** What the recast needs from a DarkCast data directory. */
export interface RecastDataSource {
  /** `folder`: 'limits' (default) or 'reach' (DarkCast 2023 projections). */
  limitTable(stem: string, folder?: 'limits' | 'reach'): LimitTable;
  productionTable(stem: string): ProductionFractionTable;
  vmdCurves(): VmdCurve[];
}

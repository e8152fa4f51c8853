// A limit evaluated at an arbitrary mass (RESONANCE_RECAST.md §6.2): linear in m between tabulated masses,
// as DarkCast interpolates (so the recast reproduces DarkCast between its rows, e.g. the §9 examples), never
// across a 1e5 sentinel row, and "no limit" outside the tabulated range (DarkCast would hold the edge value,
// which is harmless only at its own masses).

import { isSentinel, type EdgeLimitTable, type RValueLimitTable } from './dataTypes.js';
import { bracket } from './interpolation.js';

export interface LimitEdges {
  valid: boolean;
  lower: number;
  /** Double-sided only; NaN for single-sided limits. */
  upper: number;
}

const NO_LIMIT: LimitEdges = { valid: false, lower: NaN, upper: NaN };

/** Weights (i, w) so that value = (1−w) v[i] + w v[i+1]; null outside [m_min, m_max]. */
function massWeights(masses: Float64Array, m: number): { i: number; w: number } | null {
  const n = masses.length;
  if (!(m >= masses[0] && m <= masses[n - 1])) return null;
  if (n === 1) return { i: 0, w: 0 };
  const i = bracket(masses, m);
  if (m === masses[i + 1]) return { i: i + 1, w: 0 };
  return { i, w: (m - masses[i]) / (masses[i + 1] - masses[i]) };
}

function rowSentinel(t: EdgeLimitTable, i: number): boolean {
  return isSentinel(t.lower[i]) || (t.upper !== null && isSentinel(t.upper[i]));
}

export function limitEdgesAt(table: EdgeLimitTable, m: number): LimitEdges {
  const at = massWeights(table.masses, m);
  if (!at) return NO_LIMIT;
  const { i, w } = at;
  // Any interval that touches a sentinel row is unconstrained (§2.1).
  if (rowSentinel(table, i) || (w > 0 && rowSentinel(table, i + 1))) return NO_LIMIT;
  const lerp = (v: Float64Array) => (w === 0 ? v[i] : (1 - w) * v[i] + w * v[i + 1]);
  const lower = lerp(table.lower);
  const upper = table.upper ? lerp(table.upper) : NaN;
  if (table.upper && !(upper > lower)) return NO_LIMIT;
  return { valid: true, lower, upper };
}

/**
 * r-value row at mass m: the tabulated row at a tabulated mass, else linear in m between the two
 * neighbouring rows node by node; null outside the tabulated masses.
 */
export function rValueRowAt(table: RValueLimitTable, m: number): Float64Array | null {
  const at = massWeights(table.masses, m);
  if (!at) return null;
  const n = table.couplings.length;
  const { i, w } = at;
  const row = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const a = table.r[i * n + j];
    row[j] = w === 0 ? a : (1 - w) * a + w * table.r[(i + 1) * n + j];
  }
  return row;
}

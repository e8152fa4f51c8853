// When a preferred-role constraint's band is an upper limit instead (SPEC §4.1 / §5.4): the band is a
// preferred region when the data show a tension; when its lower edge is at or below zero the SM lies
// inside it, there is nothing to explain, and the term is an upper limit on new physics (amu-2025:
// 38 - 2 x 63 < 0). Decided here from the definition's band and dataset, so that maps need not name it.

import type { ActiveConstraint } from './activate.js';

export interface BandUpperLimit {
  dataset: string;
  central: number;
  /** central -/+ n sigma, n = sqrt(threshold) (2 for the default threshold 4). */
  lower: number;
  upper: number;
  /** The dataset's unit, e.g. '1e-11'. */
  unit: string;
}

/** The band of an active preferred-role constraint as an upper limit, or null while it is a preferred region. */
export function bandAsUpperLimit(a: ActiveConstraint): BandUpperLimit | null {
  if (a.def.role !== 'preferred' || !a.def.band || !a.datasetId) return null;
  const entry = a.def.dataset?.entries[a.datasetId];
  if (!entry) return null;
  const n = Math.sqrt(a.def.threshold ?? 4);
  const lower = entry.central - n * entry.sigma;
  if (lower > 0) return null;
  return { dataset: a.datasetId, central: entry.central, lower, upper: entry.central + n * entry.sigma, unit: entry.unit };
}

/** A dataset unit '1e-11' in figure text: '·10⁻¹¹' ('' for unit 1; the unit itself otherwise). */
export function unitInFigureText(unit: string): string {
  const m = /^1e(-?)(\d+)$/.exec(unit);
  if (!m) return unit === '1' ? '' : ` ${unit}`;
  const sup: Record<string, string> = { '-': '⁻', 0: '⁰', 1: '¹', 2: '²', 3: '³', 4: '⁴', 5: '⁵', 6: '⁶', 7: '⁷', 8: '⁸', 9: '⁹' };
  return `·10${[...`${m[1]}${Number(m[2])}`].map((ch) => sup[ch]).join('')}`;
}

// What the products print about the registry's preferred-role constraints and legend groups even where
// none is active (a manifest also says what it did not write, and why): taken from the definitions, so
// that no product names a constraint itself.

import type { LegendGroup } from '../../constraints/define.js';
import { CONSTRAINTS } from '../../constraints/registry.js';

const PREFERRED = CONSTRAINTS.filter((c) => c.band !== undefined);

/** Ids of the preferred-role constraints: 'amu'. */
export const PREFERRED_IDS = PREFERRED.map((c) => c.id).join(', ');

/** Their bands' plain names: '(g-2)_mu'. */
export const PREFERRED_NAMES = PREFERRED.map((c) => c.band!.plain).join(', ');

/** Per preferred constraint: what its mask means ('mask_amu: outside the (g-2)_mu 2 sigma band'). */
export const PREFERRED_MASKS = PREFERRED.map((c) => `mask_${c.id}: outside the ${c.band!.plain} 2 sigma band`).join('; ');

/** Every legend group of the registry, once, in registry order. */
/** Merge rules of the exclusion regions (projections are lines, never merged: plots.ts draws them apart). */
export const LEGEND_GROUPS: readonly LegendGroup[] = [
  ...new Set(CONSTRAINTS.flatMap((c) => (c.legendGroup && c.role !== 'projection' ? [c.legendGroup] : []))),
];

export function capitalized(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

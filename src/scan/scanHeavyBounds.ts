// Computed per-(model, m_X) lower bounds of the heavy terms (COHERENT) for a dense scan's pruning (issue 18):
// the grid kernel then skips COHERENT wherever the light terms plus this bound cannot beat the running minimum
// of the profile, instead of plus the constraint's model-independent heavy.lowerBound (-2 for COHERENT, while
// the true minimum over all couplings is -1.1 to 0 depending on model and m_X). Exact where the bound holds:
// a skipped point's total is at least the running minimum (see heavyBounds.ts for how the bound is found and
// its safety margin; test/scan/scanHeavyBounds.test.ts compares scans with and without).

import { HEAVY_BOUND_SEARCH_MAX_GX, heavyLowerBounds } from './heavyBounds.js';
import type { ScanPlan } from './plan.js';

/**
 * The search costs about 730 heavy-term evaluations per (model, m_X); a row of the grid (its g_X x profiled
 * mixing points) must be much larger for it to pay: at least 20 times that.
 */
const MIN_ROW_POINTS = 20 * 730;

/** Why computed bounds are not used for this plan, or null where they are. */
export function heavyBoundsSkipReason(plan: ScanPlan): string | null {
  if (heavyTerms(plan).length === 0) return 'no heavy term in the objective';
  if (!plan.profileEps) return 'the mixing axis is not profiled (no pruning)';
  if (plan.mix.kind === 'radiative' || plan.mixing !== 'photon') return 'the bound search spans the photon-convention (g_X, k) plane only';
  if (!plan.exactTables) return 'interpolated tables (the search evaluates at exact table masses)';
  if (plan.gx.values.some((g) => g > HEAVY_BOUND_SEARCH_MAX_GX)) return `g_X above the search range (${HEAVY_BOUND_SEARCH_MAX_GX})`;
  const rowPoints = plan.gx.values.length * plan.mix.values.length;
  if (rowPoints < MIN_ROW_POINTS) return `rows of ${rowPoints} points: the search (about 730 evaluations per model and m_X) would not pay`;
  return null;
}

export interface ScanHeavyBounds {
  /** [model][m_X] flattened, as GridRequest.heavyBound takes them. */
  bounds: Float64Array;
  evaluations: number;
  seconds: number;
}

/** The objective's heavy terms. */
function heavyTerms(plan: ScanPlan) {
  return plan.active.filter((a) => plan.objective.has(a.def.id) && a.def.heavy);
}

/** The constraints' own bound (the sum of their heavy.lowerBound) for every (model, m_X): valid everywhere. */
export function staticHeavyBounds(plan: ScanPlan): Float64Array {
  const bound = heavyTerms(plan).reduce((s, a) => s + a.def.heavy!.lowerBound, 0);
  return new Float64Array(plan.models.length * plan.mx.values.length).fill(bound);
}

/** The bounds for a plan's grid (call only where heavyBoundsSkipReason gives null). */
export async function scanHeavyBounds(plan: ScanPlan, log: (line: string) => void): Promise<ScanHeavyBounds> {
  const skip = heavyBoundsSkipReason(plan);
  if (skip !== null) throw new Error(`internal error: computed heavy-term bounds asked for where they do not apply (${skip})`);
  const t0 = performance.now();
  const heavy = new Set(heavyTerms(plan).map((a) => a.def.id));
  const { bounds, evaluations } = await heavyLowerBounds({ models: plan.models, active: plan.active, heavy, masses: plan.mx.values });
  const seconds = (performance.now() - t0) / 1000;
  let lo = Infinity;
  let hi = -Infinity;
  for (const b of bounds) [lo, hi] = [Math.min(lo, b), Math.max(hi, b)];
  log(
    `heavy-term lower bounds per model and m_X (${[...heavy].join(', ')}) from ${evaluations} evaluations (${seconds.toFixed(1)} s): ` +
      `${lo.toFixed(3)} to ${hi.toFixed(3)}`,
  );
  return { bounds, evaluations, seconds };
}

// The kernel a scan plan needs, as a kernel-session request: the runner's and the bench's grids are built
// from the same plan the same way.

import type { KernelRequest } from '../kernel/session.js';
import type { ScanPlan } from './plan.js';

export function scanKernelRequest(
  plan: ScanPlan,
  o: { prune: boolean; terms?: boolean; observables?: readonly string[]; heavyBound?: Float64Array },
): KernelRequest {
  return {
    constraints: plan.active,
    objective: plan.objective,
    models: plan.models,
    masses: { nodes: plan.tableMasses, exact: plan.exactTables },
    mode: {
      kind: 'grid',
      mx: plan.mx.values,
      gx: plan.gx.values,
      mix: plan.mix.values,
      // Pruning is exact only inside a profile loop.
      profile: plan.profileEps,
      prune: o.prune && plan.profileEps,
      terms: o.terms ?? false,
      observables: o.observables ?? [],
      // Computed per-(model, m_X) bounds of the heavy terms (scanHeavyBounds.ts); only with pruning.
      heavyBound: o.prune && plan.profileEps ? o.heavyBound : undefined,
    },
    mixing: { convention: plan.mixing, axis: plan.mix.kind },
  };
}

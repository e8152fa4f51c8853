// `--quick`: the same spec at reduced resolution (every range axis and family thinned), for smoke runs
// and CI. The result is a real scan of the same physics, only coarser.

import { kindQuick } from './kinds/registry.js';
import type { ScanSpec } from './spec.js';

type Axis = ScanSpec['mx'];

/** Points kept per range axis: an eighth, at least 4 (a linlog axis needs 4). */
function thin(axis: Axis | undefined): Axis | undefined {
  if (axis === undefined || typeof axis === 'number' || 'values' in axis) return axis;
  return { ...axis, n: Math.max(4, Math.ceil(axis.n / 8)) };
}

export function quickSpec(spec: ScanSpec): ScanSpec {
  const models =
    typeof spec.models === 'object' && !Array.isArray(spec.models) && 'alphaR' in spec.models
      ? {
          alphaR: {
            alpha: thin(spec.models.alphaR.alpha) as typeof spec.models.alphaR.alpha,
            R: thin(spec.models.alphaR.R) as typeof spec.models.alphaR.R,
          },
        }
      : spec.models;
  return {
    ...spec,
    models,
    mx: thin(spec.mx)!,
    gx: thin(spec.gx)!,
    eps: thin(spec.eps),
    k: thin(spec.k),
    ...kindQuick(spec),
  };
}

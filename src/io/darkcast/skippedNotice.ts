// What a scan says when it runs without DarkCast data: every resonance limit is skipped, and why.

import { LIMIT_CATALOG } from '../../physics/darkcast/limitCatalog.js';

export interface SkippedResonanceLimits {
  ids: string[];
  message: string;
}

/** The notice for screen, manifest and plots when no DarkCast directory was found (`reason` from findDarkcastDir). */
export function skippedResonanceLimits(reason: string): SkippedResonanceLimits {
  const ids = LIMIT_CATALOG.map((e) => e.id);
  return { ids, message: `resonance searches skipped (${ids.length} limits: ${ids.join(', ')}): ${reason}` };
}

// The regions of a map from its per-cell mask words, decoded as the scan's maps decode them
// (scan/products/maskBits.ts): each constraint's excluded cells, the (g-2)_mu band (its bit
// clear), the allowed cells (no exclusion) and the viable region (inside the band and allowed).

import { decodeMasks } from '../../scan/products/maskBits.js';
import type { WireConstraint } from '../wire.js';

export interface MapLayers {
  /** Per constraint (the kernel's constraints order): 1 where it excludes (a band: where outside). */
  excluded: Uint8Array[];
  /** Inside the preferred band, or null without one. */
  preferred: Uint8Array | null;
  allowed: Uint8Array;
  /** Inside the band and allowed; null without a band. */
  viable: Uint8Array | null;
}

export function mapLayers(constraints: readonly WireConstraint[], masks: Uint32Array, nWords: number, cells: number): MapLayers {
  const { byConstraint, allowed, preferred } = decodeMasks(masks, nWords, constraints, cells);
  const viable = preferred ? Uint8Array.from(preferred, (x, i) => x & allowed[i]) : null;
  return { excluded: byConstraint, preferred, allowed, viable };
}

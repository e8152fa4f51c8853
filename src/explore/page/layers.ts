// The regions of a map from its per-cell mask words, as the scan's maps draw them
// (scan/products/cells.ts decodeMasks): each constraint's excluded cells, the (g-2)_mu band (its bit
// clear), the allowed cells (no exclusion) and the viable region (inside the band and allowed).

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
  const excluded = constraints.map(() => new Uint8Array(cells));
  const allowed = new Uint8Array(cells).fill(1);
  const pref = constraints.find((c) => c.preferred && c.bit >= 0) ?? null;
  let preferred: Uint8Array | null = null;
  constraints.forEach((c, k) => {
    if (c.bit < 0) return;
    const w = c.bit >>> 5;
    const shift = c.bit & 31;
    const out = excluded[k];
    for (let i = 0; i < cells; i++) out[i] = (masks[i * nWords + w] >>> shift) & 1;
    if (c.preferred) {
      if (c === pref) preferred = Uint8Array.from(out, (x) => x ^ 1);
    } else {
      for (let i = 0; i < cells; i++) if (out[i]) allowed[i] = 0;
    }
  });
  const band = preferred as Uint8Array | null;
  const viable = band ? Uint8Array.from(band, (x, i) => x & allowed[i]) : null;
  return { excluded, preferred: band, allowed, viable };
}

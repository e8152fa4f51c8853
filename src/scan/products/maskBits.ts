// Mask words to per-constraint 0/1 masks and the regions a map draws. Node-free: the scan's products and
// the explore page (which runs in the browser) decode with this one function.

/** What decoding needs of a constraint (scan/products/cells.ts ConstraintInfo has these fields). */
export interface MaskBit {
  /** Mask bit, or -1 when the kernel has none for it (then it never excludes). */
  bit: number;
  /** (g-2)_mu: the region inside the band is the interesting one; never an exclusion. */
  preferred: boolean;
  /** A future search's projected reach: its mask never counts in allowed. */
  projection?: boolean;
}

/** Per-constraint 0/1 masks of `n` cells from their mask words, plus the combinations. */
export interface CellMasks {
  byConstraint: Uint8Array[];
  allowed: Uint8Array;
  /** Inside the (g-2)_mu band (its bit clear); null without an active preferred constraint. */
  preferred: Uint8Array | null;
}

export function decodeMasks(words: Uint32Array, nWords: number, infos: readonly MaskBit[], n: number): CellMasks {
  const byConstraint = infos.map(() => new Uint8Array(n));
  const allowed = new Uint8Array(n).fill(1);
  const pref = infos.find((c) => c.preferred && c.bit >= 0);
  const preferred = pref ? new Uint8Array(n) : null;
  infos.forEach((c, k) => {
    if (c.bit < 0) return;
    const w = c.bit >>> 5;
    const shift = c.bit & 31;
    const out = byConstraint[k];
    for (let i = 0; i < n; i++) out[i] = (words[i * nWords + w] >>> shift) & 1;
    if (c.preferred) {
      if (c === pref) for (let i = 0; i < n; i++) preferred![i] = out[i] ^ 1;
    } else if (!c.projection) {
      for (let i = 0; i < n; i++) if (out[i]) allowed[i] = 0;
    }
  });
  return { byConstraint, allowed, preferred };
}

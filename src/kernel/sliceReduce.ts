// The host side of GridMode.epsSlices: a kernel whose profiled eps loop is split over S adjacent device
// cells per (model, m_X, g_X) stores one minimum per slice (argmin as an index into the whole eps axis).
// The logical cell is the slice with the lowest total, the lowest slice on ties: the unsplit loop keeps
// the first index of its minimum, and slice s holds lower indices than slice s + 1. Its words (total,
// argmin, masks and terms at that argmin) are copied whole; the non-finite words are OR-ed over the
// slices. (A slice prunes heavy terms against its own running minimum, so the per-slice totals and the
// winner are exact, but a heavy term can be evaluated, and flagged non-finite, at a point the unsplit loop
// pruned: the non-finite words are those of the points the split loop evaluated.)

import type { OutputBlock } from '../backends/types.js';
import type { OutputSlots } from './compile.js';

export class SliceReducer {
  private words: Uint32Array | Float64Array = new Uint32Array(0);
  private floats: Float32Array | Float64Array = new Float32Array(0);

  constructor(
    private readonly slices: number,
    private readonly slots: Pick<OutputSlots, 'chi2' | 'nonfiniteWords'>,
  ) {}

  /** Reduce a block of `count * slices` device cells to `count` logical cells (reused memory). */
  reduce(block: OutputBlock): OutputBlock {
    const S = this.slices;
    const { stride } = block;
    const count = block.count / S;
    if (!Number.isInteger(count)) throw new Error(`internal error: ${block.count} device cells are not whole groups of ${S} slices`);
    const float64 = block.uints instanceof Float64Array;
    if (this.words.length < count * stride || this.words instanceof Float64Array !== float64) {
      if (float64) {
        this.words = new Float64Array(count * stride);
        this.floats = this.words;
      } else {
        const w = new Uint32Array(count * stride);
        this.words = w;
        this.floats = new Float32Array(w.buffer);
      }
    }
    const out = this.words;
    const src = block.uints;
    const chi2 = this.slots.chi2;
    const nf = this.slots.nonfiniteWords;
    for (let c = 0; c < count; c++) {
      const first = c * S;
      let win = first;
      for (let d = first + 1; d < first + S; d++) if (block.floats[d * stride + chi2] < block.floats[win * stride + chi2]) win = d;
      const o = c * stride;
      for (let k = 0; k < stride; k++) out[o + k] = src[win * stride + k];
      for (const slot of nf) {
        let bits = 0;
        for (let d = first; d < first + S; d++) bits |= src[d * stride + slot];
        out[o + slot] = bits >>> 0;
      }
    }
    const floats = this.floats;
    return {
      count,
      stride,
      floats,
      uints: out,
      float: (c, s) => floats[c * stride + s],
      uint: (c, s) => out[c * stride + s],
    };
  }
}

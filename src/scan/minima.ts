// Per-segment minima of a scan (one segment per model, or per (model, m_X) when g_X is profiled), kept
// while cells stream through and written to minima.npy / minima.csv at the end.

export interface SegmentMinima {
  chi2: Float64Array;
  /** Global cell index of the minimum (-1 while unset). */
  cell: Float64Array;
  /** eps index of the minimum within its cell's profile. */
  eps: Uint32Array;
}

export function emptyMinima(segments: number): SegmentMinima {
  return { chi2: new Float64Array(segments).fill(Infinity), cell: new Float64Array(segments).fill(-1), eps: new Uint32Array(segments) };
}

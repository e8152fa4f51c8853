// How many slices a profiled eps loop is split into (GridMode.epsSlices): enough device cells to fill a
// GPU's resident threads when the grid has fewer cells than that (the fit: 419 models x 241 g_X = 101 k
// cells, a 2001-step loop each), never slices shorter than MIN_SLICE_LENGTH, and no split at all on
// backends without many more threads than cores (the CPU reference, lavapipe).

/** Shortest slice: a slice's fixed cost (cell decode, reduction, stores) stays small against its loop. */
export const MIN_SLICE_LENGTH = 64;

export function epsSlicesFor(residentThreads: number | undefined, cells: number, nEps: number): number {
  if (!residentThreads || cells >= residentThreads) return 1;
  return Math.max(1, Math.min(Math.ceil(residentThreads / cells), Math.floor(nEps / MIN_SLICE_LENGTH)));
}

// Comparing a map from the page (float32 on the browser's GPU) with the float64 CPU reference: chi2 within
// a relative 1e-3 (SwiftShader's transcendentals are ~1e-4 off, ../shared/notes/browser-webgpu.md), and
// masks equal except on a region's edge (a cell whose CPU neighbour has the other value), where a float32
// rounding can move a threshold crossing by one cell.
import { cpuBackend } from '../../src/backends/cpu.js';
import { buildMapKernel, computeMap } from '../../src/explore/mapKernel.js';
import { parseView, planView } from '../../src/explore/view.js';
import { DATA_DIRS } from './helpers.js';

export interface MapData {
  chi2: Float64Array;
  masks: Uint32Array;
}

/** The float64 CPU reference of a view (the JavaScript kernel the compiler emits beside the WGSL). */
export async function cpuReference(view: unknown): Promise<MapData & { words: number; bits: string[] }> {
  const mk = buildMapKernel(planView(parseView(view), { dataDirs: DATA_DIRS }));
  const { chi2, masks } = await computeMap(mk, cpuBackend());
  return { chi2, masks, words: mk.build.kernel.maskWords, bits: mk.build.kernel.bits };
}

export interface Agreement {
  /** Largest |a - b| / max(|b|, 1) over the cells. */
  maxRelChi2: number;
  /** Mask bits that differ, and those of them not on a region edge. */
  maskDiffs: number;
  interiorMaskDiffs: number;
  cells: number;
}

export function agreement(got: MapData, ref: MapData & { words: number; bits: string[] }, nx: number, ny: number): Agreement {
  let maxRelChi2 = 0;
  for (let i = 0; i < ref.chi2.length; i++) {
    const rel = Math.abs(got.chi2[i] - ref.chi2[i]) / Math.max(Math.abs(ref.chi2[i]), 1);
    if (!(rel <= maxRelChi2)) maxRelChi2 = rel;
  }
  const bit = (m: Uint32Array, cell: number, b: number) => (m[cell * ref.words + (b >> 5)] >>> (b & 31)) & 1;
  let maskDiffs = 0;
  let interiorMaskDiffs = 0;
  for (let ix = 0; ix < nx; ix++) {
    for (let iy = 0; iy < ny; iy++) {
      const cell = ix * ny + iy;
      for (let b = 0; b < ref.bits.length; b++) {
        const want = bit(ref.masks, cell, b);
        if (bit(got.masks, cell, b) === want) continue;
        maskDiffs++;
        const edge = [
          [ix - 1, iy],
          [ix + 1, iy],
          [ix, iy - 1],
          [ix, iy + 1],
        ].some(([x, y]) => x >= 0 && x < nx && y >= 0 && y < ny && bit(ref.masks, x * ny + y, b) !== want);
        if (!edge) interiorMaskDiffs++;
      }
    }
  }
  return { maxRelChi2, maskDiffs, interiorMaskDiffs, cells: nx * ny };
}

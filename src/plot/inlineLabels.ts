// AxionLimits-style labels written onto the regions themselves. A label goes where its whole box lies
// inside the region and inside the plot, preferring spots no other region covers (so the text is not
// read as belonging to a neighbour) and then spots far from the region's edge. A label that fits
// nowhere is reported back so the caller keeps it in the legend.

import type { PlotArea } from './axes.js';
import type { Box } from './labels.js';
import { richWidth } from './text.js';

export interface InlineRegion {
  id: string;
  label: string;
  mask: Uint8Array;
}

export interface InlinePlacement {
  id: string;
  /** Centre of the text's box; draw with text-anchor middle. */
  x: number;
  baseline: number;
}

/** Chebyshev distance (in grid steps) to the nearest outside sample, the grid edge counting as outside. */
function depthMap(mask: Uint8Array, nx: number, ny: number): Int32Array {
  const d = new Int32Array(nx * ny);
  const at = (i: number, j: number): number => (i < 0 || j < 0 || i >= nx || j >= ny ? 0 : d[i * ny + j]);
  for (let i = 0; i < nx * ny; i++) d[i] = mask[i] ? 1 << 20 : 0;
  for (let i = 0; i < nx; i++) {
    for (let j = 0; j < ny; j++) {
      const k = i * ny + j;
      if (d[k] > 0) d[k] = Math.min(d[k], at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + 1, at(i - 1, j + 1) + 1);
    }
  }
  for (let i = nx - 1; i >= 0; i--) {
    for (let j = ny - 1; j >= 0; j--) {
      const k = i * ny + j;
      if (d[k] > 0) d[k] = Math.min(d[k], at(i + 1, j) + 1, at(i, j + 1) + 1, at(i + 1, j + 1) + 1, at(i + 1, j - 1) + 1);
    }
  }
  return d;
}

const intersects = (a: Box, b: Box): boolean => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

export function placeInlineLabels(
  regions: readonly InlineRegion[],
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  area: PlotArea,
  fontSize: number,
  /** Further masks (the g-2 band) whose samples count as "covered by something else". */
  avoid: readonly Uint8Array[] = [],
): InlinePlacement[] {
  const nx = x.length;
  const ny = y.length;
  const xs = Array.from({ length: nx }, (_, i) => area.px(x[i]));
  const ys = Array.from({ length: ny }, (_, j) => area.py(y[j]));
  const coverage = new Uint16Array(nx * ny);
  for (const m of [...regions.map((r) => r.mask), ...avoid]) for (let k = 0; k < nx * ny; k++) if (m[k]) coverage[k]++;
  const taken: Box[] = [];
  const out: InlinePlacement[] = [];
  const margin = 4;
  const ascent = fontSize * 0.76;
  const descent = fontSize * 0.24;
  for (const r of regions) {
    const w = richWidth(r.label, fontSize, true);
    const depth = depthMap(r.mask, nx, ny);
    let best: { i: number; j: number; others: number; depth: number } | undefined;
    for (let i = 0; i < nx; i++) {
      for (let j = 0; j < ny; j++) {
        const k = i * ny + j;
        if (depth[k] === 0) continue;
        const others = coverage[k] - 1;
        if (best && (others > best.others || (others === best.others && depth[k] <= best.depth))) continue;
        const cx = xs[i];
        const cy = ys[j];
        const box: Box = {
          x0: cx - w / 2 - margin,
          x1: cx + w / 2 + margin,
          y0: cy - (ascent + descent) / 2 - margin,
          y1: cy + (ascent + descent) / 2 + margin,
        };
        if (box.x0 < area.left || box.x1 > area.left + area.width || box.y0 < area.top || box.y1 > area.top + area.height) continue;
        if (taken.some((t) => intersects(t, box))) continue;
        if (!boxInsideMask(r.mask, xs, ys, ny, box)) continue;
        best = { i, j, others, depth: depth[k] };
      }
    }
    if (!best) continue;
    const cx = xs[best.i];
    const cy = ys[best.j];
    taken.push({
      x0: cx - w / 2 - margin,
      x1: cx + w / 2 + margin,
      y0: cy - (ascent + descent) / 2 - margin,
      y1: cy + (ascent + descent) / 2 + margin,
    });
    out.push({ id: r.id, x: cx, baseline: cy + (ascent - descent) / 2 });
  }
  return out;
}

/**
 * The samples covering the box, plus the first sample beyond each side: boundaries sit half-way between
 * samples, so if those are inside too, the whole box is inside the drawn region.
 */
function boxInsideMask(mask: Uint8Array, xs: number[], ys: number[], ny: number, box: Box): boolean {
  const [iLo, iHi] = coveringRange(xs, box.x0, box.x1);
  const [jLo, jHi] = coveringRange(ys, box.y0, box.y1);
  for (let i = iLo; i <= iHi; i++) for (let j = jLo; j <= jHi; j++) if (!mask[i * ny + j]) return false;
  return true;
}

/** Index range of samples (monotonic in either direction) within [lo, hi], widened by one on each side. */
function coveringRange(ps: number[], lo: number, hi: number): [number, number] {
  let a = Infinity;
  let b = -Infinity;
  for (let k = 0; k < ps.length; k++) {
    if (ps[k] >= lo && ps[k] <= hi) {
      a = Math.min(a, k);
      b = Math.max(b, k);
    } else if (k + 1 < ps.length && Math.min(ps[k], ps[k + 1]) < lo && Math.max(ps[k], ps[k + 1]) > hi) {
      // The box falls between two neighbouring samples.
      a = Math.min(a, k);
      b = Math.max(b, k + 1);
    }
  }
  if (a === Infinity) return [0, ps.length - 1];
  return [Math.max(0, a - 1), Math.min(ps.length - 1, b + 1)];
}

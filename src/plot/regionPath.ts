// Turning contour polygons into SVG paths: a fill path (all rings, even-odd) and an edge path that
// leaves out the stretches along the frame where a region was closed artificially.
//
// Boundaries from a boolean mask are staircases with a step of one grid cell; the true boundary lies
// somewhere within half a cell of them. Chaikin corner cutting (in pixel space) keeps the drawn line
// inside that half-cell band while removing the jagged look; vertices on the frame stay exactly where
// they are, so regions still close on the frame and touching regions still meet it.

import type { PlotArea } from './axes.js';
import type { ContourPolygon, Frame, XY } from './contours.js';
import { type Point, pathData } from './svg.js';

/** Bit flags of the frame sides a vertex lies on. */
const LEFT = 1;
const RIGHT = 2;
const BOTTOM = 4;
const TOP = 8;

interface PixelRing {
  pts: Point[];
  sides: number[];
}

function sidesOf([x, y]: XY, frame: Frame): number {
  return (x === frame.x0 ? LEFT : 0) | (x === frame.x1 ? RIGHT : 0) | (y === frame.y0 ? BOTTOM : 0) | (y === frame.y1 ? TOP : 0);
}

function toPixelRing(ring: readonly XY[], frame: Frame, area: PlotArea): PixelRing {
  return { pts: ring.map(([x, y]) => [area.px(x), area.py(y)] as Point), sides: ring.map((p) => sidesOf(p, frame)) };
}

/** One round of Chaikin on a closed ring; frame vertices are kept and frame segments left alone. */
function chaikinOnce(ring: PixelRing): PixelRing {
  const { pts, sides } = ring;
  const n = pts.length;
  const out: Point[] = [];
  const outSides: number[] = [];
  for (let i = 0; i < n; i++) {
    const a = pts[i];
    const b = pts[(i + 1) % n];
    const aPinned = sides[i] !== 0;
    const bPinned = sides[(i + 1) % n] !== 0;
    if (aPinned) {
      out.push(a);
      outSides.push(sides[i]);
    } else {
      out.push([0.75 * a[0] + 0.25 * b[0], 0.75 * a[1] + 0.25 * b[1]]);
      outSides.push(0);
    }
    if (!bPinned) {
      out.push([0.25 * a[0] + 0.75 * b[0], 0.25 * a[1] + 0.75 * b[1]]);
      outSides.push(0);
    }
  }
  return { pts: out, sides: outSides };
}

function smooth(ring: PixelRing, iterations: number): PixelRing {
  let r = ring;
  for (let k = 0; k < iterations; k++) r = chaikinOnce(r);
  return r;
}

/** Open polylines of the ring that are not frame segments (both ends on a common frame side). */
function offFrame(ring: PixelRing): Point[][] {
  const { pts, sides } = ring;
  const n = pts.length;
  const isFrame = (i: number): boolean => (sides[i] & sides[(i + 1) % n]) !== 0;
  const first = Array.from({ length: n }, (_, i) => i).find(isFrame);
  if (first === undefined) return [[...pts, pts[0]]];
  const lines: Point[][] = [];
  let current: Point[] = [];
  for (let s = 1; s <= n; s++) {
    const i = (first + s) % n;
    if (isFrame(i)) {
      if (current.length >= 2) lines.push(current);
      current = [];
    } else {
      if (current.length === 0) current.push(pts[i]);
      current.push(pts[(i + 1) % n]);
    }
  }
  if (current.length >= 2) lines.push(current);
  return lines;
}

export interface RegionPaths {
  fill: string;
  edge: string;
}

/** Fill and edge path data for polygons; `smoothing` is the number of Chaikin rounds (0 = the exact staircase). */
export function regionPaths(polys: readonly ContourPolygon[], frame: Frame, area: PlotArea, smoothing = 2): RegionPaths {
  const rings = polys.flatMap((p) => [p.outer, ...p.holes]).map((r) => smooth(toPixelRing(r, frame, area), smoothing));
  return {
    fill: rings.map((r) => pathData(r.pts, true)).join(''),
    edge: rings
      .flatMap(offFrame)
      .map((l) => pathData(l, false))
      .join(''),
  };
}

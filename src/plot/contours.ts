// Marching squares for boolean masks sampled on a grid, giving closed polygons in data coordinates,
// plus the per-column band extraction used for DarkCast-style `.lmt` boundaries.
//
// Conventions:
// * `mask` is row-major [ix][iy]: mask[ix * ny + iy] is the sample at (x[ix], y[iy]); non-zero = inside.
// * A boundary crosses a grid edge half-way between an inside and an outside sample, "half-way" being
//   measured in the axis's own spacing (geometric mean on a log-spaced axis), so contours drawn on
//   log axes sit symmetrically between samples.
// * Regions touching the grid edge are closed along the frame (the grid's extent): the grid is padded
//   with outside samples and vertices that land beyond the outermost samples are clamped onto them.
// * Saddles (diagonal inside/outside pairs) are resolved without looking at data: by default the two
//   inside samples are joined ('join': inside is 8-connected, outside 4-connected), which errs on the
//   side of a larger excluded region; 'split' gives the opposite convention.
// * Outer rings are counter-clockwise and holes clockwise in (index, index) space, which is preserved
//   in data space for increasing axes.

export type XY = [number, number];

export interface ContourPolygon {
  outer: XY[];
  holes: XY[][];
}

/** How to place the half-way point between two axis samples. */
export type AxisInterpolation = 'auto' | 'linear' | 'log' | { forward(value: number): number; inverse(u: number): number };

export interface ContourOptions {
  xInterp?: AxisInterpolation;
  yInterp?: AxisInterpolation;
  saddle?: 'join' | 'split';
}

type Numeric = ArrayLike<number>;

function spread(values: number[]): number {
  let lo = Infinity;
  let hi = -Infinity;
  let sum = 0;
  for (const v of values) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
    sum += v;
  }
  const mean = Math.abs(sum / values.length);
  return mean > 0 ? (hi - lo) / mean : Infinity;
}

/** Log-spaced if every value is positive and the ratios are more uniform than the differences. */
export function looksLogSpaced(axis: Numeric): boolean {
  const n = axis.length;
  if (n < 3) return false;
  const diffs: number[] = [];
  const ratios: number[] = [];
  for (let i = 0; i < n; i++) if (!(axis[i] > 0)) return false;
  for (let i = 0; i + 1 < n; i++) {
    diffs.push(axis[i + 1] - axis[i]);
    ratios.push(Math.log(axis[i + 1] / axis[i]));
  }
  return spread(ratios) < spread(diffs);
}

/** Value at fractional index f (clamped into the axis), interpolated in the chosen space. */
function axisSampler(axis: Numeric, mode: AxisInterpolation): (f: number) => number {
  const n = axis.length;
  const resolved = mode === 'auto' ? (looksLogSpaced(axis) ? 'log' : 'linear') : mode;
  const lerp = (a: number, b: number, t: number): number =>
    resolved === 'linear'
      ? a + (b - a) * t
      : resolved === 'log'
        ? Math.exp(Math.log(a) + (Math.log(b) - Math.log(a)) * t)
        : resolved.inverse(resolved.forward(a) + (resolved.forward(b) - resolved.forward(a)) * t);
  return (f: number): number => {
    const g = Math.min(Math.max(f, 0), n - 1);
    const i = Math.floor(g);
    const t = g - i;
    // Exact samples stay exact, so frame vertices compare equal to the axis ends.
    if (t === 0 || i + 1 >= n) return axis[Math.min(i, n - 1)];
    return lerp(axis[i], axis[i + 1], t);
  };
}

function checkShape(mask: Numeric, x: Numeric, y: Numeric): void {
  if (x.length < 1 || y.length < 1) throw new Error('contours: empty axis');
  if (mask.length !== x.length * y.length) {
    throw new Error(`contours: mask has ${mask.length} entries, expected ${x.length} × ${y.length} = ${x.length * y.length}`);
  }
}

/**
 * Marching squares fed one x column at a time (ix ascending), so a map's mask never has to be held whole:
 * it keeps two columns and the boundary segments found so far (memory follows the boundary's length, not
 * the grid's area). Rings are closed in doubled index coordinates (every edge midpoint is an integer
 * pair), oriented with the inside on the left, in a deterministic order (first crossing met in an
 * ix-major scan); `contourMask` is this tracer over a whole mask, so both give the same polygons.
 */
export class ContourTracer {
  private readonly stride: number;
  private readonly next = new Map<number, number>();
  private readonly position = new Map<number, [number, number]>();
  private readonly starts: number[] = [];
  /** Column i (starts as the outside padding column -1) and the column being pushed, 0/1. */
  private prev: Uint8Array;
  private cur: Uint8Array;
  /** Index of the column in `prev`. */
  private i = -1;
  private finished = false;

  constructor(
    readonly ny: number,
    private readonly saddle: 'join' | 'split' = 'join',
  ) {
    this.stride = 2 * ny + 6;
    this.prev = new Uint8Array(ny);
    this.cur = new Uint8Array(ny);
  }

  /** Columns pushed so far. */
  get columns(): number {
    return this.i + 1;
  }

  /** The next column: ny samples over y, non-zero = inside. */
  push(column: ArrayLike<number>, offset = 0): void {
    if (this.finished) throw new Error('contours: push after finish');
    const cur = this.cur;
    for (let j = 0; j < this.ny; j++) cur[j] = column[offset + j] ? 1 : 0;
    this.cellRow();
  }

  /** Segments of the cell row between `prev` (column i) and `cur` (column i + 1), then advance. */
  private cellRow(): void {
    const { prev, cur, ny, stride, next, position, starts, saddle } = this;
    const i = this.i;
    const keyOf = (X: number, Y: number): number => (X + 2) * stride + (Y + 2);
    const at = (col: Uint8Array, j: number): number => (j < 0 || j >= ny ? 0 : col[j]);
    const corner = [0, 0, 0, 0];
    const mid: Array<[number, number]> = [
      [0, 0],
      [0, 0],
      [0, 0],
      [0, 0],
    ];
    for (let j = -1; j < ny; j++) {
      // Corners counter-clockwise from bottom-left; edge k runs from corner k to corner k+1.
      corner[0] = at(prev, j);
      corner[1] = at(cur, j);
      corner[2] = at(cur, j + 1);
      corner[3] = at(prev, j + 1);
      const code = corner[0] | (corner[1] << 1) | (corner[2] << 2) | (corner[3] << 3);
      if (code === 0 || code === 15) continue;
      mid[0] = [2 * i + 1, 2 * j];
      mid[1] = [2 * i + 2, 2 * j + 1];
      mid[2] = [2 * i + 1, 2 * j + 2];
      mid[3] = [2 * i, 2 * j + 1];
      const isEntry = (k: number): boolean => corner[k] === 0 && corner[(k + 1) & 3] === 1;
      for (let k = 0; k < 4; k++) {
        if (!(corner[k] === 1 && corner[(k + 1) & 3] === 0)) continue;
        // From an exit edge, the segment ends on the next entry edge counter-clockwise ('join': the
        // cell centre counts as inside) or on the previous one clockwise ('split').
        let m = -1;
        for (let step = 1; step < 4 && m < 0; step++) {
          const cand = saddle === 'join' ? (k + step) & 3 : (k - step + 4) & 3;
          if (isEntry(cand)) m = cand;
        }
        const from = keyOf(mid[k][0], mid[k][1]);
        const to = keyOf(mid[m][0], mid[m][1]);
        next.set(from, to);
        position.set(from, [mid[k][0], mid[k][1]]);
        starts.push(from);
      }
    }
    this.prev = cur;
    this.cur = prev;
    this.i = i + 1;
  }

  /** Close the grid with the outside padding column and return the rings (doubled index coordinates). */
  private rings(): Array<Array<[number, number]>> {
    if (this.finished) throw new Error('contours: finish called twice');
    this.cur.fill(0);
    this.cellRow();
    this.finished = true;
    const { next, position } = this;
    const used = new Set<number>();
    const rings: Array<Array<[number, number]>> = [];
    for (const start of this.starts) {
      if (used.has(start)) continue;
      const ring: Array<[number, number]> = [];
      let key = start;
      while (!used.has(key)) {
        used.add(key);
        ring.push(position.get(key)!);
        const k = next.get(key);
        if (k === undefined) throw new Error('contours: open ring (internal error)');
        key = k;
      }
      rings.push(ring);
    }
    return rings;
  }

  /** Closed polygons (outer ring + holes) of the pushed columns, in data coordinates over axes `x` (one per column) and `y`. */
  finish(x: Numeric, y: Numeric, options: Omit<ContourOptions, 'saddle'> = {}): ContourPolygon[] {
    if (x.length !== this.i + 1 || y.length !== this.ny) {
      throw new Error(`contours: ${this.i + 1} columns of ${this.ny} pushed, axes are ${x.length} × ${y.length}`);
    }
    return polygonsOf(this.rings(), x, y, options);
  }
}

/** Clamp doubled coordinates onto the grid's extent (in plain index units), then drop repeats and collinear points. */
function clampAndSimplify(ring: Array<[number, number]>, nx: number, ny: number): XY[] {
  const pts: XY[] = [];
  for (const [X, Y] of ring) {
    const p: XY = [Math.min(Math.max(X / 2, 0), nx - 1), Math.min(Math.max(Y / 2, 0), ny - 1)];
    const last = pts[pts.length - 1];
    if (last === undefined || last[0] !== p[0] || last[1] !== p[1]) pts.push(p);
  }
  while (pts.length > 1 && pts[0][0] === pts[pts.length - 1][0] && pts[0][1] === pts[pts.length - 1][1]) pts.pop();
  // Remove collinear vertices; coordinates are multiples of 0.5 so the cross product is exact.
  const collinear = (a: XY, b: XY, c: XY): boolean => (b[0] - a[0]) * (c[1] - b[1]) - (b[1] - a[1]) * (c[0] - b[0]) === 0;
  const out: XY[] = [];
  for (const p of pts) {
    while (out.length >= 2 && collinear(out[out.length - 2], out[out.length - 1], p)) out.pop();
    out.push(p);
  }
  let changed = true;
  while (changed && out.length > 2) {
    changed = false;
    if (collinear(out[out.length - 2], out[out.length - 1], out[0])) {
      out.pop();
      changed = true;
    } else if (collinear(out[out.length - 1], out[0], out[1])) {
      out.shift();
      changed = true;
    }
  }
  return out;
}

export function signedArea(ring: readonly XY[]): number {
  let s = 0;
  for (let i = 0; i < ring.length; i++) {
    const [x0, y0] = ring[i];
    const [x1, y1] = ring[(i + 1) % ring.length];
    s += x0 * y1 - x1 * y0;
  }
  return s / 2;
}

export function pointInRing(p: readonly [number, number], ring: readonly XY[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Closed polygons (outer ring + holes) of the region where `mask` is non-zero, in data coordinates. */
export function contourMask(mask: Numeric, x: Numeric, y: Numeric, options: ContourOptions = {}): ContourPolygon[] {
  checkShape(mask, x, y);
  const ny = y.length;
  const tracer = new ContourTracer(ny, options.saddle ?? 'join');
  for (let i = 0; i < x.length; i++) tracer.push(mask, i * ny);
  return tracer.finish(x, y, options);
}

/** Rings (doubled index coordinates) to simplified polygons with their holes, in data coordinates. */
function polygonsOf(
  traced: Array<Array<[number, number]>>,
  x: Numeric,
  y: Numeric,
  options: Omit<ContourOptions, 'saddle'>,
): ContourPolygon[] {
  const nx = x.length;
  const ny = y.length;
  const rings = traced.map((r) => clampAndSimplify(r, nx, ny)).filter((r) => r.length >= 3 && signedArea(r) !== 0);
  // Group in index space, where coordinates are exact.
  const outers = rings.filter((r) => signedArea(r) > 0);
  const holesOf: XY[][][] = outers.map(() => []);
  for (const hole of rings.filter((r) => signedArea(r) < 0)) {
    let best = -1;
    for (let k = 0; k < outers.length; k++) {
      if (!pointInRing(hole[0], outers[k])) continue;
      if (best < 0 || signedArea(outers[k]) < signedArea(outers[best])) best = k;
    }
    // Cannot happen for a consistent tracing: every hole lies inside some outer ring.
    if (best < 0) throw new Error('contours: hole without an outer ring (internal error)');
    holesOf[best].push(hole);
  }
  const sx = axisSampler(x, options.xInterp ?? 'auto');
  const sy = axisSampler(y, options.yInterp ?? 'auto');
  const toData = (ring: XY[]): XY[] => ring.map(([i, j]) => [sx(i), sy(j)]);
  return outers.map((outer, k) => ({ outer: toData(outer), holes: holesOf[k].map(toData) }));
}

export interface ColumnBands {
  x: number;
  /** Excluded y intervals [lo, hi] in increasing order; empty when nothing in this column is inside. */
  bands: Array<[number, number]>;
}

/**
 * For each x column, the y intervals where the mask holds, with the same half-way edges as
 * `contourMask` (so `.lmt` files and the drawn polygons agree) and the axis ends where a run touches the
 * grid edge. A one-sided limit is one band reaching y[ny-1]; an island gives a band with both edges.
 * Every column is returned, empty ones included, so callers can tell "not excluded" from "not scanned".
 */
export function maskBoundaries(mask: Numeric, x: Numeric, y: Numeric, options: Pick<ContourOptions, 'yInterp'> = {}): ColumnBands[] {
  checkShape(mask, x, y);
  const nx = x.length;
  const ny = y.length;
  const sy = axisSampler(y, options.yInterp ?? 'auto');
  const out: ColumnBands[] = [];
  for (let i = 0; i < nx; i++) {
    const bands: Array<[number, number]> = [];
    let j = 0;
    while (j < ny) {
      if (!mask[i * ny + j]) {
        j++;
        continue;
      }
      const start = j;
      while (j < ny && mask[i * ny + j]) j++;
      const end = j - 1;
      bands.push([start === 0 ? y[0] : sy(start - 0.5), end === ny - 1 ? y[ny - 1] : sy(end + 0.5)]);
    }
    out.push({ x: x[i], bands });
  }
  return out;
}

export interface Frame {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/**
 * The parts of a closed ring that are real boundaries, i.e. not running along the frame where the ring
 * was closed artificially. Returned as open polylines, for stroking edges without outlining the frame.
 */
export function boundaryOffFrame(ring: readonly XY[], frame: Frame): XY[][] {
  const n = ring.length;
  if (n < 2) return [];
  const sameSide = (a: XY, b: XY): boolean =>
    (a[0] === frame.x0 && b[0] === frame.x0) ||
    (a[0] === frame.x1 && b[0] === frame.x1) ||
    (a[1] === frame.y0 && b[1] === frame.y0) ||
    (a[1] === frame.y1 && b[1] === frame.y1);
  const onFrame: boolean[] = [];
  for (let i = 0; i < n; i++) onFrame.push(sameSide(ring[i], ring[(i + 1) % n]));
  const firstFrame = onFrame.indexOf(true);
  if (firstFrame < 0) return [[...ring, ring[0]]];
  // Start right after a frame segment, so every polyline is contiguous.
  const lines: XY[][] = [];
  let current: XY[] = [];
  for (let s = 1; s <= n; s++) {
    const i = (firstFrame + s) % n;
    if (onFrame[i]) {
      if (current.length >= 2) lines.push(current);
      current = [];
    } else {
      if (current.length === 0) current.push(ring[i]);
      current.push(ring[(i + 1) % n]);
    }
  }
  if (current.length >= 2) lines.push(current);
  return lines;
}

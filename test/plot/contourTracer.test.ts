// The streamed tracing (ContourTracer fed one column at a time, which contourMask now uses, and
// CentralPolyline fed per column) against the previous whole-map implementations, kept here verbatim as the
// reference: random masks of many shapes and densities (saddles, islands, holes, one-wide grids), both
// saddle rules, must give the same polygons; per-column bands must equal the whole mask's.
import { describe, expect, it } from 'vitest';
import {
  ContourTracer,
  contourMask,
  maskBoundaries,
  pointInRing,
  signedArea,
  type ContourPolygon,
  type XY,
} from '../../src/plot/contours.js';
import { CentralPolyline, centralPolyline } from '../../src/scan/products/plots.js';

// ---- previous implementation (src/plot/contours.ts before the tracer), in index coordinates ----
function previousTraceRings(mask: ArrayLike<number>, nx: number, ny: number, saddle: 'join' | 'split'): Array<Array<[number, number]>> {
  const at = (i: number, j: number): number => (i < 0 || j < 0 || i >= nx || j >= ny ? 0 : mask[i * ny + j] ? 1 : 0);
  const stride = 2 * ny + 6;
  const keyOf = (X: number, Y: number): number => (X + 2) * stride + (Y + 2);
  const next = new Map<number, number>();
  const position = new Map<number, [number, number]>();
  const starts: number[] = [];
  const corner = [0, 0, 0, 0];
  const mid: Array<[number, number]> = [
    [0, 0],
    [0, 0],
    [0, 0],
    [0, 0],
  ];
  for (let i = -1; i < nx; i++) {
    for (let j = -1; j < ny; j++) {
      // Corners counter-clockwise from bottom-left; edge k runs from corner k to corner k+1.
      corner[0] = at(i, j);
      corner[1] = at(i + 1, j);
      corner[2] = at(i + 1, j + 1);
      corner[3] = at(i, j + 1);
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
  }
  const used = new Set<number>();
  const rings: Array<Array<[number, number]>> = [];
  for (const start of starts) {
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

function previousClampAndSimplify(ring: Array<[number, number]>, nx: number, ny: number): XY[] {
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

function previousContourMask(mask: ArrayLike<number>, nx: number, ny: number, saddle: 'join' | 'split'): ContourPolygon[] {
  const rings = previousTraceRings(mask, nx, ny, saddle)
    .map((r) => previousClampAndSimplify(r, nx, ny))
    .filter((r) => r.length >= 3 && signedArea(r) !== 0);
  const outers = rings.filter((r) => signedArea(r) > 0);
  const holesOf: XY[][][] = outers.map(() => []);
  for (const hole of rings.filter((r) => signedArea(r) < 0)) {
    let best = -1;
    for (let k = 0; k < outers.length; k++) {
      if (!pointInRing(hole[0], outers[k])) continue;
      if (best < 0 || signedArea(outers[k]) < signedArea(outers[best])) best = k;
    }
    if (best < 0) throw new Error('contours: hole without an outer ring (internal error)');
    holesOf[best].push(hole);
  }
  return outers.map((outer, k) => ({ outer, holes: holesOf[k] }));
}

// ---- previous centralPolyline (src/scan/products/plots.ts) ----
function previousCentralPolyline(
  delta: ArrayLike<number>,
  mx: Float64Array,
  gx: Float64Array,
  central: number,
): { x: number[]; y: number[] } | null {
  const ny = gx.length;
  const x: number[] = [];
  const y: number[] = [];
  let ended = false;
  for (let ix = 0; ix < mx.length; ix++) {
    let hit: number | null = null;
    for (let iy = 0; iy + 1 < ny; iy++) {
      const d0 = delta[ix * ny + iy];
      const d1 = delta[ix * ny + iy + 1];
      if (d0 <= central === d1 <= central || Number.isNaN(d0) || Number.isNaN(d1)) continue;
      if (hit !== null) return null;
      const t = d0 > 0 && d1 > 0 && central > 0 ? Math.log(central / d0) / Math.log(d1 / d0) : (central - d0) / (d1 - d0);
      hit = Math.exp(Math.log(gx[iy]) + t * Math.log(gx[iy + 1] / gx[iy]));
    }
    if (hit === null) {
      if (x.length > 0) ended = true;
      continue;
    }
    if (ended) return null;
    x.push(mx[ix]);
    y.push(hit);
  }
  return x.length >= 2 ? { x, y } : null;
}

function random(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

/** Masks of several kinds: noise of a given density, blobs (islands with holes), stripes. */
function masks(): { name: string; nx: number; ny: number; mask: Uint8Array }[] {
  const out: { name: string; nx: number; ny: number; mask: Uint8Array }[] = [];
  const rnd = random(7);
  const sizes: [number, number][] = [
    [1, 1],
    [1, 9],
    [9, 1],
    [2, 2],
    [5, 7],
    [13, 4],
    [24, 31],
  ];
  for (const [nx, ny] of sizes) {
    for (const density of [0.1, 0.5, 0.9]) {
      out.push({
        name: `noise ${nx}x${ny} ${density}`,
        nx,
        ny,
        mask: Uint8Array.from({ length: nx * ny }, () => (rnd() < density ? 1 : 0)),
      });
    }
    const cx = nx / 2;
    const cy = ny / 2;
    out.push({
      name: `ring ${nx}x${ny}`,
      nx,
      ny,
      mask: Uint8Array.from({ length: nx * ny }, (_, c) => {
        const r = Math.hypot(Math.floor(c / ny) - cx, (c % ny) - cy);
        return r < Math.min(nx, ny) / 2.2 && r > Math.min(nx, ny) / 5 ? 1 : 0;
      }),
    });
    out.push({
      name: `band ${nx}x${ny}`,
      nx,
      ny,
      mask: Uint8Array.from({ length: nx * ny }, (_, c) => ((c % ny) * 2 > ny - Math.floor(c / ny) ? 1 : 0)),
    });
    // Values other than 0/1 count as inside.
    out.push({ name: `values ${nx}x${ny}`, nx, ny, mask: Uint8Array.from({ length: nx * ny }, () => Math.floor(rnd() * 3) * 7) });
  }
  return out;
}

const index = (n: number) => Float64Array.from({ length: n }, (_, i) => i);

describe('ContourTracer against the previous whole-mask tracing', () => {
  it('gives the same polygons, in the same order, for every mask and both saddle rules', () => {
    let drawn = 0;
    for (const { name, nx, ny, mask } of masks()) {
      for (const saddle of ['join', 'split'] as const) {
        // Linear interpolation over index axes: data coordinates equal index coordinates, so only the tracing differs.
        const now = contourMask(mask, index(nx), index(ny), { xInterp: 'linear', yInterp: 'linear', saddle });
        expect(now, `${name} ${saddle}`).toEqual(previousContourMask(mask, nx, ny, saddle));
        const tracer = new ContourTracer(ny, saddle);
        for (let i = 0; i < nx; i++) tracer.push(Array.from(mask.subarray(i * ny, (i + 1) * ny)));
        expect(tracer.finish(index(nx), index(ny), { xInterp: 'linear', yInterp: 'linear' }), `${name} ${saddle} pushed`).toEqual(now);
        drawn += now.length;
      }
    }
    expect(drawn).toBeGreaterThan(100);
  });

  it('refuses axes that do not match the columns pushed', () => {
    const t = new ContourTracer(3);
    t.push([1, 0, 1]);
    expect(() => t.finish(index(2), index(3))).toThrow(/1 columns of 3 pushed/);
  });
});

describe('bands per column', () => {
  it('equal the bands of the whole mask', () => {
    for (const { name, nx, ny, mask } of masks()) {
      const x = index(nx).map((i) => 1 + i);
      const y = index(ny).map((i) => 10 ** (i / 4));
      const whole = maskBoundaries(mask, x, y, { yInterp: 'log' });
      const columns = Array.from(
        { length: nx },
        (_, i) => maskBoundaries(mask.subarray(i * ny, (i + 1) * ny), [x[i]], y, { yInterp: 'log' })[0],
      );
      expect(columns, name).toEqual(whole);
    }
  });
});

describe('CentralPolyline against the previous whole-map centralPolyline', () => {
  it('gives the same line (or none) on smooth, noisy and sign-changing maps', () => {
    const rnd = random(11);
    const nx = 17;
    const ny = 23;
    const mx = Float64Array.from({ length: nx }, (_, i) => 0.01 * 1.3 ** i);
    const gx = Float64Array.from({ length: ny }, (_, i) => 1e-5 * 1.5 ** i);
    const maps: Float64Array[] = [
      Float64Array.from({ length: nx * ny }, (_, c) => 1e9 * gx[c % ny] ** 2 * (1 + Math.floor(c / ny))),
      Float64Array.from({ length: nx * ny }, (_, c) => 1e9 * gx[c % ny] ** 2 * (Math.floor(c / ny) % 5 === 3 ? -1 : 1)),
      Float64Array.from({ length: nx * ny }, () => 500 * rnd()),
      Float64Array.from({ length: nx * ny }, (_, c) => (c % 29 === 0 ? NaN : 1e9 * gx[c % ny] ** 2)),
      Float64Array.from({ length: nx * ny }, (_, c) => (Math.floor(c / ny) > 8 ? 0 : 1e9 * gx[c % ny] ** 2)),
    ];
    let lines = 0;
    for (const [k, d] of maps.entries()) {
      for (const central of [251, 39, -3]) {
        const before = previousCentralPolyline(d, mx, gx, central);
        expect(centralPolyline(d, mx, gx, central), `map ${k}, central ${central}`).toEqual(before);
        const line = new CentralPolyline(gx, central);
        for (let ix = 0; ix < nx; ix++) line.push(mx[ix], d.subarray(ix * ny, (ix + 1) * ny));
        expect(line.result(), `map ${k}, central ${central}, pushed`).toEqual(before);
        if (before) lines++;
      }
    }
    expect(lines).toBeGreaterThan(1);
  });
});

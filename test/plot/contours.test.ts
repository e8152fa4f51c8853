import { describe, expect, it } from 'vitest';
import {
  boundaryOffFrame,
  contourMask,
  type ContourPolygon,
  looksLogSpaced,
  maskBoundaries,
  pointInRing,
  signedArea,
  type XY,
} from '../../src/plot/contours.js';

/** Mask on an nx × ny grid from a list of [ix, iy] cells that are inside. */
function maskOf(nx: number, ny: number, cells: Array<[number, number]>): Uint8Array {
  const m = new Uint8Array(nx * ny);
  for (const [i, j] of cells) m[i * ny + j] = 1;
  return m;
}
const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
const axis = (n: number): Float64Array => Float64Array.from(range(n));

/** Ring as a set of "x,y" strings, independent of the start vertex. */
const vertexSet = (ring: XY[]): string[] => ring.map(([x, y]) => `${x},${y}`).sort();

describe('contourMask', () => {
  it('traces an interior square as one counter-clockwise ring half-way between samples', () => {
    const cells: Array<[number, number]> = [];
    for (const i of [1, 2, 3]) for (const j of [1, 2, 3]) cells.push([i, j]);
    const polys = contourMask(maskOf(5, 5, cells), axis(5), axis(5));
    expect(polys).toHaveLength(1);
    expect(polys[0].holes).toHaveLength(0);
    // A 3 × 3 square through the midpoints, corners chamfered by marching squares: 9 − 4 × 1/8.
    expect(signedArea(polys[0].outer)).toBeCloseTo(8.5, 12);
    expect(vertexSet(polys[0].outer)).toEqual(
      vertexSet([
        [0.5, 1],
        [1, 0.5],
        [3, 0.5],
        [3.5, 1],
        [3.5, 3],
        [3, 3.5],
        [1, 3.5],
        [0.5, 3],
      ]),
    );
  });

  it('closes a region touching the grid edge along the frame', () => {
    const cells: Array<[number, number]> = [];
    for (const i of [0, 1]) for (const j of range(4)) cells.push([i, j]);
    const polys = contourMask(maskOf(4, 4, cells), axis(4), axis(4));
    expect(polys).toHaveLength(1);
    expect(vertexSet(polys[0].outer)).toEqual(
      vertexSet([
        [0, 0],
        [1.5, 0],
        [1.5, 3],
        [0, 3],
      ]),
    );
    expect(signedArea(polys[0].outer)).toBe(4.5);
    // Only the real boundary (x = 1.5) is an edge; the frame parts are not.
    const edges = boundaryOffFrame(polys[0].outer, { x0: 0, x1: 3, y0: 0, y1: 3 });
    expect(edges).toHaveLength(1);
    expect(edges[0]).toEqual([
      [1.5, 0],
      [1.5, 3],
    ]);
  });

  it('handles a full mask (the frame) and an empty one', () => {
    const full = new Uint8Array(9).fill(1);
    const polys = contourMask(full, axis(3), axis(3));
    expect(polys).toHaveLength(1);
    expect(vertexSet(polys[0].outer)).toEqual(
      vertexSet([
        [0, 0],
        [2, 0],
        [2, 2],
        [0, 2],
      ]),
    );
    expect(boundaryOffFrame(polys[0].outer, { x0: 0, x1: 2, y0: 0, y1: 2 })).toEqual([]);
    expect(contourMask(new Uint8Array(9), axis(3), axis(3))).toEqual([]);
  });

  it('finds an island inside a hole inside a region, plus a separate island', () => {
    const cells: Array<[number, number]> = [];
    for (const i of range(9)) {
      for (const j of range(9)) {
        const inRing = i >= 1 && i <= 5 && j >= 1 && j <= 5 && !(i >= 2 && i <= 4 && j >= 2 && j <= 4);
        if (inRing) cells.push([i, j]);
      }
    }
    cells.push([3, 3]); // island in the hole
    cells.push([7, 7]); // separate island
    const polys = contourMask(maskOf(9, 9, cells), axis(9), axis(9));
    expect(polys).toHaveLength(3);
    const byHoles = [...polys].sort((a, b) => b.holes.length - a.holes.length);
    const ring = byHoles[0];
    expect(ring.holes).toHaveLength(1);
    expect(signedArea(ring.outer)).toBeGreaterThan(0);
    expect(signedArea(ring.holes[0])).toBeLessThan(0);
    const islands = byHoles.slice(1);
    for (const island of islands) {
      expect(island.holes).toHaveLength(0);
      expect(signedArea(island.outer)).toBeCloseTo(0.5, 12); // a diamond around one sample
    }
    const centre = islands.find((p) => pointInRing([3, 3], p.outer)) as ContourPolygon;
    expect(centre).toBeDefined();
    expect(pointInRing(centre.outer[0], ring.holes[0])).toBe(true);
    expect(islands.some((p) => pointInRing([7, 7], p.outer))).toBe(true);
  });

  it('resolves saddles deterministically: join (default) or split', () => {
    const diag = maskOf(4, 4, [
      [1, 1],
      [2, 2],
    ]);
    expect(contourMask(diag, axis(4), axis(4))).toHaveLength(1);
    expect(contourMask(diag, axis(4), axis(4), { saddle: 'split' })).toHaveLength(2);

    // 5 × 5 checkerboard inside a 7 × 7 grid: joined, the ones form one region whose four enclosed
    // zeros are holes; split, every one is its own diamond.
    const cells: Array<[number, number]> = [];
    for (let i = 0; i < 5; i++) for (let j = 0; j < 5; j++) if ((i + j) % 2 === 0) cells.push([i + 1, j + 1]);
    const board = maskOf(7, 7, cells);
    const joined = contourMask(board, axis(7), axis(7));
    expect(joined).toHaveLength(1);
    expect(joined[0].holes).toHaveLength(4);
    const split = contourMask(board, axis(7), axis(7), { saddle: 'split' });
    expect(split).toHaveLength(13);
    expect(split.every((p) => p.holes.length === 0)).toBe(true);
    // Same input, same output, bit for bit.
    expect(JSON.stringify(contourMask(board, axis(7), axis(7)))).toBe(JSON.stringify(joined));
  });

  it('places boundaries at the geometric mean on log-spaced axes', () => {
    const x = Float64Array.from([1, 10, 100]);
    const y = Float64Array.from([1, 2, 3]);
    const mask = maskOf(3, 3, [
      [0, 0],
      [0, 1],
      [0, 2],
    ]);
    expect(looksLogSpaced(x)).toBe(true);
    expect(looksLogSpaced(y)).toBe(false);
    const xs = (p: ContourPolygon[]): number[] => [...new Set(p[0].outer.map(([px]) => px))].sort((a, b) => a - b);
    const geometric = xs(contourMask(mask, x, y));
    expect(geometric[0]).toBe(1);
    expect(geometric[1]).toBeCloseTo(Math.sqrt(10), 12);
    expect(xs(contourMask(mask, x, y, { xInterp: 'linear' }))).toEqual([1, 5.5]);
  });

  it('rejects a mask of the wrong size', () => {
    expect(() => contourMask(new Uint8Array(5), axis(2), axis(3))).toThrow(/expected 2 × 3 = 6/);
  });
});

describe('maskBoundaries', () => {
  it('gives per-column bands: one-sided, island, two bands, empty', () => {
    const y = Float64Array.from([1, 10, 100, 1000, 10000, 100000]);
    const x = Float64Array.from([0.1, 0.2, 0.3, 0.4]);
    const cols = [
      [0, 0, 0, 1, 1, 1], // excluded above: one-sided (reaches the top)
      [0, 1, 1, 0, 0, 0], // island
      [1, 0, 0, 1, 1, 0], // band from the bottom edge, and a second band
      [0, 0, 0, 0, 0, 0], // nothing
    ];
    const mask = Uint8Array.from(cols.flat());
    const b = maskBoundaries(mask, x, y);
    expect(b.map((c) => c.x)).toEqual([0.1, 0.2, 0.3, 0.4]);
    const r = (v: number): number => Number(v.toPrecision(12));
    const round = (bands: Array<[number, number]>): number[][] => bands.map(([lo, hi]) => [r(lo), r(hi)]);
    expect(round(b[0].bands)).toEqual([[r(Math.sqrt(100 * 1000)), 100000]]);
    expect(round(b[1].bands)).toEqual([[r(Math.sqrt(10)), r(Math.sqrt(1e5))]]);
    expect(round(b[2].bands)).toEqual([
      [1, r(Math.sqrt(10))],
      [r(Math.sqrt(1e5)), r(Math.sqrt(1e9))],
    ]);
    expect(b[3].bands).toEqual([]);
  });

  it('agrees with the polygon edges', () => {
    const x = Float64Array.from([1, 2, 3]);
    const y = Float64Array.from([0, 1, 2, 3]);
    const mask = Uint8Array.from([0, 0, 1, 1, 0, 1, 1, 1, 0, 0, 0, 1]);
    const bands = maskBoundaries(mask, x, y, { yInterp: 'linear' });
    expect(bands.map((c) => c.bands)).toEqual([[[1.5, 3]], [[0.5, 3]], [[2.5, 3]]]);
    const polys = contourMask(mask, x, y, { yInterp: 'linear', xInterp: 'linear' });
    const ys = new Set(polys.flatMap((p) => p.outer.map(([, v]) => v)));
    for (const v of [1.5, 0.5, 2.5, 3]) expect(ys.has(v)).toBe(true);
  });
});

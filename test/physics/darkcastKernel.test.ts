// The kernel-facing contract: buildRecastTables gives plain per-mass arrays, and recastExcludes (arithmetic
// on those arrays and the point's couplings, no root finding) agrees with the curve generator, with and
// without kinetic mixing.
import { describe, expect, test } from 'vitest';
import { DARKCAST_DIR, requireShared } from '../helpers/shared.js';
import { DarkcastDirectory } from '../../src/io/darkcast/index.js';
import {
  buildRecastTables,
  findDarkcastModel,
  LIMIT_CATALOG,
  N_PRODUCTS,
  PRODUCT_NAMES,
  recastCurve,
  recastExcludes,
  withKineticMixing,
  zeroCouplings,
  type RecastModel,
} from '../../src/physics/darkcast/index.js';

const data = DarkcastDirectory.open(requireShared(DARKCAST_DIR));
const byId = (id: string) => LIMIT_CATALOG.find((e) => e.id === id)!;
const pureMixing: RecastModel = { name: 'pure kinetic mixing', couplings: () => zeroCouplings() };

describe('table layout', () => {
  const masses = Float64Array.of(0.019, 0.02005, 0.5, 0.7558, 0.78, 1.0, 1.2, 3.1, 11);
  const t = buildRecastTables('babar_2014_visible', masses, data);

  test('plain Float64Arrays: n per mass, n × K coefficient rows', () => {
    const n = masses.length;
    for (const a of [
      t.valid,
      t.epsLo,
      t.epsUp,
      t.brRef,
      t.gammaRefPerEps2,
      t.tauRefPerEps2,
      t.t0,
      t.t1,
      t.a0,
      t.a1,
      t.aSpan,
      t.t1Bounded,
      t.refYield,
    ]) {
      expect(a).toBeInstanceOf(Float64Array);
      expect(a.length).toBe(n);
    }
    for (const a of [t.production, t.widthSm, t.widthSignal]) expect(a.length).toBe(n * N_PRODUCTS);
    expect(t.productNames).toBe(PRODUCT_NAMES);
    expect(t.fractions.length).toBe(n * t.mechanisms.length);
  });

  test('no limit below the table, in a sentinel window, above the table; limits elsewhere', () => {
    // 0.019: below 0.020042; 0.02005: between the first-row sentinel and the next row; 0.7558: the ω window's
    // sentinel row itself; 0.78, 1.0, 3.1: inside the ω, φ, J/ψ windows; 11: above 10.318.
    expect(Array.from(t.valid)).toEqual([0, 0, 1, 0, 0, 0, 1, 0, 0]);
  });

  test('an unbounded t1 is a flag and a1 = 0, never an infinity', () => {
    expect(Array.from(t.t1Bounded)).toEqual(new Array(masses.length).fill(0));
    expect(Array.from(t.a1)).toEqual(new Array(masses.length).fill(0));
  });

  test.each(LIMIT_CATALOG.map((e) => [e.id, e] as const))('%s: kernel arrays are finite and fit float32', (_id, entry) => {
    const all = buildRecastTables(entry, data.limitTable(entry.stem).masses, data);
    const arrays = [
      all.valid,
      all.epsLo,
      all.epsUp,
      all.brRef,
      all.gammaRefPerEps2,
      all.a0,
      all.a1,
      all.aSpan,
      all.t1Bounded,
      all.refYield,
      all.production,
      all.widthSm,
      all.widthSignal,
      ...(all.rValues ? [all.rValues.couplings, all.rValues.r] : []),
    ];
    const bad: string[] = [];
    arrays.forEach((a, k) => {
      for (let i = 0; i < a.length; i++) if (!(Math.abs(a[i]) < 3e38)) bad.push(`array ${k}[${i}] = ${a[i]}`);
    });
    for (let i = 0; i < all.masses.length; i++) {
      if (!all.valid[i] || entry.layout === 'r_values') continue;
      // The reference yield is the denominator of the kernel's ratio: it must stay a float32 normal.
      if (!(all.refYield[i] > 1.2e-38)) bad.push(`refYield[${i}] = ${all.refYield[i]}`);
      if (all.t1Bounded[i] && Math.abs(all.aSpan[i] / (all.a1[i] - all.a0[i]) - 1) > 1e-12) bad.push(`aSpan[${i}]`);
    }
    expect(bad).toEqual([]);
  });
});

describe('per-point test agrees with the curves', () => {
  const cases: [string, string, number][] = [
    ['babar_2014_visible', 'B-L', 0],
    ['lhcb_2019_prompt', 'Lmu-Ltau', 0],
    ['kloe_2016_visible', 'protophobic', 0],
    ['na64_2019_visible', 'B-L', 0],
    ['e137_2012_visible', 'Le-Lmu', 0],
    ['nucal_1991_visible', 'B', 0],
    ['babar_2014_visible', 'B-L', 3e-4],
    ['babar_2014_visible', 'B-L', -3e-4],
    ['na64_2019_visible', 'B-L', -1e-5],
    ['lhcb_2017_prompt', 'Lmu-Ltau', 1e-4],
  ];

  test.each(cases)('%s, %s, eps = %s', (id, name, eps) => {
    const entry = byId(id);
    const all = data.limitTable(entry.stem).masses;
    const masses = all.filter((_, k) => k % Math.max(1, Math.floor(all.length / 60)) === 0);
    const t = buildRecastTables(entry, masses, data);
    const model = findDarkcastModel(name)!;
    const curve = recastCurve(t, model, { eps });
    let edges = 0;
    curve.forEach(({ mx, bands }, i) => {
      const x = model.couplings(mx);
      const at = (g: number) => recastExcludes(t, i, withKineticMixing(x, g, eps)).excluded;
      for (const { from, to } of bands) {
        if (from > 0) {
          expect(at(from * 1.0001)).toBe(true);
          expect(at(from / 1.0001)).toBe(false);
          edges++;
        }
        if (to !== null) {
          expect(at(to / 1.0001)).toBe(true);
          expect(at(to * 1.0001)).toBe(false);
        }
      }
      // Away from every band nothing is excluded: sample a coarse grid.
      for (let lg = -9; lg <= 0; lg += 0.5) {
        const g = 10 ** lg;
        const inside = bands.some((b) => g >= b.from * 0.999 && (b.to === null || g <= b.to * 1.001));
        const nearEdge = bands.some(
          (b) => Math.abs(Math.log(g / Math.max(b.from, 1e-300))) < 1e-3 || (b.to !== null && Math.abs(Math.log(g / b.to)) < 1e-3),
        );
        if (!nearEdge) expect(at(g)).toBe(inside);
      }
    });
    expect(edges).toBeGreaterThan(0);
  });

  test('r-value limits: the outermost excluded grid nodes are excluded point by point', () => {
    for (const [id, name] of [
      ['lhcb_2019_displaced', 'dark_photon'],
      ['lhcb_2017_displaced', 'B'],
      ['lhcb_2019_displaced', 'protophobic'],
    ]) {
      const entry = byId(id);
      const t = buildRecastTables(entry, data.limitTable(entry.stem).masses, data);
      const model = findDarkcastModel(name)!;
      let checked = 0;
      recastCurve(t, model).forEach(({ mx, bands }, i) => {
        for (const { from, to } of bands) {
          const r = (g: number) => recastExcludes(t, i, withKineticMixing(model.couplings(mx), g, 0)).ratio;
          expect(r(from)).toBeGreaterThan(0.999);
          if (to !== null) expect(r(to)).toBeGreaterThan(0.999);
          checked++;
        }
      });
      expect(checked).toBeGreaterThan(0);
    }
  });
});

describe('kinetic mixing', () => {
  test('a boson with no U(1)_X charges is a dark photon of mixing eps: excluded for every g_X or for none', () => {
    const t = buildRecastTables('babar_2014_visible', Float64Array.of(0.5), data);
    const eps = t.epsLo[0];
    expect(recastCurve(t, pureMixing, { eps: eps * 1.01 })[0].bands).toEqual([{ from: 0, to: null }]);
    expect(recastCurve(t, pureMixing, { eps: -eps * 1.01 })[0].bands).toEqual([{ from: 0, to: null }]);
    expect(recastCurve(t, pureMixing, { eps: eps * 0.99 })[0].bands).toEqual([]);
    expect(recastExcludes(t, 0, withKineticMixing(zeroCouplings(), 1, eps * 1.0001)).excluded).toBe(true);
    expect(recastExcludes(t, 0, withKineticMixing(zeroCouplings(), 1, eps * 0.9999)).excluded).toBe(false);
  });

  test('B−L with eps < 0: the electron coupling g_e = −g_X − eps e vanishes at g_X = |eps| e, opening a window', () => {
    const t = buildRecastTables('babar_2014_visible', Float64Array.of(0.5), data);
    const model = findDarkcastModel('B-L')!;
    const eps = -1e-3;
    const gCancel = -eps * 0.302822;
    const x = model.couplings(0.5);
    const y = withKineticMixing(x, gCancel, eps);
    expect(Math.abs(y.eV)).toBeLessThan(1e-18);
    expect(recastExcludes(t, 0, y).excluded).toBe(false);
    const bands = recastCurve(t, model, { eps })[0].bands;
    expect(bands.length).toBe(2);
    expect(bands[0].from).toBe(0);
    expect(bands[0].to!).toBeLessThan(gCancel);
    expect(bands[1].from).toBeGreaterThan(gCancel);
    expect(bands[1].to).toBeNull();
  });
});

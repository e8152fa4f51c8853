// The worked examples of RESONANCE_RECAST.md §9 (computed there by running DarkCast v1.2), number by number.
import { describe, expect, test } from 'vitest';
import { DARKCAST_DIR, requireShared } from '../helpers/shared.js';
import { DarkcastDirectory } from '../../src/io/darkcast/index.js';
import {
  buildRecastTables,
  couplingProducts,
  darkPhotonCouplings,
  findDarkcastModel,
  HBAR,
  pointRates,
  recastCurve,
  type RecastTables,
} from '../../src/physics/darkcast/index.js';

const data = DarkcastDirectory.open(requireShared(DARKCAST_DIR));
const model = (name: string) => findDarkcastModel(name)!;

function relClose(actual: number, expected: number, rel: number): void {
  expect(Math.abs(actual / expected - 1)).toBeLessThan(rel);
}

/** Width into the limit's signal, total width and production ratio of a model at unit coupling. */
function modelRates(t: RecastTables, name: string) {
  const r = pointRates(t, 0, couplingProducts(model(name).couplings(t.masses[0])));
  return { ...r, br: r.widthSignal / r.widthSm };
}

// Numbers quoted to 5 significant digits agree to 1e-4 relative; the tolerance below allows their rounding.
const DIGITS5 = 1.2e-4;

describe('§9.1 BaBar 2014 → L_μ−L_τ at m = 0.2 GeV', () => {
  const t = buildRecastTables('babar_2014_visible', Float64Array.of(0.2), data, { convention: 'darkcast' });

  test('interpolated ε_lim and the dark photon', () => {
    relClose(t.epsLo[0], 8.3386e-4, DIGITS5);
    relClose(t.gammaRefPerEps2[0], 4.8649e-4, DIGITS5);
    relClose(t.brRef[0], 0.9999996, 1e-7);
  });

  test('L_μ−L_τ widths, BR and production ratio', () => {
    const r = modelRates(t, 'Lmu-Ltau');
    relClose(r.widthSm, 5.3053e-3, DIGITS5);
    relClose(r.widthSignal, 1.6054e-7, DIGITS5);
    relClose(r.br, 3.026e-5, DIGITS5);
    relClose(r.production, 3.2999e-4, DIGITS5);
  });

  test('g_lim = 8.3447 (DarkCast, single-point bound)', () => {
    const [pt] = recastCurve(t, model('Lmu-Ltau'));
    expect(pt.bands.length).toBe(1);
    relClose(pt.bands[0].from, 8.3447, DIGITS5);
    expect(pt.bands[0].to).toBeNull();
  });
});

describe('§9.2 BaBar 2014 → B−L at m = 0.5 GeV', () => {
  const t = buildRecastTables('babar_2014_visible', Float64Array.of(0.5), data, { convention: 'darkcast' });

  test('inputs', () => {
    relClose(t.epsLo[0], 7.1356e-4, DIGITS5);
    relClose(t.gammaRefPerEps2[0], 3.031e-3, DIGITS5);
    relClose(t.brRef[0], 0.79741, DIGITS5);
    const r = modelRates(t, 'B-L');
    relClose(r.widthSm, 4.6258e-2, DIGITS5);
    relClose(r.br, 0.56978, DIGITS5);
    relClose(r.production, 10.905, DIGITS5);
  });

  test('g_lim = 2.5563e-4, and the lifetime at the limit is prompt (τ ≈ 2.2e-16 s)', () => {
    const [pt] = recastCurve(t, model('B-L'));
    relClose(pt.bands[0].from, 2.5563e-4, DIGITS5);
    relClose(HBAR / (4.6258e-2 * pt.bands[0].from ** 2), 2.2e-16, 0.03);
  });
});

describe('§9.3 NA64 2019 (double-sided) → B−L', () => {
  const t = buildRecastTables('na64_2019_visible', Float64Array.of(0.005, 0.02), data, { convention: 'darkcast' });

  test('interpolated island, dark-photon lifetimes and the solved window', () => {
    relClose(t.epsLo[0], 9.0289e-5, DIGITS5);
    relClose(t.epsUp[0], 3.5025e-3, DIGITS5);
    relClose(t.tauRefPerEps2[0] / t.epsLo[0] ** 2, 6.643e-12, 1e-3);
    relClose(t.tauRefPerEps2[0] / t.epsUp[0] ** 2, 4.415e-15, 1e-3);
    relClose(t.t0[0], 4.8035e-14, DIGITS5);
    relClose(t.t1[0], 2.4018e-13, DIGITS5);
    relClose(t.refYield[0], 2.3074e-10, DIGITS5);
  });

  test('B−L: Π = 10.905, BR(ee) = 0.39984, τ_X(g=1) = 1.9856e-21 s', () => {
    const r = modelRates(t, 'B-L');
    relClose(r.production, 10.905, DIGITS5);
    relClose(r.br, 0.39984, DIGITS5);
    relClose(HBAR / r.widthSm, 1.9856e-21, DIGITS5);
  });

  test('excluded 2.7570e-5 ≤ g_X ≤ 6.0450e-4; the island closes at 20 MeV', () => {
    const [at5, at20] = recastCurve(t, model('B-L'));
    expect(at5.bands.length).toBe(1);
    relClose(at5.bands[0].from, 2.757e-5, DIGITS5);
    relClose(at5.bands[0].to!, 6.045e-4, DIGITS5);
    expect(at20.bands).toEqual([]);
  });

  test('the dark photon recast onto itself returns its own island', () => {
    const [at5] = recastCurve(t, { name: 'dp', couplings: () => darkPhotonCouplings(1) });
    relClose(at5.bands[0].from, t.epsLo[0], 1e-10);
    relClose(at5.bands[0].to!, t.epsUp[0], 1e-10);
  });
});

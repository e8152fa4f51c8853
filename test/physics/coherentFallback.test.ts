// Rate-only COHERENT fallback (SPEC §4.6.4) against VALIDATION §9 and the fallback columns of §18.5.
import { describe, expect, it } from 'vitest';
import { chargesFromVector, couplingRecordFromCharges } from '../../src/models/types.js';
import { E_CHARGE } from '../../src/physics/constants.js';
import {
  FALLBACK_E_PROMPT,
  buildFallbackSetup,
  buildFallbackTables,
  fallbackChi2,
  fallbackRateRatio,
} from '../../src/physics/coherent/fallback.js';
import { coherentFallbackPoint } from '../../src/physics/coherent/point.js';

const vector = (B: number, e: number, mu: number, tau: number) => couplingRecordFromCharges(chargesFromVector({ B, e, mu, tau }));
const point = (model: ReturnType<typeof vector>, mX: number, gX: number, k = 0) => ({ charges: model, mX, gX, eps: (k * gX) / E_CHARGE });

const kn = buildFallbackSetup();
/** VALIDATION §9: 5e-3 relative on R_COH. */
const expectR = (r: number, ref: number) => expect(Math.abs(r / ref - 1)).toBeLessThan(5e-3);
/** Delta chi2 printed with three or four digits: 5e-3 relative as for R, or the printed rounding, whichever is larger. */
const expectDelta = (x: number, ref: number, printedUnit: number) =>
  expect(Math.abs(x - ref)).toBeLessThanOrEqual(Math.max(5e-3 * Math.abs(ref), printedUnit / 2));

const bMinus3Lmu = vector(1, 0, -3, 0);

describe('COHERENT rate-only fallback (VALIDATION §9)', () => {
  it('prompt nu_mu energy 29.792 MeV', () => {
    expect(Math.abs(FALLBACK_E_PROMPT / 29.792e-3 - 1)).toBeLessThan(1e-4);
  });

  it('chi2_COH(R = 1) = 0.5454', () => {
    expect(Math.abs(fallbackChi2(1) / 0.5454 - 1)).toBeLessThan(1e-3);
  });

  it('R_COH = 1 exactly without neutrino couplings or without nucleon couplings', () => {
    const tables = buildFallbackTables(kn, [0.01, 0.2, 3]);
    for (let m = 0; m < 3; m++) {
      // y_nu = 0 for all flavours: u = v = 0 whatever y_p, y_n are.
      expect(fallbackRateRatio(kn, tables, m, { ue: 0, ve: 0, umu: 0, vmu: 0 })).toBe(1);
    }
    // y_p = y_n = 0: L_mu - L_tau without kinetic mixing.
    expect(coherentFallbackPoint(kn, point(vector(0, 0, 1, -1), 0.2, 1e-2)).rateRatio).toBe(1);
  });

  it('B - 3L_mu, m_X = 0.2, g_X = 1e-4: R = 1.2189, Delta chi2 = 0.967', () => {
    const r = coherentFallbackPoint(kn, point(bMinus3Lmu, 0.2, 1e-4));
    expectR(r.rateRatio, 1.2189);
    expectDelta(r.deltaChi2, 0.967, 1e-3);
  });

  it('same, g_X = 2e-4: R = 2.062, Delta chi2 = 4.28', () => {
    const r = coherentFallbackPoint(kn, point(bMinus3Lmu, 0.2, 2e-4));
    expectR(r.rateRatio, 2.062);
    expectDelta(r.deltaChi2, 4.28, 1e-2);
  });

  it('Helm instead of Klein-Nystrand changes R by < 0.1%', () => {
    const helm = buildFallbackSetup({ formFactor: 'helm' });
    for (const gX of [1e-4, 2e-4]) {
      const a = coherentFallbackPoint(kn, point(bMinus3Lmu, 0.2, gX)).rateRatio;
      const b = coherentFallbackPoint(helm, point(bMinus3Lmu, 0.2, gX)).rateRatio;
      expect(Math.abs(b / a - 1)).toBeLessThan(1e-3);
    }
  });

  it('flat acceptance: R = 1.2284 (g_X = 1e-4), 2.111 (g_X = 2e-4)', () => {
    const flat = buildFallbackSetup({ acceptance: 'flat' });
    expectR(coherentFallbackPoint(flat, point(bMinus3Lmu, 0.2, 1e-4)).rateRatio, 1.2284);
    expectR(coherentFallbackPoint(flat, point(bMinus3Lmu, 0.2, 2e-4)).rateRatio, 2.111);
  });

  it('B - 3L_mu, m_X = 0.02, g_X = 2e-5: R = 1.118', () => {
    expectR(coherentFallbackPoint(kn, point(bMinus3Lmu, 0.02, 2e-5)).rateRatio, 1.118);
  });

  it('3B - 6L_e - 3L_tau + (L_mu - L_tau), m_X = 0.2, g_X = 2e-4: R = 1.5048 (2.25) at k = -5.8, 1.0003 at k = -7.22', () => {
    const model = vector(3, -6, 1, -4);
    const a = coherentFallbackPoint(kn, point(model, 0.2, 2e-4, -5.8));
    expectR(a.rateRatio, 1.5048);
    expectDelta(a.deltaChi2, 2.25, 1e-2);
    expectR(coherentFallbackPoint(kn, point(model, 0.2, 2e-4, -7.22)).rateRatio, 1.0003);
  });
});

describe('fallback columns of VALIDATION §18.5', () => {
  const rows = [
    { model: vector(0, 0, 1, -1), mX: 0.2, gX: 1e-3, k: 0, R: 1, delta: 0 },
    { model: vector(0, 0, 1, -1), mX: 0.2, gX: 1e-3, k: -0.3, R: 2.1131, delta: 4.4312 },
    { model: vector(0, 0, 1, -1), mX: 0.2, gX: 1e-3, k: 0.3, R: 0.4235, delta: 3.5666 },
    { model: bMinus3Lmu, mX: 0.2, gX: 3e-4, k: 0, R: 4.0895, delta: 7.8815 },
    { model: bMinus3Lmu, mX: 0.2, gX: 1e-4, k: 0, R: 1.2189, delta: 0.9666 },
    { model: vector(3, -6, 3, -6), mX: 0.2, gX: 1.3e-4, k: -6, R: 1.0348, delta: 0.1413 },
    { model: vector(3, -6, 3, -6), mX: 0.2, gX: 1.3e-4, k: -7.2, R: 1.0001, delta: 0.0002 },
    { model: bMinus3Lmu, mX: 0.02, gX: 2e-5, k: 0, R: 1.1178, delta: 0.5029 },
    { model: bMinus3Lmu, mX: 1.0, gX: 5e-4, k: 0, R: 1.236, delta: 1.0456 },
    { model: vector(1, -3, 0, 0), mX: 0.2, gX: 1e-4, k: 0, R: 1.1097, delta: 0.4666 },
    { model: vector(3, -6, 5, -8), mX: 0.2, gX: 1.3e-4, k: -6, R: 0.9389, delta: 0 },
  ];
  for (const row of rows) {
    it(`m_X ${row.mX}, g_X ${row.gX}, k ${row.k}: R ${row.R}, Delta chi2 ${row.delta}`, () => {
      const r = coherentFallbackPoint(kn, point(row.model, row.mX, row.gX, row.k));
      expectR(r.rateRatio, row.R);
      expectDelta(r.deltaChi2, row.delta, 1e-4);
    });
  }

  it('the clamp: a rate below the SM that the data would reward gives 0, not a negative Delta chi2', () => {
    const r = coherentFallbackPoint(kn, point(vector(3, -6, 5, -8), 0.2, 1.3e-4, -6));
    expect(fallbackChi2(r.rateRatio)).toBeLessThan(fallbackChi2(1));
    expect(r.deltaChi2).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { alphaR, vectorFromAlphaR } from '../../src/models/alphaR.js';
import { getCatalog } from '../../src/models/catalog.js';
import type { VectorCoefficients } from '../../src/models/types.js';
import { ALPHA_R_TABLE } from './published.js';

const vec = ([B, e, mu, tau]: number[]): VectorCoefficients => ({ B, e, mu, tau });

/** Same model up to a non-zero factor (negative allowed: overall sign freedom, VALIDATION §6). */
function expectProportional(a: VectorCoefficients, b: VectorCoefficients) {
  const xa = [a.B, a.e, a.mu, a.tau];
  const xb = [b.B, b.e, b.mu, b.tau];
  const k = xa.findIndex((x) => Math.abs(x) > 1e-12);
  const f = xb[k] / xa[k];
  expect(Math.abs(f)).toBeGreaterThan(0);
  xa.forEach((x, i) => expect(xb[i]).toBeCloseTo(f * x, 10));
}

describe('(alpha, R) map (SPEC §3.6, VALIDATION §6)', () => {
  it.each(ALPHA_R_TABLE)('$c -> alpha $alphaDeg deg, R $R', ({ c, alphaDeg, R }) => {
    const ar = alphaR(vec(c));
    expect(ar.alphaDeg).toBeCloseTo(alphaDeg, 2);
    expect(ar.R).toBeCloseTo(R, 5);
    expect(ar.alpha).toBeCloseTo((alphaDeg * Math.PI) / 180, 4);
  });

  it('B - 2L_e - L_tau has tan(alpha) = -2/3 and R = 1/sqrt(13)', () => {
    const ar = alphaR(vec([1, -2, 0, -1]));
    expect(Math.tan(ar.alpha)).toBeCloseTo(-2 / 3, 12);
    expect(ar.R).toBeCloseTo(1 / Math.sqrt(13), 12);
  });

  it('L_mu - L_tau: alpha undefined, R infinite; the dark photon has neither', () => {
    const lmt = alphaR(vec([0, 0, 1, -1]));
    expect(Number.isNaN(lmt.alpha)).toBe(true);
    expect(lmt.R).toBe(Infinity);
    expect(alphaR(vec([0, 0, -3, 3])).R).toBe(Infinity);
    expect(Number.isNaN(alphaR(vec([0, 0, 0, 0])).R)).toBe(true);
    expect(vectorFromAlphaR(0.3, Infinity)).toEqual({ B: 0, e: 0, mu: 1, tau: -1 });
  });

  it('every member of 3B - 6L_e - 3L_tau + n(L_mu - L_tau) has tan(alpha) = -2/3 (SPEC §3.6)', () => {
    for (let n = -5; n <= 5; n++) expect(Math.tan(alphaR(vec([3, -6, n, -3 - n])).alpha)).toBeCloseTo(-2 / 3, 12);
  });

  it('R >= 0 always', () => {
    for (const e of getCatalog(10).vector) {
      const R = alphaR(e.c!).R;
      if (!Number.isNaN(R)) expect(R).toBeGreaterThanOrEqual(0);
    }
  });

  it('round trip: forward(alphaR(c)) is c up to a factor, for the table and all 419 catalog models', () => {
    const models = [...ALPHA_R_TABLE.map((t) => vec(t.c)), ...getCatalog(10).vector.map((e) => e.c!)];
    for (const c of models) {
      const { alpha, R } = alphaR(c);
      if (Number.isNaN(R)) continue; // the dark photon has no direction
      expectProportional(c, vectorFromAlphaR(Number.isNaN(alpha) ? 0 : alpha, R));
    }
  });

  it('round trip the other way: alphaR(forward(alpha, R)) = (alpha, R) for R >= 0', () => {
    for (const alphaDeg of [-170, -90, -33.69, 0, 45, 120, 180]) {
      for (const R of [0, 0.2774, 1, 7.5]) {
        const a = (alphaDeg * Math.PI) / 180;
        const back = alphaR(vectorFromAlphaR(a, R));
        expect(back.R).toBeCloseTo(R, 10);
        expect(Math.cos(back.alpha - a)).toBeCloseTo(1, 10);
      }
    }
  });

  it('refuses coefficients off the anomaly-free plane c_B = -(sum l)/3', () => {
    expect(() => alphaR(vec([1, 0, 3, 0]))).toThrow(/anomaly-free/); // G2 eq. 4.3 signs, SPEC §3.3
  });
});

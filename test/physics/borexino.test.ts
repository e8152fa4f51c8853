// Borexino 7Be against VALIDATION §8 (SPEC §4.5).
import { describe, expect, it } from 'vitest';
import { BE7_ENERGY, maxRecoil } from '../../src/physics/borexino.js';
import type { ScanModel } from '../../src/models/types.js';
import { chiralModel, evaluateF64, vectorModel, type EvalOptions } from '../helpers/evaluate.js';
import { findCrossing } from '../helpers/roots.js';

const TILDE_L = chiralModel('tLmu-tau', { Q: [0, 0, 0], U: [0, 0, 0], D: [0, 0, 0], L: [-1, 7, -6], E: [1, 6, -7], N: [-7, -2, 9] });
const LE_LMU = vectorModel('Le-Lmu', { B: 0, e: 1, mu: -1, tau: 0 });
const LMU_LTAU = vectorModel('Lmu-Ltau', { B: 0, e: 0, mu: 1, tau: -1 });
const B_2LE_LTAU = vectorModel('B-2Le-Ltau', { B: 1, e: -2, mu: 0, tau: -1 });

async function rBe(model: ScanModel, points: { mx: number; gx: number; eps: number }[], opts: EvalOptions = {}) {
  return (await evaluateF64(['borexino'], model, points, opts)).map((r) => r.constraints.borexino.observables.R_Be);
}

describe('Borexino (VALIDATION §8)', () => {
  it('has T_max = 0.664917 MeV for the 862 keV line', () => {
    expect(Math.abs((maxRecoil(BE7_ENERGY) * 1e3) / 0.664917 - 1)).toBeLessThan(1e-5);
  });

  it('gives chi2 = ((1 - 1.06)/0.09)^2 = 0.44444 and R = 1 exactly without an electron coupling', async () => {
    const res = await evaluateF64(
      ['borexino'],
      LMU_LTAU,
      [1e-5, 1e-3, 0.1].map((gx) => ({ mx: 0.05, gx, eps: 0 })),
    );
    for (const r of res) {
      expect(Math.abs(r.constraints.borexino.observables.R_Be - 1)).toBeLessThan(1e-12);
      expect(r.constraints.borexino.chi2).toBeCloseTo(0.06 ** 2 / 0.09 ** 2, 12);
    }
    // a vector model at k = l_e: kinetic mixing cancels the electron charge (G2 eq. 4.6)
    const [atK] = await rBe(B_2LE_LTAU, [{ mx: 0.2, gx: 5e-4, eps: -2 }], { mixingAxis: 'k' });
    expect(Math.abs(atK - 1)).toBeLessThan(1e-12);
  });

  it.each([
    ['L_e - L_mu, eps = 0, m_X = 0.1, g_X = 1e-4', LE_LMU, { mx: 0.1, gx: 1e-4, eps: 0 }, 1.07957],
    ['L_e - L_mu, eps = 0, m_X = 0.03, g_X = 3e-5', LE_LMU, { mx: 0.03, gx: 3e-5, eps: 0 }, 1.07954],
    ['tilde-L_mu-tau, eps = g/10, m_X = 0.1, g_X = 1.2e-4', TILDE_L, { mx: 0.1, gx: 1.2e-4, eps: 1.2e-5 }, 1.27696],
    ['B - 2L_e - L_tau, eps = 0, m_X = 0.2, g_X = 5e-4', B_2LE_LTAU, { mx: 0.2, gx: 5e-4, eps: 0 }, 3.92765],
  ] as const)('R_Be for %s', async (_, model, point, expected) => {
    const [r] = await rBe(model, [point]);
    expect(Math.abs(r / expected - 1)).toBeLessThan(1e-4);
  });

  it('window sensitivity: T_min = 0.27 MeV gives R_Be = 1.2909 for the tilde-L case', async () => {
    const [r] = await rBe(TILDE_L, [{ mx: 0.1, gx: 1.2e-4, eps: 1.2e-5 }], { options: { borexino: { recoilMinMeV: 0.27 } } });
    expect(Math.abs(r / 1.2909 - 1)).toBeLessThan(1e-3);
  });

  /** Borexino 2 sigma bound on g_X for tilde-L (R_Be = 1.24) at eps = g_X/10. */
  const borexinoBound = (mx: number) =>
    findCrossing(
      async (gs) =>
        rBe(
          TILDE_L,
          gs.map((gx) => ({ mx, gx, eps: gx / 10 })),
        ),
      1e-6,
      1e-2,
      1.24,
      { log: true, relTol: 1e-7 },
    );

  it.each([
    [0.05, 5.75e-5],
    [0.1, 1.15e-4],
    [0.2, 2.3e-4],
  ])('tilde-L_mu-tau bound at m_X = %f GeV (linear in m_X)', async (mx, expected) => {
    const g = await borexinoBound(mx);
    expect(Math.abs(g / expected - 1)).toBeLessThan(0.02);
    const [inside, outside] = await evaluateF64(
      ['borexino'],
      TILDE_L,
      [0.99, 1.01].map((f) => ({ mx, gx: f * g, eps: (f * g) / 10 })),
    );
    expect(inside.constraints.borexino.excluded).toBe(false);
    expect(outside.constraints.borexino.excluded).toBe(true);
  });

  it('tilde-L_mu-tau: the Borexino bound meets the lower edge of the (g-2)_mu band between 0.06 and 0.15 GeV', async () => {
    const amuLowerEdge = (mx: number) =>
      findCrossing(
        async (gs) =>
          (
            await evaluateF64(
              ['amu'],
              TILDE_L,
              gs.map((gx) => ({ mx, gx, eps: gx / 10 })),
            )
          ).map((r) => r.constraints.amu.observables.delta_amu),
        1e-6,
        1e-2,
        133,
        { log: true, relTol: 1e-6 },
      );
    const logRatio = async (ms: number[]) => Promise.all(ms.map(async (m) => Math.log((await borexinoBound(m)) / (await amuLowerEdge(m)))));
    const crossing = await findCrossing(logRatio, 0.03, 0.3, 0, { log: true, points: 9, relTol: 1e-3 });
    expect(crossing).toBeGreaterThan(0.06);
    expect(crossing).toBeLessThan(0.15);
    // below the crossing Borexino excludes the lower edge of the band, above it does not
    expect(Math.log((await borexinoBound(0.05)) / (await amuLowerEdge(0.05)))).toBeLessThan(0);
    expect(Math.log((await borexinoBound(0.2)) / (await amuLowerEdge(0.2)))).toBeGreaterThan(0);
  });

  it('uses sin^2 theta_23 and P_e as options (tilde-L is sensitive to theta_23, SPEC §4.5)', async () => {
    const p = [{ mx: 0.1, gx: 1.2e-4, eps: 1.2e-5 }];
    const [base] = await rBe(TILDE_L, p);
    const [maximal] = await rBe(TILDE_L, p, { options: { borexino: { sin2Theta23: 0.5 } } });
    const [pe] = await rBe(TILDE_L, p, { options: { borexino: { Pe: 0.55 } } });
    expect(maximal).not.toBeCloseTo(base, 3);
    expect(pe).not.toBeCloseTo(base, 3);
  });
});

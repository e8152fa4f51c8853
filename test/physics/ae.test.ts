// (g-2)_e against VALIDATION §13 (SPEC §4.2).
import { describe, expect, it } from 'vitest';
import { M_E } from '../../src/physics/constants.js';
import { loopFA } from '../../src/physics/loops.js';
import { chiralModel, evaluateF64, vectorModel } from '../helpers/evaluate.js';
import { findCrossing } from '../helpers/roots.js';

// tilde-L_mu-tau (SPEC §3.4): |q_A^e| = 1, q_V^e = 0 at eps = 0.
const TILDE_L = chiralModel('tLmu-tau', { Q: [0, 0, 0], U: [0, 0, 0], D: [0, 0, 0], L: [-1, 7, -6], E: [1, 6, -7], N: [-7, -2, 9] });

const deltaAe = (mx: number, dataset?: string) => async (gs: number[]) =>
  (
    await evaluateF64(
      ['ae'],
      TILDE_L,
      gs.map((gx) => ({ mx, gx, eps: 0 })),
      dataset ? { datasets: { ae: dataset } } : {},
    )
  ).map((r) => r.constraints.ae.observables.delta_ae);

/** Largest g_X with Delta a_e above the lower 2 sigma edge, and a check that the mask switches there. */
async function bound(mx: number, dataset: string, edge: number): Promise<number> {
  const g = await findCrossing(deltaAe(mx, dataset), 1e-4, 1, edge, { log: true });
  const [below, above] = await evaluateF64(
    ['ae'],
    TILDE_L,
    [
      { mx, gx: g * 0.999, eps: 0 },
      { mx, gx: g * 1.001, eps: 0 },
    ],
    {
      datasets: { ae: dataset },
    },
  );
  expect(below.constraints.ae.excluded).toBe(false);
  expect(above.constraints.ae.excluded).toBe(true);
  return g;
}

describe('(g-2)_e (VALIDATION §13)', () => {
  it('tilde-L_mu-tau at 1 GeV, Cs alpha: g_X < 1.2047e-2 (paper 1.2e-2)', async () => {
    const g = await bound(1, 'ae-cs-2018', -8.8 - 2 * 3.6);
    expect(Math.abs(g / 1.2047e-2 - 1)).toBeLessThan(1e-3);
    expect(Math.abs(g / 1.2e-2 - 1)).toBeLessThan(0.03);
  });

  it('tilde-L_mu-tau at 1 GeV, Rb alpha: g_X < 3.2993e-3 (paper 3.3e-3)', async () => {
    const g = await bound(1, 'ae-rb-2020', 4.8 - 2 * 3.0);
    expect(Math.abs(g / 3.2993e-3 - 1)).toBeLessThan(1e-3);
    expect(Math.abs(g / 3.3e-3 - 1)).toBeLessThan(0.03);
  });

  it('has the prefactor sqrt(8 pi^2/|F_A(m_e/1 GeV)|) = 9524.4 (the paper\'s "9.5e3")', () => {
    expect(Math.abs(Math.sqrt((8 * Math.PI ** 2) / Math.abs(loopFA(M_E / 1))) / 9524.4 - 1)).toBeLessThan(1e-3);
  });

  it('scales linearly with m_X for m_X >> m_e: g(2 GeV)/g(1 GeV) = 2.000', async () => {
    const g1 = await bound(1, 'ae-cs-2018', -16);
    const g2 = await bound(2, 'ae-cs-2018', -16);
    expect(Math.abs(g2 / g1 - 2)).toBeLessThan(1e-3);
  });

  it('uses the difference to the SM as its chi2 and is not in the global fit', async () => {
    const [sm] = await evaluateF64(['ae'], TILDE_L, [{ mx: 1, gx: 1e-12, eps: 0 }]);
    expect(Math.abs(sm.constraints.ae.chi2)).toBeLessThan(1e-12);
    const [p] = await evaluateF64(['ae'], TILDE_L, [{ mx: 1, gx: 1e-2, eps: 0 }]);
    const d = p.constraints.ae.observables.delta_ae;
    expect(p.constraints.ae.chi2).toBeCloseTo(((d + 8.8) / 3.6) ** 2 - (8.8 / 3.6) ** 2, 10);
  });

  it('a vector electron coupling from kinetic mixing raises a_e and is never excluded', async () => {
    const lmt = vectorModel('Lmu-Ltau', { B: 0, e: 0, mu: 1, tau: -1 });
    const [r] = await evaluateF64(['ae'], lmt, [{ mx: 0.01, gx: 1e-3, eps: 1e-2 }], { datasets: { ae: 'ae-rb-2020' } });
    expect(r.constraints.ae.observables.delta_ae).toBeGreaterThan(0);
    expect(r.constraints.ae.excluded).toBe(false);
  });
});

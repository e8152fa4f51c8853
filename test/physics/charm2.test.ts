// CHARM-II effective-coupling version (SPEC §4.11 lists no validation numbers: the paper's y-distribution
// fit cannot be reproduced without the data). Checks: the SM value from the published couplings, exact
// zeros, the heavy-X (contact) limit, and the light-X suppression.
import { describe, expect, it } from 'vitest';
import { SQRT2_GF, SW2 } from '../../src/physics/constants.js';
import { evaluateF64, vectorModel } from '../helpers/evaluate.js';

// Published CHARM-II couplings as SPEC §4.11 quotes them (Vilain et al., PLB 335 (1994) 246):
// g_V = -0.035 +- 0.012 (stat) +- 0.012 (syst), g_A = -0.503 +- 0.006 (stat) +- 0.016 (syst).
const GL_EXP = (-0.035 - 0.503) / 2;
const GR_EXP = (-0.035 + 0.503) / 2;
const SIGMA = Math.hypot(0.012, 0.012, 0.006, 0.016) / 2;
const chi2Of = (gL: number, gR: number) =>
  ((Math.abs(gL) - Math.abs(GL_EXP)) / SIGMA) ** 2 + ((Math.abs(gR) - Math.abs(GR_EXP)) / SIGMA) ** 2;
const LE_LMU = vectorModel('Le-Lmu', { B: 0, e: 1, mu: -1, tau: 0 });

describe('CHARM-II (effective couplings)', () => {
  it('gives the SM chi2 from the published g_V, g_A and R = 1 without a nu_mu or electron coupling', async () => {
    const leLtau = vectorModel('Le-Ltau', { B: 0, e: 1, mu: 0, tau: -1 });
    const lmLt = vectorModel('Lmu-Ltau', { B: 0, e: 0, mu: 1, tau: -1 });
    for (const [model, eps] of [
      [leLtau, 1e-3],
      [lmLt, 0],
    ] as const) {
      const [r] = await evaluateF64(['charm2'], model, [{ mx: 0.05, gx: 1e-3, eps }]);
      const c = r.constraints.charm2;
      expect(c.observables.R_nu).toBe(1);
      expect(c.observables.R_nubar).toBe(1);
      expect(c.chi2).toBeCloseTo(chi2Of(SW2 - 0.5, SW2), 10);
      expect(c.chi2).toBeCloseTo(0.054, 3);
      expect(c.chi2).toBeCloseTo(0.05399, 4); // (0.00021^2 + 0.00279^2)/0.0120416^2
    }
  });

  it('reduces to the (g_V, g_A) chi2 with contact couplings for a heavy X', async () => {
    const mx = 20;
    const gx = 0.05;
    const [r] = await evaluateF64(['charm2'], LE_LMU, [{ mx, gx, eps: 0 }]);
    // y_nu^mu y_L^e = y_nu^mu y_R^e = -g^2 for L_e - L_mu; shift -g^2/(2 sqrt2 G_F m^2) of gL and gR
    const shift = -(gx * gx) / (2 * SQRT2_GF * mx * mx);
    const c = r.constraints.charm2;
    // the propagator varies by 2 E m_e/m_X^2 ~ 6e-5 over the recoil range
    expect(Math.abs(c.observables.gL_eff - Math.abs(SW2 - 0.5 + shift))).toBeLessThan(1e-4 * Math.abs(shift));
    expect(Math.abs(c.observables.gR_eff - Math.abs(SW2 + shift))).toBeLessThan(1e-4 * Math.abs(shift));
    expect(Math.abs(c.chi2 / chi2Of(SW2 - 0.5 + shift, SW2 + shift) - 1)).toBeLessThan(1e-3);
  });

  it('a light X is suppressed by the momentum transfer at fixed g_X/m_X', async () => {
    const ratio = 1e-3;
    const res = await evaluateF64(
      ['charm2'],
      LE_LMU,
      [2, 0.2, 0.05, 0.01].map((mx) => ({ mx, gx: ratio * mx, eps: 0 })),
    );
    const effect = res.map((r) => Math.abs(r.constraints.charm2.observables.R_nu - 1));
    for (let i = 1; i < effect.length; i++) expect(effect[i]).toBeLessThan(effect[i - 1]);
    expect(effect[3]).toBeLessThan(0.1 * effect[0]);
  });

  it('kinetic mixing that cancels the electron charge switches the X effect off (vector model at k = l_e)', async () => {
    const [r] = await evaluateF64(['charm2'], LE_LMU, [{ mx: 0.1, gx: 1e-3, eps: 1 }], { mixingAxis: 'k' });
    expect(Math.abs(r.constraints.charm2.observables.R_nu - 1)).toBeLessThan(1e-12);
  });
});

// CCFR trident, EFT form, against VALIDATION §10 (SPEC §4.3).
import { describe, expect, it } from 'vitest';
import { evaluateF64, vectorModel } from '../helpers/evaluate.js';
import { findCrossing } from '../helpers/roots.js';

const LMU_LTAU = vectorModel('Lmu-Ltau', { B: 0, e: 0, mu: 1, tau: -1 });
const rTrident = (mx: number) => async (gs: number[]) =>
  (
    await evaluateF64(
      ['ccfr_eft'],
      LMU_LTAU,
      gs.map((gx) => ({ mx, gx, eps: 0 })),
    )
  ).map((r) => r.constraints.ccfr_eft.observables.R_trident);

describe('CCFR trident, EFT (VALIDATION §10)', () => {
  it('R = 1 at C_V = C_A = 0 and chi2(SM) = ((1 - 0.82)/0.28)^2 = 0.41327', async () => {
    const leLtau = vectorModel('Le-Ltau', { B: 0, e: 1, mu: 0, tau: -1 }); // no nu_mu charge
    const [r] = await evaluateF64(['ccfr_eft'], leLtau, [{ mx: 2, gx: 0.05, eps: 0.01 }]);
    expect(r.constraints.ccfr_eft.observables.R_trident).toBe(1);
    expect(Math.abs(r.constraints.ccfr_eft.chi2 / 0.41327 - 1)).toBeLessThan(1e-4);
  });

  it('EFT 2 sigma limit for a pure vector coupling: C_V < 0.214686', async () => {
    const g = await findCrossing(rTrident(2), 1e-4, 1, 0.82 + 2 * 0.28, { log: true });
    const [r] = await evaluateF64(['ccfr_eft'], LMU_LTAU, [{ mx: 2, gx: g, eps: 0 }]);
    expect(r.constraints.ccfr_eft.observables.C_A).toBe(0);
    expect(Math.abs(r.constraints.ccfr_eft.observables.C_V / 0.214686 - 1)).toBeLessThan(1e-4);
  });

  it.each([1, 3, 10, 50])('L_mu - L_tau at m_X = %f GeV: g_X/m_X < 1.8818e-3 /GeV (m_X/g_X > 531.4 GeV)', async (mx) => {
    const g = await findCrossing(rTrident(mx), 1e-5, 1, 1.38, { log: true });
    expect(Math.abs(g / mx / 1.8818e-3 - 1)).toBeLessThan(1e-4);
    expect(mx / g).toBeCloseTo(531.4, 1);
    const [inside, outside] = await evaluateF64(
      ['ccfr_eft'],
      LMU_LTAU,
      [0.999, 1.001].map((f) => ({ mx, gx: f * g, eps: 0 })),
    );
    expect([inside.constraints.ccfr_eft.excluded, outside.constraints.ccfr_eft.excluded]).toEqual([false, true]);
  });

  it('below 1 GeV the EFT would exclude the (g-2)_mu band (g_X < 1.9e-4 at 0.1 GeV): flagged, not applied', async () => {
    const g = await findCrossing(rTrident(0.1), 1e-6, 1e-2, 1.38, { log: true });
    expect(Math.abs(g / 1.9e-4 - 1)).toBeLessThan(0.02);
    const [r] = await evaluateF64(['ccfr_eft'], LMU_LTAU, [{ mx: 0.1, gx: 6.9e-4, eps: 0 }]);
    expect(r.constraints.ccfr_eft.observables.R_trident).toBeGreaterThan(1.38);
    expect(r.constraints.ccfr_eft.notApplicable).toBeDefined();
    expect(r.constraints.ccfr_eft.excluded).toBe(false);
    expect(r.constraints.ccfr_eft.chi2).toBe(0);
  });

  it('uses the X-Z mixing couplings of SPEC §2.4 in the hypercharge convention', async () => {
    const dp = vectorModel('dark-photon', { B: 0, e: 0, mu: 0, tau: 0 });
    const [photon] = await evaluateF64(['ccfr_eft'], dp, [{ mx: 5, gx: 1e-3, eps: 0.05 }]);
    const [hyper] = await evaluateF64(['ccfr_eft'], dp, [{ mx: 5, gx: 1e-3, eps: 0.05 }], { mixing: 'hypercharge' });
    // photon mixing gives nu_mu no coupling; the Z admixture does
    expect(photon.constraints.ccfr_eft.observables.R_trident).toBe(1);
    expect(hyper.constraints.ccfr_eft.observables.R_trident).not.toBe(1);
  });
});

// Atomic parity violation against VALIDATION §12 (SPEC §4.9).
import { describe, expect, it } from 'vitest';
import { chiralModel, evaluateF64, vectorModel } from '../helpers/evaluate.js';
import { findCrossing } from '../helpers/roots.js';

const TILDE_L = chiralModel('tLmu-tau', { Q: [0, 0, 0], U: [0, 0, 0], D: [0, 0, 0], L: [-1, 7, -6], E: [1, 6, -7], N: [-7, -2, 9] });

describe('APV (VALIDATION §12)', () => {
  it('tilde-L_mu-tau, g_X = 1e-4, eps = 1e-4, m_X = 1 GeV: Delta Q_W = +0.040388', async () => {
    const [r] = await evaluateF64(['apv'], TILDE_L, [{ mx: 1, gx: 1e-4, eps: 1e-4 }]);
    expect(Math.abs(r.constraints.apv.observables.delta_qw / 0.040388 - 1)).toBeLessThan(1e-4);
    const d = r.constraints.apv.observables.delta_qw;
    expect(r.constraints.apv.chi2).toBeCloseTo(((d - 0.65) / 0.43) ** 2 - (0.65 / 0.43) ** 2, 10);
  });

  // G2 eq. 5.4: g_X < C (m_X/GeV) (|eps| e/g_X)^(-1/2). On the k axis (k = eps_hat e/g_X) the bound
  // is g_X = C m_X k^(-1/2); it is located at two values of k and two masses.
  it.each([
    ['eps > 0', 1, 1.51, 3.3648e-4, 3.4e-4, 0.03],
    ['eps < 0', -1, -0.21, 1.2548e-4, 1.3e-4, 0.05],
  ] as const)('95%% coefficient for %s', async (_, sign, edge, expected, paper, paperTol) => {
    for (const [mx, k] of [
      [1, 1],
      [1, 4],
      [0.3, 9],
    ]) {
      const f = async (gs: number[]) =>
        (
          await evaluateF64(
            ['apv'],
            TILDE_L,
            gs.map((gx) => ({ mx, gx, eps: sign * k })),
            { mixingAxis: 'k' },
          )
        ).map((r) => r.constraints.apv.observables.delta_qw);
      const g = await findCrossing(f, 1e-7, 1e-1, edge, { log: true });
      const C = (g / mx) * Math.sqrt(k);
      expect(Math.abs(C / expected - 1)).toBeLessThan(1e-3);
      expect(Math.abs(C / paper - 1)).toBeLessThan(paperTol);
      const [inside, outside] = await evaluateF64(
        ['apv'],
        TILDE_L,
        [0.999, 1.001].map((x) => ({ mx, gx: x * g, eps: sign * k })),
        { mixingAxis: 'k' },
      );
      expect([inside.constraints.apv.excluded, outside.constraints.apv.excluded]).toEqual([false, true]);
    }
  });

  it('is exactly zero for vector models (no axial electron coupling), and says nothing below 10 MeV', async () => {
    const m = vectorModel('B-3Le', { B: 1, e: -3, mu: 0, tau: 0 });
    const [v] = await evaluateF64(['apv'], m, [{ mx: 0.1, gx: 1e-2, eps: 1e-2 }]);
    expect(Math.abs(v.constraints.apv.observables.delta_qw)).toBe(0);
    expect(v.constraints.apv.excluded).toBe(false);
    const [light] = await evaluateF64(['apv'], TILDE_L, [{ mx: 0.005, gx: 1e-2, eps: 1e-2 }]);
    expect(light.constraints.apv.notApplicable).toBeDefined();
    expect(light.constraints.apv.excluded).toBe(false);
  });
});

// Z-pole lepton universality against VALIDATION §11 (SPEC §4.8).
import { describe, expect, it } from 'vitest';
import { M_Z, SW } from '../../src/physics/constants.js';
import { evaluateF64, vectorModel } from '../helpers/evaluate.js';

const LMU_LTAU = vectorModel('Lmu-Ltau', { B: 0, e: 0, mu: 1, tau: -1 });

describe('R_mue (VALIDATION §11)', () => {
  it('L_mu - L_tau, eps_Y = 0.01, g_X = 1e-3, m_X << m_Z: delta R_mue = 4.0029e-6', async () => {
    const [r] = await evaluateF64(['zpole_rmue'], LMU_LTAU, [{ mx: 0.1, gx: 1e-3, eps: 0.01 }], { mixing: 'hypercharge' });
    expect(Math.abs(r.constraints.zpole_rmue.observables.delta_rmue / 4.0029e-6 - 1)).toBeLessThan(1e-3);
    expect(r.constraints.zpole_rmue.chi2).toBeCloseTo(((4.0029e-6 - 0.0009) / 0.0028) ** 2, 5);
    expect(r.constraints.zpole_rmue.excluded).toBe(false);
  });

  it('vanishes for flavour-universal charges and without mixing', async () => {
    const bl = vectorModel('B-L', { B: 1, e: -1, mu: -1, tau: -1 });
    const [u] = await evaluateF64(['zpole_rmue'], bl, [{ mx: 1, gx: 1e-2, eps: 0.05 }], { mixing: 'hypercharge' });
    expect(u.constraints.zpole_rmue.observables.delta_rmue).toBe(0);
    const [n] = await evaluateF64(['zpole_rmue'], LMU_LTAU, [{ mx: 1, gx: 1e-2, eps: 0 }], { mixing: 'hypercharge' });
    expect(Math.abs(n.constraints.zpole_rmue.observables.delta_rmue)).toBe(0);
  });

  it('is not evaluated (flagged) inside the X-Z degenerate window', async () => {
    const epsY = 0.01;
    const s = (SW * epsY) / Math.sqrt(1 - epsY * epsY);
    const [r] = await evaluateF64(['zpole_rmue'], LMU_LTAU, [{ mx: M_Z * Math.sqrt(1 - s / 2), gx: 1e-3, eps: epsY }], {
      mixing: 'hypercharge',
    });
    expect(r.constraints.zpole_rmue.observables.xz_degenerate).toBe(1);
    expect(r.constraints.zpole_rmue.chi2).toBe(0);
    expect(r.constraints.zpole_rmue.excluded).toBe(false);
  });
});

// Perturbative unitarity (SPEC §4.12).
import { describe, expect, it } from 'vitest';
import { chiralModel, evaluateF64, vectorModel } from '../helpers/evaluate.js';

describe('perturbative unitarity (SPEC §4.12)', () => {
  it('unitarity: excluded where g_X max|q| > sqrt(4 pi), every charge including the N_i', async () => {
    // tilde-L_mu-tau: largest charge |x_N3| = 9
    const tildeL = chiralModel('tLmu-tau', { Q: [0, 0, 0], U: [0, 0, 0], D: [0, 0, 0], L: [-1, 7, -6], E: [1, 6, -7], N: [-7, -2, 9] });
    const limit = Math.sqrt(4 * Math.PI) / 9;
    const res = await evaluateF64(
      ['unitarity'],
      tildeL,
      [0.999, 1.001].map((f) => ({ mx: 0.1, gx: f * limit, eps: 0 })),
    );
    expect(res.map((r) => r.constraints.unitarity.excluded)).toEqual([false, true]);
    expect(res[0].constraints.unitarity.observables.max_coupling).toBeCloseTo(0.999 * Math.sqrt(4 * Math.PI), 10);
    const [dp] = await evaluateF64(['unitarity'], vectorModel('dark-photon', { B: 0, e: 0, mu: 0, tau: 0 }), [
      { mx: 0.1, gx: 10, eps: 0.1 },
    ]);
    expect(dp.constraints.unitarity.excluded).toBe(false);
  });
});

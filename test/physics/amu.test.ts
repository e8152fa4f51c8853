// (g-2)_mu against VALIDATION.md §3 and §4.
import { describe, expect, it } from 'vitest';
import { loopFA, loopFV } from '../../src/physics/loops.js';
import { evaluateF64, chiralModel, vectorModel } from '../helpers/evaluate.js';

const LMU_LTAU = vectorModel('Lmu-Ltau', { B: 0, e: 0, mu: 1, tau: -1 });

describe('loop functions F_V, F_A (VALIDATION §3)', () => {
  const table: [number, number, number][] = [
    [1e-3, 6.666432e-7, -3.333309e-6],
    [1e-2, 6.652404e-5, -3.331807e-4],
    [0.1, 6.124611e-3, -3.270141e-2],
    [0.5, 9.035489e-2, -0.7274113],
    [1, 0.2091996, -2.627599],
    [2, 0.3832896, -9.439849],
    [10, 0.7731824, -205.2556],
    [100, 0.9703319, -20013.54],
    [1000, 0.996885, -2000022.6],
  ];
  it.each(table)('r = %f', (r, fv, fa) => {
    expect(Math.abs(loopFV(r) / fv - 1)).toBeLessThan(1e-6);
    expect(Math.abs(loopFA(r) / fa - 1)).toBeLessThan(1e-6);
  });
  it('has the published limits', () => {
    expect(Math.abs(loopFV(1e-3) / ((2 / 3) * 1e-6) - 1)).toBeLessThan(1e-3);
    expect(Math.abs(loopFA(1e-3) / ((-10 / 3) * 1e-6) - 1)).toBeLessThan(1e-3);
    expect(Math.abs(loopFV(1000) - 1)).toBeLessThan(4e-3);
    expect(Math.abs(loopFA(1000) / (-2 * 1e6) - 1)).toBeLessThan(4e-3);
  });
});

describe('(g-2)_mu constraint (VALIDATION §4)', () => {
  // g_X for the central value / lower / upper 2 sigma edge, L_mu - L_tau at eps = 0
  const couplings: [number, number, number, number][] = [
    [0.01, 5.032e-4, 3.663e-4, 6.101e-4],
    [0.02, 5.56e-4, 4.047e-4, 6.741e-4],
    [0.05, 7.053e-4, 5.134e-4, 8.552e-4],
    [0.1, 9.462e-4, 6.888e-4, 1.147e-3],
    [0.21, 1.475e-3, 1.073e-3, 1.788e-3],
  ];
  it.each(couplings)('L_mu-L_tau at m_X = %f GeV', async (mx, central, lower, upper) => {
    const [c, l, u] = await evaluateF64(
      ['amu'],
      LMU_LTAU,
      [central, lower, upper].map((gx) => ({ mx, gx, eps: 0 })),
    );
    // 1e-3 relative on g_X is 2e-3 relative on Delta a_mu
    expect(Math.abs(c.constraints.amu.observables.delta_amu / 251 - 1)).toBeLessThan(2e-3);
    expect(Math.abs(l.constraints.amu.observables.delta_amu / 133 - 1)).toBeLessThan(2e-3);
    expect(Math.abs(u.constraints.amu.observables.delta_amu / 369 - 1)).toBeLessThan(2e-3);
    expect(l.constraints.amu.chi2).toBeCloseTo(4, 1);
    expect(c.constraints.amu.excluded).toBe(false);
  });

  it('gives chi2 = (251/59)^2 in the SM and with the 2025 dataset selects its own numbers', async () => {
    const [sm] = await evaluateF64(['amu'], LMU_LTAU, [{ mx: 0.1, gx: 1e-12, eps: 0 }]);
    expect(Math.abs(sm.constraints.amu.chi2 / 18.0985 - 1)).toBeLessThan(1e-4);
    const [sm25] = await evaluateF64(['amu'], LMU_LTAU, [{ mx: 0.1, gx: 1e-12, eps: 0 }], { datasets: { amu: 'amu-2025' } });
    expect(sm25.constraints.amu.chi2).toBeCloseTo((38 / 63) ** 2, 6);
  });

  // At eps = 0, Delta a_mu is quadratic in g_X: the coupling for a target value follows from one evaluation.
  const couplingFor = async (target: number, mx: number, probe: number) => {
    const [r] = await evaluateF64(['amu'], LMU_LTAU, [{ mx, gx: probe, eps: 0 }]);
    return probe * Math.sqrt(target / r.constraints.amu.observables.delta_amu);
  };

  it('light and heavy X couplings for the central value (MF eq. 3.5, re-derived; 1e-4 on g_X)', async () => {
    expect(Math.abs((await couplingFor(251, 1e-7, 4.4e-4)) / 4.4518e-4 - 1)).toBeLessThan(1e-4); // m_X << m_mu
    const mx = 50; // m_X >> m_mu
    expect(Math.abs((await couplingFor(251, mx, 1e-1)) / (5.4523e-4 * (mx / 0.1056583755)) - 1)).toBeLessThan(1e-4);
  });

  it('heavy-X scale m_X/(g_X q_V) at the lower 2 sigma edge: 266 GeV, x sqrt(4 pi) = 0.94 TeV (G2 §2.4)', async () => {
    const mx = 1000;
    const scale = mx / (await couplingFor(133, mx, 3));
    expect(Math.abs(scale / 266 - 1)).toBeLessThan(0.03);
    expect(Math.abs((scale * Math.sqrt(4 * Math.PI)) / 940 - 1)).toBeLessThan(0.1);
  });

  it('tilde-L_mu-tau at 10 MeV with eps = g_X/10 lowers a_mu for every g_X (axial part wins)', async () => {
    const tL = chiralModel('tLmu-tau', {
      Q: [0, 0, 0],
      U: [0, 0, 0],
      D: [0, 0, 0],
      L: [-1, 7, -6],
      E: [1, 6, -7],
      N: [-7, -2, 9],
    });
    const gs = [1e-6, 1e-5, 1e-4, 1e-3, 1e-2];
    const res = await evaluateF64(
      ['amu'],
      tL,
      gs.map((gx) => ({ mx: 0.01, gx, eps: gx / 10 })),
    );
    for (const r of res) expect(r.constraints.amu.observables.delta_amu).toBeLessThan(0);
  });
});

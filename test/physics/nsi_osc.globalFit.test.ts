// Global chi^2 bookkeeping for the terms implemented here (VALIDATION §15, SPEC §5.1): SM values,
// membership of the global fit, and the L_mu - L_tau unit test. COHERENT and the resonance penalty
// are tested with their own constraints.
import { describe, expect, it } from 'vitest';
import { constraintById } from '../../src/constraints/registry.js';
import { evaluateF64, vectorModel } from '../helpers/evaluate.js';

const LMU_LTAU = vectorModel('Lmu-Ltau', { B: 0, e: 0, mu: 1, tau: -1 });

describe('global chi2 bookkeeping (VALIDATION §15)', () => {
  it('global-fit membership follows SPEC §5.1', () => {
    for (const id of ['amu', 'borexino', 'nsi_osc']) expect(constraintById(id)?.inGlobalFit, id).toBe(true);
    const outside = [
      'ae',
      'apv',
      'bbn',
      'ccfr_eft',
      'charm2',
      'dmeson_invisible',
      'dmeson_mixing',
      'ew_t',
      'texono',
      'unitarity',
      'zpole_rmue',
    ];
    for (const id of outside) expect(constraintById(id)?.inGlobalFit ?? false, id).toBe(false);
  });

  it('SM values: chi2_amu 18.0985, chi2_Borex 0.4444, NSI 0; their sum 18.543 with COHERENT = resonance = 0', async () => {
    const [sm] = await evaluateF64(['amu', 'borexino', 'nsi_osc'], vectorModel('B-3Le', { B: 1, e: -3, mu: 0, tau: 0 }), [
      { mx: 0.2, gx: 1e-12, eps: 0 },
    ]);
    expect(Math.abs(sm.constraints.amu.chi2 / 18.0985 - 1)).toBeLessThan(1e-4);
    expect(sm.constraints.borexino.chi2).toBeCloseTo(0.4444, 4);
    expect(sm.constraints.nsi_osc.chi2).toBeCloseTo(0, 10);
    expect(Math.abs(sm.chi2Total / 18.543 - 1)).toBeLessThan(1e-4);
  });

  it('L_mu - L_tau at eps = 0, any g_X and m_X: Borexino term 0.4444, NSI 0', async () => {
    const points = [0.01, 0.2, 1].flatMap((mx) => [1e-5, 1e-3, 3e-2].map((gx) => ({ mx, gx, eps: 0 })));
    for (const r of await evaluateF64(['borexino', 'nsi_osc'], LMU_LTAU, points)) {
      expect(r.constraints.borexino.chi2).toBeCloseTo(0.06 ** 2 / 0.09 ** 2, 12);
      expect(r.constraints.nsi_osc.chi2).toBe(0);
    }
  });
});

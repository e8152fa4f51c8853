// BBN lower mass bound against VALIDATION §17 (SPEC §4.12).
import { describe, expect, it } from 'vitest';
import { evaluateF64, vectorModel } from '../helpers/evaluate.js';

const LMU_LTAU = vectorModel('Lmu-Ltau', { B: 0, e: 0, mu: 1, tau: -1 });

describe('BBN (VALIDATION §17)', () => {
  it('BBN: m_X >= 10 MeV by default, configurable (MF: 6 MeV)', async () => {
    const pts = [0.005, 0.0099, 0.0101].map((mx) => ({ mx, gx: 1e-4, eps: 0 }));
    const dflt = await evaluateF64(['bbn'], LMU_LTAU, pts);
    expect(dflt.map((r) => r.constraints.bbn.excluded)).toEqual([true, true, false]);
    expect(dflt[0].constraints.bbn.chi2).toBe(100);
    const mf = await evaluateF64(['bbn'], LMU_LTAU, pts, { options: { bbn: { minMass: 0.006 } } });
    expect(mf.map((r) => r.constraints.bbn.excluded)).toEqual([true, false, false]);
  });
});

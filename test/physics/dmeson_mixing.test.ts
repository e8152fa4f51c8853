// D-meson bounds (dmeson_mixing, dmeson_invisible) against VALIDATION §17 (SPEC §4.13).
import { describe, expect, it } from 'vitest';
import { M_MU } from '../../src/physics/constants.js';
import { couplingRecordFromCharges, type ChargeTable, type ScanModel } from '../../src/models/types.js';
import { evaluateF64, vectorModel, type EvalOptions } from '../helpers/evaluate.js';
import { findCrossing } from '../helpers/roots.js';

/** 9B_3 - 8L_mu - L_tau (SPEC §3.7): x_q12 = 0, x_q3 = -3, leptons (e, mu, tau) = (0, 8, 1). */
const THIRD_FAMILY_CHARGES: ChargeTable = { Q: [0, 0, -3], U: [0, 0, -3], D: [0, 0, -3], L: [0, 8, 1], E: [0, 8, 1], N: [0, 8, 1] };
const THIRD_FAMILY: ScanModel = {
  id: '9B3-8Lmu-Ltau',
  name: '9B3-8Lmu-Ltau',
  category: 'nonuniversal',
  charges: THIRD_FAMILY_CHARGES,
  record: couplingRecordFromCharges(THIRD_FAMILY_CHARGES),
};
const LMU_LTAU = vectorModel('Lmu-Ltau', { B: 0, e: 0, mu: 1, tau: -1 });

/** The m_X where `id` stops excluding, from the mask (bisection on 0/1). */
async function massEdge(id: string, gx: number, lo: number, hi: number, opts: EvalOptions = {}) {
  const mask = async (ms: number[]) =>
    (
      await evaluateF64(
        [id],
        THIRD_FAMILY,
        ms.map((mx) => ({ mx, gx, eps: 0 })),
        opts,
      )
    ).map((r) => (r.constraints[id].excluded ? 1 : 0));
  return findCrossing(mask, lo, hi, 0.5, { log: true, relTol: 1e-9 });
}

describe('D-meson bounds for third-family quark models (VALIDATION §17)', () => {
  it.each([1e-5, 1e-4, 3e-4])('D-Dbar mixing (real couplings): excluded iff m_X < 60 MeV (g_X x_q3/1e-4), g_X = %f', async (gx) => {
    const edge = await massEdge('dmeson_mixing', gx, 1e-4, 10);
    expect(Math.abs(edge / (0.06 * ((gx * 3) / 1e-4)) - 1)).toBeLessThan(1e-6);
  });

  it('D-Dbar mixing with a maximal weak phase: 360 MeV (g_X x_q3/1e-4)', async () => {
    const edge = await massEdge('dmeson_mixing', 1e-5, 1e-4, 10, { options: { dmeson_mixing: { phase: 'maximal' } } });
    expect(Math.abs(edge / (0.36 * ((1e-5 * 3) / 1e-4)) - 1)).toBeLessThan(1e-6);
  });

  it.each([1e-6, 3e-6])('D+ -> pi+ X(inv): excluded iff m_X < 70 MeV (g_X x_q3/1e-5), g_X = %f', async (gx) => {
    const edge = await massEdge('dmeson_invisible', gx, 1e-4, 0.2);
    expect(Math.abs(edge / (0.07 * ((gx * 3) / 1e-5)) - 1)).toBeLessThan(1e-6);
  });

  it('D+ -> pi+ X(inv) says nothing above 2 m_mu', async () => {
    const [r] = await evaluateF64(['dmeson_invisible'], THIRD_FAMILY, [{ mx: 2 * M_MU * 1.01, gx: 1e-3, eps: 0 }]);
    expect(r.constraints.dmeson_invisible.excluded).toBe(false);
    expect(r.constraints.dmeson_invisible.notApplicable).toMatch(/valid only/);
  });

  it.each([
    ['B - 3L_mu', vectorModel('B-3Lmu', { B: 1, e: 0, mu: -3, tau: 0 }), /x_q12 = 0/],
    ['L_mu - L_tau', LMU_LTAU, /x_q3 != 0/],
  ])('does not apply to quark-universal models (%s)', async (_, model, reason) => {
    const res = await evaluateF64(['dmeson_mixing', 'dmeson_invisible'], model, [{ mx: 0.01, gx: 1e-2, eps: 0 }]);
    for (const id of ['dmeson_mixing', 'dmeson_invisible']) {
      expect(res[0].constraints[id].excluded).toBe(false);
      expect(res[0].constraints[id].notApplicable).toMatch(reason);
    }
  });
});

// The COHERENT constraint through the kernel pipeline (IR -> float64 JavaScript) against VALIDATION
// §18.5 (full method) and §9 / §18.5 fallback columns.
import { describe, expect, it } from 'vitest';
import { evaluateF64, vectorModel } from '../helpers/evaluate.js';
import { E_CHARGE } from '../../src/physics/constants.js';
import { COHERENT_DIR } from '../helpers/shared.js';

const LMU_LTAU = vectorModel('Lmu-Ltau', { B: 0, e: 0, mu: 1, tau: -1 });
const B3LMU = vectorModel('B-3Lmu', { B: 1, e: 0, mu: -3, tau: 0 });
const B3LE = vectorModel('B-3Le', { B: 1, e: -3, mu: 0, tau: 0 });
const FAM3 = vectorModel('3B-6Le-3Ltau+3(Lmu-Ltau)', { B: 3, e: -6, mu: 3, tau: -6 });
const FAM5 = vectorModel('3B-6Le-3Ltau+5(Lmu-Ltau)', { B: 3, e: -6, mu: 5, tau: -8 });

/** eps from the mixing ratio k = eps_hat e / g_X (VALIDATION §18 conventions). */
const epsOf = (k: number, gx: number) => {
  const epsHat = (k * gx) / E_CHARGE;
  return epsHat / Math.sqrt(1 + epsHat * epsHat);
};

// [model, m_X, g_X, k, reference Delta chi2, fitted alpha, fallback R_COH, fallback Delta chi2] (VALIDATION §18.5)
const ROWS: [ReturnType<typeof vectorModel>, number, number, number, number, number, number, number][] = [
  [LMU_LTAU, 0.2, 1e-3, 0, 0, -0.107, 1, 0],
  [LMU_LTAU, 0.2, 1e-3, -0.3, 6.5295, -0.528, 2.1131, 4.4312],
  [LMU_LTAU, 0.2, 1e-3, 0.3, 9.6406, 0.389, 0.4235, 3.5666],
  [B3LMU, 0.2, 3e-4, 0, 17.9696, -0.745, 4.0895, 7.8815],
  [B3LMU, 0.2, 1e-4, 0, 0.7561, -0.238, 1.2189, 0.9666],
  [FAM3, 0.2, 1.3e-4, -6.0, 1.3939, -0.107, 1.0348, 0.1413],
  [FAM3, 0.2, 1.3e-4, -7.2, 0.0113, -0.107, 1.0001, 0.0002],
  [B3LMU, 0.02, 2e-5, 0, 0.6662, -0.194, 1.1178, 0.5029],
  [B3LMU, 1.0, 5e-4, 0, 0.7938, -0.245, 1.236, 1.0456],
  [B3LE, 0.2, 1e-4, 0, 0.6758, -0.163, 1.1097, 0.4666],
  [FAM5, 0.2, 1.3e-4, -6.0, 1.8555, -0.042, 0.9389, 0],
];

describe('COHERENT full likelihood in the kernel (VALIDATION §18.5)', () => {
  it.each(ROWS.map((r, i) => [i, ...r] as const))('row %i', async (_i, model, mx, gx, k, ref, alpha) => {
    for (const axis of ['eps', 'k'] as const) {
      const [res] = await evaluateF64(['coherent'], model, [{ mx, gx, eps: axis === 'k' ? k : epsOf(k, gx) }], { mixingAxis: axis });
      const v = res.constraints.coherent;
      expect(Math.abs(v.chi2 - ref), `${axis}: ${v.chi2} vs ${ref}`).toBeLessThanOrEqual(0.002 + 0.002 * Math.abs(ref));
      expect(Math.abs(v.observables.alpha - alpha)).toBeLessThanOrEqual(0.002);
    }
  });

  it('reproduces the intended-response column', async () => {
    const [res] = await evaluateF64(['coherent'], B3LMU, [{ mx: 0.2, gx: 3e-4, eps: 0 }], {
      options: { coherent: { response: 'intended' } },
    });
    expect(Math.abs(res.constraints.coherent.chi2 - 17.9662)).toBeLessThanOrEqual(0.002 + 0.002 * 17.9662);
  });

  it('matches the reference minimiser (Newton with backtracking) from tiny to huge signals', async () => {
    const { loadCoherentData } = await import('../../src/io/coherentData.js');
    const { buildCoherentExperiment, coherentDeltaChi2Point } = await import('../../src/physics/coherent/index.js');
    const exp = buildCoherentExperiment(loadCoherentData(COHERENT_DIR));
    const cases: [ReturnType<typeof vectorModel>, number, number, number][] = [
      [B3LMU, 0.2, 3e-3, 0],
      [B3LMU, 0.05, 1e-2, 0],
      [B3LE, 1, 1e-5, 0],
      [LMU_LTAU, 0.01, 1e-2, 1e-3],
      [FAM5, 0.3, 1e-3, -2e-3],
    ];
    for (const [model, mx, gx, eps] of cases) {
      const [res] = await evaluateF64(['coherent'], model, [{ mx, gx, eps }]);
      const ref = coherentDeltaChi2Point(exp, { charges: model.record, mX: mx, gX: gx, eps });
      const v = res.constraints.coherent.chi2;
      expect(Math.abs(v - ref.deltaChi2), `${model.name} ${mx} ${gx} ${eps}: ${v} vs ${ref.deltaChi2}`).toBeLessThanOrEqual(
        1e-6 * Math.max(1, Math.abs(ref.deltaChi2)),
      );
    }
  });
});

describe('COHERENT rate-only fallback in the kernel (VALIDATION §9, §18.5)', () => {
  it.each(ROWS.map((r, i) => [i, ...r] as const))('row %i', async (_i, model, mx, gx, k, _ref, _alpha, R, dchi2) => {
    const [res] = await evaluateF64(['coherent'], model, [{ mx, gx, eps: epsOf(k, gx) }], { data: false });
    const v = res.constraints.coherent;
    expect(Math.abs(v.observables.R_COH / R - 1)).toBeLessThanOrEqual(5e-3);
    expect(Math.abs(v.chi2 - dchi2)).toBeLessThanOrEqual(Math.max(5e-3 * dchi2, 2e-3));
  });

  it('B-3L_mu at g = 2e-4 (VALIDATION §9) and the CsI-neutral family member', async () => {
    const [a] = await evaluateF64(['coherent'], B3LMU, [{ mx: 0.2, gx: 2e-4, eps: 0 }], { data: false });
    expect(Math.abs(a.constraints.coherent.observables.R_COH / 2.062 - 1)).toBeLessThanOrEqual(5e-3);
    expect(Math.abs(a.constraints.coherent.chi2 - 4.28)).toBeLessThanOrEqual(0.02);
    const fam1 = vectorModel('3B-6Le-3Ltau+1(Lmu-Ltau)', { B: 3, e: -6, mu: 1, tau: -4 });
    const [b, c] = await evaluateF64(
      ['coherent'],
      fam1,
      [
        { mx: 0.2, gx: 2e-4, eps: -5.8 },
        { mx: 0.2, gx: 2e-4, eps: -7.22 },
      ],
      { data: false, mixingAxis: 'k' },
    );
    expect(Math.abs(b.constraints.coherent.observables.R_COH / 1.5048 - 1)).toBeLessThanOrEqual(5e-3);
    expect(Math.abs(c.constraints.coherent.observables.R_COH / 1.0003 - 1)).toBeLessThanOrEqual(5e-3);
  });

  it('says it is the fallback', async () => {
    const { activateConstraints } = await import('../../src/constraints/activate.js');
    const { active } = activateConstraints({ ids: ['coherent'], dataDirs: { coherent: null, darkcast: null }, mixing: 'photon' });
    expect(active[0].inst.variant).toMatch(/fallback/);
    expect(active[0].inst.notes?.join(' ')).toMatch(/provisional/);
  });
});

describe('COHERENT option clamp (fit --clamp coherent, issue 14)', () => {
  // 3B - 8L_e - L_tau near its best fit at 200 MeV (k ~ -7.9): the full likelihood's Delta chi2 is negative
  // there (the data prefer less signal than the SM; SPEC §4.6.2 quotes down to -0.54).
  const model = vectorModel('3B-8Le-Ltau', { B: 3, e: -8, mu: 0, tau: -1 });
  const pts = [
    { mx: 0.2, gx: 1.48e-4, eps: -7.9 },
    { mx: 0.2, gx: 3e-4, eps: -7.9 },
    { mx: 0.2, gx: 1e-3, eps: 0 },
  ];

  it('is max(Delta chi2, 0) in the kernel, with the unclamped value kept as the observable', async () => {
    const plain = await evaluateF64(['coherent'], model, pts, { mixingAxis: 'k' });
    const clamped = await evaluateF64(['coherent'], model, pts, { mixingAxis: 'k', options: { coherent: { clamp: true } } });
    expect(plain[0].constraints.coherent.chi2).toBeLessThan(-0.3);
    expect(plain.some((r) => r.constraints.coherent.chi2 > 1)).toBe(true); // a positive case stays unchanged
    plain.forEach((r, i) => {
      const c = clamped[i].constraints.coherent;
      expect(c.chi2).toBe(Math.max(r.constraints.coherent.chi2, 0));
      expect(c.observables.delta_chi2).toBe(r.constraints.coherent.chi2);
    });
  });
});

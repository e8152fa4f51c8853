// Electroweak T parameter against VALIDATION §2 (derived constants) and §11 (SPEC §1, §4.7).
import { describe, expect, it } from 'vitest';
import { ALPHA_MZ, CW, E_CHARGE, G_Z, M_Z, SQRT2_GF, SW, SW2 } from '../../src/physics/constants.js';
import { evaluateF64, vectorModel, type EvalOptions } from '../helpers/evaluate.js';
import { findCrossing } from '../helpers/roots.js';

const relClose = (x: number, expected: number, rel: number) => expect(Math.abs(x / expected - 1)).toBeLessThan(rel);
const DARK_PHOTON = vectorModel('dark-photon', { B: 0, e: 0, mu: 0, tau: 0 });
const HYPERCHARGE: EvalOptions = { mixing: 'hypercharge' };

describe('derived constants (VALIDATION §2)', () => {
  // tolerance: half a unit in the last printed digit
  it.each([
    ['e', E_CHARGE, 0.3028221, 5e-8],
    ['sqrt(2) G_F', SQRT2_GF, 1.649509e-5, 5e-12],
    ['c_w', CW, 0.876807, 5e-7],
    ['g_Z', G_Z, 0.718258, 5e-7],
    ['s_w^2/alpha(m_Z)', SW2 / ALPHA_MZ, 29.584, 5e-4],
    ['t_w^2/alpha(m_Z)', SW2 / (CW * CW * ALPHA_MZ), 38.481, 5e-4],
  ])('%s', (_, value, expected, abs) => expect(Math.abs(value - expected)).toBeLessThanOrEqual(abs));
});

async function tAt(points: { mx: number; epsY: number }[], opts: EvalOptions = {}) {
  const res = await evaluateF64(
    ['ew_t'],
    DARK_PHOTON,
    points.map((p) => ({ mx: p.mx, gx: 1e-3, eps: p.epsY })),
    { ...HYPERCHARGE, ...opts },
  );
  return res.map((r) => r.constraints.ew_t);
}
/** |eps_Y| where T(light X) crosses `target`. */
const lightBound = (target: number) =>
  findCrossing(async (es) => (await tAt(es.map((epsY) => ({ mx: 1e-3, epsY })))).map((t) => t.observables.T), 1e-3, 0.5, target, {
    log: true,
  });

describe('T parameter (VALIDATION §11)', () => {
  it('T(eps_Y = 0.01, m_X -> 0) = -2.9586e-3 and chi2_T(SM) = 0.0625', async () => {
    const [t, sm] = await tAt([
      { mx: 1e-3, epsY: 0.01 },
      { mx: 1e-3, epsY: 0 },
    ]);
    relClose(t.observables.T, -2.9586e-3, 1e-4);
    expect(sm.chi2).toBeCloseTo(0.0625, 12);
  });

  it('photon convention: T = -38.5 eps^2 for a light X (eps = c_w eps_Y)', async () => {
    const [r] = await evaluateF64(['ew_t'], DARK_PHOTON, [{ mx: 1e-3, gx: 1e-3, eps: 0.01 * CW }]);
    relClose(r.constraints.ew_t.observables.T, -2.9586e-3, 1e-4);
  });

  it('light X, one-sided 95%: |eps_Y| < 0.0751 (paper 0.076), and the one-sided mask switches there', async () => {
    const b = await lightBound(0.03 - 1.645 * 0.12);
    relClose(b, 0.0751, 1e-3);
    relClose(b, 0.076, 0.02);
    const [inside, outside] = await tAt(
      [
        { mx: 1e-3, epsY: 0.999 * b },
        { mx: 1e-3, epsY: 1.001 * b },
      ],
      { options: { ew_t: { exclusion: 'one-sided-95' } } },
    );
    expect([inside.excluded, outside.excluded]).toEqual([false, true]);
  });

  it('light X, symmetric 2 sigma (T > -0.21): |eps_Y| < 0.0840, the default mask', async () => {
    const b = await lightBound(-0.21);
    relClose(b, 0.084, 1e-3);
    const [inside, outside] = await tAt([
      { mx: 1e-3, epsY: 0.999 * b },
      { mx: 1e-3, epsY: 1.001 * b },
    ]);
    expect([inside.excluded, outside.excluded]).toEqual([false, true]);
  });

  it("|T| = 0.172 reproduces the paper's 0.076", async () => {
    const [t] = await tAt([{ mx: 1e-3, epsY: 0.076 }]);
    expect(Math.abs(t.observables.T + 0.172)).toBeLessThan(5e-4);
  });

  // Degenerate X and Z (|s| >= |1 - r^2|, s = s_w eps_hat_Y): at fixed eps_Y the smallest |T| in the
  // window (r < 1) is at its edge 1 - r^2 = |s|, where alpha|T| = |s|/(1 + |s|), i.e. G2's
  // |s| < alpha|T|/(1 - alpha|T|). The test places points at the edge and inside the window.
  const sOf = (epsY: number) => (SW * epsY) / Math.sqrt(1 - epsY * epsY);
  const edgeMass = (epsY: number) => M_Z * Math.sqrt(1 - sOf(epsY));
  const degenerateBound = (absT: number) =>
    findCrossing(
      async (es) => (await tAt(es.map((epsY) => ({ mx: edgeMass(epsY), epsY })))).map((t) => t.observables.T),
      1e-4,
      0.05,
      -absT,
      {
        log: true,
      },
    );

  it.each([
    [0.21, 3.42e-3],
    [0.167, 2.72e-3],
  ])('degenerate window, |T| < %f: |eps_Y| < %f', async (absT, expected) => {
    const b = await degenerateBound(absT);
    relClose(b, expected, 1e-3);
    // the edge point is flagged, and deeper inside the window |T| only grows
    const inside = [0.999, 0.5, 0.1].map((f) => M_Z * Math.sqrt(1 - f * sOf(b)));
    const res = await tAt([{ mx: edgeMass(b) * (1 + 1e-9), epsY: b }, ...inside.map((mx) => ({ mx, epsY: b }))]);
    for (const r of res) expect(r.observables.xz_degenerate).toBe(1);
    for (const r of res.slice(1)) expect(r.observables.T).toBeLessThan(-absT);
  });

  it("with alpha|T| = 2.255e-3 the same formula gives G2's 4.70e-3 and the window |1 - r^2| < 2.2e-3", async () => {
    const b = await degenerateBound(2.255e-3 / ALPHA_MZ);
    relClose(b, 4.7e-3, 0.01);
    // window half-width at that eps_Y: |s| = 2.26e-3, printed by G2 as 2.2e-3
    relClose(sOf(b), 2.2e-3, 0.03);
  });

  it('excludes the unphysical gap 1 < r^2 < 1 + s^2 and is finite everywhere around m_Z', async () => {
    const epsY = 0.02;
    const s2 = sOf(epsY) ** 2;
    const masses = [0.99, 0.999, 1, 1 + s2 / 4, 1 + s2 / 2, 1 + 2 * s2, 1.001, 1.01].map((r2) => M_Z * Math.sqrt(r2));
    const res = await tAt(masses.map((mx) => ({ mx, epsY })));
    for (const r of res) expect(Number.isFinite(r.observables.T) && Number.isFinite(r.chi2)).toBe(true);
    expect(res[3].excluded && res[4].excluded).toBe(true);
    expect(res[3].observables.xz_degenerate).toBe(1);
    // above the gap the Z is pushed down and T > 0; far above, T -> 0
    expect(res[5].observables.T).toBeGreaterThan(0);
    expect(Math.abs(res[7].observables.T)).toBeLessThan(Math.abs(res[6].observables.T));
  });
});

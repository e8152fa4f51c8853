// TEXONO rate-only version against VALIDATION §14 (SPEC §4.10).
import { describe, expect, it } from 'vitest';
import { SQRT2_GF } from '../../src/physics/constants.js';
import { REACTOR_EMAX_MEV, texonoFluxIntegrals } from '../../src/physics/texono.js';
import { chiralModel, evaluateF64 } from '../helpers/evaluate.js';
import { findCrossing, findMinimum } from '../helpers/roots.js';

const TILDE_L = chiralModel('tLmu-tau', { Q: [0, 0, 0], U: [0, 0, 0], D: [0, 0, 0], L: [-1, 7, -6], E: [1, 6, -7], N: [-7, -2, 9] });
const MX = 0.1;
/** d = g_X^2/(2 sqrt2 G_F m_X^2) (VALIDATION §14) and its inverse. */
const dOf = (g: number) => (g * g) / (2 * SQRT2_GF * MX * MX);
const gOf = (d: number) => Math.sqrt(d * 2 * SQRT2_GF) * MX;

async function evaluate(gs: number[], sigma?: number) {
  const opts = sigma === undefined ? {} : { options: { texono: { sigma } } };
  return (
    await evaluateF64(
      ['texono'],
      TILDE_L,
      gs.map((gx) => ({ mx: MX, gx, eps: 0 })),
      opts,
    )
  ).map((r) => r.constraints.texono);
}
const rOf = async (gs: number[]) => (await evaluate(gs)).map((t) => t.observables.R_TEXONO);
/** Edges of the allowed regions (chi2 = 4) in g_X (100 MeV/m_X), scanning up from small g. */
async function allowedEdges(sigma: number): Promise<number[]> {
  const gs = Array.from({ length: 400 }, (_, i) => 1e-5 * 10 ** (i / 200)); // 1e-5 .. 1e-3
  const res = await evaluate(gs, sigma);
  const edges: number[] = [];
  for (let i = 0; i + 1 < gs.length; i++) {
    if (res[i].excluded !== res[i + 1].excluded) {
      const chi2 = async (xs: number[]) => (await evaluate(xs, sigma)).map((t) => t.chi2);
      edges.push(await findCrossing(chi2, gs[i], gs[i + 1], 4, { log: true }));
    }
  }
  return edges;
}

describe('TEXONO, rate only (VALIDATION §14)', () => {
  it('R_TEXONO = 0.698 at d = 0.0876 (g_X = 1.70e-4 at 100 MeV)', async () => {
    const [r] = await rOf([gOf(0.0876)]);
    expect(Math.abs(r / 0.698 - 1)).toBeLessThan(1e-2);
    expect(Math.abs(gOf(0.0876) / 1.7e-4 - 1)).toBeLessThan(2e-3);
  });

  it('has its minimum ~0.64 near d ~ 0.15', async () => {
    const min = await findMinimum(rOf, 1e-5, 5e-4, { log: true });
    expect(Math.abs(min.y / 0.64 - 1)).toBeLessThan(2e-2);
    expect(Math.abs(dOf(min.x) / 0.15 - 1)).toBeLessThan(0.2);
  });

  it('returns to 1 at d ~ 0.30 (g_X ~ 3.1e-4 at 100 MeV): the amplitude ~ -2 x SM island', async () => {
    const g = await findCrossing(rOf, 2e-4, 1e-3, 1, { log: true });
    expect(Math.abs(dOf(g) / 0.3 - 1)).toBeLessThan(0.05);
    expect(Math.abs(g / 3.1e-4 - 1)).toBeLessThan(0.05);
  });

  it('sigma_eff = 0.21 (default): allowed below 1.9e-4 and from 2.5e-4 to 3.5e-4 (paper: 1.7e-4; 2.8e-4 to 3.5e-4)', async () => {
    const edges = await allowedEdges(0.21);
    expect(edges).toHaveLength(3);
    [1.9e-4, 2.5e-4, 3.5e-4].forEach((x, i) => expect(Math.abs(edges[i] / x - 1)).toBeLessThan(0.1));
    [1.7e-4, 2.8e-4, 3.5e-4].forEach((x, i) => expect(Math.abs(edges[i] / x - 1)).toBeLessThan(0.15));
  });

  it('sigma = 0.26 (stat + syst): a single allowed region below 3.6e-4', async () => {
    const edges = await allowedEdges(0.26);
    expect(edges).toHaveLength(1);
    expect(Math.abs(edges[0] / 3.6e-4 - 1)).toBeLessThan(0.1);
  });

  it('is insensitive to the reactor-spectrum cut-off and exactly 1 without couplings', async () => {
    const [a, b] = [texonoFluxIntegrals(REACTOR_EMAX_MEV), texonoFluxIntegrals(24)];
    for (let k = 0; k < 3; k++) expect(Math.abs(a[k] / b[k] - 1)).toBeLessThan(1e-8);
    const [r] = await rOf([0]);
    expect(r).toBe(1);
  });
});

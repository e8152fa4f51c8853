// Borexino 7Be solar neutrinos on electrons: R_Be = sigma(SM + X)/sigma(SM) (SPEC §4.5; G2 §3.4, eq. B.3).
// Flux-weighted incoherent sum over flavours with P_e and theta_23 as options (SPEC §4.5 [supplied]);
// per flavour a, with A_a = kappa y_nu^a y_L^e and B_a = kappa y_nu^a y_R^e (kappa = 1/(2 sqrt2 G_F m_X^2)):
//   NP_a = A_a (2 gL0_a L01 - gR0 L21) + B_a (2 gR0 L11 - gL0_a L21) + A_a^2 L02 + B_a^2 L12 - A_a B_a L22
//   R_Be = 1 + sum_a P_a NP_a / sum_a P_a SM_a
// so the ratio is formed from the new-physics part only (SPEC §6.2) and is exactly 1 when y_L^e = y_R^e = 0.
// chi2 = ((R_Be - 1.06)/0.09)^2, a full chi^2 (SM 0.444), in the global fit [G2 eq. B.3].

import * as ir from '../ir/build.js';
import type { F } from '../ir/expr.js';
import { SQRT2_GF } from '../physics/constants.js';
import { BE7_ENERGY, BOREXINO_SM, flavourFractions, maxRecoil, recoilMoments } from '../physics/borexino.js';
import { ensure } from '../util/errors.js';
import type { ChargedLepton } from './couplings.js';
import { defineConstraint } from './define.js';

/** R_Be = 1.06 +- 0.09: Borexino rate over the mean of high/low-metallicity SSM fluxes [G2 App. B]. */
const R_CENTRAL = 1.06;
const R_SIGMA = 0.09;
/** Column order of the mass table: the n = 1, 2 moments, each divided by the SM rate. */
const COLUMNS = [
  [0, 1],
  [1, 1],
  [2, 1],
  [0, 2],
  [1, 2],
  [2, 2],
] as const;
const col = (k: number, n: number) => COLUMNS.findIndex(([a, b]) => a === k && b === n);
const FLAVOURS: readonly ChargedLepton[] = ['e', 'mu', 'tau'];

export default defineConstraint({
  id: 'borexino',
  title: 'Borexino 7Be nu-e scattering',
  kind: 'chi2',
  inGlobalFit: true,
  reference: 'arXiv:2203.13731 §3.4, eq. B.3; arXiv:2107.07518 §3.3',
  options: {
    Pe: { describe: 'nu_e fraction at Earth for the 862 keV line (SPEC §4.5: MSW-LMA)', default: 0.53 },
    sin2Theta23: { describe: 'sin^2 theta_23 splitting the non-nu_e flux into nu_mu and nu_tau (SPEC §4.5)', default: 0.57 },
    recoilMinMeV: { describe: 'lower end of the recoil window in MeV (SPEC §4.5: 0, the total cross section)', default: 0 },
  },
  setup(env) {
    const Pe = env.option<number>('Pe');
    const s23 = env.option<number>('sin2Theta23');
    const Tmin = env.option<number>('recoilMinMeV') * 1e-3;
    ensure(Pe >= 0 && Pe <= 1 && s23 >= 0 && s23 <= 1, 'borexino: Pe and sin2Theta23 must lie in [0, 1]');
    ensure(Tmin >= 0 && Tmin < maxRecoil(BE7_ENERGY), `borexino: recoilMinMeV must lie in [0, ${maxRecoil(BE7_ENERGY) * 1e3} MeV)`);
    const P = flavourFractions(Pe, s23);
    const { gL, gR } = BOREXINO_SM;
    // The n = 0 moments do not depend on m_X: the SM rate is one number.
    const L0 = recoilMoments(1, BE7_ENERGY, Tmin);
    const sm = FLAVOURS.reduce((s, a) => s + P[a] * (gL[a] ** 2 * L0[0][0] + gR ** 2 * L0[1][0] - gL[a] * gR * L0[2][0]), 0);
    return {
      variant: `P_e = ${Pe}, sin^2 theta_23 = ${s23}, recoil ${Tmin * 1e3}-${(maxRecoil(BE7_ENERGY) * 1e3).toFixed(4)} MeV`,
      tables: {
        moments: {
          kind: 'mass',
          columns: COLUMNS.length,
          build(masses) {
            const out = new Float64Array(masses.length * COLUMNS.length);
            masses.forEach((m, i) => {
              const L = recoilMoments(m, BE7_ENERGY, Tmin);
              COLUMNS.forEach(([k, n], j) => (out[i * COLUMNS.length + j] = L[k][n] / sm));
            });
            return out;
          },
        },
      },
      observableUnits: { R_Be: 'sigma/sigma_SM' },
      evaluate({ mx, c, table }) {
        const L = (k: number, n: number) => table('moments', col(k, n));
        // kappa y y' as (y/m)(y'/m)/(2 sqrt2 G_F): each factor stays in float32 range.
        const leftOverM = ir.div(c.left('e'), mx);
        const rightOverM = ir.div(c.right('e'), mx);
        const terms: F[] = FLAVOURS.map((a) => {
          const nuOverM = ir.mul(ir.div(c.neutrino(a), mx), 1 / (2 * SQRT2_GF));
          const A = ir.mul(nuOverM, leftOverM);
          const B = ir.mul(nuOverM, rightOverM);
          const np = ir.sum(
            ir.mul(A, ir.sub(ir.mul(L(0, 1), 2 * gL[a]), ir.mul(L(2, 1), gR))),
            ir.mul(B, ir.sub(ir.mul(L(1, 1), 2 * gR), ir.mul(L(2, 1), gL[a]))),
            ir.mul(ir.sq(A), L(0, 2)),
            ir.mul(ir.sq(B), L(1, 2)),
            ir.neg(ir.mul(ir.mul(A, B), L(2, 2))),
          );
          return ir.mul(np, P[a]);
        });
        const rBe = ir.add(1, ir.sum(...terms));
        return { chi2: ir.sq(ir.div(ir.sub(rBe, R_CENTRAL), R_SIGMA)), observables: { R_Be: rBe } };
      },
    };
  },
});

// Electroweak precision: the T parameter from X-Z mass mixing (SPEC §4.7; G2 §3.1).
//   s = s_w eps_hat_Y,  r = m_X/m_Z,  rho_0 = (1 - r^2)/(1 - r^2 + s^2)          [G2 eq. 3.11]
//   T = (rho_0 - 1)/alpha(m_Z) = -(1/alpha(m_Z)) s^2 / (1 - r^2 + s^2)          [G2 eq. 3.12]
// With m_Z the unmixed Z mass and m_X the physical X mass this is exact at tree level on both sides of
// m_Z (from the trace and determinant of the 2x2 mass matrix), so one formula covers the light, the
// heavy and the almost degenerate case |s| >= |1 - r^2| (SPEC §4.7: "use the formula, not the quoted
// numbers"). For 1 < r^2 < 1 + s^2 no physical mass matrix has an eigenvalue at m_X (level repulsion):
// those grid points describe no theory; they are flagged and excluded.
// chi2 = ((T - 0.03)/0.12)^2, a full chi^2 (SM value 0.0625). Not in the global fit (SPEC §5.1).

import * as ir from '../ir/build.js';
import { ALPHA_MZ, M_Z, SW2 } from '../physics/constants.js';
import { defineConstraint } from './define.js';

/** T = 0.03 +- 0.12 with S and U floating [G2 §3.1]. */
const T_CENTRAL = 0.03;
const T_SIGMA = 0.12;
/** One-sided 95% CL: T > 0.03 - 1.645 x 0.12, the reading behind the paper's |eps_Y| < 0.076 (SPEC §4.7). */
const ONE_SIDED_95 = 1.645;
/** Value reported for T where no physical configuration exists. */
const UNPHYSICAL_T = 1e6;

export default defineConstraint({
  id: 'ew_t',
  title: 'electroweak T parameter (X-Z mixing)',
  kind: 'chi2',
  inGlobalFit: false,
  reference: 'arXiv:2203.13731 §3.1, eqs. 3.11-3.15',
  options: {
    exclusion: {
      describe: "'two-sided' (|T - 0.03| > 2 sigma, SPEC §5.4) or 'one-sided-95' (lower edge T < 0.03 - 1.645 sigma behind G2's 0.076)",
      default: 'two-sided',
      values: ['two-sided', 'one-sided-95'],
    },
  },
  setup(env) {
    const oneSided = env.option<string>('exclusion') === 'one-sided-95';
    return {
      variant: oneSided ? 'one-sided 95% CL exclusion' : 'two-sided 2 sigma exclusion',
      notes: [
        'exact tree-level formula, valid across m_Z; xz_degenerate = 1 flags |s_w eps_hat_Y| >= |1 - r^2|, where the couplings of SPEC §2.4 do not apply',
        'points with 1 < (m_X/m_Z)^2 < 1 + s^2 have no physical mass matrix: excluded, T reported as 1e6',
      ],
      observableUnits: { T: '1', xz_degenerate: 'flag' },
      evaluate({ mx, c }) {
        const epsY2 = ir.sq(c.epsY);
        // s^2 = s_w^2 eps_hat_Y^2, eps_hat_Y^2 = eps_Y^2/(1 - eps_Y^2); |eps_Y| >= 1 is guarded (huge T).
        const s2 = ir.div(ir.mul(epsY2, SW2), ir.max(ir.sub(1, epsY2), 1e-30));
        const r = ir.div(mx, M_Z);
        // (1 - r)(1 + r): no cancellation of 1 - r^2 near the Z pole.
        const oneMinusR2 = ir.mul(ir.sub(1, r), ir.add(1, r));
        const denom = ir.add(oneMinusR2, s2);
        const unphysical = ir.and(ir.le(oneMinusR2, 0), ir.ge(denom, 0));
        const safeDenom = ir.select(unphysical, 1, denom);
        const t = ir.select(unphysical, UNPHYSICAL_T, ir.div(ir.neg(s2), ir.mul(safeDenom, ALPHA_MZ)));
        const chi2 = ir.sq(ir.div(ir.sub(t, T_CENTRAL), T_SIGMA));
        // Mixing lowers T for m_X < m_Z; above m_Z (T > 0) both variants keep the 2 sigma upper edge.
        const excluded = oneSided
          ? ir.any(unphysical, ir.lt(t, T_CENTRAL - ONE_SIDED_95 * T_SIGMA), ir.gt(t, T_CENTRAL + 2 * T_SIGMA))
          : ir.or(unphysical, ir.gt(chi2, 4));
        const degenerate = ir.or(unphysical, ir.ge(s2, ir.sq(oneMinusR2)));
        return { chi2, excluded, observables: { T: t, xz_degenerate: ir.select(degenerate, 1, 0) } };
      },
    };
  },
});

// Lepton universality in Z decays, R_mue = Gamma(Z -> mu mu)/Gamma(Z -> e e) (SPEC §4.8; G2 eqs. 3.16-3.17).
//   delta R_mue = [4/(1 - 4 s_w^2 + 8 s_w^4)] (t_theta g_X/g_Z) [x_L2 - x_L1 + 2 s_w^2 (x_L1 + x_E1 - x_L2 - x_E2)]
//   t_theta = s_w eps_hat_Y / (1 - r_X^2)                                               [G2 eq. 3.6]
// The hypercharge-like part of the mixing is flavour universal and cancels in the ratio. The
// small-angle t_theta holds for |s_w eps_hat_Y| < |1 - r_X^2| (SPEC §2.4); inside the X-Z degenerate
// window the term is not evaluated (flagged; ew_t covers that region).
// chi2 = ((1 + delta R - 1.0009)/0.0028)^2, full chi^2. Optional mask, not in the global fit (SPEC §4.8).

import * as ir from '../ir/build.js';
import { G_Z, M_Z, SW, SW2 } from '../physics/constants.js';
import { defineConstraint } from './define.js';

/** R_mue = 1.0009 +- 0.0028 [G2 eq. 3.16, LEP]. */
const RMUE_CENTRAL = 1.0009;
const RMUE_SIGMA = 0.0028;
const PREFACTOR = 4 / (1 - 4 * SW2 + 8 * SW2 * SW2);

export default defineConstraint({
  id: 'zpole_rmue',
  title: 'Z-pole lepton universality R_mue',
  kind: 'chi2',
  inGlobalFit: false,
  reference: 'arXiv:2203.13731 eqs. 3.6, 3.9, 3.16-3.17 (re-derived in SPEC §4.8)',
  setup() {
    return {
      notes: ['not evaluated where |s_w eps_hat_Y| >= |1 - r_X^2| (X-Z degenerate window): chi2 0, xz_degenerate = 1'],
      observableUnits: { delta_rmue: '1', xz_degenerate: 'flag' },
      evaluate({ mx, gx, c }) {
        // x_L2 - x_L1 + 2 s_w^2 (2 q_V^e - 2 q_V^mu), with x_L = q_V + q_A = the neutrino charge.
        const charges = ir.add(ir.sub(c.charge('numu'), c.charge('nue')), ir.mul(4 * SW2, ir.sub(c.charge('eV'), c.charge('muV'))));
        const epsY = c.epsY;
        const s = ir.div(ir.mul(epsY, SW), ir.sqrt(ir.max(ir.sub(1, ir.sq(epsY)), 1e-30)));
        const r = ir.div(mx, M_Z);
        const oneMinusR2 = ir.mul(ir.sub(1, r), ir.add(1, r));
        const degenerate = ir.ge(ir.abs(s), ir.abs(oneMinusR2));
        const tTheta = ir.div(s, ir.select(degenerate, 1, oneMinusR2));
        const deltaR = ir.select(degenerate, 0, ir.mul(ir.mul(tTheta, ir.mul(gx, PREFACTOR / G_Z)), charges));
        return {
          chi2: ir.select(degenerate, 0, ir.sq(ir.div(ir.sub(deltaR, RMUE_CENTRAL - 1), RMUE_SIGMA))),
          excluded: ir.and(ir.not(degenerate), ir.gt(ir.abs(ir.sub(deltaR, RMUE_CENTRAL - 1)), 2 * RMUE_SIGMA)),
          observables: { delta_rmue: deltaR, xz_degenerate: ir.select(degenerate, 1, 0) },
        };
      },
    };
  },
});

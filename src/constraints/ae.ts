// Electron anomalous magnetic moment (g-2)_e (SPEC §4.2; G2 §5.2).
// Delta a_e = (y_V^2 F_V(r) + y_A^2 F_A(r)) / (8 pi^2), r = m_e/m_X, the (g-2)_mu formula with the
// electron couplings (kinetic mixing included through y_V^e).
//
// Decisions (SPEC §4.2 leaves both open):
// - exclusion: the paper's one-sided 95% use, Delta a_e < central - 2 sigma (a negative shift from an
//   axial electron coupling); the upper side is not used, as in G2;
// - chi2: the difference to the SM, ((Delta a_e - c)/s)^2 - (c/s)^2 = Delta a_e (Delta a_e - 2c)/s^2,
//   because the Cs input alone already disfavours the SM by 2.4 sigma (SPEC §4.2). Written as a
//   product so that a tiny shift is not the difference of two O(6) numbers in float32.
// Not in the global fit (SPEC §5.1).

import * as ir from '../ir/build.js';
import { M_E } from '../physics/constants.js';
import { leptonLoopTable } from './amu.js';
import { AE } from './datasets.js';
import { defineConstraint } from './define.js';

/** Tables hold F/(8 pi^2) in units of 1e-13, the unit of the AE datasets (SPEC §6.2). */
export const AE_UNIT_SCALE = 1e13 / (8 * Math.PI * Math.PI);

export default defineConstraint({
  id: 'ae',
  title: '(g-2)_e',
  kind: 'chi2',
  inGlobalFit: false,
  reference: 'arXiv:2203.13731 §5.2 (eq. 5.6); loop functions as arXiv:2107.07518 eqs. 3.3-3.4',
  dataset: AE,
  setup(env) {
    const { central, sigma, id } = env.dataset!;
    const lowerEdge = central - 2 * sigma;
    return {
      variant: `${id}: excluded where Delta a_e < ${lowerEdge.toFixed(2)}e-13 (one-sided, as G2 §5.2)`,
      notes: ['chi2 is the difference to the SM, ((Da - c)/s)^2 - (c/s)^2 (SPEC §4.2); it can be negative'],
      tables: { loop: leptonLoopTable(M_E, AE_UNIT_SCALE) },
      observableUnits: { delta_ae: '1e-13' },
      evaluate({ c, table }) {
        const dae = ir.add(ir.mul(ir.sq(c.vector('e')), table('loop', 0)), ir.mul(ir.sq(c.axial('e')), table('loop', 1)));
        return {
          chi2: ir.div(ir.mul(dae, ir.sub(dae, 2 * central)), sigma * sigma),
          excluded: ir.lt(dae, lowerEdge),
          observables: { delta_ae: dae },
        };
      },
    };
  },
});

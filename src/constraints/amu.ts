// Muon anomalous magnetic moment (g-2)_mu from one-loop X exchange (SPEC §4.1).
// Delta a_mu = (y_V^2 F_V(r) + y_A^2 F_A(r)) / (8 pi^2), r = m_mu/m_X  [MF eqs. 3.3-3.4, G2 eq. 2.5]
// chi2 = ((Delta a_mu - central)/sigma)^2, a full chi^2 (not a difference to the SM)  [G2 eq. B.2]

import * as ir from '../ir/build.js';
import { M_MU } from '../physics/constants.js';
import { loopFA, loopFV } from '../physics/loops.js';
import { AMU } from './datasets.js';
import { defineConstraint } from './define.js';

/** Tables hold F/(8 pi^2) in units of 1e-11 so that float32 values are O(1-1e3) (SPEC §6.2). */
export const AMU_UNIT_SCALE = 1e11 / (8 * Math.PI * Math.PI);

export function leptonLoopTable(leptonMass: number, scale: number) {
  return {
    kind: 'mass' as const,
    columns: 2,
    build(masses: Float64Array): Float64Array {
      const out = new Float64Array(masses.length * 2);
      masses.forEach((m, i) => {
        const r = leptonMass / m;
        out[2 * i] = loopFV(r) * scale;
        out[2 * i + 1] = loopFA(r) * scale;
      });
      return out;
    },
  };
}

export default defineConstraint({
  id: 'amu',
  title: '(g-2)_mu',
  kind: 'chi2',
  role: 'preferred',
  inGlobalFit: true,
  reference: 'arXiv:2203.13731 eqs. 2.5, B.2; arXiv:2107.07518 eqs. 3.3-3.4',
  dataset: AMU,
  setup(env) {
    const { central, sigma } = env.dataset!;
    return {
      tables: { loop: leptonLoopTable(M_MU, AMU_UNIT_SCALE) },
      observableUnits: { delta_amu: '1e-11' },
      evaluate({ c, table }) {
        const damu = ir.add(ir.mul(ir.sq(c.vector('mu')), table('loop', 0)), ir.mul(ir.sq(c.axial('mu')), table('loop', 1)));
        return { chi2: ir.sq(ir.div(ir.sub(damu, central), sigma)), observables: { delta_amu: damu } };
      },
    };
  },
});

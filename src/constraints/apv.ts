// Atomic parity violation in caesium (SPEC §4.9; G2 §5.1).
//   Delta Q_W = -(2 sqrt2 / (G_F m_X^2)) y_A^e (Z y_p + N y_n),  Cs: Z = 55, N = 78     [SPEC §4.9, matches G2 eq. 5.3]
// Needs an axial electron coupling: kinetic mixing is vector-like, so vector models give exactly 0
// and pass; chiral models (tilde-L_mu-tau) get the bound. Contact limit, valid for m_X well above the
// atomic momentum scale: the paper uses it from 10 MeV [G2 §5.1].
// Exclusion: -0.21 <= Delta Q_W <= 1.51 (Q_W^exp - Q_W^SM = 0.65 +- 0.43, +-2 sigma) [G2 §5.1].
// chi2 (optional, relative to the SM): ((dQ - 0.65)/0.43)^2 - (0.65/0.43)^2 = dQ (dQ - 1.3)/0.43^2.

import * as ir from '../ir/build.js';
import { CS133, G_F } from '../physics/constants.js';
import { defineConstraint } from './define.js';

/** Q_W(exp) - Q_W(SM) for Cs [G2 §5.1]. */
const DQW_CENTRAL = 0.65;
const DQW_SIGMA = 0.43;
/** Lower validity limit used by the paper [G2 §5.1]. */
const APV_MIN_MASS = 0.01;

export default defineConstraint({
  id: 'apv',
  title: 'atomic parity violation (Cs)',
  kind: 'chi2',
  inGlobalFit: false,
  reference: 'arXiv:2203.13731 §5.1, eqs. 5.3-5.4 (sign of eq. 5.2 inconsistent, SPEC §4.9)',
  setup() {
    return {
      massRange: [APV_MIN_MASS, Infinity],
      notes: ['chi2 is relative to the SM (can be negative); exclusion is the +-2 sigma window -0.21 <= Delta Q_W <= 1.51'],
      observableUnits: { delta_qw: '1' },
      evaluate({ mx, c }) {
        const nucleus = ir.add(ir.mul(c.proton, CS133.Z), ir.mul(c.neutron, CS133.N));
        // Divide each coupling by m_X separately: (y/m)(y'/m) stays in float32 range.
        const dqw = ir.mul(ir.mul(ir.div(c.axial('e'), mx), ir.div(nucleus, mx)), (-2 * Math.SQRT2) / G_F);
        return {
          chi2: ir.div(ir.mul(dqw, ir.sub(dqw, 2 * DQW_CENTRAL)), DQW_SIGMA * DQW_SIGMA),
          excluded: ir.gt(ir.abs(ir.sub(dqw, DQW_CENTRAL)), 2 * DQW_SIGMA),
          observables: { delta_qw: dqw },
        };
      },
    };
  },
});

// D+ -> pi+ X with X invisible, for third-family ("2+1") quark models (SPEC §4.13; MF §3.5.4, recast
// of a CLEO search, BR(D+ -> pi+ inv) < 8e-6): excluded where m_X < 70 MeV x (g_X |x_q3| / 1e-5).
// Valid for m_X < 2 m_mu, where BR(X -> nu nu) = 1 is assumed. Applies only to x_q12 = 0, x_q3 != 0.

import { M_MU } from '../physics/constants.js';
import { D_INVISIBLE_SLOPE } from '../physics/dmeson.js';
import { defineConstraint } from './define.js';
import { linearMassBound } from './dmesonBound.js';

export default defineConstraint({
  id: 'dmeson_invisible',
  title: 'D+ -> pi+ X(invisible) (third-family quark models)',
  kind: 'bound',
  inGlobalFit: false,
  reference: 'arXiv:2107.07518 §3.5.4 (recast of a CLEO search cited there)',
  setup() {
    return {
      massRange: [0, 2 * M_MU],
      notes: ['assumes BR(X -> invisible) = 1 below the dimuon threshold (MF §3.5.4)'],
      ...linearMassBound(D_INVISIBLE_SLOPE),
    };
  },
});

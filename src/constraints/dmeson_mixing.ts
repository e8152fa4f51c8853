// D-Dbar mixing bound for third-family ("2+1") quark models (SPEC §4.13; MF §3.5.4):
// excluded where m_X < 60 MeV x (g_X |x_q3| / 1e-4) for real couplings (the paper's choice), or
// 360 MeV x (...) with a maximal weak phase. Applies only to x_q12 = 0, x_q3 != 0.

import { D_MIXING_SLOPE } from '../physics/dmeson.js';
import { defineConstraint } from './define.js';
import { linearMassBound } from './dmesonBound.js';

export default defineConstraint({
  id: 'dmeson_mixing',
  title: 'D-Dbar mixing (third-family quark models)',
  kind: 'bound',
  inGlobalFit: false,
  reference: 'arXiv:2107.07518 §3.5.4',
  options: {
    phase: { describe: "weak phase of the coupling: 'real' (MF) or 'maximal'", default: 'real', values: ['real', 'maximal'] },
  },
  setup(env) {
    const phase = env.option<'real' | 'maximal'>('phase');
    const slope = D_MIXING_SLOPE[phase];
    return {
      variant: `${phase} coupling: m_X > ${(slope * 1e-4 * 1e3).toPrecision(3)} MeV x (g_X x_q3 / 1e-4)`,
      ...linearMassBound(slope),
    };
  },
});

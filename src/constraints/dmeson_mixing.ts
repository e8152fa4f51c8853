// D-Dbar mixing bound for third-family ("2+1") quark models (SPEC §4.13; MF §3.5.4):
// excluded where m_X < 60 MeV x (g_X |x_q3| / 1e-4) for real couplings (the paper's choice), or
// 360 MeV x (...) with a maximal weak phase. Applies only to x_q12 = 0, x_q3 != 0.

import * as ir from '../ir/build.js';
import { D_MIXING_SLOPE, thirdFamilyQuarkCharge } from '../physics/dmeson.js';
import { defineConstraint } from './define.js';

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
      variant: `${phase} coupling: m_X > ${slope * 1e-4 * 1e3} MeV x (g_X x_q3 / 1e-4)`,
      appliesTo: (m) => {
        const x = thirdFamilyQuarkCharge(m.charges);
        return typeof x === 'number' ? true : x;
      },
      modelParams: {
        xq3: (m) => {
          const x = thirdFamilyQuarkCharge(m.charges);
          return typeof x === 'number' ? x : 0;
        },
      },
      observableUnits: { mX_min: 'GeV' },
      evaluate({ mx, gx, modelParam }) {
        const mxMin = ir.mul(ir.abs(ir.mul(gx, modelParam('xq3'))), slope);
        return { excluded: ir.lt(mx, mxMin), observables: { mX_min: mxMin } };
      },
    };
  },
});

// The shared shape of the D-meson bounds (SPEC §4.13): excluded where m_X < slope x g_X |x_q3|, for
// third-family ("2+1") quark models only. dmeson_mixing.ts and dmeson_invisible.ts differ in the slope.

import * as ir from '../ir/build.js';
import { thirdFamilyQuarkCharge } from '../physics/dmeson.js';
import type { ConstraintInstance } from './define.js';

export function linearMassBound(slope: number): Pick<ConstraintInstance, 'appliesTo' | 'modelParams' | 'observableUnits' | 'evaluate'> {
  return {
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
}

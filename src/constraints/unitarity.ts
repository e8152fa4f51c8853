// Perturbative unitarity: g_X |q| <= sqrt(4 pi) for every charge of the model (SPEC §4.12; G2 §2.4).
// "Every charge" is read literally: all chiral fields Q, U, D, L, E and the sterile N_i, before kinetic
// mixing (the mixing part eps e Q_f is bounded by e and never decides this cut).

import * as ir from '../ir/build.js';
import type { ScanModel } from '../models/types.js';
import { defineConstraint } from './define.js';

const PERTURBATIVE_LIMIT = Math.sqrt(4 * Math.PI);

export function largestCharge(m: ScanModel): number {
  const { Q, U, D, L, E, N } = m.charges;
  return Math.max(...[...Q, ...U, ...D, ...L, ...E, ...N].map(Math.abs));
}

export default defineConstraint({
  id: 'unitarity',
  title: 'perturbative unitarity',
  kind: 'bound',
  inGlobalFit: false,
  reference: 'arXiv:2203.13731 §2.4',
  setup() {
    return {
      modelParams: { maxCharge: largestCharge },
      observableUnits: { max_coupling: '1' },
      evaluate({ gx, modelParam }) {
        const maxCoupling = ir.mul(ir.abs(gx), modelParam('maxCharge'));
        return { excluded: ir.gt(maxCoupling, PERTURBATIVE_LIMIT), observables: { max_coupling: maxCoupling } };
      },
    };
  },
});

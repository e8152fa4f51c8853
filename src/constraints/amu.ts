// Muon anomalous magnetic moment (g-2)_mu from one-loop X exchange (SPEC §4.1).
// Delta a_mu = (y_V^2 F_V(r) + y_A^2 F_A(r)) / (8 pi^2), r = m_mu/m_X  [MF eqs. 3.3-3.4, G2 eq. 2.5]
// chi2 = ((Delta a_mu - central)/sigma)^2, a full chi^2 (not a difference to the SM)  [G2 eq. B.2]

import * as ir from '../ir/build.js';
import type { F } from '../ir/expr.js';
import { M_MU } from '../physics/constants.js';
import { loopFA, loopFV } from '../physics/loops.js';
import type { ScanModel } from '../models/types.js';
import type { ChargedLepton, Couplings } from './couplings.js';
import { AMU } from './datasets.js';
import { defineConstraint, type EvalContext, type ModelMassTableSpec } from './define.js';

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

/**
 * The pure-charge part q_V^2 F_V + q_A^2 F_A per model and mass, summed in float64: for chiral models
 * the vector and axial loops cancel near the mass where Delta a changes sign (for tilde-L_mu-tau the
 * two terms are 1e4 times their sum at m_X ~ 14 MeV), far beyond float32's 7 digits.
 */
export function chargeLoopTable(lepton: ChargedLepton, leptonMass: number, scale: number): ModelMassTableSpec {
  const fields = { e: ['eV', 'eA'], mu: ['muV', 'muA'], tau: ['tauV', 'tauA'] } as const;
  return {
    kind: 'modelMass',
    columns: 1,
    build(model: ScanModel, masses: Float64Array): Float64Array {
      const qV = model.record[fields[lepton][0]];
      const qA = model.record[fields[lepton][1]];
      return Float64Array.from(masses, (m) => {
        const r = leptonMass / m;
        return ((qV === 0 ? 0 : qV * qV * loopFV(r)) + (qA === 0 ? 0 : qA * qA * loopFA(r))) * scale;
      });
    },
  };
}

/**
 * Delta a (in the tables' units) = y_V^2 F_V + y_A^2 F_A, evaluated without float32 cancellation:
 *  - where kinetic mixing is small next to the charge (|m_V| <= |g q_V|/2), as
 *    g^2 C0 + F_V m_V (2 g q_V + m_V) + F_A m_A (2 g q_A + m_A), with C0 = q_V^2 F_V + q_A^2 F_A summed in
 *    float64 per model and mass (the vector and axial loops of a chiral model cancel there);
 *  - elsewhere directly, because y_V itself is then formed from comparable numbers and squaring it
 *    keeps its relative precision.
 * m_V, m_A are the mixing parts of the couplings.
 */
export function leptonMoment(ctx: EvalContext, c: Couplings, lepton: ChargedLepton, loop: string, charge: string): F {
  const g = c.gx;
  const fields = { e: ['eV', 'eA'], mu: ['muV', 'muA'], tau: ['tauV', 'tauA'] } as const;
  const gqV = ir.mul(g, c.charge(fields[lepton][0]));
  const gqA = ir.mul(g, c.charge(fields[lepton][1]));
  const mV = c.vectorMixing(lepton);
  const mA = c.axialMixing(lepton);
  const fV = ctx.table(loop, 0);
  const fA = ctx.table(loop, 1);
  const split = ir.sum(
    ir.mul(ir.sq(g), ctx.table(charge, 0)),
    ir.mul(fV, ir.mul(mV, ir.add(ir.mul(gqV, 2), mV))),
    ir.mul(fA, ir.mul(mA, ir.add(ir.mul(gqA, 2), mA))),
  );
  const direct = ir.add(ir.mul(ir.sq(c.vector(lepton)), fV), ir.mul(ir.sq(c.axial(lepton)), fA));
  return ir.select(ir.le(ir.abs(mV), ir.mul(ir.abs(gqV), 0.5)), split, direct);
}

export default defineConstraint({
  id: 'amu',
  title: '(g-2)_mu',
  kind: 'chi2',
  role: 'preferred',
  band: { label: '(g−2)_μ', plain: '(g-2)_mu', observable: 'delta_amu', observableLabel: 'Δa_μ', observablePlain: 'Delta a_mu' },
  inGlobalFit: true,
  reference: 'arXiv:2203.13731 eqs. 2.5, B.2; arXiv:2107.07518 eqs. 3.3-3.4',
  dataset: AMU,
  setup(env) {
    const { central, sigma } = env.dataset!;
    return {
      tables: { loop: leptonLoopTable(M_MU, AMU_UNIT_SCALE), charge: chargeLoopTable('mu', M_MU, AMU_UNIT_SCALE) },
      observableUnits: { delta_amu: '1e-11' },
      evaluate(ctx) {
        const damu = leptonMoment(ctx, ctx.c, 'mu', 'loop', 'charge');
        return { chi2: ir.sq(ir.div(ir.sub(damu, central), sigma)), observables: { delta_amu: damu } };
      },
    };
  },
});

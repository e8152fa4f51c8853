// Effective couplings of X to each fermion at a grid point, as IR expressions (SPEC §2.3, §2.4).
//
// y_f = g_X x_f + (mixing part). Two mixing conventions:
//  - photon mixing (default, m_X << m_Z): the mixing part is eps_hat e Q_f, vector only (SPEC §2.3);
//  - hypercharge mixing (needed near the electroweak scale, SPEC §2.4): X also picks up a Z-current
//    piece, c_theta eps_hat_Y [c_w e J_EM + s_w g_Z rho J_Z] with rho = r^2/(1 - r^2).
// When the scan axis is the mixing ratio k = eps_hat e / g_X, couplings are formed as g_X (x_f + k Q_f):
// no cancellation between two large numbers where kinetic mixing cancels a charge (SPEC §6.2).

import * as ir from '../ir/build.js';
import type { F } from '../ir/expr.js';
import { CW, E_CHARGE, G_Z, M_Z, SW, SW2 } from '../physics/constants.js';
import type { CouplingField } from '../models/types.js';

export type ChargedLepton = 'e' | 'mu' | 'tau';
export type Quark = 'u' | 'd' | 's' | 'c' | 'b' | 't';
export type DiracFermion = ChargedLepton | Quark;

/** Electric charge and weak isospin of the left-handed component. */
const QUANTUM: Record<DiracFermion, { Q: number; T3: number }> = {
  e: { Q: -1, T3: -1 / 2 },
  mu: { Q: -1, T3: -1 / 2 },
  tau: { Q: -1, T3: -1 / 2 },
  u: { Q: 2 / 3, T3: 1 / 2 },
  c: { Q: 2 / 3, T3: 1 / 2 },
  t: { Q: 2 / 3, T3: 1 / 2 },
  d: { Q: -1 / 3, T3: -1 / 2 },
  s: { Q: -1 / 3, T3: -1 / 2 },
  b: { Q: -1 / 3, T3: -1 / 2 },
};
const NEUTRINO_FIELD = { e: 'nue', mu: 'numu', tau: 'nutau' } as const;

/** How the grid's mixing coordinate is given. */
export type MixingInput = { kind: 'eps'; eps: F } | { kind: 'k'; k: F };
export type MixingConvention = 'photon' | 'hypercharge';
/**
 * Where the kernel's mixing comes from: an eps axis, a mixing-ratio k axis, or radiative mixing (SPEC §4.15:
 * k_rad per model and momentum class from the tables of constraints/radiative.ts; photon convention only).
 */
export type MixingAxis = 'eps' | 'k' | 'radiative';

export interface Couplings {
  gx: F;
  /** Photon kinetic mixing eps, eps_hat = eps/sqrt(1-eps^2), and the mixing ratio k = eps_hat e/g_X. */
  eps: F;
  epsHat: F;
  k: F;
  /** Hypercharge mixing eps_Y (= eps/c_w in the photon convention, SPEC §2.4 eq. 3.19). */
  epsY: F;
  /** A model charge (units of g_X, no mixing): a coupling-record field. */
  charge(field: CouplingField): F;
  vector(f: DiracFermion): F;
  axial(f: DiracFermion): F;
  /**
   * The mixing-induced parts y_V - g_X q_V and y_A - g_X q_A, formed directly (not by subtraction), for
   * expressions that must split off the pure-charge part to avoid float32 cancellation.
   */
  vectorMixing(f: DiracFermion): F;
  axialMixing(f: DiracFermion): F;
  /** Chiral couplings of a charged lepton: y_L = y_V + y_A, y_R = y_V - y_A (SPEC §2.3 convention). */
  left(l: ChargedLepton): F;
  right(l: ChargedLepton): F;
  /** Coupling to the left-handed neutrino of flavour a (coefficient of nubar gamma P_L nu). */
  neutrino(a: ChargedLepton): F;
  /** Nucleon vector couplings y_p = 2 y_u + y_d, y_n = y_u + 2 y_d (first family). */
  proton: F;
  neutron: F;
  /**
   * Photon convention only: every coupling is y_f = u x_f + v Q_f (vector; axial and neutrino couplings u x_f),
   * linear in u = g_X and v = eps_hat e, so a rate is a quadratic form in (u, v) whose coefficients depend on
   * the model and m_X alone. `offset(z)` is v − z u, formed as g_X (k − z) on a k axis (SPEC §6.2: no
   * cancellation between two large products). Absent for hypercharge mixing (c_theta and the Z part make
   * the couplings non-linear in eps).
   */
  linear?: { u: F; offset(z: F): F };
}

/** Vector Z-current charge T3/2 - Q s_w^2 of a Dirac fermion or nucleon (SPEC §2.4). */
const zVector = (Q: number, T3: number) => T3 / 2 - Q * SW2;
/** Nucleons: charge field, electric charge and vector Z charge (2u+d, u+2d). */
const NUCLEON = {
  proton: { field: 'pV' as const, Q: 1, zV: 2 * zVector(2 / 3, 1 / 2) + zVector(-1 / 3, -1 / 2) },
  neutron: { field: 'nV' as const, Q: 0, zV: zVector(2 / 3, 1 / 2) + 2 * zVector(-1 / 3, -1 / 2) },
};

export function buildCouplings(gx: F, mixing: MixingInput, convention: MixingConvention, mx: F): Couplings {
  const charge = (field: CouplingField) => ir.modelValue(field);
  const qV = (f: DiracFermion) => charge(`${f}V` as CouplingField);
  const qA = (f: DiracFermion) => charge(`${f}A` as CouplingField);
  const nucleons = (vectorOf: (x: F, Q: number, zV: number) => F) => ({
    proton: vectorOf(charge(NUCLEON.proton.field), NUCLEON.proton.Q, NUCLEON.proton.zV),
    neutron: vectorOf(charge(NUCLEON.neutron.field), NUCLEON.neutron.Q, NUCLEON.neutron.zV),
  });

  if (convention === 'photon') {
    let eps: F, epsHat: F, k: F;
    let vectorOf: (x: F, Q: number) => F;
    let mixingOf: (Q: number) => F;
    let offset: (z: F) => F;
    if (mixing.kind === 'k') {
      k = mixing.k;
      epsHat = ir.div(ir.mul(k, gx), E_CHARGE);
      eps = ir.div(epsHat, ir.sqrt(ir.add(1, ir.sq(epsHat))));
      vectorOf = (x, Q) => (Q === 0 ? ir.mul(gx, x) : ir.mul(gx, ir.add(x, ir.mul(k, Q))));
      mixingOf = (Q) => ir.mul(gx, ir.mul(k, Q));
      offset = (z) => ir.mul(gx, ir.sub(k, z));
    } else {
      eps = mixing.eps;
      epsHat = ir.div(eps, ir.sqrt(ir.sub(1, ir.sq(eps))));
      k = ir.div(ir.mul(epsHat, E_CHARGE), gx);
      vectorOf = (x, Q) => (Q === 0 ? ir.mul(gx, x) : ir.add(ir.mul(gx, x), ir.mul(epsHat, E_CHARGE * Q)));
      mixingOf = (Q) => ir.mul(epsHat, E_CHARGE * Q);
      offset = (z) => ir.sub(ir.mul(epsHat, E_CHARGE), ir.mul(z, gx));
    }
    return finish({
      gx,
      eps,
      epsHat,
      k,
      epsY: ir.div(eps, CW),
      charge,
      vector: (f) => vectorOf(qV(f), QUANTUM[f].Q),
      axial: (f) => ir.mul(gx, qA(f)),
      vectorMixing: (f) => mixingOf(QUANTUM[f].Q),
      axialMixing: () => ir.num(0),
      neutrino: (a) => ir.mul(gx, charge(NEUTRINO_FIELD[a])),
      ...nucleons(vectorOf),
      linear: { u: gx, offset },
    });
  }

  // Hypercharge mixing with full X-Z mixing (SPEC §2.4, G2 eqs. 3.6-3.7, 3.18), valid away from m_X ~ m_Z.
  const epsY = mixing.kind === 'eps' ? mixing.eps : ir.div(ir.mul(mixing.k, gx), E_CHARGE * CW);
  const epsHatY = ir.div(epsY, ir.sqrt(ir.sub(1, ir.sq(epsY))));
  const r2 = ir.sq(ir.div(mx, M_Z));
  // The mixing formulas are invalid in the degenerate window around m_Z (SPEC §4.7, flagged by ew_t);
  // keep 1 - r^2 away from zero there so that nothing downstream divides by it.
  const rawOneMinusR2 = ir.sub(1, r2);
  const oneMinusR2 = ir.select(ir.lt(ir.abs(rawOneMinusR2), 1e-7), ir.select(ir.lt(rawOneMinusR2, 0), -1e-7, 1e-7), rawOneMinusR2);
  const rho = ir.div(r2, oneMinusR2);
  const tTheta = ir.div(ir.mul(epsHatY, SW), oneMinusR2);
  const cTheta = ir.div(1, ir.sqrt(ir.add(1, ir.sq(tTheta))));
  const mix = ir.mul(cTheta, epsHatY);
  const zPart = ir.mul(mix, ir.mul(rho, SW * G_Z));
  const epsHat = ir.mul(mix, CW); // the photon-like part: c_theta eps_hat_Y c_w
  const mixingOf = (Q: number, zV: number) => ir.add(ir.mul(epsHat, E_CHARGE * Q), ir.mul(zPart, zV));
  const vectorOf = (x: F, Q: number, zV: number) => ir.add(ir.mul(gx, x), mixingOf(Q, zV));
  return finish({
    gx,
    eps: ir.mul(epsY, CW),
    epsHat,
    k: ir.div(ir.mul(epsHat, E_CHARGE), gx),
    epsY,
    charge,
    vector: (f) => vectorOf(qV(f), QUANTUM[f].Q, zVector(QUANTUM[f].Q, QUANTUM[f].T3)),
    axial: (f) => ir.add(ir.mul(gx, qA(f)), ir.mul(zPart, QUANTUM[f].T3 / 2)),
    vectorMixing: (f) => mixingOf(QUANTUM[f].Q, zVector(QUANTUM[f].Q, QUANTUM[f].T3)),
    axialMixing: (f) => ir.mul(zPart, QUANTUM[f].T3 / 2),
    neutrino: (a) => ir.add(ir.mul(gx, charge(NEUTRINO_FIELD[a])), ir.mul(zPart, 1 / 2)),
    ...nucleons(vectorOf),
  });
}

function finish(c: Omit<Couplings, 'left' | 'right'>): Couplings {
  return {
    ...c,
    left: (l) => ir.add(c.vector(l), c.axial(l)),
    right: (l) => ir.sub(c.vector(l), c.axial(l)),
  };
}

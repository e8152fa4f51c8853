// Physical couplings of X to each SM fermion, the single input of every width and production rate in the
// recast. Layout mirrors src/models/types.ts COUPLING_FIELDS (without the derived nucleon entries), so a
// scan's coupling record plus kinetic mixing maps onto it field by field (SPEC §2.3).

import type { CouplingRecord } from '../../models/types.js';
import { E_DC } from './darkcastConstants.js';

export const FERMION_FIELDS = [
  'eV',
  'eA',
  'muV',
  'muA',
  'tauV',
  'tauA',
  'nue',
  'numu',
  'nutau', // left-handed neutrino couplings (RESONANCE_RECAST.md §1)
  'uV',
  'uA',
  'dV',
  'dA',
  'sV',
  'sA',
  'cV',
  'cA',
  'bV',
  'bA',
  'tV',
  'tA',
] as const;

export type FermionField = (typeof FERMION_FIELDS)[number];

/** Couplings g_f (vector V, axial A; neutrinos: left-handed), already including g_X and any kinetic mixing. */
export type FermionCouplings = Record<FermionField, number>;

export function zeroCouplings(): FermionCouplings {
  return Object.fromEntries(FERMION_FIELDS.map((f) => [f, 0])) as FermionCouplings;
}

/** Electric charges Q_f of the vector fields (neutrinos 0), the direction kinetic mixing adds along. */
export const ELECTRIC_CHARGE: Readonly<Partial<Record<FermionField, number>>> = {
  eV: -1,
  muV: -1,
  tauV: -1,
  uV: 2 / 3,
  cV: 2 / 3,
  tV: 2 / 3,
  dV: -1 / 3,
  sV: -1 / 3,
  bV: -1 / 3,
};

/** Dark photon with mixing ε: g_f = ε e Q_f (RESONANCE_RECAST.md §1, DarkCast's e). */
export function darkPhotonCouplings(eps = 1): FermionCouplings {
  const y = zeroCouplings();
  for (const [f, q] of Object.entries(ELECTRIC_CHARGE) as [FermionField, number][]) y[f] = eps * E_DC * q;
  return y;
}

/** a·x + b·y field by field. */
export function combineCouplings(a: number, x: FermionCouplings, b: number, y: FermionCouplings): FermionCouplings {
  const out = zeroCouplings();
  for (const f of FERMION_FIELDS) out[f] = a * x[f] + b * y[f];
  return out;
}

/**
 * g_f = g_X x_f + ε e Q_f (RESONANCE_RECAST.md §7; kinetic mixing shifts vector couplings only, SPEC §2.3).
 * Callers who use ε̂ = ε/sqrt(1−ε²) (SPEC §2.2) pass it as `eps`.
 */
export function withKineticMixing(charges: FermionCouplings, gX: number, eps: number): FermionCouplings {
  return combineCouplings(gX, charges, eps, darkPhotonCouplings(1));
}

/** Charges of a u1x coupling record (per unit g_X) in the recast's layout. */
export function couplingsFromRecord(record: CouplingRecord): FermionCouplings {
  const y = zeroCouplings();
  for (const f of FERMION_FIELDS) y[f] = record[f];
  return y;
}

/** Vector-only charges from a per-flavour table (DarkCast's built-in models are vector-only, §3.1). */
export function vectorCharges(x: {
  e: number;
  mu: number;
  tau: number;
  nue: number;
  numu: number;
  nutau: number;
  u: number;
  d: number;
  s: number;
  c: number;
  b: number;
  t: number;
}): FermionCouplings {
  const y = zeroCouplings();
  y.eV = x.e;
  y.muV = x.mu;
  y.tauV = x.tau;
  y.nue = x.nue;
  y.numu = x.numu;
  y.nutau = x.nutau;
  y.uV = x.u;
  y.dV = x.d;
  y.sV = x.s;
  y.cV = x.c;
  y.bV = x.b;
  y.tV = x.t;
  return y;
}

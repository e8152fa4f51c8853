// Interesting points for the CPU (float64) vs GPU (float32) differential suite: near-cancellations of
// the effective couplings (x_f + k Q_f ~ 0), thresholds and bounds, clamps and validity edges. Each
// entry names the constraint it is about; eps is the photon kinetic mixing of the default 'eps' axis.

import { E_CHARGE, M_MU, M_Z, SQRT2_GF, SW } from '../../src/physics/constants.js';
import {
  chargesFromVector,
  couplingRecordFromCharges,
  type ChargeTable,
  type ScanModel,
  type VectorCoefficients,
} from '../../src/models/types.js';

export interface EdgePoint {
  constraint: string;
  model: ScanModel;
  mx: number;
  gx: number;
  eps: number;
  why: string;
}

function vector(name: string, c: VectorCoefficients): ScanModel {
  const charges = chargesFromVector(c);
  return { id: name, name, category: 'vector', charges, c, record: couplingRecordFromCharges(charges) };
}
function custom(name: string, category: ScanModel['category'], charges: ChargeTable): ScanModel {
  return { id: name, name, category, charges, record: couplingRecordFromCharges(charges) };
}

/** eps for a given mixing ratio k = eps_hat e/g_X (SPEC §2.2). */
export function epsForK(k: number, gx: number): number {
  const epsHat = (k * gx) / E_CHARGE;
  return epsHat / Math.sqrt(1 + epsHat * epsHat);
}
/** Photon mixing eps for a hypercharge mixing eps_Y (eps = c_w eps_Y, G2 eq. 3.19). */
const epsForEpsY = (epsY: number) => Math.sqrt(1 - SW * SW) * epsY;

const LMU_LTAU = vector('Lmu-Ltau', { B: 0, e: 0, mu: 1, tau: -1 });
const LE_LMU = vector('Le-Lmu', { B: 0, e: 1, mu: -1, tau: 0 });
const B_3LMU = vector('B-3Lmu', { B: 1, e: 0, mu: -3, tau: 0 });
const B_32 = vector('B-(3/2)(Lmu+Ltau)', { B: 1, e: 0, mu: -1.5, tau: -1.5 });
const B_2LE_LMU = vector('B-2Le-Lmu', { B: 1, e: -2, mu: -1, tau: 0 });
const FAMILY_6 = vector('3B-6Le-3Ltau+1(Lmu-Ltau)', { B: 3, e: -6, mu: 1, tau: -4 });
const TILDE_L = custom('tLmu-tau', 'chiral', { Q: [0, 0, 0], U: [0, 0, 0], D: [0, 0, 0], L: [-1, 7, -6], E: [1, 6, -7], N: [-7, -2, 9] });
const THIRD_FAMILY = custom('9B3-8Lmu-Ltau', 'nonuniversal', {
  Q: [0, 0, -3],
  U: [0, 0, -3],
  D: [0, 0, -3],
  L: [0, 8, 1],
  E: [0, 8, 1],
  N: [0, 8, 1],
});

/** g_X with eps0 = g^2/(sqrt2 G_F m^2) equal to `eps0`. */
const gForEps0 = (eps0: number, mx: number) => Math.sqrt(eps0 * SQRT2_GF) * mx;

export const EDGE_POINTS: readonly EdgePoint[] = [
  // (g-2)_e
  {
    constraint: 'ae',
    model: TILDE_L,
    mx: 1,
    gx: 1.2047e-2,
    eps: 0,
    why: 'Cs-alpha 2 sigma lower edge, axial electron coupling (VALIDATION §13)',
  },
  {
    constraint: 'ae',
    model: vector('B-2Le-Ltau', { B: 1, e: -2, mu: 0, tau: -1 }),
    mx: 0.05,
    gx: 1e-3,
    eps: epsForK(-2 * (1 - 1e-4), 1e-3),
    why: 'y_V^e = g_X (l_e - k) cancels to 1e-4 of g_X l_e',
  },
  // NSI
  {
    constraint: 'nsi_osc',
    model: B_32,
    mx: 0.1,
    gx: gForEps0(15.5623 / 154.804, 0.1),
    eps: 0,
    why: 'minimum of the unclamped Delta chi2 (-1.56): the clamp max(0, .) is active',
  },
  {
    constraint: 'nsi_osc',
    model: B_3LMU,
    mx: 0.1,
    gx: 4.642e-5,
    eps: 0.01,
    why: 'at the 2 sigma bound, a_M ~ 2.7e4 (nearly singular C direction)',
  },
  {
    constraint: 'nsi_osc',
    model: B_2LE_LMU,
    mx: 0.2,
    gx: gForEps0(1.5787, 0.2),
    eps: 0,
    why: 'matter nearly X-neutral: small a_M, bound at eps0 = 1.58',
  },
  // T parameter and R_mue
  { constraint: 'ew_t', model: LMU_LTAU, mx: 1e-3, gx: 1e-3, eps: epsForEpsY(0.084), why: 'light-X 2 sigma bound |eps_Y| = 0.0840' },
  {
    constraint: 'ew_t',
    model: LMU_LTAU,
    mx: M_Z * Math.sqrt(1 - SW * 3.42e-3),
    gx: 1e-3,
    eps: epsForEpsY(3.42e-3),
    why: 'edge of the X-Z degenerate window |s| = |1 - r^2| at the bound (1 - r^2 formed as (1 - r)(1 + r))',
  },
  {
    constraint: 'ew_t',
    model: LMU_LTAU,
    mx: M_Z * (1 + 1e-7),
    gx: 1e-3,
    eps: epsForEpsY(0.02),
    why: 'inside the unphysical gap 1 < r^2 < 1 + s^2',
  },
  {
    constraint: 'zpole_rmue',
    model: LMU_LTAU,
    mx: 0.1,
    gx: 1e-3,
    eps: epsForEpsY(0.01),
    why: 'delta R_mue = 4e-6 next to the 9e-4 offset',
  },
  {
    constraint: 'zpole_rmue',
    model: LMU_LTAU,
    mx: M_Z * Math.sqrt(1 - 1.01 * SW * 0.01),
    gx: 1e-3,
    eps: epsForEpsY(0.01),
    why: 'just outside the degenerate window: large t_theta',
  },
  // APV
  { constraint: 'apv', model: TILDE_L, mx: 1, gx: 3.3648e-4, eps: epsForK(1, 3.3648e-4), why: 'upper 2 sigma edge Delta Q_W = 1.51' },
  {
    constraint: 'apv',
    model: TILDE_L,
    mx: 0.01,
    gx: 1.2548e-6,
    eps: epsForK(-1, 1.2548e-6),
    why: 'lower edge at the 10 MeV validity threshold',
  },
  // CCFR
  { constraint: 'ccfr_eft', model: LMU_LTAU, mx: 1, gx: 1.8818e-3, eps: 0, why: 'EFT 2 sigma bound at the 1 GeV validity threshold' },
  {
    constraint: 'ccfr_eft',
    model: LMU_LTAU,
    mx: 20,
    gx: 20 * 1.8818e-3,
    eps: 1e-3,
    why: 'heavy X at the bound: C_V = 0.21 from (y/m)(y/m)',
  },
  // hard cuts
  { constraint: 'bbn', model: LMU_LTAU, mx: 0.01, gx: 1e-4, eps: 0, why: 'exactly at the 10 MeV cut' },
  { constraint: 'unitarity', model: TILDE_L, mx: 0.1, gx: Math.sqrt(4 * Math.PI) / 9, eps: 0, why: 'g_X max|q| = sqrt(4 pi)' },
  { constraint: 'dmeson_mixing', model: THIRD_FAMILY, mx: 0.06 * 3, gx: 1e-4, eps: 0, why: 'm_X = 60 MeV (g_X x_q3/1e-4): on the bound' },
  { constraint: 'dmeson_invisible', model: THIRD_FAMILY, mx: 2 * M_MU, gx: 1e-6, eps: 0, why: 'upper validity edge 2 m_mu' },
  // Borexino
  {
    constraint: 'borexino',
    model: FAMILY_6,
    mx: 0.2,
    gx: 1.3e-4,
    eps: epsForK(-6 + 1e-3, 1.3e-4),
    why: 'l_e = -6 at k = -6 + 1e-3: y_L^e = y_R^e nearly cancel',
  },
  {
    constraint: 'borexino',
    model: LE_LMU,
    mx: 0.1,
    gx: 1e-4,
    eps: epsForK(1 - 1e-4, 1e-4),
    why: 'L_e - L_mu at k ~ 1: electron charge cancelled',
  },
  { constraint: 'borexino', model: TILDE_L, mx: 0.1, gx: 1.15e-4, eps: 1.15e-5, why: 'tilde-L 2 sigma bound R_Be = 1.24' },
  {
    constraint: 'borexino',
    model: LE_LMU,
    mx: 1e-3,
    gx: 1e-7,
    eps: 0,
    why: 'm_X^2 comparable to 2 m_e T_max: strongly recoil-dependent propagator',
  },
  // TEXONO
  { constraint: 'texono', model: TILDE_L, mx: 0.1, gx: 3.1e-4, eps: 0, why: 'island: X amplitude ~ -2 x SM, R returns to 1' },
  { constraint: 'texono', model: LE_LMU, mx: 0.05, gx: 1e-4, eps: epsForK(1 + 1e-4, 1e-4), why: 'L_e - L_mu at k ~ 1' },
  { constraint: 'texono', model: TILDE_L, mx: 0.01, gx: 1.9e-5, eps: 0, why: 'lower 2 sigma edge at the 10 MeV validity threshold' },
  // CHARM-II
  { constraint: 'charm2', model: LE_LMU, mx: 0.1, gx: 1e-3, eps: epsForK(1 - 1e-4, 1e-3), why: 'L_e - L_mu at k ~ 1' },
  {
    constraint: 'charm2',
    model: TILDE_L,
    mx: 0.05,
    gx: 3.3e-5,
    eps: 3.3e-6,
    why: 'near the chi2 = 4 edge, light X (y-averaged propagator)',
  },
];

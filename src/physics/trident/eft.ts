// The contact (EFT) form of R_trident (SPEC §4.3, from G2 eqs. 3.21-3.23 / arXiv:1902.06765):
//   R = [ (g_V + C_V)^2 + w (g_A + C_A)^2 ] / [ g_V^2 + w g_A^2 ],   C_{V,A} = K(m_X) Y_{V,A},
// with g_V = 1/2 + 2 s_w^2, g_A = 1/2 and the axial weight w (1.13 in the papers). As a quadratic form
// R = 1 + a_V Y_V + a_A Y_A + b_VV Y_V^2 + b_AA Y_A^2 + b_VA Y_V Y_A with D = g_V^2 + w g_A^2:
//   a_V = 2 g_V K / D,  a_A = 2 g_A w K / D (= w K / D),  b_VV = K^2 / D,  b_AA = w K^2 / D,  b_VA = 0.

import { contactStrength } from '../constants.js';
import { EFT_AXIAL_WEIGHT, G_A_SM, G_V_SM } from './inputs.js';

export interface TridentCoefficientSet {
  aV: number;
  aA: number;
  bVV: number;
  bAA: number;
  bVA: number;
}

/** EFT coefficients at m_X with axial weight w (default: the papers' 1.13). */
export function eftCoefficients(mX: number, axialWeight = EFT_AXIAL_WEIGHT): TridentCoefficientSet {
  const K = contactStrength(mX);
  const D = G_V_SM * G_V_SM + axialWeight * G_A_SM * G_A_SM;
  return {
    aV: (2 * G_V_SM * K) / D,
    aA: (2 * G_A_SM * axialWeight * K) / D,
    bVV: (K * K) / D,
    bAA: (axialWeight * K * K) / D,
    bVA: 0,
  };
}

/** R_trident from coefficients and Y_V = y_nu y_V^mu, Y_A = y_nu y_A^mu. */
export function ratioFromCoefficients(c: TridentCoefficientSet, YV: number, YA: number): number {
  return 1 + c.aV * YV + c.aA * YA + c.bVV * YV * YV + c.bAA * YA * YA + c.bVA * YV * YA;
}

/** The EFT ratio written directly in C_V, C_A (SPEC §4.3 formula). */
export function eftRatio(CV: number, CA: number, axialWeight = EFT_AXIAL_WEIGHT): number {
  const D = G_V_SM * G_V_SM + axialWeight * G_A_SM * G_A_SM;
  return ((G_V_SM + CV) ** 2 + axialWeight * (G_A_SM + CA) ** 2) / D;
}

// The four coupling products through which X enters the full COHERENT likelihood (SPEC §4.6.3):
// u_g = y_nu^g y_p, v_g = y_nu^g y_n for the flavour groups g = e (delayed nu_e) and mu (prompt nu_mu,
// delayed anti-nu_mu).

import { FLUX_NUE } from './constants.js';

export interface CouplingProducts {
  readonly ue: number;
  readonly ve: number;
  readonly umu: number;
  readonly vmu: number;
}

export const ZERO_COUPLINGS: CouplingProducts = { ue: 0, ve: 0, umu: 0, vmu: 0 };

/** c_{n,a} = Z_n u_g + N_n v_g: the X charge of nucleus n seen by flux component a. */
export function nuclearXCoupling(c: CouplingProducts, flux: number, Z: number, N: number): number {
  return flux === FLUX_NUE ? Z * c.ue + N * c.ve : Z * c.umu + N * c.vmu;
}

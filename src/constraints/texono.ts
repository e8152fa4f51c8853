// TEXONO reactor anti-nu_e - e scattering, rate-only version (SPEC §4.10 [supplied]; G2 §5.3).
//   gL = 1/2 + s_w^2 + dL,  gR = s_w^2 + dR,  dL = kappa y_nu^e y_L^e,  dR = kappa y_nu^e y_R^e,
//   kappa = 1/(2 sqrt2 G_F m_X^2) (contact limit, recoil 3-8 MeV)
//   R = 1 + [(2 gR0 dR + dR^2) I0 + (2 gL0 dL + dL^2) I1 - (gL0 dR + dL gR0 + dL dR) I2] / SM
// chi2 = ((R - 1.08)/sigma_eff)^2 with R_exp = 1.08 +- 0.21 (stat) +- 0.16 (syst) [TEXONO arXiv:0911.1597].
// sigma_eff = 0.21 (default) is a calibration to the paper's spectral fit (G2 eq. 5.7); 0.26 is the
// full stat+syst error (SPEC §4.10). Not in the global fit.

import * as ir from '../ir/build.js';
import { SQRT2_GF, SW2 } from '../physics/constants.js';
import { texonoFluxIntegrals } from '../physics/texono.js';
import { ensure } from '../util/errors.js';
import { defineConstraint } from './define.js';

const R_CENTRAL = 1.08;
/** SM anti-nu_e e couplings, W exchange included in gL [std, SPEC §4.10]. */
const GL0 = 0.5 + SW2;
const GR0 = SW2;
/** Contact limit needs m_X^2 >> 2 m_e T (8 MeV recoil): the spec and paper use m_X >= 10 MeV. */
const EFT_MIN_MASS = 0.01;

export default defineConstraint({
  id: 'texono',
  title: 'TEXONO reactor anti-nu_e e scattering (rate only)',
  kind: 'chi2',
  inGlobalFit: false,
  reference: 'arXiv:2203.13731 §5.3, eq. 5.7; TEXONO arXiv:0911.1597; spectrum: Vogel-Engel, Phys. Rev. D 39 (1989) 3378',
  options: {
    sigma: { describe: 'error on R used in the chi2: 0.21 (calibrated to the paper, default) or 0.26 (stat + syst)', default: 0.21 },
  },
  setup(env) {
    const sigma = env.option<number>('sigma');
    ensure(sigma > 0, `texono: sigma must be > 0, got ${sigma}`);
    const [I0, I1, I2] = texonoFluxIntegrals();
    const sm = GR0 * GR0 * I0 + GL0 * GL0 * I1 - GL0 * GR0 * I2;
    const [c0, c1, c2] = [I0 / sm, I1 / sm, I2 / sm];
    return {
      variant: `rate only, 3-8 MeV recoil, sigma_eff = ${sigma}`,
      notes: ['rate-only stand-in for the spectral fit of G2 (SPEC §4.10); contact limit, applied from m_X = 10 MeV'],
      massRange: [EFT_MIN_MASS, Infinity],
      observableUnits: { R_TEXONO: 'sigma/sigma_SM' },
      evaluate({ mx, c }) {
        const nuOverM = ir.mul(ir.div(c.neutrino('e'), mx), 1 / (2 * SQRT2_GF));
        const dL = ir.mul(nuOverM, ir.div(c.left('e'), mx));
        const dR = ir.mul(nuOverM, ir.div(c.right('e'), mx));
        const np = ir.sum(
          ir.mul(ir.mul(dR, ir.add(2 * GR0, dR)), c0),
          ir.mul(ir.mul(dL, ir.add(2 * GL0, dL)), c1),
          ir.neg(ir.mul(ir.sum(ir.mul(dR, GL0), ir.mul(dL, GR0), ir.mul(dL, dR)), c2)),
        );
        const r = ir.add(1, np);
        return { chi2: ir.sq(ir.div(ir.sub(r, R_CENTRAL), sigma)), observables: { R_TEXONO: r } };
      },
    };
  },
});

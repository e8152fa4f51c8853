// Neutrino trident production nu_mu N -> nu_mu N mu+ mu- at CCFR, contact (EFT) form (SPEC §4.3;
// G2 eqs. 3.20-3.23 from arXiv:1902.06765).
//   R = [(1/2 + 2 s_w^2 + C_V)^2 + 1.13 (1/2 + C_A)^2] / [(1/2 + 2 s_w^2)^2 + 1.13/4]
//   C_{V,A} = K y_nu^mu y_{V,A}^mu,  K = 1/(sqrt2 G_F m_X^2)
// computed as R = 1 + [2 g_V C_V + C_V^2 + 1.13 (C_A + C_A^2)]/D, so the SM part never cancels in float32.
// Valid for m_X >~ 1 GeV only; below, the contact formula overestimates the X effect (SPEC §4.3), so
// the constraint says nothing there. With the 'hypercharge' mixing convention the couplings carry the
// X-Z mixing of SPEC §2.4 automatically (needed for the m_X <~ 4 GeV bound, SPEC §5.5).
// chi2 = ((R - 0.82)/0.28)^2 (SM 0.413). Not in the global fit (SPEC §5.1).

import * as ir from '../ir/build.js';
import { SQRT2_GF, SW2 } from '../physics/constants.js';
import { defineConstraint } from './define.js';

/** sigma_CCFR/sigma_SM = 0.82 +- 0.28 [G2 eq. 3.20]. */
const R_CENTRAL = 0.82;
const R_SIGMA = 0.28;
/** Empirical weight of the axial part for CCFR kinematics [G2 eq. 3.21, arXiv:1902.06765]. */
const AXIAL_WEIGHT = 1.13;
/** SM nu_mu-mu vector coupling including the W piece [G2 eq. 3.21]. */
const G_V_SM = 0.5 + 2 * SW2;
const D_SM = G_V_SM * G_V_SM + AXIAL_WEIGHT / 4;
/** EFT validity: m_X >~ 1 GeV [G2 §3.2, SPEC §4.3]; no upper limit (finite for float32). */
const EFT_MIN_MASS = 1;

export default defineConstraint({
  id: 'ccfr_eft',
  title: 'CCFR neutrino trident (EFT)',
  kind: 'chi2',
  inGlobalFit: false,
  reference: 'arXiv:2203.13731 eqs. 3.20-3.23; arXiv:1902.06765; CCFR PRL 66 (1991) 3117',
  setup() {
    return {
      variant: 'contact (EFT) formula',
      massRange: [EFT_MIN_MASS, Infinity],
      notes: ['EFT overestimates the X effect below ~1 GeV (SPEC §4.3): not applied there; R_trident is still printed'],
      observableUnits: { R_trident: 'sigma/sigma_SM', C_V: '1', C_A: '1' },
      evaluate({ mx, c }) {
        const nuOverM = ir.div(c.neutrino('mu'), mx);
        const cV = ir.mul(ir.mul(nuOverM, ir.div(c.vector('mu'), mx)), 1 / SQRT2_GF);
        const cA = ir.mul(ir.mul(nuOverM, ir.div(c.axial('mu'), mx)), 1 / SQRT2_GF);
        const newPhysics = ir.add(ir.mul(cV, ir.add(2 * G_V_SM, cV)), ir.mul(ir.mul(cA, ir.add(1, cA)), AXIAL_WEIGHT));
        const r = ir.add(1, ir.div(newPhysics, D_SM));
        return {
          chi2: ir.sq(ir.div(ir.sub(r, R_CENTRAL), R_SIGMA)),
          observables: { R_trident: r, C_V: cV, C_A: cA },
        };
      },
    };
  },
});

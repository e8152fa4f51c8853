// Non-standard neutrino interactions from oscillation data, approximate chi^2 (SPEC §4.4; G2 App. A).
//   eps0 = g_X^2 / (sqrt2 G_F m_X^2)                                  [G2 eq. A.3]
//   Ebar = eps0 v_M,  v_M = (x_e + x_p + Ybar_n x_n) (x_Le, x_Lmu, x_Ltau)   [G2 eq. A.5]
//   Delta chi2 = a_M eps0^2 - 2 b_M eps0,  a_M = v^T C^-1 v,  b_M = v^T C^-1 E0   [SPEC §4.4]
// Forward scattering on neutral matter: kinetic mixing cancels between electrons and protons, so the
// term does not depend on eps [G2 §3.3, footnote 13]. The global fit uses max(0, Delta chi2) [G2 App. B].

import * as ir from '../ir/build.js';
import { SQRT2_GF } from '../physics/constants.js';
import { factorizeNsi, NSI_REFIT, NSI_SWAPPED, nsiModelVector, type NsiFit } from '../physics/nsi.js';
import type { ScanModel } from '../models/types.js';
import { defineConstraint } from './define.js';

const PARAMETER_SETS = { refit: NSI_REFIT, swapped: NSI_SWAPPED } as const;

function modelVector(fit: NsiFit, m: ScanModel) {
  const r = m.record;
  // x_p, x_n: first-family nucleon vector charges (= x_B for quark-universal models, G2 eq. A.4).
  return nsiModelVector({ xe: r.eV, xp: r.pV, xn: r.nV, xnu: [r.nue, r.numu, r.nutau] }, fit.params);
}

export default defineConstraint({
  id: 'nsi_osc',
  title: 'NSI from neutrino oscillations',
  kind: 'chi2',
  inGlobalFit: true,
  reference: 'arXiv:2203.13731 App. A (eqs. A.1-A.12), fit to arXiv:2009.14220; parameters: SPEC §4.4 refit',
  options: {
    params: {
      describe: "fit parameters: 'refit' (SPEC §4.4 recommended) or 'swapped' (second family, mu <-> tau roles)",
      default: 'refit',
      values: ['refit', 'swapped'],
    },
  },
  setup(env) {
    const choice = env.option<'refit' | 'swapped'>('params');
    const fit = factorizeNsi(PARAMETER_SETS[choice]);
    const coefficients = (m: ScanModel) => fit.coefficients(modelVector(fit, m));
    return {
      variant: `parameters: ${fit.params.source}`,
      notes: [
        'G2 Table 3 as printed is not a covariance matrix; the spec refit is used (SPEC §4.4, §7 items 1 and 13)',
        'chi2 = max(0, Delta chi2_NSI) as in the global fit (G2 App. B); the unclamped value is the observable delta_chi2',
        'x_p, x_n are the first-family nucleon charges (x_B for quark-universal models)',
      ],
      modelParams: {
        aM: (m) => coefficients(m).a,
        bM: (m) => coefficients(m).b,
        vE: (m) => modelVector(fit, m)[0],
        vMu: (m) => modelVector(fit, m)[1],
        vTau: (m) => modelVector(fit, m)[2],
      },
      observableUnits: { eps0: '1', delta_chi2: '1', Ebar_e: '1', Ebar_mu: '1', Ebar_tau: '1' },
      evaluate({ mx, gx, modelParam }) {
        // (g/m)^2 stays within float32 range for every scanned g_X, m_X (SPEC §6.2).
        const eps0 = ir.mul(ir.sq(ir.div(gx, mx)), 1 / SQRT2_GF);
        const deltaChi2 = ir.mul(eps0, ir.sub(ir.mul(modelParam('aM'), eps0), ir.mul(2, modelParam('bM'))));
        return {
          chi2: ir.max(deltaChi2, 0),
          observables: {
            eps0,
            delta_chi2: deltaChi2,
            Ebar_e: ir.mul(eps0, modelParam('vE')),
            Ebar_mu: ir.mul(eps0, modelParam('vMu')),
            Ebar_tau: ir.mul(eps0, modelParam('vTau')),
          },
        };
      },
    };
  },
});

// CHARM-II nu_mu e and anti-nu_mu e scattering (SPEC §4.11; G2 eqs. 5.8-5.10), closest honest version.
//
// G2 fitted the shapes of the published unfolded y distributions with free normalisations; those data
// points are in neither the papers nor the spec, and a search of public sources (code, pages, issues)
// did not turn them up. This constraint therefore uses the published CHARM-II effective couplings
// g_V, g_A (physics/charm2.ts), which come from the same data, as a measurement of |g_L| and |g_R|:
//   - |g_L|_eff = sqrt(<gL(y)^2>) over the nu_mu sample (E = 23.7 GeV), where gL^2 has weight 1;
//   - |g_R|_eff = sqrt(<gR(y)^2>) over the anti-nu_mu sample (E = 19.1 GeV), where gR^2 has weight 1;
//   chi2 = ((|g_L|_eff - |g_L^exp|)/s)^2 + ((|g_R|_eff - |g_R^exp|)/s)^2.
// Magnitudes, because at these energies d sigma/dy depends on gL^2 and gR^2 only (the m_e T/E^2
// interference is negligible): a sign-flipped coupling is as allowed as in the data (the "island").
// For a heavy X the couplings are y independent and this is exactly a chi^2 in the (g_V, g_A) plane;
// for a light X the propagator enters through averages over the accepted y range, not through the
// shape of the distribution. Not in the global fit (SPEC §5.1).

import * as ir from '../ir/build.js';
import type { F } from '../ir/expr.js';
import { SQRT2_GF, SW2 } from '../physics/constants.js';
import { CHARM2_BEAM_ENERGY, CHARM2_PUBLISHED, CHARM2_RECOIL_MIN, charm2ChiralCouplings, charm2Moments } from '../physics/charm2.js';
import { ensure } from '../util/errors.js';
import { defineConstraint } from './define.js';

/** SM nu_mu e chiral couplings (NC only) [G2 eq. 5.9]. */
const GL0 = SW2 - 0.5;
const GR0 = SW2;
/** Columns per sample: [w = 1: n = 1, 2; w = (1-y)^2: n = 1, 2]. */
const column = (s: number, w: number, n: number) => 4 * s + 2 * w + (n - 1);

export default defineConstraint({
  id: 'charm2',
  title: 'CHARM-II nu_mu e scattering (effective couplings)',
  kind: 'chi2',
  inGlobalFit: false,
  reference:
    'arXiv:2203.13731 eqs. 5.8-5.10; CHARM-II, Vilain et al., Phys. Lett. B 335 (1994) 246 (g_V, g_A; SPEC §4.11) and B 302 (1993) 351',
  options: {
    recoilMinGeV: {
      describe: 'electron-energy threshold of the event selection in GeV (light-X averages only)',
      default: CHARM2_RECOIL_MIN,
    },
  },
  setup(env) {
    const recoilMin = env.option<number>('recoilMinGeV');
    ensure(recoilMin >= 0 && recoilMin < CHARM2_BEAM_ENERGY.nubar, `charm2: recoilMinGeV must lie in [0, ${CHARM2_BEAM_ENERGY.nubar})`);
    const exp = charm2ChiralCouplings();
    const P = CHARM2_PUBLISHED;
    const smChi2 = ((Math.abs(GL0) - Math.abs(exp.gL)) / exp.sigma) ** 2 + ((Math.abs(GR0) - Math.abs(exp.gR)) / exp.sigma) ** 2;
    const energies = [CHARM2_BEAM_ENERGY.nu, CHARM2_BEAM_ENERGY.nubar];
    const flat = energies.map((E) => charm2Moments(1, E, recoilMin));
    // SM rates: nu: gL0^2 W_1 + gR0^2 W_(1-y)^2; nubar: gL and gR swapped.
    const smRate = [GL0 * GL0 * flat[0][0][0] + GR0 * GR0 * flat[0][1][0], GR0 * GR0 * flat[1][0][0] + GL0 * GL0 * flat[1][1][0]];
    return {
      variant: 'published g_V, g_A as |g_L|, |g_R| (no y-distribution data): see notes',
      notes: [
        `NOT the shape fit of G2 (eqs. 5.8-5.10): the unfolded CHARM-II y distributions are not available; uses the published effective couplings g_V = ${P.gV.value} +- ${P.gV.stat} (stat) +- ${P.gV.syst} (syst), g_A = ${P.gA.value} +- ${P.gA.stat} (stat) +- ${P.gA.syst} (syst) [${P.reference}; SPEC §4.11], errors added in quadrature, g_V and g_A uncorrelated`,
        'light X: propagator averaged over the accepted y range (E_e > recoilMinGeV, a supplied threshold) instead of fitting the y shape; no free normalisations and no 30% normalisation-prior variant',
        `chi2 is a full chi2 in (|g_L|, |g_R|) with sigma = ${exp.sigma.toFixed(5)}: SM value ${smChi2.toFixed(4)}`,
      ],
      tables: {
        moments: {
          kind: 'mass',
          columns: 8,
          build(masses) {
            const out = new Float64Array(masses.length * 8);
            masses.forEach((m, i) => {
              energies.forEach((E, s) => {
                const M = charm2Moments(m, E, recoilMin);
                for (const w of [0, 1]) for (const n of [1, 2]) out[i * 8 + column(s, w, n)] = M[w][n];
              });
            });
            return out;
          },
        },
      },
      observableUnits: { gL_eff: '1', gR_eff: '1', R_nu: 'sigma/sigma_SM', R_nubar: 'sigma/sigma_SM' },
      evaluate({ mx, c, table }) {
        const nuOverM = ir.mul(ir.div(c.neutrino('mu'), mx), 1 / (2 * SQRT2_GF));
        const A = ir.mul(nuOverM, ir.div(c.left('e'), mx));
        const B = ir.mul(nuOverM, ir.div(c.right('e'), mx));
        // New-physics part of int w(y) (g0 + a d(y))^2 dy for sample s and weight w.
        const np = (s: number, w: number, g0: number, a: F) =>
          ir.add(ir.mul(a, ir.mul(table('moments', column(s, w, 1)), 2 * g0)), ir.mul(ir.sq(a), table('moments', column(s, w, 2))));
        const sL = ir.add(GL0 * GL0, ir.div(np(0, 0, GL0, A), flat[0][0][0]));
        const sR = ir.add(GR0 * GR0, ir.div(np(1, 0, GR0, B), flat[1][0][0]));
        const gLeff = ir.sqrt(ir.max(sL, 0));
        const gReff = ir.sqrt(ir.max(sR, 0));
        const chi2 = ir.add(
          ir.sq(ir.div(ir.sub(gLeff, Math.abs(exp.gL)), exp.sigma)),
          ir.sq(ir.div(ir.sub(gReff, Math.abs(exp.gR)), exp.sigma)),
        );
        const rNu = ir.add(1, ir.div(ir.add(np(0, 0, GL0, A), np(0, 1, GR0, B)), smRate[0]));
        const rNubar = ir.add(1, ir.div(ir.add(np(1, 0, GR0, B), np(1, 1, GL0, A)), smRate[1]));
        return { chi2, observables: { gL_eff: gLeff, gR_eff: gReff, R_nu: rNu, R_nubar: rNubar } };
      },
    };
  },
});

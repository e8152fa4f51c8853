// Big-bang nucleosynthesis: a light X in equilibrium must decay before BBN (SPEC §4.12).
// Hard lower mass cut, default 10 MeV [G2 §2.5, derived for L_mu - L_tau and assumed for all models];
// MF §3.3 quotes 6 MeV for decays to neutrinos (SPEC §7 item 9), hence the option.

import * as ir from '../ir/build.js';
import { ensure } from '../util/errors.js';
import { defineConstraint } from './define.js';

export default defineConstraint({
  id: 'bbn',
  title: 'BBN lower mass bound',
  kind: 'bound',
  inGlobalFit: false,
  reference: 'arXiv:2203.13731 §2.5; arXiv:2107.07518 §3.3',
  options: {
    minMass: { describe: 'smallest allowed m_X in GeV (G2: 0.010; MF: 0.006)', default: 0.01 },
  },
  setup(env) {
    const minMass = env.option<number>('minMass');
    ensure(Number.isFinite(minMass) && minMass >= 0, `option bbn.minMass must be a mass >= 0 GeV, got ${minMass}`);
    return {
      variant: `m_X >= ${minMass} GeV`,
      observableUnits: { mX_min: 'GeV' },
      evaluate: ({ mx }) => ({ excluded: ir.lt(mx, minMass), observables: { mX_min: ir.num(minMass) } }),
    };
  },
});

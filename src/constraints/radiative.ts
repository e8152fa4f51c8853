// Radiatively induced kinetic mixing as a scan input ("eps = 0 in the UV", SPEC §4.15).
//
// k_rad depends on the model and on the momentum through X, not on g_X, so it enters the kernel as per-model
// values and per-(model, m_X) tables instead of an eps/k axis. Each constraint sees the k of its momentum
// class (ConstraintDef.mixingMomentum):
//   'zero'    k_rad(0): (g-2)_mu,e, CCFR, NSI, Borexino, TEXONO, CHARM-II, APV, T parameter, Z pole, ...
//             (Borexino and TEXONO have |q²| = 2 m_e T <~ 1 MeV², where k moves by < 1e-5; SPEC §4.15);
//   'onshell' production of an on-shell X (every resonance search, NA64, BaBar): |k_rad(m_X²)| with the
//             sign of k_rad(0), DarkCast's modulus convention (physics/radiativeMixing.ts);
//   'recoil'  COHERENT: k_rad(−2 M T) inside its recoil integral, a recoil weight in its own tables.
//
// The per-model values and tables belong to an information-only pseudo-constraint, `mixing`, that the
// activation adds when radiative mixing is asked for: its tables and model parameters travel with the
// active constraints through every scan path, and its observables (mixing.k0, mixing.k_onshell, ...) show
// the k each class used. It contributes no chi2 and excludes nothing (role 'info').

import * as ir from '../ir/build.js';
import type { ScanModel } from '../models/types.js';
import { E_CHARGE } from '../physics/constants.js';
import {
  LEPTON_SUM_TOLERANCE,
  onShellRadiativeMixing,
  RADIATIVE_NEEDS_NO_QUARKS,
  radiativeMixing,
  radiativeMixingAtZero,
  type LeptonVectorCharges,
} from '../physics/radiativeMixing.js';
import { UserError } from '../util/errors.js';
import { defineConstraint, type ConstraintDef } from './define.js';

export const RADIATIVE_MIXING_ID = 'mixing';
/** Model-record and table names of the pseudo-constraint (keys `mixing.<name>`). */
export const RADIATIVE_FIELDS = { k0: 'k0', onShell: 'onshell' } as const;

/** Caption text for outputs, manifests and plot subtitles (SPEC §4.15 "Interface"). */
export const RADIATIVE_LABEL = 'ε radiative (0 in the UV)';
export const RADIATIVE_LABEL_ASCII = 'eps radiative (0 in the UV)';

/** Momentum transfer at which COHERENT's k is shown as an observable: its highest CsI recoils (SPEC §4.15). */
const COHERENT_SHOWN_Q = 0.1;

const QUARK_FIELDS = ['uV', 'uA', 'dV', 'dA', 'sV', 'sA', 'cV', 'cA', 'bV', 'bA', 'tV', 'tA'] as const;

/** Vector charges x_l^V of the charged leptons (SPEC §2.3). */
export function leptonVectorCharges(model: ScanModel): LeptonVectorCharges {
  return { e: model.record.eV, mu: model.record.muV, tau: model.record.tauV };
}

/** Why radiative mixing is not defined for this model (SPEC §4.15 scope), or null when it is. */
export function radiativeScopeProblem(model: ScanModel): string | null {
  const quarks = [...QUARK_FIELDS.map((f) => model.record[f]), ...model.charges.Q, ...model.charges.U, ...model.charges.D];
  if (quarks.some((q) => q !== 0)) return RADIATIVE_NEEDS_NO_QUARKS;
  const x = leptonVectorCharges(model);
  if (Math.abs(x.e + x.mu + x.tau) > LEPTON_SUM_TOLERANCE * (Math.abs(x.e) + Math.abs(x.mu) + Math.abs(x.tau) + 1)) {
    return 'radiative mixing needs lepton vector charges that sum to zero (else the loop depends on a UV scale): give eps or k';
  }
  return null;
}

/** Refuse, as a user error, radiative mixing for models outside SPEC §4.15's scope. */
export function checkRadiativeScope(models: readonly ScanModel[]): void {
  for (const m of models) {
    const problem = radiativeScopeProblem(m);
    if (problem) throw new UserError(models.length === 1 ? problem : `${problem} (model ${m.name})`);
  }
}

function chargesInScope(model: ScanModel): LeptonVectorCharges {
  const problem = radiativeScopeProblem(model);
  if (problem) throw new Error(`model ${model.id}: ${problem}`);
  return leptonVectorCharges(model);
}

/** k_rad(−2 M T) as a function of 2 M T (GeV²) for one model: COHERENT's recoil weight (SPEC §4.15). */
export function recoilMixing(model: ScanModel): (twoMT: number) => number {
  const x = chargesInScope(model);
  const memo = new Map<number, number>();
  return (twoMT) => {
    let k = memo.get(twoMT);
    if (k === undefined) {
      k = radiativeMixing(-twoMT, x)[0];
      memo.set(twoMT, k);
    }
    return k;
  };
}

export const RADIATIVE_MIXING: ConstraintDef = defineConstraint({
  id: RADIATIVE_MIXING_ID,
  title: 'radiative kinetic mixing (ε = 0 in the UV)',
  kind: 'chi2',
  role: 'info',
  inGlobalFit: false,
  reference: 'arXiv:2107.07518 §3.5.2, App. A.3; arXiv:2203.13731 eq. 5.5; DarkCast Lmu-Ltau model (arXiv:1801.04847); SPEC §4.15',
  setup() {
    return {
      variant: RADIATIVE_LABEL_ASCII,
      notes: [
        `${RADIATIVE_LABEL_ASCII}: k = k_rad(q²) from the e, mu, tau loops (SPEC §4.15); k_rad(0) for (g-2), CCFR, NSI, Borexino, TEXONO, CHARM-II, APV and the other low-momentum constraints; on-shell production (resonance searches, NA64, BaBar) uses |k_rad(m_X²)| with the sign of k_rad(0) (DarkCast's modulus convention); COHERENT uses k_rad(-2 M T) inside its recoil integral`,
      ],
      modelParams: {
        [RADIATIVE_FIELDS.k0]: (m) => radiativeMixingAtZero(chargesInScope(m)),
        k_recoil_q01: (m) => radiativeMixing(-(COHERENT_SHOWN_Q ** 2), chargesInScope(m))[0],
      },
      tables: {
        [RADIATIVE_FIELDS.onShell]: {
          kind: 'modelMass',
          columns: 1,
          build(model, masses) {
            const x = chargesInScope(model);
            const k0 = radiativeMixingAtZero(x);
            return Float64Array.from(masses, (m) => onShellRadiativeMixing(m, x, k0));
          },
        },
      },
      observableUnits: {
        k0: 'k_rad(0), the mixing ratio eps_hat e/g_X of the zero-momentum constraints',
        eps0: 'eps_hat = k_rad(0) g_X/e',
        k_onshell: '|k_rad(m_X^2)| with the sign of k_rad(0), on-shell production',
        k_coherent_q01: 'k_rad(-Q^2) at Q = 0.1 GeV (COHERENT uses k_rad(-2 M T) per recoil)',
      },
      evaluate(ctx) {
        const k0 = ctx.modelParam(RADIATIVE_FIELDS.k0);
        return {
          chi2: ir.num(0),
          excluded: ir.bool(false),
          observables: {
            k0,
            eps0: ir.div(ir.mul(k0, ctx.gx), E_CHARGE),
            k_onshell: ctx.table(RADIATIVE_FIELDS.onShell, 0),
            k_coherent_q01: ctx.modelParam('k_recoil_q01'),
          },
        };
      },
    };
  },
});

// One point, every constraint: what `u1x point` prints (its --json object) and what the explorer's hover
// shows. Input ranges are checked by the caller (the CLI's parser or the explorer's request schema).

import { activateConstraints, type ActiveConstraint, type SkippedConstraint } from '../constraints/activate.js';
import type { MixingAxis } from '../constraints/couplings.js';
import { checkRadiativeScope, RADIATIVE_LABEL_ASCII, RADIATIVE_MIXING_ID } from '../constraints/radiative.js';
import type { SelectedBackend } from '../backends/select.js';
import { resolveModel } from '../models/index.js';
import type { ScanModel } from '../models/types.js';
import { CW, E_CHARGE } from '../physics/constants.js';
import { UserError } from '../util/errors.js';
import { evaluatePoints, type PointResult } from './points.js';

export interface PointReportRequest {
  model: string;
  allowAnomalous?: boolean;
  mx: number;
  gx: number;
  mixing: { axis: MixingAxis; value: number; convention: 'photon' | 'hypercharge' };
  constraints?: string[];
  datasets?: Record<string, string>;
  options?: Record<string, Record<string, unknown>>;
  dataDirs: { coherent: string | null; darkcast: string | null };
  backend: SelectedBackend;
}

export interface PointReport {
  model: ScanModel;
  active: ActiveConstraint[];
  skipped: SkippedConstraint[];
  objective: Set<string>;
  res: PointResult;
  /** The zero-momentum mixing ratio k and kinetic mixing eps of the point. */
  k: number;
  eps: number;
  selected: SelectedBackend;
  /** `u1x point --json`. */
  json: Record<string, unknown>;
}

/**
 * The --eps value equivalent to a --k value (constraints/couplings.ts): photon mixing eps with
 * eps_hat = eps / sqrt(1 - eps^2) = k g_X / e; hypercharge mixing eps_Y = k g_X / (e c_W).
 */
function epsFromK(k: number, gx: number, convention: 'photon' | 'hypercharge'): number {
  if (convention === 'hypercharge') return (k * gx) / (E_CHARGE * CW);
  const epsHat = (k * gx) / E_CHARGE;
  return epsHat / Math.sqrt(1 + epsHat * epsHat);
}

/** The eps a point's mixing means; with k the mixing eps must stay below 1 like a given eps does. */
export function checkPointMixing(axis: MixingAxis, value: number, gx: number, convention: 'photon' | 'hypercharge'): number {
  // The kinetic mixing the point means (SPEC §2.3/§2.4, constraints/couplings.ts): with --k the
  // hypercharge mixing eps_Y = k g_X / (e c_W) must stay below 1 like --eps does.
  const givenEps = axis === 'eps' ? value : axis === 'k' ? epsFromK(value, gx, convention) : 0;
  if (!(Math.abs(givenEps) < 1))
    throw new UserError(`--k: k = ${value} at g_X = ${gx} means |eps| >= 1 (${convention} mixing); lower k or g_X`);
  return givenEps;
}

export async function evaluatePointReport(req: PointReportRequest): Promise<PointReport> {
  const { mx, gx } = req;
  const { axis, value: mixValue, convention } = req.mixing;
  const radiative = axis === 'radiative';
  const givenEps = checkPointMixing(axis, mixValue, gx, convention);
  const model = resolveModel(req.model, { allowAnomalous: req.allowAnomalous });
  if (radiative) checkRadiativeScope([model]);
  const { active, skipped } = activateConstraints({
    ids: req.constraints,
    datasets: req.datasets,
    options: req.options ?? {},
    dataDirs: req.dataDirs,
    mixing: convention,
    radiative,
  });
  const selected = req.backend;
  const objective = new Set(active.filter((a) => a.def.inGlobalFit).map((a) => a.def.id));
  const [res] = await evaluatePoints(selected.backend, [{ model: 0, mx, gx, eps: mixValue }], {
    models: [model],
    active,
    objective,
    mixing: { convention, axis },
    observables: true,
  });
  // Radiative: the zero-momentum k and eps (the per-class values are the mixing.* observables).
  const k = radiative
    ? res.constraints[RADIATIVE_MIXING_ID].observables.k0
    : axis === 'k'
      ? mixValue
      : (mixValue / Math.sqrt(1 - mixValue * mixValue)) * (E_CHARGE / gx);
  // eps_hat = eps / sqrt(1 - eps^2) (SPEC §2.2), inverted for the radiative eps_hat(0).
  const epsHat0 = radiative ? res.constraints[RADIATIVE_MIXING_ID].observables.eps0 : 0;
  const eps = radiative ? epsHat0 / Math.sqrt(1 + epsHat0 * epsHat0) : givenEps;

  const json = {
    model: { id: model.id, name: model.name, category: model.category, charges: model.charges, c: model.c ?? null },
    point: { mx, gx, eps, k, mixing: radiative ? RADIATIVE_LABEL_ASCII : convention },
    backend: selected.backend.description,
    constraints: Object.fromEntries(
      active.map((a) => {
        const v = res.constraints[a.def.id];
        return [
          a.def.id,
          {
            title: a.def.title,
            kind: a.def.kind,
            chi2: v.chi2,
            excluded: v.excluded,
            in_total: objective.has(a.def.id),
            nonfinite: v.nonfinite,
            not_applicable: v.notApplicable ?? null,
            observables: v.observables,
            nonfinite_observables: v.nonfiniteObservables,
            units: a.inst.observableUnits ?? {},
            variant: a.inst.variant ?? null,
            dataset: a.datasetId,
          },
        ];
      }),
    ),
    skipped: Object.fromEntries(skipped.map((s) => [s.def.id, s.reason])),
    chi2_total: res.chi2Total,
    total_terms: [...objective],
    nonfinite: res.nonfinite,
  };
  return { model, active, skipped, objective, res, k, eps, selected, json };
}

// A reusable float64 evaluator for many small batches of points at fixed table masses: the kernel is
// compiled and the tables built once, and each batch only swaps the point buffer. Used by local
// refinements (the fit), where thousands of batches of a few points each follow a grid search.

import type { ActiveConstraint } from '../constraints/activate.js';
import type { MixingAxis, MixingConvention } from '../constraints/couplings.js';
import { openLocalKernel, type KernelRequest, type LocalKernel, type PointInput, type PointsRequest } from '../kernel/session.js';
import type { ScanModel } from '../models/types.js';

export interface EvaluatedPoint {
  total: number;
  /** chi2 of every objective term. */
  terms: Record<string, number>;
  excluded: Record<string, boolean>;
  /** Terms whose chi2 was non-finite (their chi2 is then NONFINITE_CHI2 and they exclude). */
  nonfinite: string[];
}

export interface PointEvaluatorOptions {
  models: readonly ScanModel[];
  active: readonly ActiveConstraint[];
  objective: ReadonlySet<string>;
  mixing: { convention: MixingConvention; axis: MixingAxis };
  /** The only masses points may have (GeV). */
  masses: Float64Array;
}

/** The points kernel both evaluators compile (so that their values agree bit for bit). */
export function pointsRequest(opts: PointEvaluatorOptions): KernelRequest & { mode: PointsRequest } {
  // Only the objective's terms are evaluated: refinements need nothing else (but the information-only
  // inputs: radiative mixing's k tables).
  const active = opts.active.filter((a) => opts.objective.has(a.def.id) || a.def.role === 'info');
  return {
    constraints: active,
    objective: opts.objective,
    models: opts.models,
    masses: { nodes: opts.masses, exact: true },
    mode: { kind: 'points', points: [], observables: false },
    mixing: opts.mixing,
  };
}

export class PointEvaluator {
  private readonly local: LocalKernel;
  private readonly ids: string[];

  constructor(opts: PointEvaluatorOptions) {
    this.local = openLocalKernel(pointsRequest(opts));
    this.ids = this.local.build.layout.constraintIds;
  }

  evaluate(points: readonly PointInput[]): EvaluatedPoint[] {
    const out = this.local.evaluate(points);
    return points.map((_, i) => {
      const terms: Record<string, number> = {};
      const excluded: Record<string, boolean> = {};
      const nonfinite: string[] = [];
      for (const id of this.ids) {
        terms[id] = out.term(i, id);
        excluded[id] = out.excluded(i, id);
        if (out.nonfinite(i, id)) nonfinite.push(id);
      }
      return { total: out.chi2(i), terms, excluded, nonfinite };
    });
  }
}

// Evaluate every active constraint at an explicit list of points (model, m_X, g_X, eps): the engine
// behind `u1x point` and `u1x verify`, and the way tests pin constraints to published numbers.

import type { ActiveConstraint } from '../constraints/activate.js';
import type { MixingConvention } from '../constraints/couplings.js';
import type { Backend } from '../backends/types.js';
import { openKernel, type KernelOutputs, type PointInput } from '../kernel/session.js';
import type { ModelLayout } from '../kernel/layout.js';
import type { ScanModel } from '../models/types.js';

export type { PointInput } from '../kernel/session.js';

export interface ConstraintValue {
  chi2: number;
  excluded: boolean;
  /** Reason the constraint says nothing at this point (mass range or model), or undefined. */
  notApplicable?: string;
  observables: Record<string, number>;
}

export interface PointResult {
  point: PointInput;
  constraints: Record<string, ConstraintValue>;
  chi2Total: number;
}

export interface PointEvalOptions {
  models: readonly ScanModel[];
  active: readonly ActiveConstraint[];
  objective: ReadonlySet<string>;
  mixing?: { convention: MixingConvention; axis: 'eps' | 'k' };
  observables?: boolean;
  /**
   * Mass nodes of the tables. Default: the points' own masses (exact, no interpolation). A fixed grid
   * makes the tables independent of the sample (used by `verify` for large samples).
   */
  tableMasses?: Float64Array;
}

export async function evaluatePoints(backend: Backend, points: readonly PointInput[], opts: PointEvalOptions): Promise<PointResult[]> {
  const session = await openKernel(
    {
      constraints: opts.active, objective: opts.objective, models: opts.models,
      masses: opts.tableMasses ? { nodes: opts.tableMasses, exact: false } : undefined,
      mode: { kind: 'points', points, observables: opts.observables ?? false },
      mixing: opts.mixing ?? { convention: 'photon', axis: 'eps' },
    },
    backend,
  );
  try {
    const results: PointResult[] = [];
    for (let base = 0; base < points.length; base += session.maxCellsPerRun) {
      const count = Math.min(session.maxCellsPerRun, points.length - base);
      const out = await session.run(base, count);
      for (let c = 0; c < count; c++) results.push(decodePoint(session.modelLayout, opts, points[base + c], out, c));
    }
    return results;
  } finally {
    session.dispose();
  }
}

function validityText([lo, hi]: readonly [number, number]): string {
  if (!Number.isFinite(hi)) return `valid only for m_X >= ${lo} GeV`;
  if (lo <= 0) return `valid only for m_X <= ${hi} GeV`;
  return `valid only for ${lo} <= m_X <= ${hi} GeV`;
}

function decodePoint(modelLayout: ModelLayout, opts: PointEvalOptions, point: PointInput, out: KernelOutputs, c: number): PointResult {
  const observableNames = out.layout.observableNames;
  const constraints: Record<string, ConstraintValue> = {};
  for (const act of opts.active) {
    const id = act.def.id;
    const observables: Record<string, number> = {};
    for (const name of observableNames) {
      if (name.startsWith(`${id}.`)) observables[name.slice(id.length + 1)] = out.observable(c, name);
    }
    const range = act.inst.massRange;
    const notApplicable =
      modelLayout.notApplicable.get(id)?.[point.model] ??
      (range && (point.mx < range[0] || point.mx > range[1]) ? validityText(range) : undefined);
    constraints[id] = {
      chi2: out.term(c, id),
      excluded: out.excluded(c, id),
      ...(notApplicable ? { notApplicable } : {}),
      observables,
    };
  }
  return { point, constraints, chi2Total: out.chi2(c) };
}

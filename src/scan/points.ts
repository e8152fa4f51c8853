// Evaluate every active constraint at an explicit list of points (model, m_X, g_X, eps): the engine
// behind `u1x point` and `u1x verify`, and the way tests pin constraints to published numbers.

import type { ActiveConstraint } from '../constraints/activate.js';
import type { MixingAxis, MixingConvention } from '../constraints/couplings.js';
import type { Backend } from '../backends/types.js';
import { openKernel, type KernelOutputs, type PointInput } from '../kernel/session.js';
import type { ModelLayout } from '../kernel/layout.js';
import type { ScanModel } from '../models/types.js';

export type { PointInput } from '../kernel/session.js';

/** Largest finite float32, (2 - 2^-23) * 2^127 (IEEE 754 binary32). */
const F32_MAX = 3.4028234663852886e38;

/**
 * NaN, +-Inf, or beyond the float32 range: what the kernels' nonFinite test counts, applied to decoded
 * values so that a float64 value the float32 kernel would overflow on reads the same on both backends.
 */
export function isNonFiniteValue(x: number): boolean {
  return !(Math.abs(x) <= F32_MAX);
}

export interface ConstraintValue {
  /** The term's chi2; NONFINITE_CHI2 (kernel/compile.ts) where `nonfinite`. */
  chi2: number;
  /** Excluded; always true where `nonfinite`. */
  excluded: boolean;
  /** The chi2 was non-finite (NaN, +-Inf or beyond float32): the constraint counts as excluded. */
  nonfinite: boolean;
  /** Observables whose value was non-finite; they are left out of `observables`. */
  nonfiniteObservables: string[];
  /** Reason the constraint says nothing at this point (mass range or model), or undefined. */
  notApplicable?: string;
  observables: Record<string, number>;
}

export interface PointResult {
  point: PointInput;
  constraints: Record<string, ConstraintValue>;
  chi2Total: number;
  /** Constraints with a non-finite chi2 at this point. */
  nonfinite: number;
}

export interface PointEvalOptions {
  models: readonly ScanModel[];
  active: readonly ActiveConstraint[];
  objective: ReadonlySet<string>;
  mixing?: { convention: MixingConvention; axis: MixingAxis };
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
      constraints: opts.active,
      objective: opts.objective,
      models: opts.models,
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
  let nonfiniteCount = 0;
  for (const act of opts.active) {
    const id = act.def.id;
    const nonfinite = out.nonfinite(c, id);
    if (nonfinite) nonfiniteCount++;
    const observables: Record<string, number> = {};
    const nonfiniteObservables: string[] = [];
    for (const name of observableNames) {
      if (!name.startsWith(`${id}.`)) continue;
      const v = out.observable(c, name);
      if (isNonFiniteValue(v)) nonfiniteObservables.push(name.slice(id.length + 1));
      else observables[name.slice(id.length + 1)] = v;
    }
    const range = act.inst.massRange;
    const notApplicable =
      modelLayout.notApplicable.get(id)?.[point.model] ??
      (range && (point.mx < range[0] || point.mx > range[1]) ? validityText(range) : undefined);
    constraints[id] = {
      chi2: out.term(c, id),
      excluded: out.excluded(c, id),
      nonfinite,
      nonfiniteObservables,
      ...(notApplicable ? { notApplicable } : {}),
      observables,
    };
  }
  return { point, constraints, chi2Total: out.chi2(c), nonfinite: nonfiniteCount };
}

// Evaluate every active constraint at an explicit list of points (model, m_X, g_X, eps): the engine
// behind `u1x point` and `u1x verify`, and the way tests pin constraints to published numbers.

import type { ActiveConstraint } from '../constraints/activate.js';
import type { MixingAxis, MixingConvention } from '../constraints/couplings.js';
import type { Backend } from '../backends/types.js';
import { compileKernel, POINT_STRIDE, type CompiledKernel } from '../kernel/compile.js';
import { buildModelData, buildTables, massLocation, type ModelLayout, type TableLayout } from '../kernel/layout.js';
import type { ScanModel } from '../models/types.js';

export interface PointInput {
  /** Index into the models array. */
  model: number;
  mx: number;
  gx: number;
  /** Kinetic mixing eps (or the mixing ratio k when mixingAxis is 'k'). */
  eps: number;
}

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

export interface PreparedPoints {
  kernel: CompiledKernel;
  tables: TableLayout;
  modelLayout: ModelLayout;
  axes: Float64Array;
}

/** Build tables, model records and the point buffer, and compile the points kernel. */
export function preparePoints(points: readonly PointInput[], opts: PointEvalOptions): PreparedPoints {
  const exact = !opts.tableMasses;
  let masses: Float64Array;
  let location: (mx: number) => { i0: number; frac: number };
  if (opts.tableMasses) {
    const nodes = opts.tableMasses;
    masses = nodes;
    location = (mx) => massLocation(nodes, mx);
  } else {
    const unique = [...new Set(points.map((p) => p.mx))].sort((a, b) => a - b);
    masses = Float64Array.from(unique);
    const index = new Map(unique.map((m, i) => [m, i]));
    location = (mx) => ({ i0: index.get(mx)!, frac: 0 });
  }
  const tables = buildTables(opts.active, masses, opts.models);
  const modelLayout = buildModelData(opts.models, opts.active);
  const axes = new Float64Array(points.length * POINT_STRIDE);
  points.forEach((p, i) => {
    const { i0, frac } = location(p.mx);
    axes.set([p.model, p.mx, p.gx, p.eps, i0, frac], i * POINT_STRIDE);
  });
  const kernel = compileKernel({
    mode: { kind: 'points', nPoints: points.length, observables: opts.observables ?? false },
    active: opts.active,
    objective: opts.objective,
    mixing: opts.mixing ?? { convention: 'photon', axis: 'eps' },
    tables,
    models: modelLayout,
    exactMass: exact,
  });
  return { kernel, tables, modelLayout, axes };
}

export async function evaluatePoints(backend: Backend, points: readonly PointInput[], opts: PointEvalOptions): Promise<PointResult[]> {
  const prep = preparePoints(points, opts);
  const { kernel } = prep;
  const run = await backend.prepare(kernel, { tables: prep.tables.data, models: prep.modelLayout.data, axes: prep.axes });
  try {
    const results: PointResult[] = [];
    for (let base = 0; base < points.length; base += run.maxCellsPerRun) {
      const count = Math.min(run.maxCellsPerRun, points.length - base);
      const block = await run.run(base, count);
      for (let c = 0; c < count; c++) results.push(decodePoint(prep, opts, points[base + c], block, c));
    }
    return results;
  } finally {
    run.dispose();
  }
}

function validityText([lo, hi]: readonly [number, number]): string {
  if (!Number.isFinite(hi)) return `valid only for m_X >= ${lo} GeV`;
  if (lo <= 0) return `valid only for m_X <= ${hi} GeV`;
  return `valid only for ${lo} <= m_X <= ${hi} GeV`;
}

export function decodePoint(
  prep: PreparedPoints,
  opts: PointEvalOptions,
  point: PointInput,
  block: { float(c: number, s: number): number; uint(c: number, s: number): number },
  c: number,
): PointResult {
  const slots = new Map(prep.kernel.outputs.map((o, k) => [o.name, k]));
  const constraints: Record<string, ConstraintValue> = {};
  let nonfiniteCount = 0;
  prep.kernel.bits.forEach((id, bit) => {
    const word = block.uint(c, slots.get(`mask${bit >> 5}`)!);
    const nonfinite = ((block.uint(c, slots.get(`nonfinite${bit >> 5}`)!) >>> (bit & 31)) & 1) === 1;
    if (nonfinite) nonfiniteCount++;
    const act = opts.active.find((a) => a.def.id === id)!;
    const observables: Record<string, number> = {};
    const nonfiniteObservables: string[] = [];
    for (const [name, k] of slots) {
      if (!name.startsWith(`${id}.`)) continue;
      const v = block.float(c, k);
      if (isNonFiniteValue(v)) nonfiniteObservables.push(name.slice(id.length + 1));
      else observables[name.slice(id.length + 1)] = v;
    }
    const range = act.inst.massRange;
    const notApplicable =
      prep.modelLayout.notApplicable.get(id)?.[point.model] ??
      (range && (point.mx < range[0] || point.mx > range[1]) ? validityText(range) : undefined);
    constraints[id] = {
      chi2: block.float(c, slots.get(`chi2_${id}`)!),
      excluded: ((word >>> (bit & 31)) & 1) === 1,
      nonfinite,
      nonfiniteObservables,
      ...(notApplicable ? { notApplicable } : {}),
      observables,
    };
  });
  return { point, constraints, chi2Total: block.float(c, slots.get('chi2')!), nonfinite: nonfiniteCount };
}

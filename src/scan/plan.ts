// Resolves a validated scan spec into a concrete plan: models, axes, active constraints, table
// nodes and grid sizes. Everything that can be wrong with the input is found here, before any
// output is created.

import { checkGx, checkMixing, checkMx } from '../physics/inputRanges.js';
import { activateConstraints, type ActiveConstraint, type SkippedConstraint } from '../constraints/activate.js';
import type { MixingAxis, MixingConvention } from '../constraints/couplings.js';
import { checkRadiativeScope } from '../constraints/radiative.js';
import type { ScanModel } from '../models/types.js';
import { UserError } from '../util/errors.js';
import { buildAxis, type Axis } from './axes.js';
import type { ScanSpec } from './spec.js';

/** Above this many points a scan needs --force. */
export const FORCE_POINTS = 1e12;
/** Tables are built at the m_X axis nodes up to this many; beyond, on a log grid of this size. */
export const MAX_TABLE_NODES = 4096;
/** Cell indices are 32-bit in the kernels. */
const MAX_CELLS = 2 ** 32 - 1;

export interface ScanPlan {
  name: string;
  spec: ScanSpec;
  models: ScanModel[];
  mx: Axis;
  gx: Axis;
  /** The mixing coordinate; 'radiative' is a single placeholder value (k comes from k_rad tables, SPEC §4.15). */
  mix: Axis & { kind: MixingAxis };
  mixing: MixingConvention;
  profileEps: boolean;
  profileGx: boolean;
  active: ActiveConstraint[];
  skipped: SkippedConstraint[];
  objective: Set<string>;
  /** Mass nodes of the tables: the m_X axis itself when exact, else log-spaced (the kernel session interpolates). */
  tableMasses: Float64Array;
  exactTables: boolean;
  totalPoints: number;
  cells: number;
  /** Cells per minimum segment: all cells of one model, or of one (model, m_X) when g_X is profiled. */
  segmentCells: number;
}

export interface PlanContext {
  name: string;
  dataDirs: { coherent: string | null; darkcast: string | null };
  force: boolean;
  resolveModels(spec: ScanSpec): ScanModel[];
}

export function planScan(spec: ScanSpec, ctx: PlanContext): ScanPlan {
  const mx = buildAxis('mx', spec.mx, { positive: true, unit: 'GeV' });
  const gx = buildAxis('gx', spec.gx, { positive: true });
  const radiative = spec.mixing === 'radiative';
  const mixKind: MixingAxis = radiative ? 'radiative' : spec.k !== undefined ? 'k' : 'eps';
  const mixAxis = buildAxis(mixKind, spec.k ?? spec.eps ?? 0, mixKind === 'eps' ? { maxAbs: 1 } : {});
  // Supported ranges (physics/inputRanges.ts): refused here, before any table is built.
  for (const v of mx.values) checkMx('axis mx', v);
  for (const v of gx.values) checkGx('axis gx', v);
  if (mixKind !== 'radiative') for (const v of mixAxis.values) checkMixing(`axis ${mixKind}`, mixKind, v);
  const models = ctx.resolveModels(spec);
  if (models.length === 0) throw new UserError('the scan selects no models');
  if (radiative) checkRadiativeScope(models);
  const mixing: MixingConvention = radiative ? 'photon' : ((spec.mixing ?? 'photon') as MixingConvention);

  const { active, skipped } = activateConstraints({
    ids: spec.constraints === undefined || spec.constraints === 'all' ? undefined : spec.constraints,
    datasets: spec.datasets,
    options: spec.options,
    dataDirs: ctx.dataDirs,
    mixing,
    radiative,
    projections: spec.projections,
  });
  // Projections never enter an objective (constraints/define.ts role 'projection').
  const activeIds = new Set(active.filter((a) => a.def.role !== 'projection').map((a) => a.def.id));
  let objective: Set<string>;
  if (spec.objective === undefined || spec.objective === 'global') {
    objective = new Set(active.filter((a) => a.def.inGlobalFit).map((a) => a.def.id));
  } else if (spec.objective === 'all') {
    objective = activeIds;
  } else {
    for (const id of spec.objective) {
      if (active.some((a) => a.def.id === id && a.def.role === 'projection'))
        throw new UserError(`objective term '${id}' is a projection: projections are never part of an objective or any chi2`);
      if (!activeIds.has(id)) {
        const skip = skipped.find((s) => s.def.id === id);
        throw new UserError(`objective term '${id}' is not an active constraint${skip ? ` (skipped: ${skip.reason})` : ''}`);
      }
    }
    objective = new Set(spec.objective);
  }

  const profile = new Set(spec.profile ?? (mixAxis.values.length > 1 ? ['eps'] : []));
  if (profile.has('gx') && !profile.has('eps') && mixAxis.values.length > 1) {
    throw new UserError('profiling over gx requires profiling over eps too (the eps loop is the inner one)');
  }
  const profileEps = profile.has('eps');
  const profileGx = profile.has('gx');
  const nModels = models.length;
  const totalPoints = nModels * mx.values.length * gx.values.length * mixAxis.values.length;
  const cells = totalPoints / (profileEps ? mixAxis.values.length : 1);
  if (totalPoints > FORCE_POINTS && !ctx.force) {
    throw new UserError(
      `the grid has ${totalPoints.toExponential(2)} points (more than ${FORCE_POINTS.toExponential(0)}); pass --force to run it anyway`,
    );
  }
  if (cells > MAX_CELLS) {
    throw new UserError(
      `the grid has ${cells.toExponential(2)} cells, more than the kernels' 32-bit cell index allows; profile over eps or split the scan`,
    );
  }

  let tableMasses: Float64Array;
  const exactTables = mx.values.length <= MAX_TABLE_NODES;
  if (exactTables) {
    const sorted = [...mx.values].sort((a, b) => a - b);
    if (new Set(sorted).size !== sorted.length) throw new UserError('axis mx: repeated values');
    tableMasses = mx.values;
  } else {
    const lo = mx.values.reduce((a, b) => Math.min(a, b));
    const hi = mx.values.reduce((a, b) => Math.max(a, b));
    const step = Math.log(hi / lo) / (MAX_TABLE_NODES - 1);
    tableMasses = Float64Array.from({ length: MAX_TABLE_NODES }, (_, i) => lo * Math.exp(i * step));
  }

  return {
    name: ctx.name,
    spec,
    models,
    mx,
    gx,
    mix: { ...mixAxis, kind: mixKind },
    mixing,
    profileEps,
    profileGx,
    active,
    skipped,
    objective,
    tableMasses,
    exactTables,
    totalPoints,
    cells,
    // One segment per model (or per (model, m_X) when g_X is profiled); unprofiled eps values are cells too.
    segmentCells: profileGx ? gx.values.length : mx.values.length * gx.values.length * (profileEps ? 1 : mixAxis.values.length),
  };
}

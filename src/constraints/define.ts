// The declarative shape of a constraint. A constraint file exports `defineConstraint({...})`; the
// kernel compiler, planner, backends and reducer never special-case one.
//
// Life cycle: `setup(env)` runs once per scan on the CPU. It picks a variant (e.g. the COHERENT full
// likelihood or its fallback, depending on the data found), and returns the tables to build (float64,
// per m_X node or mass-independent), per-model parameters (float64, per model), and `evaluate`, which
// builds the IR for one grid point from the effective couplings.

import type { B, F, U } from '../ir/expr.js';
import type { ScanModel } from '../models/types.js';
import type { Couplings, MixingAxis, MixingConvention } from './couplings.js';
import type { DatasetFamily, Measurement } from './datasets.js';

export type ConstraintKind = 'chi2' | 'bound';

export interface OptionSpec {
  describe: string;
  default: string | number | boolean;
  /** Allowed values for string options. */
  values?: readonly string[];
}

export interface SetupEnv {
  /** The selected measurement of this constraint's dataset family. */
  dataset: Measurement | null;
  option<T extends string | number | boolean>(name: string): T;
  /** User data directories found for this run (null: not given or not found). */
  dataDirs: { coherent: string | null; darkcast: string | null };
  mixing: MixingConvention;
  /** Radiative mixing (SPEC §4.15) instead of an eps/k axis: constraints with momentum class 'recoil' build their own k tables. */
  radiative: boolean;
}

export interface MassTableSpec {
  kind: 'mass';
  /** Number of float64 values per mass node. */
  columns: number;
  /** Row-major [mass][column] float64 values at the given masses (GeV). */
  build(masses: Float64Array): Float64Array;
}

/**
 * Per (model, m_X) coefficients, for quantities whose float32 evaluation would cancel catastrophically
 * between terms that only the model fixes (e.g. vector against axial loops in (g-2)). Memory grows
 * as models x mass nodes, so keep the column count small.
 */
export interface ModelMassTableSpec {
  kind: 'modelMass';
  columns: number;
  /** Row-major [mass][column] values for one model. */
  build(model: ScanModel, masses: Float64Array): Float64Array;
}

export interface StaticTableSpec {
  kind: 'static';
  data: Float64Array;
}

export type TableSpec = MassTableSpec | ModelMassTableSpec | StaticTableSpec;

export interface EvalContext {
  mx: F;
  gx: F;
  c: Couplings;
  /** Column `col` of one of this constraint's mass or model-mass tables at the point (interpolated in log m_X). */
  table(name: string, col: number | U): F;
  /** Element of one of this constraint's static tables. */
  staticTable(name: string, index: number | U): F;
  /** One of this constraint's per-model parameters. */
  modelParam(name: string): F;
  /** Whether this constraint (or group) built a table of that name for this kernel (optional tables). */
  hasTable(name: string): boolean;
}

export interface Evaluation {
  /** Delta chi^2 contribution (chi2 kind), or any value (bound kind: the penalty replaces it). */
  chi2?: F;
  /** Excluded at this point; defaults to chi2 > threshold for chi2 constraints. */
  excluded?: B;
  /** Physical quantities printed by `u1x point` (name -> value), in the units of `observableUnits`. */
  observables?: Record<string, F>;
}

export interface ConstraintInstance {
  /** Which implementation is active, e.g. 'full 144-bin likelihood' or 'rate-only fallback'. */
  variant?: string;
  /** Caveats printed with results and written to manifests. */
  notes?: string[];
  /** External data directories this instance read (their file hashes go into manifests). */
  usesData?: readonly ('coherent' | 'darkcast')[];
  tables?: Record<string, TableSpec>;
  modelParams?: Record<string, (model: ScanModel) => number>;
  /** true, or the reason this constraint says nothing about the model. */
  appliesTo?: (model: ScanModel) => true | string;
  /** m_X range (GeV) where the constraint is valid; outside it says nothing. */
  massRange?: readonly [number, number];
  observableUnits?: Record<string, string>;
  /** Builds this constraint's IR (not used when `group` evaluates it together with its group). */
  evaluate?(ctx: EvalContext): Evaluation;
  /**
   * Constraints that share one implementation and differ only in their tables (e.g. the resonance
   * searches) can be evaluated together: one loop over the members instead of one copy of the code per
   * member, which keeps kernels small. Every member's instance points to the same group object.
   */
  group?: ConstraintGroup;
}

/** What a kernel's tables are built for: a group may add optional tables that only pay off in some kernels. */
export interface TableScope {
  masses: Float64Array;
  models: readonly ScanModel[];
  /** Points sit on the mass nodes (no interpolation between them). */
  exactMass: boolean;
  mixing: { convention: MixingConvention; axis: MixingAxis };
}

export interface ConstraintGroup {
  /** Prefix of the group's table keys; unique among groups and constraint ids. */
  key: string;
  /**
   * Tables for the given members (in this order), built once per scan. Without a scope (callers that only
   * build tables) a group builds its plain tables.
   */
  tables(memberIds: readonly string[], scope?: TableScope): Record<string, TableSpec>;
  /**
   * IR for the `wanted` members (a subset of `memberIds`, the order of the tables) in one loop;
   * `ctx.table` reads the group's tables. The compiler evaluates objective members apart from the rest,
   * so that a profile loop does not carry members it only needs at the minimum.
   */
  evaluate(ctx: EvalContext, memberIds: readonly string[], wanted: readonly string[]): Record<string, Evaluation>;
}

/**
 * Constraints that maps may merge into one region when many of them exclude something on a map (e.g. the
 * resonance searches: many, mostly overlapping). Members share one object.
 */
export interface LegendGroup {
  /** Colour key of the merged region; distinct from every constraint id. */
  key: string;
  /** Plural name in legends and captions: 'resonance searches'. */
  name: string;
  /** One member, counted in the legend: 'limit' gives 'resonance searches (12 limits)'. */
  member: string;
  /** One member, spelled out in the figure caption: 'recast DarkCast limit'. */
  memberInCaption: string;
  /** Members get a region each when at most this many exclude something on a map. */
  maxSeparate: number;
}

/** How maps draw a preferred-role constraint: the band where it holds, and a centre line. */
export interface PreferredBand {
  /** Name in figure text (plot markup): '(g−2)_μ'. */
  label: string;
  /** Name in plain ASCII (manifests): '(g-2)_mu'. */
  plain: string;
  /**
   * One of the constraint's observables (without the id prefix): the centre line is where it equals the
   * dataset's central value, and scans with exclusion plots store it per cell for that.
   */
  observable: string;
  /** Its symbol in figure text: 'Δa_μ'. */
  observableLabel: string;
  /** Its name in plain ASCII (manifests): 'Delta a_mu'. */
  observablePlain: string;
}

export interface SkippedInstance {
  skip: string;
}

export interface ConstraintDef {
  /** Stable id: file name, output column suffix, legend key, mask bit name. */
  id: string;
  title: string;
  kind: ConstraintKind;
  /** Papers (arXiv/inspire) the implementation follows. */
  reference: string;
  /**
   * 'preferred': the region inside the band is the interesting one (g-2_mu); drawn as a band on maps.
   * 'info': carries inputs and observables only (radiative mixing), no chi2 and no region; maps leave it out.
   * 'projection': the projected reach of a future search (DarkCast 2023 `reach/`): evaluated like a bound and
   *   given a mask bit, but never part of an exclusion, of allowed/viable or of any chi2 (penalty 0, never in an
   *   objective); maps draw it as a dashed line, and scans report which viable cells it would exclude. Only
   *   active when a spec asks for it (`projections:`), never part of the default set.
   */
  role?: 'exclusion' | 'preferred' | 'info' | 'projection';
  /** Required with role 'preferred': how maps draw it. */
  band?: PreferredBand;
  /** Maps merge the group's members into one region when many exclude something. */
  legendGroup?: LegendGroup;
  /** The experiment (resonance searches, projections): maps draw a projection in its experiment's colour. */
  experiment?: string;
  /**
   * The momentum through X that this constraint's couplings see under radiative mixing (SPEC §4.15):
   * 'zero' (default) k_rad(0); 'onshell' |k_rad(m_X²)| for production of an on-shell X; 'recoil' the
   * constraint forms k_rad(q²) inside its own integral (COHERENT) and reads SetupEnv.radiative.
   */
  mixingMomentum?: 'zero' | 'onshell' | 'recoil';
  /** chi2 kind: excluded where chi2 > threshold (default 4, i.e. 2 sigma for one measurement). */
  threshold?: number;
  /** bound kind: contribution to a chi2 sum where excluded (default 100, SPEC §5.1). */
  penalty?: number;
  /** Part of the global chi2 of SPEC §5.1 by default. */
  inGlobalFit?: boolean;
  /**
   * Whether the default set (`constraints: all`, no list) includes it, given the data directories found; absent
   * means always. The DarkCast 2023 limits join only when the DarkCast directory holds their files, so scans of
   * the v1.2 data stay as they were (no new skipped entries).
   */
  inDefaultSet?: (dataDirs: SetupEnv['dataDirs']) => boolean;
  /** Expensive terms are evaluated lazily inside profile loops; chi2 never goes below lowerBound. */
  heavy?: { lowerBound: number };
  dataset?: DatasetFamily;
  options?: Record<string, OptionSpec>;
  setup(env: SetupEnv): ConstraintInstance | SkippedInstance;
}

const ID_PATTERN = /^[a-z][a-z0-9_]*$/;

export function defineConstraint(def: ConstraintDef): ConstraintDef {
  if (!ID_PATTERN.test(def.id)) throw new Error(`constraint id '${def.id}' must match ${ID_PATTERN}`);
  if (!def.title || !def.reference) throw new Error(`constraint ${def.id}: title and reference are required`);
  if ((def.role === 'preferred') !== (def.band !== undefined))
    throw new Error(`constraint ${def.id}: a band is given exactly when role is 'preferred'`);
  if (def.role === 'projection' && (def.kind !== 'bound' || def.penalty !== 0 || def.inGlobalFit))
    throw new Error(`constraint ${def.id}: a projection is a bound with penalty 0, outside the global fit`);
  if (def.heavy && !(def.heavy.lowerBound <= 0)) throw new Error(`constraint ${def.id}: heavy.lowerBound must be <= 0`);
  for (const [name, opt] of Object.entries(def.options ?? {})) {
    if (opt.values && !opt.values.includes(String(opt.default))) {
      throw new Error(`constraint ${def.id}: default of option ${name} is not among its values`);
    }
  }
  return Object.freeze(def);
}

export function isSkipped(x: ConstraintInstance | SkippedInstance): x is SkippedInstance {
  return (x as SkippedInstance).skip !== undefined;
}

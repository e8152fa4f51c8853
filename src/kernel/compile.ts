// The kernel compiler: active constraints + a driver (grid reduction or point list) -> one IR graph
// -> WGSL (float32) and JavaScript (float64) sources with identical structure.

import * as ir from '../ir/build.js';
import type { B, F, Node, U } from '../ir/expr.js';
import type { ActiveConstraint } from '../constraints/activate.js';
import { buildCouplings, type Couplings, type MixingAxis, type MixingConvention } from '../constraints/couplings.js';
import type { ConstraintDef } from '../constraints/define.js';
import { RADIATIVE_FIELDS, RADIATIVE_MIXING_ID } from '../constraints/radiative.js';
import type { EvalContext, Evaluation } from '../constraints/define.js';
import { appliesField, CEILING_FIELD, heavyBoundField, constraintGroups, type ModelLayout, type TableLayout, tableKey } from './layout.js';
import { rewriteGraph } from './rewrite.js';
import { schedule, type Program } from './schedule.js';
import { jsArrays, jsStatements, jsStores } from './emitJs.js';
import { F32_MAX, wgslArrays, wgslFloat, wgslStatements, wgslStores } from './emitWgsl.js';
import { driverWgsl } from './wgslTemplate.js';

/** Terms are clamped so that one runaway term cannot overflow float32 sums (SPEC §6.2). */
const TERM_CAP = 1e6;
/** Value of a pruned (never evaluated) heavy term: larger than any real total. */
const PRUNED = 1e30;
/**
 * The chi2 a term takes where its value is non-finite (NaN, +-Inf, beyond float32): larger than PRUNED,
 * so a point with such a term never becomes a profiled minimum (the loop starts from PRUNED and keeps
 * strictly smaller totals), and distinct from it, so the loop can count such terms. 60 such terms
 * still sum to 6e33, far inside float32 (3.4e38).
 */
export const NONFINITE_CHI2 = 1e32;
/** Start of the seed pass's minimum search: above any sum of terms (60 non-finite ones are 6e33), inside float32. */
const SEED_SEARCH_START = 1e38;

export type GridMode = {
  kind: 'grid';
  nModels: number;
  nMx: number;
  nGx: number;
  nEps: number;
  /** Minimise over the eps axis inside the kernel (else every eps value is its own cell). */
  profileEps: boolean;
  /** Skip heavy terms that cannot beat the running minimum (exact; see DESIGN "Reduce on device"). */
  prune: boolean;
  /** Also output every constraint's chi2 at the argmin. */
  termsAtBest: boolean;
  /** Observables ('<constraint id>.<name>') to output at the argmin. */
  observablesAtBest?: readonly string[];
  /**
   * Skip heavy terms also where the light terms alone cannot beat the model's ceiling (a per-model
   * upper bound on its minimum, field CEILING_FIELD of the model records). Cells whose points all miss
   * the ceiling report a total of 1e30: use only for per-model minima (the fit).
   */
  ceiling?: boolean;
  /**
   * Split the profiled eps loop of each (model, m_X, g_X) over this many device cells (threads), slice s
   * taking eps indices [s L, (s + 1) L) with L = ceil(nEps / slices) (the last slice repeats the last
   * index instead of stopping early: a repeated point cannot win a strict comparison). Each slice stores
   * its own minimum and its argmin as an index into the whole eps axis; the kernel session reduces the
   * slices (lowest total, then lowest slice: the unsplit loop's first-minimum tie rule). Occupancy for
   * large GPUs, whose resident threads outnumber the cells of a fit grid. Default 1.
   */
  epsSlices?: number;
  /** Per-(model, m_X) lower bound of the heavy terms' sum (heavyBoundField) instead of their heavy.lowerBound. */
  heavyBound?: boolean;
  /** Also output how many points of the profile evaluated the heavy terms (the bench's work count). */
  countHeavy?: boolean;
};

export type PointsMode = { kind: 'points'; nPoints: number; observables: boolean };

export interface KernelSpec {
  mode: GridMode | PointsMode;
  active: readonly ActiveConstraint[];
  /** Constraint ids summed into the total chi2. */
  objective: ReadonlySet<string>;
  mixing: { convention: MixingConvention; axis: MixingAxis };
  tables: TableLayout;
  models: ModelLayout;
  /** Table nodes coincide with the points' masses: look up by index, no interpolation. */
  exactMass: boolean;
}

export interface OutputSlot {
  name: string;
  ty: 'f' | 'u';
}

/**
 * Where each output sits in a cell's words, by what it means: the kernel session's readers use these
 * instead of looking slots up by name.
 */
export interface OutputSlots {
  /** Total chi2 of the objective (grid: the profiled minimum). */
  chi2: number;
  /** Grid mode: index into the mixing axis of the minimum (the cell's own index when not profiled). */
  argmin: number | null;
  /** Mask words: bit k of word k >> 5 is constraint bits[k]. */
  maskWords: number[];
  /**
   * Non-finite words, laid out as the mask words: bit k set where constraint bits[k]'s raw chi2 was
   * non-finite (grid: anywhere in the profile for objective terms, or at the minimum).
   */
  nonfiniteWords: number[];
  /** Constraint id -> its chi2 term (grid: at the minimum, when asked for). */
  terms: Map<string, number>;
  /** '<constraint id>.<name>' -> the observable (grid: at the minimum, when asked for). */
  observables: Map<string, number>;
  /** Grid mode with countHeavy: points of the cell's profile whose heavy terms were evaluated. */
  heavyEvaluations: number | null;
}

export interface CompiledKernel {
  wgsl: string;
  /**
   * The same kernel with the static tables compiled in as shader constants, for software adapters: lavapipe
   * (llvmpipe) loads a constant array element about twice as fast as a storage-buffer element, which it
   * bounds-checks lane by lane (bench/README.md). Hardware GPUs keep `wgsl`: their caches broadcast the
   * buffer's elements, and a large constant array may be copied to per-thread memory. Undefined where the
   * static tables are too large or hold values a literal cannot reproduce.
   */
  wgslSoftware?: string;
  /** Body of `function (T, M, A, out, base, count)`. */
  js: string;
  /** The scheduled IR both sources print (kept for the bench's operation counts). */
  program: Program;
  outputs: OutputSlot[];
  slots: OutputSlots;
  /** Constraint id of each mask bit (bit k of word k>>5). */
  bits: string[];
  maskWords: number;
  /** Offsets of the axis arrays inside the axes buffer (grid mode). */
  axes?: { mx: number; mIndex: number; mFrac: number; gx: number; eps: number; length: number };
  /** Floats per point in the axes buffer (points mode): model, mx, gx, eps, mass-node index, fraction. */
  pointStride?: number;
  /** Cells (grid) or points handled by one invocation each. */
  cells: number;
  /** Points evaluated per cell (the profiled eps loop; with epsSlices, one slice of it). */
  pointsPerCell: number;
  /** Device cells per (model, m_X, g_X) cell: GridMode.epsSlices (1 otherwise). */
  epsSlices: number;
}

export const POINT_STRIDE = 6;

interface ConstraintGraph {
  id: string;
  chi2: F;
  excluded: B;
  /** The raw chi2 was non-finite (the term is then NONFINITE_CHI2 and the constraint excludes). */
  nonfinite: B;
  observables: [string, F][];
  heavyLowerBound: number | null;
  /** A bound (chi2 0 or a non-negative penalty): never below 0, never non-finite. */
  nonNegativeBound: boolean;
}

/** Build each constraint's IR with abstract inputs (lowered later by the driver). */
function constraintGraphs(spec: KernelSpec): ConstraintGraph[] {
  const mx = ir.input('mx');
  const gx = ir.input('gx');
  const couplingsFor = mixingSource(spec, mx, gx);
  const contextFor = (owner: string, couplings: Couplings): EvalContext => {
    const tableRef = (name: string, kinds: readonly ('mass' | 'modelMass' | 'static')[]) => {
      const slot = spec.tables.slots.get(tableKey(owner, name));
      if (!slot || !kinds.includes(slot.kind)) throw new Error(`${owner}: no ${kinds.join(' or ')} table '${name}'`);
      return { kind: slot.kind, key: slot.key, size: slot.size };
    };
    return {
      mx,
      gx,
      c: couplings,
      table: (name, col) => ir.massTable(tableRef(name, ['mass', 'modelMass']), col),
      staticTable: (name, index) => ir.staticTable(tableRef(name, ['static']), index),
      modelParam: (name) => {
        const key = tableKey(owner, name);
        if (!spec.models.fields.has(key)) throw new Error(`${owner}: no model parameter '${name}'`);
        return ir.modelValue(key);
      },
      hasTable: (name) => spec.tables.slots.has(tableKey(owner, name)),
    };
  };
  // Grouped constraints are evaluated once per group (one loop over the members).
  const grouped = new Map<string, Evaluation>();
  for (const [group, members] of constraintGroups(spec.active)) {
    const inObjective = members.filter((id) => spec.objective.has(id));
    const rest = members.filter((id) => !spec.objective.has(id));
    for (const wanted of [inObjective, rest]) {
      if (wanted.length === 0) continue;
      const memberDefs = members.map((id) => spec.active.find((a) => a.def.id === id)!.def);
      const evs = group.evaluate(contextFor(group.key, couplingsFor(memberDefs[0])), members, wanted);
      for (const id of wanted) {
        if (!evs[id]) throw new Error(`group ${group.key} returned nothing for ${id}`);
        grouped.set(id, evs[id]);
      }
    }
  }
  return spec.active.map(({ def, inst }) => {
    const ev = grouped.get(def.id) ?? inst.evaluate?.(contextFor(def.id, couplingsFor(def)));
    if (!ev) throw new Error(`constraint ${def.id} has neither evaluate nor a group`);
    let excluded: B;
    let chi2: F;
    let nonfinite: B;
    if (def.kind === 'bound') {
      if (!ev.excluded) throw new Error(`bound constraint ${def.id} must return 'excluded'`);
      excluded = ev.excluded;
      chi2 = ir.select(excluded, def.penalty ?? 100, 0);
      // A bound is a comparison: its chi2 is one of two constants and cannot be non-finite.
      nonfinite = ir.bool(false);
    } else {
      if (!ev.chi2) throw new Error(`chi2 constraint ${def.id} must return 'chi2'`);
      // NaN must neither pass the clamp (GPU min/max may return either operand for NaN) nor a
      // comparison (NaN > 4 is false: "allowed"): a non-finite chi2 excludes and ranks last.
      nonfinite = ir.nonFinite(ev.chi2);
      chi2 = ir.select(nonfinite, NONFINITE_CHI2, ir.min(ir.max(ev.chi2, -TERM_CAP), TERM_CAP));
      excluded = ir.or(nonfinite, ev.excluded ?? ir.gt(chi2, def.threshold ?? 4));
    }
    // Outside its mass range, or for a model it says nothing about, a constraint contributes nothing.
    const conditions: B[] = [];
    if (inst.massRange) {
      const [lo, hi] = inst.massRange;
      if (lo > 0) conditions.push(ir.ge(mx, lo));
      if (Number.isFinite(hi)) conditions.push(ir.le(mx, hi));
    }
    if (inst.appliesTo) conditions.push(ir.gt(ir.modelValue(appliesField(def.id)), 0.5));
    if (conditions.length) {
      const valid = ir.all(...conditions);
      chi2 = ir.select(valid, chi2, 0);
      excluded = ir.and(valid, excluded);
      nonfinite = ir.and(valid, nonfinite);
    }
    return {
      id: def.id,
      chi2,
      excluded,
      nonfinite,
      observables: Object.entries(ev.observables ?? {}),
      heavyLowerBound: def.heavy ? def.heavy.lowerBound : null,
      nonNegativeBound: def.kind === 'bound' && (def.penalty ?? 100) >= 0,
    };
  });
}

/**
 * The couplings each constraint sees. With an eps or k axis every constraint shares one set, built from the
 * grid's mixing coordinate. With radiative mixing (SPEC §4.15) k comes from the per-model values and tables
 * of the `mixing` pseudo-constraint, chosen by the constraint's momentum class; g_X (x_f + k Q_f) is then
 * formed exactly as on a k axis (SPEC §6.2).
 */
function mixingSource(spec: KernelSpec, mx: F, gx: F): (def: ConstraintDef) => Couplings {
  const { axis, convention } = spec.mixing;
  if (axis !== 'radiative') {
    const value = ir.input('eps');
    const shared = buildCouplings(gx, axis === 'k' ? { kind: 'k', k: value } : { kind: 'eps', eps: value }, convention, mx);
    return () => shared;
  }
  if (convention !== 'photon') throw new Error('radiative mixing needs the photon mixing convention');
  const k0Key = tableKey(RADIATIVE_MIXING_ID, RADIATIVE_FIELDS.k0);
  const onShell = spec.tables.slots.get(tableKey(RADIATIVE_MIXING_ID, RADIATIVE_FIELDS.onShell));
  if (!spec.models.fields.has(k0Key) || !onShell) throw new Error('radiative mixing: the mixing pseudo-constraint is not active');
  const atZero = buildCouplings(gx, { kind: 'k', k: ir.modelValue(k0Key) }, convention, mx);
  const atMass = buildCouplings(
    gx,
    { kind: 'k', k: ir.massTable({ kind: onShell.kind, key: onShell.key, size: onShell.size }, 0) },
    convention,
    mx,
  );
  // 'recoil' constraints form k_rad(q²) inside their own tables; the couplings they get carry k_rad(0).
  return (def) => (def.mixingMomentum === 'onshell' ? atMass : atZero);
}

/** Bit k of word k>>5 set where bits[k] holds; null entries are constant zero bits. */
function maskWordsOf(bits: readonly (B | null)[]): U[] {
  const words: U[] = [];
  for (let w = 0; w * 32 < bits.length; w++) {
    let word: U = ir.uint(0);
    bits.slice(w * 32, w * 32 + 32).forEach((b, k) => {
      if (b) word = ir.bitOr(word, ir.select(b, ir.uint((2 ** k) >>> 0), ir.uint(0)));
    });
    words.push(word);
  }
  return words.length ? words : [ir.uint(0)];
}

/** Replace abstract inputs, model values and tables by buffer loads; fold float constants. */
/**
 * Where the point sits among the table's mass nodes: an exact node, or node i0 plus a fraction towards
 * i0 + 1 (log m_X). Index and fraction come separately from the CPU: a single float32 position would
 * lose the fraction's low bits at large node indices.
 */
export type MassLocation = { kind: 'exact'; index: U } | { kind: 'interp'; i0: U; frac: F };

function lowerer(spec: KernelSpec, bind: { mx: F; gx: F; eps: F; mass: MassLocation; modelBase: U; modelIndex: U }) {
  const load = (buf: 'tables' | 'statics' | 'models' | 'axes', index: U): F => ({ k: 'load', ty: 'f', buf, index }) as F;
  const nMass = spec.tables.masses.length;
  return (n: Node): Node => {
    switch (n.k) {
      case 'input':
        return bind[n.name];
      case 'model': {
        const off = spec.models.fields.get(n.name);
        if (off === undefined) throw new Error(`no per-model value '${n.name}'`);
        return load('models', ir.add(bind.modelBase, off));
      }
      case 'stab': {
        const slot = spec.tables.slots.get(n.table.key)!;
        return load('statics', ir.add(n.index as U, slot.offset));
      }
      case 'mtab': {
        const slot = spec.tables.slots.get(n.table.key)!;
        // Model-mass tables hold one [mass][column] block per model.
        const base: U = slot.kind === 'modelMass' ? ir.add(ir.mul(bind.modelIndex, nMass * slot.size), slot.offset) : ir.uint(slot.offset);
        const at = (row: U) => load('tables', ir.add(ir.add(ir.mul(row, slot.size), base), n.col as U));
        if (bind.mass.kind === 'exact') return at(bind.mass.index);
        if (nMass === 1) return load('tables', ir.add(n.col as U, base));
        const { i0, frac } = bind.mass;
        const v0 = at(i0);
        return ir.add(v0, ir.mul(ir.sub(at(ir.add(i0, 1)), v0), frac));
      }
      case 'bin':
        return foldConstant(n);
      case 'un':
        return foldConstant(n);
      default:
        return n;
    }
  };
}

function foldConstant(n: Node & { k: 'un' | 'bin' }): Node {
  if (n.k === 'bin' && (n.op === 'add' || n.op === 'bor') && n.ty === 'u') {
    // Offsets of zero are common in table and model indexing.
    if (n.b.k === 'uint' && n.b.v === 0) return n.a;
    if (n.a.k === 'uint' && n.a.v === 0) return n.b;
  }
  if (n.ty !== 'f') return n;
  if (n.k === 'un' && n.a.k === 'num') {
    const x = n.a.v;
    const v = { neg: -x, abs: Math.abs(x), sqrt: Math.sqrt(x), exp: Math.exp(x), log: Math.log(x), floor: Math.floor(x) }[n.op as 'neg'];
    return v !== undefined && Number.isFinite(v) ? ir.num(v) : n;
  }
  if (n.k === 'bin' && n.a.k === 'num' && n.b.k === 'num') {
    const [a, b] = [n.a.v, n.b.v];
    const v = { add: a + b, sub: a - b, mul: a * b, div: a / b, min: Math.min(a, b), max: Math.max(a, b) }[n.op as 'add'];
    return v !== undefined && Number.isFinite(v) ? ir.num(v) : n;
  }
  return n;
}

export function compileKernel(spec: KernelSpec): CompiledKernel {
  const graphs = constraintGraphs(spec);
  const bits = graphs.map((g) => g.id);
  const objective = graphs.filter((g) => spec.objective.has(g.id));
  const light = objective.filter((g) => g.heavyLowerBound === null);
  const heavy = objective.filter((g) => g.heavyLowerBound !== null);
  const cell = { k: 'cell', ty: 'u' } as U;
  const mode = spec.mode;

  let roots: Node[];
  let outputs: OutputSlot[];
  let slots: OutputSlots;
  let axes: CompiledKernel['axes'];
  let cells: number;
  let pointsPerCell = 1;
  let epsSlices = 1;

  if (mode.kind === 'grid') {
    const { nMx, nGx, nEps, profileEps } = mode;
    axes = { mx: 0, mIndex: nMx, mFrac: 2 * nMx, gx: 3 * nMx, eps: 3 * nMx + nGx, length: 3 * nMx + nGx + nEps };
    const axis = (off: number, i: U) => ({ k: 'load', ty: 'f', buf: 'axes', index: ir.add(i, off) }) as F;
    const slices = profileEps ? (mode.epsSlices ?? 1) : 1;
    if (!Number.isInteger(slices) || slices < 1 || slices > nEps) throw new Error(`epsSlices ${slices} must be an integer in [1, ${nEps}]`);
    const sliceLength = Math.ceil(nEps / slices);
    epsSlices = slices;
    let rest: U = cell;
    // The slice is the fastest-varying index: a logical cell's slices are adjacent device cells.
    let slice: U | null = null;
    if (slices > 1) {
      slice = ir.mod(rest, slices);
      rest = ir.div(rest, slices);
    }
    let ieCell: U | null = null;
    if (!profileEps) {
      ieCell = ir.mod(rest, nEps);
      rest = ir.div(rest, nEps);
    }
    const ig = ir.mod(rest, nGx);
    rest = ir.div(rest, nGx);
    const im = ir.mod(rest, nMx);
    const model = ir.div(rest, nMx);
    cells = mode.nModels * nMx * nGx * (profileEps ? slices : nEps);
    pointsPerCell = profileEps ? sliceLength : 1;
    const fixed = {
      mx: axis(axes.mx, im),
      gx: axis(axes.gx, ig),
      modelBase: ir.mul(model, spec.models.stride),
      modelIndex: model,
      mass: (spec.exactMass
        ? { kind: 'exact', index: im }
        : { kind: 'interp', i0: ir.toUint(axis(axes.mIndex, im)), frac: axis(axes.mFrac, im) }) as MassLocation,
    };

    const termGraphs = mode.termsAtBest ? graphs : [];
    const observed = (mode.observablesAtBest ?? []).map((name) => {
      const dot = name.indexOf('.');
      const g = graphs.find((x) => x.id === name.slice(0, dot));
      const o = g?.observables.find(([n]) => n === name.slice(dot + 1));
      if (!g || !o) throw new Error(`no observable '${name}' among the active constraints`);
      return { name, value: o[1] };
    });
    // Profile: only the objective inside the loop. Light terms always; heavy ones only where they can
    // still beat the running minimum (exact: a skipped point has total >= best and would not have won;
    // ties keep the lower index).
    let bestTotal: F;
    let ieBest: U;
    // Constraints whose chi2 was non-finite at some point of the profile (objective terms; pruned
    // heavy terms were not evaluated and do not count).
    let loopNonfinite: U[] | null = null;
    let heavyCount: F | null = null;
    if (profileEps) {
      const nfWords = maskWordsOf(graphs.map(() => null)).length;
      const counting = mode.countHeavy === true && heavy.length > 0;
      const cheap = light.filter((g) => !g.nonNegativeBound);
      const lazyBounds = mode.prune && cheap.length < light.length;
      const lightSum = ir.sum(...light.map((g) => g.chi2));
      const cheapSum = ir.sum(...cheap.map((g) => g.chi2));
      const at = (i: U) => lowerer(spec, { ...fixed, eps: axis(axes!.eps, i) });
      // Computed bounds: this (model, m_X)'s field, the first field's offset plus the m_X index (consecutive).
      let heavyBound: F | null = null;
      if (mode.heavyBound) {
        const first = spec.models.fields.get(heavyBoundField(0));
        if (first === undefined || spec.models.fields.get(heavyBoundField(nMx - 1)) !== first + nMx - 1)
          throw new Error('heavyBound: the per-model records need one consecutive bound field per m_X');
        heavyBound = { k: 'load', ty: 'f', buf: 'models', index: ir.add(ir.add(fixed.modelBase, first), im) } as F;
      }
      // Seeded profile (issue 18, item 3): a first pass over the cheap terms finds their argmin, the loop starts
      // from the full total there (with heavy terms: COHERENT evaluated there first), and the bound and heavy
      // terms are then evaluated only where the cheap terms (plus the heavy terms' lower bound) can still beat
      // it. The result is the same (minimum, first index): the loop keeps the lexicographic minimum of (total,
      // index), a skipped point cannot undercut it, and a seed at or above PRUNED (non-finite terms there) is
      // not used, so that a cell without any finite point still reports (PRUNED, 0) as the unseeded loop does.
      // Not with a ceiling (the fit: its ceiling already comes from the full total at the light-term argmin)
      // nor with split loops (the seed would lie outside most slices; splitting is for GPUs only).
      const seeded = !mode.ceiling && !slice && ((lazyBounds && heavy.length === 0) || (mode.prune && heavy.length > 0));
      let init: Node[] = [
        ir.num(PRUNED),
        ir.uint(0),
        ...Array.from({ length: nfWords }, () => ir.uint(0)),
        ...(counting ? [ir.num(0)] : []),
      ];
      if (seeded) {
        const [, seedIndex] = ir.fold(
          { count: nEps, init: [ir.num(SEED_SEARCH_START), ir.uint(0)], label: 'seed: argmin of the cheap terms' },
          (i, st) => {
            const [v] = rewriteGraph([cheapSum], at(i)) as F[];
            const lower = ir.lt(v, st[0] as F);
            return [ir.select(lower, v, st[0] as F), ir.select(lower, i, st[1] as U)];
          },
        );
        // The total exactly as the loop forms it (light sum, then each heavy term), and which heavy terms were
        // non-finite there (the loop will not evaluate them again at the seed).
        const seedTotal = ir.sum(lightSum, ...heavy.map((g) => g.chi2));
        const seedSeen = maskWordsOf(graphs.map((g) => (heavy.includes(g) ? ir.eq(g.chi2, NONFINITE_CHI2) : null)));
        const [total, ...seen] = rewriteGraph([seedTotal, ...seedSeen], at(seedIndex as U));
        const use = ir.lt(total as F, PRUNED);
        init = [
          ir.select(use, total as F, PRUNED),
          ir.select(use, seedIndex as U, ir.uint(0)),
          ...seen.map((w) => w as U),
          ...(counting ? [ir.num(1)] : []),
        ];
      }
      // Index into the eps axis of loop step i: the step itself, or within this cell's slice.
      const epsIndex = (i: U): U => (slice ? ir.min(ir.add(ir.mul(slice, sliceLength), i), nEps - 1) : i);
      const [best, arg, ...loopState] = ir.fold({ count: sliceLength, init, label: 'profile over eps' }, (step, state) => {
        const i = epsIndex(step);
        const best = state[0] as F;
        const target = mode.ceiling ? ir.min(best, ir.modelValue(CEILING_FIELD)) : best;
        // Below the target, or (seeded: the running best may sit at a later index) equal to it at a lower index.
        const canWin = (x: F, t: F): B => (seeded ? ir.or(ir.lt(x, t), ir.and(ir.eq(x, t), ir.lt(i, state[1] as U))) : ir.lt(x, t));
        // Bound terms (the resonance searches: 0 or a penalty) are >= 0, so where the other light terms plus
        // the heavy terms' lower bound cannot beat the target neither can the point: the bounds are then not
        // evaluated (exact: float sums are monotone, so the full light total is >= the partial one, and the
        // heavy terms would be pruned by the same comparison; ties keep the lower index).
        // The heavy terms can be negative: the comparison includes their lower bound.
        const bound = heavyBound ?? heavy.reduce((s, g) => s + g.heavyLowerBound!, 0);
        const cheapWorth = canWin(heavy.length ? ir.add(cheapSum, bound) : cheapSum, target);
        const lightTotal = lazyBounds ? ir.lazy(cheapWorth, lightSum, PRUNED) : lightSum;
        const worth = mode.prune && heavy.length ? canWin(ir.add(lightTotal, bound), target) : ir.bool(true);
        const heavyTerms = heavy.map((g) => ir.lazy(worth, g.chi2, PRUNED));
        const total = ir.sum(lightTotal, ...heavyTerms);
        // A term equals NONFINITE_CHI2 exactly where it was non-finite (it is selected, not computed).
        // Bound terms are never non-finite (a select of two constants): left out, so that the loop does not
        // evaluate them where they were skipped.
        const termOf = new Map<string, F>([
          ...light.filter((g) => !lazyBounds || !g.nonNegativeBound).map((g) => [g.id, g.chi2] as const),
          ...heavy.map((g, k) => [g.id, heavyTerms[k]] as const),
        ]);
        const seen = maskWordsOf(graphs.map((g) => (termOf.has(g.id) ? ir.eq(termOf.get(g.id)!, NONFINITE_CHI2) : null)));
        const [lowTotal, lowWorth, ...lowSeen] = rewriteGraph([total, worth, ...seen], at(i));
        const better = canWin(lowTotal as F, best);
        return [
          ir.select(better, lowTotal as F, best),
          ir.select(better, i, state[1] as U),
          ...lowSeen.map((w, k) => ir.bitOr(state[2 + k] as U, w as U)),
          ...(counting ? [ir.add(state[2 + nfWords] as F, ir.select(lowWorth as B, 1, 0))] : []),
        ];
      });
      bestTotal = best as F;
      ieBest = arg as U;
      loopNonfinite = loopState.slice(0, nfWords) as U[];
      heavyCount = counting ? (loopState[nfWords] as F) : null;
    } else {
      ieBest = ieCell!;
      bestTotal = ir.sum(...objective.map((g) => g.chi2));
    }
    // Everything stored besides the minimum (masks, terms, observables) is evaluated once per cell, at
    // the minimising eps, instead of at every improvement inside the loop.
    const atBest = { ...fixed, eps: axis(axes.eps, ieBest) };
    const maskWords = maskWordsOf(graphs.map((g) => g.excluded));
    const nonfiniteWords = maskWordsOf(graphs.map((g) => g.nonfinite));
    const stored = rewriteGraph(
      [...maskWords, ...nonfiniteWords, ...termGraphs.map((g) => g.chi2), ...observed.map((o) => o.value)],
      lowerer(spec, atBest),
    );
    // The profiled minimum is already lowered (a loop result); the unprofiled total still needs it.
    const total = profileEps ? bestTotal : (rewriteGraph([bestTotal], lowerer(spec, atBest))[0] as F);
    const nWords = maskWords.length;
    const lowMasks = stored.slice(0, nWords);
    // Non-finite anywhere in the profile (objective terms) or at the reported point (every constraint).
    const lowNonfinite = stored.slice(nWords, 2 * nWords).map((w, k) => (loopNonfinite ? ir.bitOr(loopNonfinite[k], w as U) : w));
    roots = [total, ieBest, ...lowMasks, ...lowNonfinite, ...stored.slice(2 * nWords), ...(heavyCount ? [heavyCount] : [])];
    outputs = [
      { name: 'chi2', ty: 'f' },
      { name: 'argmin_eps', ty: 'u' },
      ...Array.from({ length: nWords }, (_, k) => ({ name: `mask${k}`, ty: 'u' as const })),
      ...Array.from({ length: nWords }, (_, k) => ({ name: `nonfinite${k}`, ty: 'u' as const })),
      ...termGraphs.map((g) => ({ name: `chi2_${g.id}`, ty: 'f' as const })),
      ...observed.map((o) => ({ name: `obs_${o.name}`, ty: 'f' as const })),
      ...(heavyCount ? [{ name: 'heavy_evaluations', ty: 'f' as const }] : []),
    ];
    const after = 2 + 2 * nWords;
    slots = {
      chi2: 0,
      argmin: 1,
      maskWords: Array.from({ length: nWords }, (_, k) => 2 + k),
      nonfiniteWords: Array.from({ length: nWords }, (_, k) => 2 + nWords + k),
      terms: new Map(termGraphs.map((g, k) => [g.id, after + k])),
      observables: new Map(observed.map((o, k) => [o.name, after + termGraphs.length + k])),
      heavyEvaluations: heavyCount ? after + termGraphs.length + observed.length : null,
    };
  } else {
    cells = mode.nPoints;
    const base = ir.mul(cell, POINT_STRIDE);
    const at = (k: number) => ({ k: 'load', ty: 'f', buf: 'axes', index: ir.add(base, k) }) as F;
    const modelIndex = ir.toUint(at(0));
    const bind = {
      modelIndex,
      modelBase: ir.mul(modelIndex, spec.models.stride),
      mx: at(1),
      gx: at(2),
      eps: at(3),
      mass: (spec.exactMass
        ? { kind: 'exact', index: ir.toUint(at(4)) }
        : { kind: 'interp', i0: ir.toUint(at(4)), frac: at(5) }) as MassLocation,
    };
    const observables = mode.observables ? graphs.flatMap((g) => g.observables.map(([name, v]) => ({ name: `${g.id}.${name}`, v }))) : [];
    const total = ir.sum(...objective.map((g) => g.chi2));
    const words = maskWordsOf(graphs.map((g) => g.excluded));
    const nonfiniteWords = maskWordsOf(graphs.map((g) => g.nonfinite));
    roots = rewriteGraph(
      [...graphs.map((g) => g.chi2), total, ...words, ...nonfiniteWords, ...observables.map((o) => o.v)],
      lowerer(spec, bind),
    );
    outputs = [
      ...graphs.map((g) => ({ name: `chi2_${g.id}`, ty: 'f' as const })),
      { name: 'chi2', ty: 'f' },
      ...words.map((_, k) => ({ name: `mask${k}`, ty: 'u' as const })),
      ...nonfiniteWords.map((_, k) => ({ name: `nonfinite${k}`, ty: 'u' as const })),
      ...observables.map((o) => ({ name: o.name, ty: 'f' as const })),
    ];
    const n = graphs.length;
    slots = {
      chi2: n,
      argmin: null,
      maskWords: words.map((_, k) => n + 1 + k),
      nonfiniteWords: nonfiniteWords.map((_, k) => n + 1 + words.length + k),
      terms: new Map(graphs.map((g, k) => [g.id, k])),
      observables: new Map(observables.map((o, k) => [o.name, n + 1 + words.length + nonfiniteWords.length + k])),
      heavyEvaluations: null,
    };
  }

  checkSlots(outputs, slots);
  const program = schedule(roots);
  const stride = outputs.length;
  const wgslWith = (statics: string) =>
    driverWgsl({
      body: [...wgslArrays(program, '  '), ...wgslStatements(program.body, '  ')].join('\n'),
      stores: wgslStores(program, '  ').join('\n'),
      stride,
      header: [`// u1x generated kernel: ${mode.kind} mode, constraints: ${bits.join(', ') || '(none)'}`, statics].join('\n'),
    });
  const wgsl = wgslWith(STATICS_FROM_BUFFER);
  const inline = inlineStatics(spec.tables);
  const js = [
    '"use strict";',
    ...jsArrays(program, ''),
    'for (let local = 0; local < count; local++) {',
    '  const cell = base + local;',
    ...jsStatements(program.body, '  '),
    `  const o = local * ${stride};`,
    ...jsStores(program, '  '),
    '}',
  ].join('\n');
  return {
    wgsl,
    wgslSoftware: inline === null ? undefined : wgslWith(inline),
    js,
    program,
    outputs,
    slots,
    bits,
    maskWords: slots.maskWords.length,
    axes,
    pointStride: mode.kind === 'points' ? POINT_STRIDE : undefined,
    cells,
    pointsPerCell,
    epsSlices,
  };
}

/** WGSL of u1x_static(): an element of the static tables, read from the tables buffer (they are its start). */
const STATICS_FROM_BUFFER = 'fn u1x_static(i: u32) -> f32 { return tables[i]; }';
/** Largest static block compiled in as constants (COHERENT's bins, the r-value nodes, resonance constants: ~2.3 k). */
const MAX_INLINE_STATICS = 8192;

/**
 * WGSL of u1x_static() over a constant array holding exactly the float32 values the tables buffer holds
 * (backends/webgpu.ts toF32: round to nearest, tiny values to 0), or null where that cannot be written.
 */
function inlineStatics(tables: TableLayout): string | null {
  const n = tables.staticLength;
  if (n === 0 || n > MAX_INLINE_STATICS) return null;
  const literals: string[] = [];
  for (let i = 0; i < n; i++) {
    const v = tables.data[i];
    if (!(Math.abs(v) <= F32_MAX)) return null;
    literals.push(wgslFloat(v));
  }
  return [`const u1x_statics = array<f32, ${n}>(${literals.join(', ')});`, 'fn u1x_static(i: u32) -> f32 { return u1x_statics[i]; }'].join(
    '\n',
  );
}

/**
 * The slots by meaning must name the outputs they claim (mask k at `mask${k}`, and so on): a new output
 * added to one list and not the other would otherwise shift every reader silently.
 */
function checkSlots(outputs: readonly OutputSlot[], slots: OutputSlots): void {
  const expect = (slot: number | null, name: string) => {
    if (slot !== null && outputs[slot]?.name !== name)
      throw new Error(`internal error: output slot ${slot} is '${outputs[slot]?.name}', expected '${name}'`);
  };
  expect(slots.chi2, 'chi2');
  expect(slots.argmin, 'argmin_eps');
  expect(slots.heavyEvaluations, 'heavy_evaluations');
  slots.maskWords.forEach((s, k) => expect(s, `mask${k}`));
  slots.nonfiniteWords.forEach((s, k) => expect(s, `nonfinite${k}`));
  for (const [id, s] of slots.terms) expect(s, `chi2_${id}`);
  const observableName = (name: string) => (slots.argmin === null ? name : `obs_${name}`);
  for (const [name, s] of slots.observables) expect(s, observableName(name));
}

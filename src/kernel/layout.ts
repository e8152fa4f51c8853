// Buffer layouts shared by both backends: the float64 table buffer (every constraint's tables
// concatenated) and the per-model records (coupling-record fields, per-model parameters, and
// applicability flags).

import type { ActiveConstraint } from '../constraints/activate.js';
import type { ConstraintGroup, TableScope, TableSpec } from '../constraints/define.js';
import { COUPLING_FIELDS, type ScanModel } from '../models/types.js';

/** Model-mass tables beyond this many values are refused (float32 binding limits, memory). */
export const MAX_MODEL_MASS_VALUES = 2 ** 24;

export interface TableSlot {
  key: string;
  kind: 'mass' | 'modelMass' | 'static';
  offset: number;
  /** Columns per mass node, or the length of a static table. */
  size: number;
  buildMs: number;
}

export interface TableLayout {
  data: Float64Array;
  masses: Float64Array;
  slots: Map<string, TableSlot>;
  /** The static tables are data[0, staticLength). */
  staticLength: number;
}

/**
 * Node index and fraction of a mass among log-spaced table nodes: node i0 plus frac of the way to
 * i0 + 1 in log m_X, clamped to the table (edge values are held outside it).
 */
export function massLocation(masses: Float64Array, mx: number): { i0: number; frac: number } {
  const n = masses.length;
  if (n < 2) return { i0: 0, frac: 0 };
  const lo = Math.log(masses[0]);
  const step = Math.log(masses[n - 1] / masses[0]) / (n - 1);
  const pos = Math.min(Math.max((Math.log(mx) - lo) / step, 0), n - 1);
  const i0 = Math.min(Math.floor(pos), n - 2);
  return { i0, frac: pos - i0 };
}

export function tableKey(constraintId: string, name: string): string {
  return `${constraintId}.${name}`;
}

/**
 * Build every table of the active constraints at the given mass nodes (GeV), for the given models. `kernel`
 * (exact mass nodes, mixing) lets groups add tables that only suit some kernels (see TableScope).
 */
export function buildTables(
  active: readonly ActiveConstraint[],
  masses: Float64Array,
  models: readonly ScanModel[],
  kernel?: Omit<TableScope, 'masses' | 'models'>,
): TableLayout {
  const scope: TableScope | undefined = kernel && { masses, models, ...kernel };
  const parts: { slot: TableSlot; data: Float64Array }[] = [];
  const owners: { prefix: string; tables: Record<string, TableSpec> }[] = active.map(({ def, inst }) => ({
    prefix: def.id,
    tables: inst.tables ?? {},
  }));
  for (const [group, members] of constraintGroups(active)) owners.push({ prefix: group.key, tables: group.tables(members, scope) });
  for (const { prefix, tables } of owners) {
    for (const [name, spec] of Object.entries(tables)) {
      const t0 = performance.now();
      const key = tableKey(prefix, name);
      let data: Float64Array;
      if (spec.kind === 'mass') data = spec.build(masses);
      else if (spec.kind === 'static') data = spec.data;
      else {
        const per = masses.length * spec.columns;
        if (per * models.length > MAX_MODEL_MASS_VALUES) {
          throw new Error(`table ${key}: ${models.length} models x ${masses.length} masses x ${spec.columns} columns is too large`);
        }
        data = new Float64Array(per * models.length);
        models.forEach((m, i) => {
          const part = spec.build(m, masses);
          if (part.length !== per) throw new Error(`table ${key}: model ${m.id} gave ${part.length} values, expected ${per}`);
          data.set(part, i * per);
        });
      }
      const buildMs = performance.now() - t0;
      const size = spec.kind === 'static' ? data.length : spec.columns;
      const expected =
        spec.kind === 'mass'
          ? masses.length * spec.columns
          : spec.kind === 'modelMass'
            ? models.length * masses.length * spec.columns
            : data.length;
      if (data.length !== expected) throw new Error(`table ${key}: ${data.length} values, expected ${expected}`);
      for (let i = 0; i < data.length; i++) {
        if (!Number.isFinite(data[i]))
          throw nonfiniteTableValue(key, spec.kind, spec.kind === 'static' ? 0 : spec.columns, masses, models, i, data[i]);
      }
      parts.push({ slot: { key, kind: spec.kind, offset: 0, size, buildMs }, data });
    }
  }
  // Static tables first: they form one block at the start of the buffer, which a kernel for a software
  // adapter compiles in as shader constants (compile.ts, CompiledKernel.wgslSoftware).
  parts.sort((a, b) => Number(b.slot.kind === 'static') - Number(a.slot.kind === 'static'));
  let offset = 0;
  let staticLength = 0;
  for (const p of parts) {
    p.slot.offset = offset;
    offset += p.data.length;
    if (p.slot.kind === 'static') staticLength = offset;
  }
  const data = new Float64Array(Math.max(offset, 4));
  for (const p of parts) data.set(p.data, p.slot.offset);
  return { data, masses, slots: new Map(parts.map((p) => [p.slot.key, p.slot])), staticLength };
}

/** The groups among the active constraints, each with its member ids in activation order. */
export function constraintGroups(active: readonly ActiveConstraint[]): Map<ConstraintGroup, string[]> {
  const groups = new Map<ConstraintGroup, string[]>();
  for (const { def, inst } of active) {
    if (!inst.group) continue;
    const members = groups.get(inst.group) ?? [];
    members.push(def.id);
    groups.set(inst.group, members);
  }
  return groups;
}

export interface ModelLayout {
  data: Float64Array;
  stride: number;
  /** Field name -> offset within a record. */
  fields: Map<string, number>;
  /** constraint id -> per-model reason it does not apply (undefined where it applies). */
  notApplicable: Map<string, (string | undefined)[]>;
}

export function appliesField(constraintId: string): string {
  return `applies.${constraintId}`;
}

/** Per-model field with the scan's pruning ceiling (see compile.ts, GridMode.ceiling). */
export const CEILING_FIELD = 'u1x.ceiling';
/**
 * Per-model fields, one per m_X index of the grid, with a lower bound of the sum of the heavy terms at that
 * m_X (computed bounds; see compile.ts, GridMode.heavyBound), replacing the constraints' own heavy.lowerBound.
 */
export const heavyBoundField = (mxIndex: number): string => `u1x.heavyBound.${mxIndex}`;

export function buildModelData(
  models: readonly ScanModel[],
  active: readonly ActiveConstraint[],
  extra: Record<string, ArrayLike<number>> = {},
): ModelLayout {
  const names: string[] = [...COUPLING_FIELDS];
  const producers: ((m: ScanModel, i: number) => number)[] = COUPLING_FIELDS.map((f) => (m: ScanModel) => m.record[f]);
  for (const [name, values] of Object.entries(extra)) {
    names.push(name);
    producers.push((_m, i) => values[i]);
  }
  const notApplicable = new Map<string, (string | undefined)[]>();
  for (const { def, inst } of active) {
    for (const [name, fn] of Object.entries(inst.modelParams ?? {})) {
      names.push(tableKey(def.id, name));
      producers.push(fn);
    }
    if (inst.appliesTo) {
      const reasons = models.map((m) => {
        const r = inst.appliesTo!(m);
        return r === true ? undefined : r;
      });
      notApplicable.set(def.id, reasons);
      names.push(appliesField(def.id));
      producers.push((_m, i) => (reasons[i] === undefined ? 1 : 0));
    }
  }
  const stride = names.length;
  const data = new Float64Array(Math.max(models.length * stride, 4));
  models.forEach((m, i) => {
    producers.forEach((p, k) => {
      const v = p(m, i);
      // Inputs are range-checked before this (physics/inputRanges.ts): a non-finite value is a bug.
      if (!Number.isFinite(v))
        throw new Error(`internal error: model ${m.id}: per-model value ${names[k]} is ${v} (charges within the supported range)`);
      data[i * stride + k] = v;
    });
  });
  return { data, stride, fields: new Map(names.map((n, k) => [n, k])), notApplicable };
}

/**
 * Points, axes and charges are range-checked before tables are built (physics/inputRanges.ts), so a
 * non-finite table value is a defect of the table's builder, not of the input: an internal error that
 * names where it happened.
 */
function nonfiniteTableValue(
  key: string,
  kind: 'mass' | 'modelMass' | 'static',
  columns: number,
  masses: Float64Array,
  models: readonly ScanModel[],
  i: number,
  v: number,
): Error {
  let where = `element ${i}`;
  if (kind !== 'static') {
    const row = Math.floor(i / columns);
    const model = kind === 'modelMass' ? models[Math.floor(row / masses.length)] : undefined;
    where = `${model ? `model ${model.id}, ` : ''}m_X = ${masses[row % masses.length]} GeV, column ${i % columns}`;
  }
  return new Error(`internal error: table ${key} is ${v} at ${where} (inputs within the supported ranges)`);
}

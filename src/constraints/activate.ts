// Runs each selected constraint's setup for one scan: validates options and dataset choices, and
// separates the constraints that will run from those skipped (with the reason).

import { UserError } from '../util/errors.js';
import type { MixingConvention } from './couplings.js';
import { DATASET_FAMILIES } from './datasets.js';
import { type ConstraintDef, type ConstraintInstance, isSkipped } from './define.js';
import { RADIATIVE_MIXING } from './radiative.js';
import { CONSTRAINTS } from './registry.js';

export interface ActiveConstraint {
  def: ConstraintDef;
  inst: ConstraintInstance;
  /** Dataset id used, if the constraint has one. */
  datasetId: string | null;
  options: Record<string, string | number | boolean>;
}

export interface SkippedConstraint {
  def: ConstraintDef;
  reason: string;
}

export interface ActivationRequest {
  /** Constraint ids to run; undefined = all registered. */
  ids?: readonly string[];
  /** Dataset family key -> selected dataset id. */
  datasets?: Record<string, string>;
  /** Constraint id -> option name -> value. */
  options?: Record<string, Record<string, unknown>>;
  dataDirs: { coherent: string | null; darkcast: string | null };
  mixing: MixingConvention;
  /** Radiative mixing (SPEC §4.15): adds the `mixing` pseudo-constraint that carries k_rad (constraints/radiative.ts). */
  radiative?: boolean;
  /** Extra definitions (e.g. generated resonance constraints) beside the static registry. */
  extra?: readonly ConstraintDef[];
  /** Projections to add (role 'projection'): 'all', 'none' (default) or ids. */
  projections?: 'all' | 'none' | readonly string[];
}

/** The projections (role 'projection') a request names: 'all', 'none' or ids (unknown ids are a UserError). */
export function selectProjections(defs: readonly ConstraintDef[], choice: ActivationRequest['projections']): string[] {
  const known = defs.filter((d) => d.role === 'projection').map((d) => d.id);
  if (choice === undefined || choice === 'none') return [];
  if (choice === 'all') return known;
  for (const id of choice) {
    if (!known.includes(id)) throw new UserError(`unknown projection '${id}' (known: ${known.join(', ')})`);
  }
  return [...new Set(choice)];
}

export function allConstraintDefs(extra: readonly ConstraintDef[] = []): ConstraintDef[] {
  return [...CONSTRAINTS, ...extra];
}

export function activateConstraints(req: ActivationRequest): { active: ActiveConstraint[]; skipped: SkippedConstraint[] } {
  const defs = allConstraintDefs(req.extra);
  const byId = new Map(defs.map((d) => [d.id, d]));
  const chosen = req.ids ?? defs.filter((d) => d.role !== 'projection' && (d.inDefaultSet?.(req.dataDirs) ?? true)).map((d) => d.id);
  for (const id of chosen) {
    if (!byId.has(id))
      throw new UserError(
        `unknown constraint '${id}' (known: ${defs
          .filter((d) => d.role !== 'projection')
          .map((d) => d.id)
          .join(', ')})`,
      );
    if (byId.get(id)!.role === 'projection')
      throw new UserError(`'${id}' is a projection: select it with projections: [${id}], not as a constraint`);
  }
  const ids = [...chosen, ...selectProjections(defs, req.projections)];
  for (const [family, id] of Object.entries(req.datasets ?? {})) {
    const fam = DATASET_FAMILIES.find((f) => f.key === family);
    if (!fam) throw new UserError(`unknown dataset family '${family}' (known: ${DATASET_FAMILIES.map((f) => f.key).join(', ')})`);
    if (!fam.entries[id]) throw new UserError(`unknown ${family} dataset '${id}' (known: ${Object.keys(fam.entries).join(', ')})`);
  }
  for (const id of Object.keys(req.options ?? {})) {
    if (!byId.has(id)) throw new UserError(`options given for unknown constraint '${id}'`);
  }

  const active: ActiveConstraint[] = [];
  const skipped: SkippedConstraint[] = [];
  for (const id of ids) {
    const def = byId.get(id)!;
    const options = resolveOptions(def, req.options?.[id] ?? {});
    const datasetId = def.dataset ? (req.datasets?.[def.dataset.key] ?? def.dataset.default) : null;
    const inst = def.setup({
      dataset: def.dataset && datasetId ? def.dataset.entries[datasetId] : null,
      option: <T extends string | number | boolean>(name: string) => {
        if (!(name in options)) throw new Error(`constraint ${id} reads undeclared option '${name}'`);
        return options[name] as T;
      },
      dataDirs: req.dataDirs,
      mixing: req.mixing,
      radiative: req.radiative ?? false,
    });
    if (isSkipped(inst)) skipped.push({ def, reason: inst.skip });
    else active.push({ def, inst, datasetId, options });
  }
  if (req.radiative) {
    if (req.mixing !== 'photon')
      throw new UserError('radiative mixing is defined with the photon (not hypercharge) mixing convention (SPEC §4.15)');
    const inst = RADIATIVE_MIXING.setup({
      dataset: null,
      option: () => {
        throw new Error('no options');
      },
      dataDirs: req.dataDirs,
      mixing: req.mixing,
      radiative: true,
    });
    if (isSkipped(inst)) throw new Error('radiative mixing cannot be skipped');
    active.push({ def: RADIATIVE_MIXING, inst, datasetId: null, options: {} });
  }
  return { active, skipped };
}

function resolveOptions(def: ConstraintDef, given: Record<string, unknown>): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  const specs = def.options ?? {};
  for (const name of Object.keys(given)) {
    if (!(name in specs)) {
      throw new UserError(`constraint ${def.id} has no option '${name}' (options: ${Object.keys(specs).join(', ') || 'none'})`);
    }
  }
  for (const [name, spec] of Object.entries(specs)) {
    const v = name in given ? given[name] : spec.default;
    if (typeof v !== typeof spec.default) {
      throw new UserError(`option ${def.id}.${name} must be a ${typeof spec.default}, got ${JSON.stringify(v)}`);
    }
    if (spec.values && !spec.values.includes(String(v))) {
      throw new UserError(`option ${def.id}.${name} must be one of ${spec.values.join(', ')}, got ${JSON.stringify(v)}`);
    }
    out[name] = v as string | number | boolean;
  }
  return out;
}

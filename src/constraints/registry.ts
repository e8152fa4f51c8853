// Every constraint u1x knows, keyed by its stable id. Adding a constraint = one file + one line here.

import amu from './amu.js';
import type { ConstraintDef } from './define.js';

const ALL: readonly ConstraintDef[] = [amu];

function checkUnique(defs: readonly ConstraintDef[]): readonly ConstraintDef[] {
  const seen = new Set<string>();
  for (const d of defs) {
    if (seen.has(d.id)) throw new Error(`constraint id '${d.id}' registered twice`);
    seen.add(d.id);
  }
  return defs;
}

export const CONSTRAINTS: readonly ConstraintDef[] = checkUnique(ALL);

export function constraintById(id: string): ConstraintDef | undefined {
  return CONSTRAINTS.find((c) => c.id === id);
}

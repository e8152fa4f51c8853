// Every constraint u1x knows, keyed by its stable id. Adding a constraint = one file + one line here.

import amu from './amu.js';
import coherent from './coherent.js';
import ae from './ae.js';
import apv from './apv.js';
import bbn from './bbn.js';
import borexino from './borexino.js';
import ccfr from './ccfr.js';
import ccfr_eft from './ccfr_eft.js';
import charm2 from './charm2.js';
import dmeson_invisible from './dmeson_invisible.js';
import dmeson_mixing from './dmeson_mixing.js';
import ew_t from './ew_t.js';
import nsi_osc from './nsi_osc.js';
import texono from './texono.js';
import unitarity from './unitarity.js';
import zpole_rmue from './zpole_rmue.js';
import type { ConstraintDef } from './define.js';
import { PROJECTION_CONSTRAINTS, RESONANCE_CONSTRAINTS } from './resonance.js';

const ALL: readonly ConstraintDef[] = [
  amu,
  ae,
  apv,
  bbn,
  borexino,
  ccfr,
  ccfr_eft,
  coherent,
  charm2,
  dmeson_invisible,
  dmeson_mixing,
  ew_t,
  nsi_osc,
  texono,
  unitarity,
  zpole_rmue,
  ...RESONANCE_CONSTRAINTS,
  ...PROJECTION_CONSTRAINTS,
];

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

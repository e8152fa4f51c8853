// Parser for DarkCast's hadronic R-ratio pieces `vmd/rf.<final state>.<meson(s)>.dat`
// (RESONANCE_RECAST.md §2.3): two columns, mass and R_mu^F, on a 0.5 MeV grid up to 2 GeV.

import { basename } from 'node:path';
import { UserError } from '../../util/errors.js';
import type { VmdCurve } from '../../physics/darkcast/dataTypes.js';
import { readNumericTable, tableError } from './tableText.js';

const COMPONENTS = new Set(['rho0', 'omega', 'phi', 'omega_phi']);

/** Final state and meson component from a file name such as `rf.pi+_pi-_pi0.omega_phi.dat`. */
export function parseVmdFileName(path: string): { finalState: string; component: string } {
  const name = basename(path);
  const parts = name.split('.');
  if (parts.length !== 4 || parts[0] !== 'rf' || parts[3] !== 'dat' || !COMPONENTS.has(parts[2])) {
    throw new UserError(`${path}: not a VMD curve name; expected rf.<final state>.<rho0|omega|phi|omega_phi>.dat`);
  }
  return { finalState: parts[1], component: parts[2] };
}

export function parseVmdText(text: string, file: string): VmdCurve {
  const { finalState, component } = parseVmdFileName(file);
  const table = readNumericTable(text, file);
  if (table.columns.length !== 2 || table.columns[0] !== 'mass') {
    throw tableError(file, table.headerLine, `expected header '# mass R_mu^F', found '# ${table.columns.join(' ')}'`);
  }
  for (let k = 1; k < table.rows.length; k++) {
    if (!(table.rows[k].values[0] > table.rows[k - 1].values[0])) {
      throw tableError(file, table.rows[k].line, `mass ${table.rows[k].values[0]} does not increase; masses must be sorted and unique`);
    }
  }
  // No sign check on R: the shipped 2π2π⁰ ρ piece dips slightly below zero near 0.84 GeV (fit residue),
  // and the ω–φ interference term is legitimately negative.
  return {
    file,
    finalState,
    component,
    masses: Float64Array.from(table.rows, (r) => r.values[0]),
    values: Float64Array.from(table.rows, (r) => r.values[1]),
  };
}

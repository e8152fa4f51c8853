// Parser for DarkCast production-fraction tables `limits/*.prd` (RESONANCE_RECAST.md §2.2): column 1 is
// the mass, the others name production mechanisms and give each one's share of the dark-photon signal.

import type { ProductionFractionTable } from '../../physics/darkcast/dataTypes.js';
import { readNumericTable, tableError } from './tableText.js';

export function parseProductionText(text: string, file: string): ProductionFractionTable {
  const table = readNumericTable(text, file);
  if (table.columns[0] !== 'mass') {
    throw tableError(file, table.headerLine, `first column must be 'mass', found '${table.columns[0]}'`);
  }
  const mechanisms = table.columns.slice(1);
  for (let k = 0; k < table.rows.length; k++) {
    const row = table.rows[k];
    if (k > 0 && !(row.values[0] > table.rows[k - 1].values[0])) {
      throw tableError(file, row.line, `mass ${row.values[0]} does not increase; masses must be sorted and unique`);
    }
    row.values.slice(1).forEach((f, j) => {
      if (f < 0) throw tableError(file, row.line, `fraction for '${mechanisms[j]}' is negative (${f})`);
    });
  }
  return {
    file,
    mechanisms,
    masses: Float64Array.from(table.rows, (r) => r.values[0]),
    fractions: mechanisms.map((_, j) => Float64Array.from(table.rows, (r) => r.values[j + 1])),
  };
}

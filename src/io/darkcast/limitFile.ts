// Parser for DarkCast limit tables `limits/*.lmt` (RESONANCE_RECAST.md §2.1). Three layouts, told apart
// by the header: `mass lower` (single-sided), `mass lower upper` (double-sided), `mass g r` (r-value grid).

import { isSentinel, type EdgeLimitTable, type LimitTable, type RValueLimitTable } from '../../physics/darkcast/dataTypes.js';
import { readNumericTable, tableError, type TableRow } from './tableText.js';

export interface LimitFileStats {
  /** Data rows in the file. */
  rows: number;
  /** Rows whose coupling column(s) hold the 1e5 sentinel. */
  sentinelRows: number;
  /** Rows whose mass repeats the previous row's (resolved: last row wins). */
  duplicateMasses: number;
  /** Whether the file listed its masses in non-decreasing order. */
  sorted: boolean;
}

export type ParsedLimitTable = LimitTable & { stats: LimitFileStats };

export interface LimitParseOptions {
  /**
   * Accept a file whose masses are out of order and sort it. Only for the documented reference-only
   * files (ATLAS_Aad2015sms_br20, RESONANCE_RECAST.md §2.1); everywhere else disorder is a data error.
   */
  allowUnsorted?: boolean;
}

const LAYOUTS: Record<string, LimitTable['layout']> = {
  'mass lower': 'single_sided',
  'mass lower upper': 'double_sided',
  'mass g r': 'r_values',
};

export function parseLimitText(text: string, file: string, options: LimitParseOptions = {}): ParsedLimitTable {
  const table = readNumericTable(text, file);
  const layout = LAYOUTS[table.columns.join(' ')];
  if (layout === undefined) {
    throw tableError(
      file,
      table.headerLine,
      `unknown limit layout '# ${table.columns.join(' ')}'; expected '# mass lower', '# mass lower upper' or '# mass g r'`,
    );
  }
  for (const row of table.rows) checkRowValues(row, table.columns, file);
  return layout === 'r_values' ? parseRValueRows(table.rows, file) : parseEdgeRows(table.rows, file, layout, options);
}

function checkRowValues(row: TableRow, columns: string[], file: string): void {
  const [mass, ...couplings] = row.values;
  if (mass < 0) throw tableError(file, row.line, `negative mass ${mass}`);
  couplings.forEach((c, j) => {
    if (!(c > 0)) throw tableError(file, row.line, `column '${columns[j + 1]}' must be positive, found ${c}`);
  });
}

function parseEdgeRows(
  rows: TableRow[],
  file: string,
  layout: 'single_sided' | 'double_sided',
  options: LimitParseOptions,
): ParsedLimitTable {
  const doubleSided = layout === 'double_sided';
  let sorted = true;
  for (let k = 1; k < rows.length; k++) {
    if (rows[k].values[0] < rows[k - 1].values[0]) {
      if (!options.allowUnsorted) {
        throw tableError(
          file,
          rows[k].line,
          `mass ${rows[k].values[0]} is smaller than the previous row's ${rows[k - 1].values[0]}; masses must be sorted`,
        );
      }
      sorted = false;
    }
  }
  if (doubleSided) {
    for (const row of rows) {
      const [, lower, upper] = row.values;
      if (upper < lower) throw tableError(file, row.line, `upper ${upper} is below lower ${lower}`);
    }
  }
  // Stable sort keeps file order among equal masses, so "last row wins" still means the file's last row.
  const ordered = sorted
    ? rows
    : rows
        .map((r, k) => ({ r, k }))
        .sort((a, b) => a.r.values[0] - b.r.values[0] || a.k - b.k)
        .map((x) => x.r);

  const kept: TableRow[] = [];
  let duplicateMasses = 0;
  for (const row of ordered) {
    if (kept.length > 0 && kept[kept.length - 1].values[0] === row.values[0]) {
      kept[kept.length - 1] = row; // DarkCast keys its grid on unique masses: the last row wins (§2.1)
      duplicateMasses++;
    } else {
      kept.push(row);
    }
  }
  const sentinelRows = rows.filter((r) => r.values.slice(1).some(isSentinel)).length;
  const out: EdgeLimitTable = {
    layout,
    file,
    masses: Float64Array.from(kept, (r) => r.values[0]),
    lower: Float64Array.from(kept, (r) => r.values[1]),
    upper: doubleSided ? Float64Array.from(kept, (r) => r.values[2]) : null,
  };
  return { ...out, stats: { rows: rows.length, sentinelRows, duplicateMasses, sorted } };
}

function parseRValueRows(rows: TableRow[], file: string): ParsedLimitTable {
  const masses: number[] = [];
  const blocks: TableRow[][] = [];
  for (const row of rows) {
    const m = row.values[0];
    const last = masses.length - 1;
    if (last >= 0 && m < masses[last]) {
      throw tableError(file, row.line, `mass ${m} is smaller than the previous block's ${masses[last]}; masses must be sorted`);
    }
    if (last < 0 || m !== masses[last]) {
      masses.push(m);
      blocks.push([]);
    }
    blocks[blocks.length - 1].push(row);
  }
  const first = blocks[0];
  const couplings = Float64Array.from(first, (r) => r.values[1]);
  for (let j = 1; j < couplings.length; j++) {
    if (!(couplings[j] > couplings[j - 1])) {
      throw tableError(file, first[j].line, `couplings must increase within a mass block (${couplings[j - 1]} then ${couplings[j]})`);
    }
  }
  const n = couplings.length;
  const r = new Float64Array(masses.length * n);
  blocks.forEach((block, i) => {
    if (block.length !== n) {
      throw tableError(
        file,
        block[0].line,
        `mass ${masses[i]} has ${block.length} coupling rows, the first mass has ${n}; the r-value grid must be regular`,
      );
    }
    block.forEach((row, j) => {
      if (row.values[1] !== couplings[j]) {
        throw tableError(file, row.line, `coupling ${row.values[1]} does not match the grid node ${couplings[j]} of the first mass`);
      }
      r[i * n + j] = row.values[2];
    });
  });
  const out: RValueLimitTable = { layout: 'r_values', file, masses: Float64Array.from(masses), couplings, r };
  const sentinelRows = rows.filter((row) => isSentinel(row.values[2])).length;
  return { ...out, stats: { rows: rows.length, sentinelRows, duplicateMasses: rows.length - masses.length, sorted: true } };
}

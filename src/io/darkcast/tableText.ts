// Reads the whitespace-separated text tables DarkCast uses (.lmt, .prd, vmd .dat): one `#` header line
// naming the columns, then numeric rows. Every complaint names the file and the 1-based line, because
// users hand-edit these files and need to find the bad row.

import { UserError } from '../../util/errors.js';

export interface TableRow {
  /** 1-based line number in the file. */
  line: number;
  values: number[];
}

export interface NumericTable {
  file: string;
  columns: string[];
  headerLine: number;
  rows: TableRow[];
}

export function tableError(file: string, line: number, message: string): UserError {
  return new UserError(`${file}:${line}: ${message}`);
}

/** Strict decimal/exponent number; rejects NaN, Infinity, hex and trailing junk that Number() would accept or half-accept. */
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function parseNumber(token: string, file: string, line: number, column: string): number {
  if (!NUMBER.test(token)) {
    const what = /nan/i.test(token) ? 'NaN' : /inf/i.test(token) ? 'an infinite value' : `'${token}'`;
    throw tableError(file, line, `column '${column}' holds ${what}, expected a finite number`);
  }
  const v = Number(token);
  if (!Number.isFinite(v)) throw tableError(file, line, `column '${column}' value '${token}' overflows`);
  return v;
}

/**
 * Split `text` into a header (the first non-blank line, which must start with `#`) and numeric rows with
 * exactly as many fields as the header names. Blank lines and later `#` lines are skipped.
 */
export function readNumericTable(text: string, file: string): NumericTable {
  const lines = text.split(/\r?\n/);
  let headerLine = 0;
  let columns: string[] | null = null;
  const rows: TableRow[] = [];
  for (let k = 0; k < lines.length; k++) {
    const raw = lines[k].trim();
    const line = k + 1;
    if (raw === '') continue;
    if (columns === null) {
      if (!raw.startsWith('#')) {
        throw tableError(file, line, "expected a header line starting with '#' that names the columns");
      }
      columns = raw
        .slice(1)
        .trim()
        .split(/\s+/)
        .filter((c) => c.length > 0);
      if (columns.length < 2) throw tableError(file, line, 'header names fewer than two columns');
      headerLine = line;
      continue;
    }
    if (raw.startsWith('#')) continue;
    const tokens = raw.split(/\s+/);
    if (tokens.length !== columns.length) {
      throw tableError(file, line, `expected ${columns.length} columns (${columns.join(' ')}), found ${tokens.length}`);
    }
    rows.push({ line, values: tokens.map((t, j) => parseNumber(t, file, line, columns![j])) });
  }
  if (columns === null) throw tableError(file, 1, 'empty file: no header line');
  if (rows.length === 0) throw tableError(file, headerLine, 'no data rows after the header');
  return { file, columns, headerLine, rows };
}

// The CCFR trident coefficient table (data/tables/ccfr-trident.json, written by buildTable.ts):
// loading, validation and interpolation in log m_X.
//
//   R_trident(m_X) = 1 + a_V Y_V + a_A Y_A + b_VV Y_V^2 + b_AA Y_A^2 + b_VA Y_V Y_A,
//   Y_V = y_nu^mu y_V^mu,  Y_A = y_nu^mu y_A^mu   (couplings, SPEC §4 preamble and §4.3).
//
// Interpolation: a coefficient whose node values are all positive is interpolated linearly in
// (ln m_X, ln c) (the coefficients are close to power laws: ∝ m_X^-2 and m_X^-4 at large m_X, and
// ∝ m_X^0, m_X^-2, log m_X at small m_X); any other coefficient (b_VA, zero by C symmetry) linearly in
// ln m_X. Above the table range the contact limit of the same calculation is used, i.e. the EFT form
// with this calculation's own SM axial weight (c = contact x K^n), which is continuous with the table;
// below it the lowest node is used (SPEC-independent choice requested for the scanner; note that
// b_AA keeps growing like 1/m_X^2 below 1 MeV, so the frozen value is an underestimate there).

import { readFileSync } from 'node:fs';
import { UserError } from '../../util/errors.js';
import { contactStrength } from '../constants.js';
import type { TridentCoefficientSet } from './eft.js';

export const COEFFICIENT_KEYS = ['aV', 'aA', 'bVV', 'bAA', 'bVA'] as const;
export type CoefficientKey = (typeof COEFFICIENT_KEYS)[number];

export type CoefficientArrays = Record<CoefficientKey, number[]>;

/**
 * The same calculation with coherent scattering on the nucleus only (no nucleon-level, incoherent photon
 * flux): the variant of the CCFR option `nucleon = false` (constraints/ccfr.ts).
 */
export interface CoherentOnlyPart {
  coefficients: CoefficientArrays;
  errors: CoefficientArrays;
  contact: TridentCoefficientSet;
}

export interface TridentTable {
  header: Record<string, unknown> & { tableVersion: number; generator: string };
  mX: number[];
  /** Coherent (nucleus) plus incoherent (individual protons) photon flux. */
  coefficients: CoefficientArrays;
  /** One-sigma Monte Carlo errors of the coefficients (absolute). */
  errors: CoefficientArrays;
  /** Coherent scattering on the nucleus only (table version >= 2). */
  coherentOnly?: CoherentOnlyPart;
  /** The EFT formula of SPEC §4.3 (axial weight 1.13) at the same nodes, for reference. */
  eft: CoefficientArrays;
  /** Contact limit of this calculation, reduced: a/K, b/K^2 (K = 1/(sqrt2 G_F m_X^2)). */
  contact: TridentCoefficientSet;
}

/** Default location of the committed table, relative to this module (src/ or dist/ alike). */
export const DEFAULT_TABLE_URL = new URL('../../../data/tables/ccfr-trident.json', import.meta.url);

export function validateTridentTable(t: unknown, where = 'trident table'): TridentTable {
  const fail = (msg: string): never => {
    throw new UserError(`${where}: ${msg}`);
  };
  if (!t || typeof t !== 'object') fail('not a JSON object');
  const o = t as Partial<TridentTable>;
  if (!o.header || typeof o.header !== 'object') fail('missing header');
  if (!Array.isArray(o.mX) || o.mX.length < 2) fail('missing mX grid');
  const mX = o.mX as number[];
  for (let i = 0; i < mX.length; i++) {
    if (!(Number.isFinite(mX[i]) && mX[i] > 0)) fail(`mX[${i}] is not a positive number`);
    if (i > 0 && !(mX[i] > mX[i - 1])) fail('mX grid is not strictly increasing');
  }
  for (const group of ['coefficients', 'errors', 'eft'] as const) {
    const g = o[group] as CoefficientArrays | undefined;
    if (!g || typeof g !== 'object') fail(`missing ${group}`);
    for (const k of COEFFICIENT_KEYS) {
      const arr = (g as CoefficientArrays)[k];
      if (!Array.isArray(arr) || arr.length !== mX.length) fail(`${group}.${k} must have ${mX.length} entries`);
      if (!arr.every(Number.isFinite)) fail(`${group}.${k} has non-finite entries`);
    }
  }
  const c = o.contact as TridentCoefficientSet | undefined;
  if (!c || !COEFFICIENT_KEYS.every((k) => Number.isFinite(c[k]))) fail('missing contact limit');
  if (o.coherentOnly !== undefined) {
    const part = o.coherentOnly as Partial<CoherentOnlyPart>;
    for (const group of ['coefficients', 'errors'] as const) {
      const g = part[group];
      if (!g || !COEFFICIENT_KEYS.every((k) => Array.isArray(g[k]) && g[k].length === mX.length && g[k].every(Number.isFinite))) {
        fail(`coherentOnly.${group} must hold ${mX.length} finite entries per coefficient`);
      }
    }
    const pc = part.contact;
    if (!pc || !COEFFICIENT_KEYS.every((k) => Number.isFinite(pc[k]))) fail('missing coherentOnly.contact');
  }
  return o as TridentTable;
}

export function readTridentTable(path: string | URL = DEFAULT_TABLE_URL): TridentTable {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new UserError(`cannot read trident table ${String(path)}: ${(e as Error).message}`);
  }
  return validateTridentTable(JSON.parse(text), String(path));
}

let cached: TridentTable | null = null;

/** The committed CCFR table (read once). */
export function ccfrTridentTable(): TridentTable {
  if (!cached) cached = readTridentTable();
  return cached;
}

/** Which photon flux the coefficients include: the nucleon-level (incoherent) term or not. */
export interface TridentPart {
  /** true: coherent + scattering off individual protons; false: coherent scattering on the nucleus only. */
  nucleon: boolean;
}

const WITH_NUCLEON: TridentPart = { nucleon: true };

function partOf(table: TridentTable, part: TridentPart): { coefficients: CoefficientArrays; contact: TridentCoefficientSet } {
  if (part.nucleon) return table;
  if (!table.coherentOnly) {
    throw new UserError(
      `trident table version ${table.header.tableVersion} has no coherent-only coefficients (rebuild it with \`u1x tables build --only ccfr\`)`,
    );
  }
  return table.coherentOnly;
}

/** Interpolated coefficients at m_X (GeV). */
export function tridentCoefficientsAt(table: TridentTable, mX: number, part: TridentPart = WITH_NUCLEON): TridentCoefficientSet {
  const { mX: grid } = table;
  const { coefficients: c, contact } = partOf(table, part);
  const n = grid.length;
  if (mX > grid[n - 1]) {
    const K = contactStrength(mX);
    const t = contact;
    return { aV: t.aV * K, aA: t.aA * K, bVV: t.bVV * K * K, bAA: t.bAA * K * K, bVA: t.bVA * K * K };
  }
  if (!(mX > grid[0])) {
    return { aV: c.aV[0], aA: c.aA[0], bVV: c.bVV[0], bAA: c.bAA[0], bVA: c.bVA[0] };
  }
  let lo = 0,
    hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (grid[mid] <= mX) lo = mid;
    else hi = mid;
  }
  const f = (Math.log(mX) - Math.log(grid[lo])) / (Math.log(grid[hi]) - Math.log(grid[lo]));
  const out = {} as TridentCoefficientSet;
  for (const k of COEFFICIENT_KEYS) {
    const a = c[k][lo],
      b = c[k][hi];
    out[k] = a > 0 && b > 0 ? Math.exp(Math.log(a) + f * (Math.log(b) - Math.log(a))) : a + f * (b - a);
  }
  return out;
}

/** Coefficients of the committed table on a mass grid, as typed arrays (for kernel table builders). */
export function tridentCoefficientGrid(
  masses: ArrayLike<number>,
  table = ccfrTridentTable(),
  part: TridentPart = WITH_NUCLEON,
): Record<CoefficientKey, Float64Array> {
  const out = Object.fromEntries(COEFFICIENT_KEYS.map((k) => [k, new Float64Array(masses.length)])) as Record<CoefficientKey, Float64Array>;
  for (let i = 0; i < masses.length; i++) {
    const c = tridentCoefficientsAt(table, masses[i], part);
    for (const k of COEFFICIENT_KEYS) out[k][i] = c[k];
  }
  return out;
}

/** R_trident at m_X for Y_V = y_nu^mu y_V^mu and Y_A = y_nu^mu y_A^mu. */
export function tridentRatio(mX: number, YV: number, YA: number, table = ccfrTridentTable(), part: TridentPart = WITH_NUCLEON): number {
  const c = tridentCoefficientsAt(table, mX, part);
  return 1 + c.aV * YV + c.aA * YA + c.bVV * YV * YV + c.bAA * YA * YA + c.bVA * YV * YA;
}

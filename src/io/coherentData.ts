// Reader for the COHERENT CsI 2017 data release as binned by 7stats (the seven files of PROVENANCE.md in
// data/external/coherent-csi-2017, shipped with u1x; --coherent-data DIR or U1X_COHERENT_DATA name another
// copy, io/dataDirs.ts). Every file is checked for shape, bin labels, row order and
// integer counts, and hashed, so that a scan's manifest can say exactly which data it used.

import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  CoherentDataSet,
  NEUTRON_PE_LABELS,
  NEUTRON_TIME_BINS,
  STEADY_PE_BINS,
  STEADY_PE_WIDTH,
  STEADY_TIME_BINS,
} from '../physics/coherent/dataSet.js';
import { UserError } from '../util/errors.js';
import { locateDataDir } from './dataDirs.js';

export const COHERENT_FILES = {
  observed: 'Co_data.dat',
  promptTiming: 'data_prompt_cut.dat',
  delayedTiming: 'data_delayed_cut.dat',
  steadyAcOn: 'full_AC_on.dat',
  steadyAcOff: 'full_AC_off.dat',
  steadyCoOff: 'full_CO_off.dat',
  neutron: 'total_neutron.dat',
} as const;
export type CoherentFileKey = keyof typeof COHERENT_FILES;

export const COHERENT_DATA_ENV = 'U1X_COHERENT_DATA';

export interface CoherentData extends CoherentDataSet {
  /** Absolute directory the files were read from. */
  readonly dir: string;
  /** sha256 (hex) of each file's bytes, keyed by file name. */
  readonly sha256: Readonly<Record<string, string>>;
}

// Analysis grid of Co_data.dat and the timing files (PROVENANCE.md): 12 PE bins of width 2 from 6, 12 time
// bins of 0.5 us from 0.
const OBS_PE_BINS = 12;
const OBS_PE_FIRST_CENTRE = 7;
const TIME_BINS = 12;
const timeCentre = (k: number) => 0.25 + 0.5 * k;
const LABEL_TOL = 1e-6;
/** The timing fractions are normalised to at most 1 (the delayed one loses what arrives after 6 us). */
const FRACTION_SUM_TOL = 1e-6;

interface ParsedFile {
  readonly path: string;
  readonly rows: number[][];
  /** 1-based line number of each row, for error messages. */
  readonly lines: number[];
  readonly sha256: string;
}

function readTable(dir: string, name: string, columns: number, expectedRows: number): ParsedFile {
  const path = join(dir, name);
  if (!existsSync(path)) {
    throw new UserError(`${path}: missing; the COHERENT data directory must hold all of ${Object.values(COHERENT_FILES).join(', ')}`);
  }
  const bytes = readFileSync(path);
  const text = bytes.toString('utf8');
  const rows: number[][] = [];
  const lines: number[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const trimmed = line.trim();
    if (trimmed === '') return;
    const tokens = trimmed.split(/\s+/);
    if (tokens.length !== columns) {
      throw new UserError(`${path}:${i + 1}: expected ${columns} numbers, found ${tokens.length}`);
    }
    const values = tokens.map((t) => {
      const v = Number(t);
      if (!Number.isFinite(v)) throw new UserError(`${path}:${i + 1}: '${t}' is not a finite number`);
      return v;
    });
    rows.push(values);
    lines.push(i + 1);
  });
  if (rows.length !== expectedRows) {
    throw new UserError(`${path}: expected ${expectedRows} data rows, found ${rows.length}`);
  }
  return { path, rows, lines, sha256: createHash('sha256').update(bytes).digest('hex') };
}

function checkLabel(f: ParsedFile, row: number, col: number, expected: number, what: string): void {
  const v = f.rows[row][col];
  if (Math.abs(v - expected) > LABEL_TOL) {
    throw new UserError(`${f.path}:${f.lines[row]}: ${what} should be ${expected} in this row (rows out of order?), found ${v}`);
  }
}

function checkCount(f: ParsedFile, row: number, col: number): number {
  const v = f.rows[row][col];
  if (!Number.isInteger(v) || v < 0) {
    throw new UserError(`${f.path}:${f.lines[row]}: event count must be a non-negative integer, found ${v}`);
  }
  return v;
}

function checkNonNegative(f: ParsedFile, row: number, col: number, what: string): number {
  const v = f.rows[row][col];
  if (v < 0) throw new UserError(`${f.path}:${f.lines[row]}: ${what} must be non-negative, found ${v}`);
  return v;
}

/** Co_data.dat: 144 rows (PE centre, time centre, count), PE outer. */
function readObserved(dir: string): ParsedFile & { values: Float64Array } {
  const f = readTable(dir, COHERENT_FILES.observed, 3, OBS_PE_BINS * TIME_BINS);
  const values = new Float64Array(f.rows.length);
  for (let j = 0; j < OBS_PE_BINS; j++) {
    for (let k = 0; k < TIME_BINS; k++) {
      const r = j * TIME_BINS + k;
      checkLabel(f, r, 0, OBS_PE_FIRST_CENTRE + 2 * j, 'PE bin centre');
      checkLabel(f, r, 1, timeCentre(k), 'time bin centre (us)');
      values[r] = checkCount(f, r, 2);
    }
  }
  return { ...f, values };
}

/** data_{prompt,delayed}_cut.dat: 12 rows (time centre, fraction). */
function readTiming(dir: string, name: string): ParsedFile & { values: Float64Array } {
  const f = readTable(dir, name, 2, TIME_BINS);
  const values = new Float64Array(TIME_BINS);
  let sum = 0;
  for (let k = 0; k < TIME_BINS; k++) {
    checkLabel(f, k, 0, timeCentre(k), 'time bin centre (us)');
    values[k] = checkNonNegative(f, k, 1, 'arrival-time fraction');
    sum += values[k];
  }
  if (sum > 1 + FRACTION_SUM_TOL) throw new UserError(`${f.path}: arrival-time fractions sum to ${sum}, more than 1`);
  return { ...f, values };
}

/** full_*.dat: 600 rows (PE centre, time centre, count), 25 PE bins outer x 24 time bins. */
function readSteadyState(dir: string, name: string): ParsedFile & { values: Float64Array } {
  const f = readTable(dir, name, 3, STEADY_PE_BINS * STEADY_TIME_BINS);
  const values = new Float64Array(f.rows.length);
  for (let j = 0; j < STEADY_PE_BINS; j++) {
    for (let k = 0; k < STEADY_TIME_BINS; k++) {
      const r = j * STEADY_TIME_BINS + k;
      checkLabel(f, r, 0, STEADY_PE_WIDTH * j + STEADY_PE_WIDTH / 2, 'PE bin centre');
      checkLabel(f, r, 1, timeCentre(k), 'time bin centre (us)');
      values[r] = checkCount(f, r, 2);
    }
  }
  return { ...f, values };
}

/** total_neutron.dat: 1200 rows (time centre, PE label, expected events), 24 time bins outer x p = 0..49. */
function readNeutron(dir: string): ParsedFile & { values: Float64Array } {
  const f = readTable(dir, COHERENT_FILES.neutron, 3, NEUTRON_TIME_BINS * NEUTRON_PE_LABELS);
  const values = new Float64Array(f.rows.length);
  for (let t = 0; t < NEUTRON_TIME_BINS; t++) {
    for (let p = 0; p < NEUTRON_PE_LABELS; p++) {
      const r = t * NEUTRON_PE_LABELS + p;
      checkLabel(f, r, 0, timeCentre(t), 'time bin centre (us)');
      checkLabel(f, r, 1, p, 'PE label');
      values[r] = checkNonNegative(f, r, 2, 'expected neutron events');
    }
  }
  return { ...f, values };
}

/** Read and validate the seven files; throws UserError naming the file (and line) of the first problem. */
export function loadCoherentData(dir: string): CoherentData {
  const abs = resolve(dir);
  if (!existsSync(abs) || !statSync(abs).isDirectory()) throw new UserError(`${abs}: COHERENT data directory not found`);
  const observed = readObserved(abs);
  const prompt = readTiming(abs, COHERENT_FILES.promptTiming);
  const delayed = readTiming(abs, COHERENT_FILES.delayedTiming);
  const acOn = readSteadyState(abs, COHERENT_FILES.steadyAcOn);
  const acOff = readSteadyState(abs, COHERENT_FILES.steadyAcOff);
  const coOff = readSteadyState(abs, COHERENT_FILES.steadyCoOff);
  const neutron = readNeutron(abs);
  const sha256: Record<string, string> = {};
  for (const [name, f] of [
    [COHERENT_FILES.observed, observed],
    [COHERENT_FILES.promptTiming, prompt],
    [COHERENT_FILES.delayedTiming, delayed],
    [COHERENT_FILES.steadyAcOn, acOn],
    [COHERENT_FILES.steadyAcOff, acOff],
    [COHERENT_FILES.steadyCoOff, coOff],
    [COHERENT_FILES.neutron, neutron],
  ] as const) {
    sha256[name] = f.sha256;
  }
  return {
    dir: abs,
    sha256,
    observed: observed.values,
    promptTiming: prompt.values,
    delayedTiming: delayed.values,
    steadyAcOn: acOn.values,
    steadyAcOff: acOff.values,
    steadyCoOff: coOff.values,
    neutron: neutron.values,
  };
}

export type CoherentDataLookup =
  | { dir: string; source: 'option' | 'env' | 'bundled' }
  /** Switched off (`none`) or the bundled copy is missing: the rate-only fallback applies. */
  | { dir: null; source: null; reason: string };

/**
 * Where the COHERENT data are: --coherent-data DIR first, then U1X_COHERENT_DATA, then the copy bundled with
 * u1x (io/dataDirs.ts). A named directory that does not exist or lacks one of the seven files is a
 * UserError; `none` switches the data off and the caller falls back to the rate-only likelihood (SPEC §4.6.4).
 */
export function findCoherentDataDir(opts: { option?: string; env?: NodeJS.ProcessEnv } = {}): CoherentDataLookup {
  const found = locateDataDir('coherent', opts.option, COHERENT_DATA_ENV, opts.env ?? process.env);
  if (found.dir !== null && found.origin !== null && found.origin !== 'off') return { dir: found.dir, source: found.origin };
  return { dir: null, source: null, reason: `${found.how}; COHERENT uses the rate-only fallback (SPEC §4.6.4)` };
}

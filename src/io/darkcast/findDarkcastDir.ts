// Where the DarkCast data live: `--darkcast DIR` wins over the U1X_DARKCAST environment variable, and both
// over the copy shipped in data/external/darkcast-1.2 (GPL-2.0-or-later, see its PROVENANCE.md). `none`
// switches them off (callers report the resonance constraints as skipped); a path that was given but is
// unusable is a user error.

import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { UserError } from '../../util/errors.js';
import { locateDataDir, type DataOrigin } from '../dataDirs.js';

export const DARKCAST_ENV = 'U1X_DARKCAST';

export type DarkcastDirLookup = { dir: string; origin: DataOrigin; reason?: undefined } | { dir: null; origin: null; reason: string };

function isDirectory(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}

/** Where a DarkCast directory keeps its VMD tables: `vmd/` (v1.2) or `data/` (the 2023 layout); null when neither. */
export function vmdFolder(dir: string): 'vmd' | 'data' | null {
  if (isDirectory(join(dir, 'vmd'))) return 'vmd';
  if (isDirectory(join(dir, 'data'))) return 'data';
  return null;
}

/** True when the directory has the 2023 layout's `reach/` folder of projected sensitivities. */
export function hasProjections(dir: string): boolean {
  return isDirectory(join(dir, 'reach'));
}

/**
 * Check that `dir` looks like a DarkCast data directory: `limits/` and the VMD tables in `vmd/` (v1.2) or
 * `data/` (2023, which adds `reach/`); throw a UserError if not.
 */
export function validateDarkcastDir(dir: string, origin: string): string {
  const abs = resolve(dir);
  if (!isDirectory(abs)) throw new UserError(`DarkCast data directory ${abs} (from ${origin}) does not exist`);
  if (!isDirectory(join(abs, 'limits'))) {
    throw new UserError(
      `DarkCast data directory ${abs} (from ${origin}) has no 'limits/' folder; point it at the folder holding limits/ and vmd/ (or data/)`,
    );
  }
  if (vmdFolder(abs) === null) {
    throw new UserError(
      `DarkCast data directory ${abs} (from ${origin}) has neither 'vmd/' (DarkCast 1.2) nor 'data/' (DarkCast 2023); point it at the folder holding limits/ and vmd/ (or data/)`,
    );
  }
  return abs;
}

/**
 * Resolve the DarkCast directory: --darkcast, else U1X_DARKCAST, else the copy bundled with u1x
 * (io/dataDirs.ts). Returns `dir: null` with a reason when the data are switched off (`none`) or the
 * bundled copy is missing; throws a UserError when a named directory is not a DarkCast data directory.
 */
export function findDarkcastDir(input: {
  option?: string | null;
  env?: NodeJS.ProcessEnv | Record<string, string | undefined>;
}): DarkcastDirLookup {
  const found = locateDataDir('darkcast', input.option, DARKCAST_ENV, input.env ?? {});
  if (found.dir !== null && found.origin !== null && found.origin !== 'off') return { dir: found.dir, origin: found.origin };
  return { dir: null, origin: null, reason: `no DarkCast data directory: ${found.how}` };
}

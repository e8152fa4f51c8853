// Where the user's DarkCast data live: `--darkcast DIR` wins over the U1X_DARKCAST environment variable.
// u1x never ships these files (GPL data, DESIGN.md "External data"), so "not given" is a normal state that
// callers report (resonance constraints skipped); a path that was given but is unusable is a user error.

import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { UserError } from '../../util/errors.js';

export const DARKCAST_ENV = 'U1X_DARKCAST';

export type DarkcastDirLookup =
  | { dir: string; origin: 'option' | 'env'; reason?: undefined }
  | { dir: null; origin: null; reason: string };

function isDirectory(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}

/** Check that `dir` looks like a DarkCast data directory (has `limits/` and `vmd/`); throw a UserError if not. */
export function validateDarkcastDir(dir: string, origin: string): string {
  const abs = resolve(dir);
  if (!isDirectory(abs)) throw new UserError(`DarkCast data directory ${abs} (from ${origin}) does not exist`);
  for (const sub of ['limits', 'vmd']) {
    if (!isDirectory(join(abs, sub))) {
      throw new UserError(`DarkCast data directory ${abs} (from ${origin}) has no '${sub}/' folder; point it at the folder holding limits/ and vmd/`);
    }
  }
  return abs;
}

/**
 * Resolve the DarkCast directory from the CLI option and the environment. Returns `dir: null` with a reason
 * when neither is set; throws a UserError when one is set but is not a DarkCast data directory.
 */
export function findDarkcastDir(input: { option?: string | null; env?: NodeJS.ProcessEnv | Record<string, string | undefined> }): DarkcastDirLookup {
  const option = input.option?.trim();
  if (option) return { dir: validateDarkcastDir(option, '--darkcast'), origin: 'option' };
  const fromEnv = input.env?.[DARKCAST_ENV]?.trim();
  if (fromEnv) return { dir: validateDarkcastDir(fromEnv, DARKCAST_ENV), origin: 'env' };
  return {
    dir: null,
    origin: null,
    reason: `no DarkCast data directory: pass --darkcast DIR or set ${DARKCAST_ENV} (u1x does not ship DarkCast's limit tables)`,
  };
}

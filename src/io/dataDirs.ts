// Where the external data live. u1x ships copies of both inputs under data/external/ (DarkCast 1.2 limit
// and VMD tables, GPL-2.0-or-later; the COHERENT CsI 2017 release): they are the default. A command-line
// option wins over an environment variable, and either wins over the bundled copy. A directory that is
// named explicitly must exist and hold the files (else a UserError: exit 2, one line); the value `none`
// switches the data off (resonance searches skipped, COHERENT on its rate-only fallback).

import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserError } from '../util/errors.js';

export type DataKind = 'coherent' | 'darkcast';

/** The value of an option or variable that switches a data input off. */
export const DATA_OFF = 'none';

/** Bundled copies, relative to the package root (data/external/<source>/). */
export const BUNDLED_SUBDIR: Record<DataKind, string> = {
  coherent: 'data/external/coherent-csi-2017',
  darkcast: 'data/external/darkcast-1.2',
};

/**
 * What a usable directory must hold (files, or folders ending in '/'); an entry 'a/|b/' is satisfied by
 * either (DarkCast 1.2 keeps its VMD tables in vmd/, the 2023 layout in data/).
 */
export const REQUIRED_ENTRIES: Record<DataKind, readonly string[]> = {
  coherent: [
    'Co_data.dat',
    'data_prompt_cut.dat',
    'data_delayed_cut.dat',
    'full_AC_on.dat',
    'full_AC_off.dat',
    'full_CO_off.dat',
    'total_neutron.dat',
  ],
  darkcast: ['limits/', 'vmd/|data/'],
};

/** The copy of the DarkCast 2023 data set (limits, reach/ projections, data/ VMD tables) shipped with u1x. */
export const BUNDLED_DARKCAST_2023 = 'data/external/darkcast-2023';

const LABEL: Record<DataKind, string> = { coherent: 'COHERENT data', darkcast: 'DarkCast data' };

/** Package root: this module is src/io/ or dist/io/. */
const PACKAGE_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

export function bundledDataDir(kind: DataKind, root = PACKAGE_ROOT): string {
  return resolve(root, BUNDLED_SUBDIR[kind]);
}

/** The bundled DarkCast 2023 directory (absolute), where projections are read when the DarkCast directory in use has no reach/. */
export function bundledDarkcast2023Dir(root = PACKAGE_ROOT): string {
  return resolve(root, BUNDLED_DARKCAST_2023);
}

export type DataOrigin = 'option' | 'env' | 'bundled';

export interface DataDirLookup {
  /** Absolute directory, or null when the data are switched off or the bundled copy is missing. */
  dir: string | null;
  /** How it was found, or why there is none. */
  how: string;
  origin: DataOrigin | 'off' | null;
  /** True when dir is the copy shipped with u1x. */
  bundled: boolean;
}

function isDirectory(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}

/** Entries of REQUIRED_ENTRIES[kind] that dir lacks. */
export function missingEntries(kind: DataKind, dir: string): string[] {
  const present = (e: string) => (e.endsWith('/') ? isDirectory(join(dir, e)) : existsSync(join(dir, e)));
  return REQUIRED_ENTRIES[kind].filter((e) => !e.split('|').some(present)).map((e) => e.split('|').join(' or '));
}

/**
 * Resolve a data directory: the option, else the environment variable, else the bundled copy. Throws a
 * UserError when an explicitly named directory does not exist or lacks the expected files.
 */
export function locateDataDir(
  kind: DataKind,
  option: string | undefined | null,
  envName: string,
  env: NodeJS.ProcessEnv | Record<string, string | undefined> = process.env,
  root = PACKAGE_ROOT,
): DataDirLookup {
  const fromOption = option?.trim();
  // Strict like every other option (README "Exit codes and output"): given but empty is an error, not "unset".
  if (option !== undefined && option !== null && !fromOption) {
    throw new UserError(`${optionName(kind)} needs a directory (or '${DATA_OFF}' to switch the ${LABEL[kind]} off)`);
  }
  const fromEnv = env[envName]?.trim();
  const named = fromOption
    ? { value: fromOption, origin: 'option' as const, label: optionName(kind) }
    : fromEnv
      ? { value: fromEnv, origin: 'env' as const, label: `$${envName}` }
      : null;
  if (named) {
    if (named.value === DATA_OFF) return { dir: null, how: `switched off (${named.label} ${DATA_OFF})`, origin: 'off', bundled: false };
    const dir = resolve(named.value);
    if (!isDirectory(dir)) throw new UserError(`${LABEL[kind]} directory ${dir} (from ${named.label}) does not exist`);
    const missing = missingEntries(kind, dir);
    if (missing.length) throw new UserError(`${LABEL[kind]} directory ${dir} (from ${named.label}) lacks ${missing.join(', ')}`);
    return {
      dir,
      how: `from ${named.label === `$${envName}` ? named.label : 'command-line option ' + named.label}`,
      origin: named.origin,
      bundled: false,
    };
  }
  const dir = bundledDataDir(kind, root);
  const missing = isDirectory(dir) ? missingEntries(kind, dir) : ['the directory'];
  if (missing.length) {
    return {
      dir: null,
      how: `bundled copy ${dir} is incomplete (missing ${missing.join(', ')}); name a directory with ${optionName(kind)} or $${envName}`,
      origin: null,
      bundled: false,
    };
  }
  return {
    dir,
    how: `bundled copy shipped with u1x (${BUNDLED_SUBDIR[kind]}); override with ${optionName(kind)} or $${envName}`,
    origin: 'bundled',
    bundled: true,
  };
}

function optionName(kind: DataKind): string {
  return kind === 'coherent' ? '--coherent-data' : '--darkcast';
}

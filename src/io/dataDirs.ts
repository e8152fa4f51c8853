// Where the user's external data live: a command-line option wins over an environment variable.
// u1x never ships these data (DarkCast limit tables, the COHERENT 2017 CsI release); without them the
// constraints that need them are skipped or fall back, and the output says so.

import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';

export interface DataDirLookup {
  /** Absolute directory, or null when none was given or it does not exist. */
  dir: string | null;
  /** How it was found, or why there is none. */
  how: string;
}

export function locateDataDir(option: string | undefined, envName: string, env: NodeJS.ProcessEnv = process.env): DataDirLookup {
  const given = option ?? env[envName];
  const source = option !== undefined ? 'command-line option' : `$${envName}`;
  if (given === undefined || given === '') return { dir: null, how: `not given (use the option or set $${envName})` };
  const dir = resolve(given);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return { dir: null, how: `${source} points to ${dir}, which is not a directory` };
  return { dir, how: `from ${source}` };
}

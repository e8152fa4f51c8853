// What an output location may be, and what --force may replace. --force replaces only a directory that
// u1x itself wrote (its manifest.json says tool: 'u1x') or an empty one; never the working directory,
// one of its parents, the home directory, the file-system root or the u1x installation. Everything
// else is refused with one line before anything is written.

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { parse, resolve, sep } from 'node:path';
import { UserError } from '../util/errors.js';

/** Directories no output may be, whatever the flags: replacing them would destroy the user's files. */
function protectedReason(dir: string, installRoot: string | null): string | null {
  const cwd = process.cwd();
  if (dir === parse(dir).root) return 'the file-system root';
  if (dir === cwd) return 'the working directory';
  if (cwd.startsWith(dir.endsWith(sep) ? dir : dir + sep)) return 'a parent of the working directory';
  if (dir === homedir()) return 'the home directory';
  if (installRoot && dir === resolve(installRoot)) return 'the u1x installation';
  return null;
}

/** True when `dir` holds a manifest.json written by u1x. */
export function writtenByU1x(dir: string): boolean {
  try {
    const m = JSON.parse(readFileSync(resolve(dir, 'manifest.json'), 'utf8')) as { tool?: unknown };
    return m.tool === 'u1x';
  } catch {
    return false;
  }
}

/**
 * Check an output directory before a run (and again just before it is replaced): throws a UserError
 * when the location cannot be an output or, with `force`, when what is there may not be replaced.
 */
export function checkOutputTarget(outDir: string, o: { force: boolean; installRoot?: string | null }): void {
  const dir = resolve(outDir);
  const prot = protectedReason(dir, o.installRoot ?? null);
  if (prot) throw new UserError(`refusing to use ${dir} as an output directory: it is ${prot}; choose a new directory with --out`);
  if (!existsSync(dir)) return;
  let isDir: boolean;
  try {
    isDir = statSync(dir).isDirectory();
  } catch (e) {
    throw new UserError(`cannot use the output ${dir}: ${(e as Error).message}`);
  }
  if (!isDir) throw new UserError(`the output ${dir} exists and is not a directory`);
  if (!o.force) throw new UserError(`output directory ${dir} exists; pass --force to replace it`);
  if (readdirSync(dir).length > 0 && !writtenByU1x(dir)) {
    throw new UserError(
      `refusing to replace ${dir} with --force: it was not written by u1x (no manifest.json with tool: 'u1x'); remove it yourself or choose another --out`,
    );
  }
}

/**
 * Check a single output file (`fit --out`) before the work: it may replace a file (like a shell
 * redirection) but not a directory, and its directory must exist. One line, exit 2, otherwise.
 */
export function checkOutputFile(path: string): void {
  const file = resolve(path);
  let st: ReturnType<typeof statSync> | undefined;
  try {
    st = statSync(file);
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ENOTDIR') throw new UserError(`cannot write ${file}: a component of the path is a file, not a directory`);
    if (code !== 'ENOENT') throw new UserError(`cannot write ${file}: ${(e as Error).message}`);
  }
  if (st?.isDirectory()) throw new UserError(`cannot write ${file}: it is a directory`);
  const dir = resolve(file, '..');
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UserError(`cannot write ${file}: the directory ${dir} does not exist`);
}

// Atomic outputs: files are written to a temporary name and renamed; a run's output directory is
// built under a hidden partial name and renamed into place only when complete. A failed write removes
// its temporary file, so nothing half-written is left behind under any name.

import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { writeFileChecked } from './checkedWrite.js';

export function tempNameFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.tmp-${process.pid}`);
}

export function writeFileAtomic(path: string, data: string | Uint8Array, opts: { sync?: boolean } = {}): void {
  const tmp = tempNameFor(path);
  try {
    writeFileChecked(tmp, data, opts);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/** Where a run builds its output before committing it: `<parent>/.<name>.u1x-partial`. */
export function partialDirFor(outDir: string): string {
  return join(dirname(outDir), `.${basename(outDir)}.u1x-partial`);
}

/**
 * Move a finished partial directory into place. An existing output is replaced only when `replace`
 * is given, and only after `mayReplace` (the --force rules, checked again here because time passed
 * since the run started) accepts it.
 */
export function commitDir(partial: string, outDir: string, replace: boolean, mayReplace: (dir: string) => void = () => {}): void {
  if (existsSync(outDir)) {
    if (!replace) throw new Error(`${outDir} exists`);
    mayReplace(outDir);
    const trash = join(dirname(outDir), `.${basename(outDir)}.u1x-old-${process.pid}`);
    renameSync(outDir, trash);
    renameSync(partial, outDir);
    rmSync(trash, { recursive: true, force: true });
    return;
  }
  mkdirSync(dirname(outDir), { recursive: true });
  renameSync(partial, outDir);
}

// Atomic outputs: files are written to a temporary name and renamed; a run's output directory is
// built under a hidden partial name and renamed into place only when complete.

import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const tmp = join(dirname(path), `.${basename(path)}.tmp-${process.pid}`);
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}

/** Where a run builds its output before committing it: `<parent>/.<name>.u1x-partial`. */
export function partialDirFor(outDir: string): string {
  return join(dirname(outDir), `.${basename(outDir)}.u1x-partial`);
}

/** Move a finished partial directory into place, replacing an existing output only when asked. */
export function commitDir(partial: string, outDir: string, replace: boolean): void {
  if (existsSync(outDir)) {
    if (!replace) throw new Error(`${outDir} exists`);
    const trash = join(dirname(outDir), `.${basename(outDir)}.u1x-old-${process.pid}`);
    renameSync(outDir, trash);
    renameSync(partial, outDir);
    rmSync(trash, { recursive: true, force: true });
    return;
  }
  mkdirSync(dirname(outDir), { recursive: true });
  renameSync(partial, outDir);
}

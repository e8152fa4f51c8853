// Tests read the public data copies in ../shared beside the repository (never committed here).
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SHARED = resolve(REPO_ROOT, '..', 'shared');
export const SHARED_DATA = resolve(SHARED, 'data');
export const COHERENT_DIR = resolve(SHARED_DATA, 'coherent-csi-2017');
export const DARKCAST_DIR = resolve(SHARED_DATA, 'darkcast');
export const DARKCAST_2023_DIR = resolve(SHARED_DATA, 'darkcast-2023');

/** Fail loudly when the shared data are missing: these tests are not optional. */
export function requireShared(path: string): string {
  if (!existsSync(path)) {
    throw new Error(`missing ${path}: the tests need ../shared beside the repository (see README)`);
  }
  return path;
}

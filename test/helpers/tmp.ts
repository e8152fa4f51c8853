// Scratch directories that are removed when the file's tests (or one test) finish, so that repeated runs do
// not fill /tmp.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, onTestFinished } from 'vitest';

const make = (prefix: string) => mkdtempSync(join(tmpdir(), `u1x-${prefix}-`));
const remove = (dir: string) => rmSync(dir, { recursive: true, force: true });

/** For the top level of a test file: removed after all its tests. */
export function suiteTempDir(prefix: string): string {
  const dir = make(prefix);
  afterAll(() => remove(dir));
  return dir;
}

/** For use inside one test: removed when that test finishes. */
export function testTempDir(prefix: string): string {
  const dir = make(prefix);
  onTestFinished(() => remove(dir));
  return dir;
}

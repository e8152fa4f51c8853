// Byte comparison of two scan outputs through scripts/compareOutputs.mjs (timing fields of run.json and
// manifest.json's git_sha left out), as a refactoring would be checked by hand.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { REPO_ROOT } from './shared.js';

export function compareOutputs(a: string, b: string): { same: boolean; report: string } {
  const r = spawnSync(process.execPath, [resolve(REPO_ROOT, 'scripts', 'compareOutputs.mjs'), a, b], { encoding: 'utf8' });
  return { same: r.status === 0, report: `${r.stdout}${r.stderr}` };
}

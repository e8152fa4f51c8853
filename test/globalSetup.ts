// Build dist/ (and the explore page bundle) once before the tests: the CLI end-to-end tests run the compiled `u1x` binary, and a
// type error anywhere fails the run here.
import { execFileSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  execFileSync(process.execPath, [resolve(root, 'node_modules/typescript/bin/tsc'), '-p', resolve(root, 'tsconfig.json')], {
    cwd: root,
    stdio: 'inherit',
  });
  // The `u1x explore` page bundle (esbuild), which the explore tests serve.
  execFileSync(process.execPath, [resolve(root, 'scripts/build-page.mjs')], { cwd: root, stdio: 'inherit' });
}

// Bundles the `u1x explore` page (src/explore/page/) into dist/explore-page/ with esbuild: one script and
// the HTML, no CDN assets, so the page works offline. Run by `npm run build` / `prepare` and by the tests'
// global setup.
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = resolve(root, 'dist/explore-page');
mkdirSync(out, { recursive: true });
await build({
  entryPoints: [resolve(root, 'src/explore/page/main.ts')],
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  outfile: resolve(out, 'explore.js'),
  sourcemap: false,
  logLevel: 'warning',
});
copyFileSync(resolve(root, 'src/explore/page/index.html'), resolve(out, 'index.html'));

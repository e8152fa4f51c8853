// The kernel package (IR, emitters, kernel session) must run in a browser: no module it loads, directly or
// through the modules it imports for their values, may come from Node. Checked statically on the sources.

import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/shared.js';

const SRC = resolve(REPO_ROOT, 'src');
/** Node's built-in modules, with or without the node: prefix. */
const NODE_BUILTINS = new Set([
  'assert',
  'buffer',
  'child_process',
  'cluster',
  'crypto',
  'dgram',
  'dns',
  'events',
  'fs',
  'fs/promises',
  'http',
  'https',
  'module',
  'net',
  'os',
  'path',
  'perf_hooks',
  'process',
  'readline',
  'stream',
  'timers',
  'tty',
  'url',
  'util',
  'v8',
  'vm',
  'worker_threads',
  'zlib',
]);

/** Module specifiers a source file loads at run time: value imports and re-exports, side-effect imports, import(), require(). */
function runtimeImports(source: string): string[] {
  const out: string[] = [];
  for (const m of source.matchAll(/^\s*(?:import|export)\s+(type\s+)?([^;'"]*?)\s*from\s*['"]([^'"]+)['"]/gms)) {
    if (m[1]) continue; // `import type` / `export type`: erased
    const braces = /^\{([^}]*)\}$/s.exec(m[2].trim());
    const names = braces?.[1]
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean);
    if (names && names.length && names.every((x) => x.startsWith('type '))) continue; // only types: erased
    out.push(m[3]);
  }
  for (const m of source.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)) out.push(m[1]);
  for (const m of source.matchAll(/\b(?:import|require)\s*\(\s*['"]([^'"]+)['"]\s*\)/g)) out.push(m[1]);
  return out;
}

const isNode = (spec: string) => spec.startsWith('node:') || NODE_BUILTINS.has(spec);

/** Every source file reachable from `entries` through relative runtime imports, with the Node modules each loads. */
function closure(entries: string[]): Map<string, string[]> {
  const seen = new Map<string, string[]>();
  const queue = [...entries];
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    const specs = runtimeImports(readFileSync(file, 'utf8'));
    seen.set(file, specs.filter(isNode));
    for (const s of specs) if (s.startsWith('.')) queue.push(resolve(dirname(file), s.replace(/\.js$/, '.ts')));
  }
  return seen;
}

const tsFiles = (dir: string) =>
  readdirSync(join(SRC, dir))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(SRC, dir, f));

describe('the kernel package imports nothing from Node', () => {
  it('src/ir, src/kernel and everything they load', () => {
    const files = closure([...tsFiles('ir'), ...tsFiles('kernel')]);
    const offenders = [...files].filter(([, node]) => node.length).map(([f, node]) => `${relative(REPO_ROOT, f)}: ${node.join(', ')}`);
    expect(offenders).toEqual([]);
    // The walk reached the session's dependencies outside src/kernel (constraints, models, physics).
    const reached = [...files.keys()].map((f) => relative(SRC, f));
    expect(reached).toEqual(
      expect.arrayContaining([
        'kernel/session.ts',
        'kernel/compile.ts',
        'kernel/layout.ts',
        'constraints/couplings.ts',
        'physics/constants.ts',
      ]),
    );
  });

  it('the scan sees through import forms (and flags a Node backend)', () => {
    expect(runtimeImports("import { a } from 'node:fs';\nimport type { B } from 'node:os';\nimport { type C } from 'node:path';")).toEqual([
      'node:fs',
    ]);
    expect(runtimeImports("export { x } from './y.js';\nimport 'node:v8';\nconst w = require('worker_threads');")).toEqual([
      './y.js',
      'node:v8',
      'worker_threads',
    ]);
    const cpu = closure([join(SRC, 'backends', 'cpu.ts')]);
    expect(cpu.get(join(SRC, 'backends', 'cpu.ts'))).toEqual(expect.arrayContaining(['node:os', 'node:worker_threads']));
  });
});

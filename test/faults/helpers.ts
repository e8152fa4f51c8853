// Shared pieces of the fault-injection suite: a small grid spec that runs in well under a second on
// the CPU backend but in many chunks, file listings and byte-for-byte comparison of output trees.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { runCli, userLines, type CliResult } from '../helpers/cli.js';
import { filesUnder } from '../helpers/files.js';

export const CPU = ['--backend', 'cpu', '--progress', 'plain'];

/** 1 model x 40 m_X x 40 g_X cells, profiled over 50 eps: 1600 cells, at least 32 chunks, well under a second. */
export function writeSmallSpec(dir: string, name = 'small'): string {
  const spec = join(dir, `${name}.yaml`);
  writeFileSync(
    spec,
    [
      `name: ${name}`,
      'models: [Lmu-Ltau]',
      'mx: { min: 0.01, max: 1, n: 40 }',
      'gx: { min: 1.0e-5, max: 1.0e-2, n: 40 }',
      'eps: { min: -1.0e-3, max: 1.0e-3, n: 50, scale: lin }',
      'constraints: [amu, borexino]',
      'objective: [amu, borexino]',
      '',
    ].join('\n'),
  );
  return spec;
}

/** 2 models x 200 x 200 cells x 400 eps: a few seconds on the CPU, long enough to be stopped mid-way. */
export function writeMediumSpec(dir: string, name = 'medium'): string {
  const spec = join(dir, `${name}.yaml`);
  writeFileSync(
    spec,
    [
      `name: ${name}`,
      'models: [Lmu-Ltau, B-3Lmu]',
      'mx: { min: 0.01, max: 1, n: 200 }',
      'gx: { min: 1.0e-5, max: 1.0e-2, n: 200 }',
      'eps: { min: -1.0e-3, max: 1.0e-3, n: 400, scale: lin }',
      'constraints: [amu, borexino, nsi_osc, ccfr]',
      'objective: [amu, borexino, nsi_osc]',
      '',
    ].join('\n'),
  );
  return spec;
}

/** sha256 of every file under `dir`, by relative path: a fingerprint to show a tree was not touched. */
export function treeHash(dir: string): Record<string, string> {
  return Object.fromEntries(
    filesUnder(dir).map((f) => [
      f,
      createHash('sha256')
        .update(readFileSync(join(dir, f)))
        .digest('hex'),
    ]),
  );
}

/** Every output file except run.json (timings) is byte-identical. */
export function expectSameOutputs(a: string, b: string): void {
  const list = filesUnder(a).filter((f) => f !== 'run.json');
  expect(filesUnder(b).filter((f) => f !== 'run.json')).toEqual(list);
  for (const f of list) expect(readFileSync(join(b, f)).equals(readFileSync(join(a, f))), f).toBe(true);
}

/** A refusal: exit 2, exactly one u1x line (after the backend's informational lines), no stack trace. */
export function expectRefused(r: CliResult, pattern: RegExp): void {
  expect(r.code, r.stderr).toBe(2);
  const errors = userLines(r.stderr).filter((l) => l.startsWith('u1x:'));
  expect(errors, r.stderr).toHaveLength(1);
  expect(errors[0]).toMatch(pattern);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

/** Run a scan and send `signal` when the `k`-th progress line appears. */
export function scanKilledAt(args: string[], k: number, signal: NodeJS.Signals): Promise<CliResult & { sent: boolean }> {
  let seen = 0;
  let sent = false;
  return runCli(args, {
    onStderr: (chunk, kill) => {
      seen += (chunk.match(/: [\d.]+% \(/g) ?? []).length;
      if (!sent && seen >= k) {
        sent = true;
        kill(signal);
      }
    },
  }).then((r) => ({ ...r, sent }));
}

export function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** Mount a tmpfs of `size` at `dir` (root only); returns an unmount function. */
export function mountTmpfs(dir: string, size: string): () => void {
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir]);
  return () => execFileSync('umount', [dir]);
}

/** A fit that finishes in about a second: one model, a 5 x 5 (g_X, k) grid, (g-2)_mu alone, on the CPU. */
export const TINY_FIT: readonly string[] = [
  'fit',
  '--models',
  'Lmu-Ltau',
  '--mx',
  '0.2',
  '--gx-points',
  '5',
  '--k-points',
  '5',
  '--constraints',
  'amu',
  '--backend',
  'cpu',
  '--progress',
  'none',
];

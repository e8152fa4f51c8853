// Ctrl-C leaves a checkpoint and --resume finishes with outputs byte-identical to an uninterrupted run
// (everything except run.json, which holds timings). CPU here; WebGPU in test/gpu/resume.test.ts.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { runCli } from './cli.js';
import { testTempDir } from './tmp.js';
import { filesUnder } from './files.js';

/** Run the same scan uninterrupted and interrupted + resumed; compare every output byte for byte. */
export async function checkResumeIdentity(backend: 'cpu' | 'webgpu'): Promise<{ interruptedAt: string }> {
  const dir = testTempDir(`resume-${backend}`);
  const spec = join(dir, 'resume.yaml');
  // Big enough to be interrupted after its first chunk on either backend.
  writeFileSync(
    spec,
    [
      'name: resume',
      'models: [Lmu-Ltau, B-3Lmu]',
      'mx: { min: 0.01, max: 1, n: 300 }',
      'gx: { min: 1.0e-5, max: 1.0e-2, n: 400 }',
      'eps: { min: -1.0e-3, max: 1.0e-3, n: 400, scale: lin }',
      'constraints: [amu, borexino, nsi_osc, ccfr]',
      'objective: [amu, borexino, nsi_osc]',
      '',
    ].join('\n'),
  );
  const whole = join(dir, 'whole');
  const parts = join(dir, 'parts');
  const common = ['--backend', backend, '--progress', 'plain'];
  const a = await runCli(['scan', spec, '--out', whole, ...common]);
  expect(a.code, a.stderr).toBe(0);
  let interruptedAt = '';
  let sent = false;
  const b = await runCli(['scan', spec, '--out', parts, ...common], {
    onStderr: (chunk, kill) => {
      // The first progress line comes after the first chunk: interrupt there, like Ctrl-C.
      if (!sent && /resume: [\d.]+% /.test(chunk)) {
        sent = true;
        kill('SIGINT');
      }
    },
  });
  expect(sent).toBe(true);
  expect(b.code, b.stderr).toBe(130);
  interruptedAt = /checkpoint written at ([\d.]+%)/.exec(b.stderr)?.[1] ?? '';
  expect(interruptedAt).not.toBe('');
  expect(existsSync(parts)).toBe(false); // nothing committed before the run completes
  const c = await runCli(['scan', spec, '--out', parts, '--resume', ...common]);
  expect(c.code, c.stderr).toBe(0);
  const listWhole = filesUnder(whole).filter((f) => f !== 'run.json');
  expect(filesUnder(parts).filter((f) => f !== 'run.json')).toEqual(listWhole);
  for (const f of listWhole) expect(readFileSync(join(parts, f)).equals(readFileSync(join(whole, f))), f).toBe(true);
  return { interruptedAt };
}

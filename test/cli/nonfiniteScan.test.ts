// Scans report per constraint how many cells met a non-finite chi2 (run.json "nonfinite"), and the
// CPU and WebGPU backends count the same cells. The grid includes the extreme corner of the supported
// ranges where the Borexino rate overflows float32 (see nonfinitePoint.test.ts) and ordinary cells.
// The kernel-level semantics (excluded, never the profiled minimum) are tested in
// test/kernel/nonfinite.test.ts.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { hasGpu } from '../helpers/gpu.js';
import { suiteTempDir } from '../helpers/tmp.js';

const dir = suiteTempDir('nfscan');
const SPEC = join(dir, 'nf.yaml');
writeFileSync(
  SPEC,
  [
    'name: nf',
    'models: [v:0:0:1000:-1000, Lmu-Ltau]',
    'mx: { values: [1.0e-6, 0.1] }',
    'gx: { values: [1.0e-3, 12] }',
    'k: { values: [0, 1000] }',
    'constraints: [amu, borexino, ccfr]',
    'outputs: { plots: [], csv: false }',
    '',
  ].join('\n'),
);

async function nonfiniteCounts(backend: string): Promise<Record<string, number>> {
  const out = join(dir, `out-${backend}`);
  const r = await runCli(['scan', SPEC, '--out', out, '--backend', backend, '--progress', 'none']);
  expect(r.code, r.stderr).toBe(0);
  expect(r.stderr).toMatch(/non-finite chi2 \(counted as excluded, never a minimum\) in borexino: \d+ cells/);
  return JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')).nonfinite;
}

describe('scan run.json counts non-finite chi2 cells', () => {
  let cpu: Record<string, number>;
  it('on the CPU', async () => {
    cpu = await nonfiniteCounts('cpu');
    expect(Object.keys(cpu).sort()).toEqual(['amu', 'borexino', 'ccfr']);
    // 8 cells (2 models x 2 masses x 2 couplings, k profiled); the Lmu-Ltau cell at 0.1 GeV, g_X = 1e-3 is ordinary.
    expect(cpu.borexino).toBeGreaterThan(0);
    expect(cpu.borexino).toBeLessThan(8);
    expect(cpu.amu).toBe(0);
  });
  it.skipIf(!hasGpu)('on WebGPU, the same counts', async () => {
    expect(await nonfiniteCounts('webgpu')).toEqual(cpu);
  });
});

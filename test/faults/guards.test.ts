// Grids the validation accepts but the machine cannot hold are refused before anything is allocated or
// written: an axis of 3e8 or 1e11 points (once a V8 heap OOM or RangeError), and a grid of ~4e9 cells
// under the 1e12-point guard whose .npy outputs alone are tens of GB (once preallocated on disk).
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { suiteTempDir } from '../helpers/tmp.js';
import { CPU, expectRefused } from './helpers.js';

const dir = suiteTempDir('faults-guards');

function spec(name: string, axes: string[], rest = ['constraints: [amu]']): string {
  const path = join(dir, `${name}.yaml`);
  writeFileSync(path, [`name: ${name}`, 'models: [Lmu-Ltau]', ...axes, ...rest, ''].join('\n'));
  return path;
}

describe('size guards', () => {
  for (const n of ['3e8', '1e11']) {
    it(`an axis of ${n} points`, async () => {
      const s = spec(`axis${n}`, [`mx: { min: 0.01, max: 1, n: ${Number(n)} }`, 'gx: 1.0e-3', 'eps: 0']);
      const r = await runCli(['scan', s, '--out', join(dir, `out-${n}`), ...CPU]);
      expectRefused(r, /axis mx: n = \d+ is more than the 16777216 points an axis may have/);
    });
  }

  it('a grid whose outputs need far more disk or memory than there is', async () => {
    // 65536 x 65535 cells = 4.3e9 (just under the 32-bit cell index), unprofiled, every constraint's chi2
    // stored: ~2 TB of .npy. (Memory no longer refuses it: the map products read cells in blocks, issue 18;
    // with one constraint its tens of GB of .npy could fit a large disk and the scan would really start.)
    const s = spec(
      'huge',
      ['mx: { min: 0.01, max: 1, n: 65536 }', 'gx: { min: 1.0e-6, max: 1.0e-1, n: 65535 }', 'eps: 0'],
      ['constraints: all', 'outputs: { terms: true }'],
    );
    const r = await runCli(['scan', s, '--out', join(dir, 'huge'), ...CPU]);
    expectRefused(r, /the scan needs about [\d.]+ GiB of (memory|disk)/);
    expect(readdirSync(dir).filter((f) => f.includes('huge') && !f.endsWith('.yaml'))).toEqual([]);
  });
});

// A full disk, on a real small file system (tmpfs; mounting needs root — skipped with a reason
// otherwise, except under CI=true where it must work). A scan that cannot fit is refused up front with
// the numbers; a disk that fills up mid-run gives one line and a non-zero exit, keeps the checkpoint,
// and --resume after freeing space finishes with outputs identical to an uninterrupted run.
import { mkdirSync, readdirSync, rmSync, writeFileSync, existsSync, openSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { suiteTempDir } from '../helpers/tmp.js';
import { CPU, expectRefused, expectSameOutputs, isRoot, mountTmpfs, TINY_FIT, writeMediumSpec } from './helpers.js';

const dir = suiteTempDir('faults-disk');
const mnt = join(dir, 'mnt');
mkdirSync(mnt);
let unmount: (() => void) | null = null;
let skipReason: string | null = null;
if (!isRoot()) skipReason = 'not root: cannot mount a tmpfs';
if (skipReason === null) {
  try {
    unmount = mountTmpfs(mnt, '24m');
  } catch (e) {
    skipReason = `mount -t tmpfs failed: ${(e as Error).message.split('\n')[0]}`;
  }
}
if (skipReason) {
  if (process.env.CI === 'true') throw new Error(`disk-full tests must run under CI: ${skipReason}`);
  process.stdout.write(`skipping disk-full tests: ${skipReason}\n`);
}
afterAll(() => unmount?.());

/** Fill the file system of `where` until ENOSPC; returns the filler's path. */
function fill(where: string): string {
  const path = join(where, 'filler');
  const fd = openSync(path, 'w');
  const block = Buffer.alloc(64 * 1024, 1);
  try {
    for (;;) writeSync(fd, block);
  } catch (e) {
    if ((e as { code?: string }).code !== 'ENOSPC') throw e;
  } finally {
    closeSync(fd);
  }
  return path;
}

describe.skipIf(skipReason !== null)('disk full (tmpfs)', () => {
  const spec = writeMediumSpec(dir);
  const whole = join(dir, 'whole');
  beforeAll(async () => {
    const r = await runCli(['scan', spec, '--out', whole, ...CPU]);
    expect(r.code, r.stderr).toBe(0);
  });

  it('refuses up front, with the numbers, a scan whose outputs do not fit', async () => {
    const big = join(dir, 'big.yaml');
    writeFileSync(
      big,
      [
        'name: big',
        'models: [Lmu-Ltau]',
        'mx: { min: 0.01, max: 1, n: 2000 }',
        'gx: { min: 1.0e-5, max: 1.0e-2, n: 2000 }',
        'eps: 0',
        'constraints: [amu]',
        '',
      ].join('\n'),
    );
    const r = await runCli(['scan', big, '--out', join(mnt, 'big'), ...CPU]);
    expectRefused(r, /needs about [\d.]+ MiB of disk .* only [\d.]+ MiB is free/);
    expect(readdirSync(mnt)).toEqual([]);
  });

  it('a disk that fills up mid-run: one line, non-zero exit, checkpoint kept, --resume finishes identically', async () => {
    const out = join(mnt, 'out');
    let filler = '';
    let stopped = false;
    const r = await runCli(['scan', spec, '--out', out, ...CPU, '--checkpoint-every', '0'], {
      onStderr: (chunk, kill) => {
        // After the first chunks are written: pause the run, fill the disk, let it continue.
        if (!stopped && /medium: [\d.]+% /.test(chunk)) {
          stopped = true;
          kill('SIGSTOP');
          filler = fill(mnt);
          kill('SIGCONT');
        }
      },
    });
    expect(stopped, r.stderr).toBe(true);
    expect(r.code, r.stderr).toBe(3);
    const lines = r.stderr.split('\n').filter((l) => l.startsWith('u1x:'));
    expect(lines, r.stderr).toHaveLength(1);
    expect(lines[0]).toMatch(/^u1x: disk full writing .*: free space, then run again with --resume/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
    expect(existsSync(join(mnt, '.out.u1x-partial', 'checkpoint', 'state.json'))).toBe(true);
    expect(existsSync(join(mnt, '.out.u1x-lock'))).toBe(false);
    rmSync(filler);
    const c = await runCli(['scan', spec, '--out', out, '--resume', ...CPU]);
    expect(c.code, c.stderr).toBe(0);
    expectSameOutputs(whole, out);
  });

  it('fit --out on a full disk: one line, exit 3, no temporary file left behind', async () => {
    const filler = fill(mnt);
    try {
      const r = await runCli([...TINY_FIT, '--out', join(mnt, 'fit.txt')]);
      expect(r.code, r.stderr).toBe(3);
      expect(r.stderr).toMatch(/^u1x: disk full writing .*fit\.txt/m);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(readdirSync(mnt).filter((f) => f.includes('fit.txt'))).toEqual([]);
    } finally {
      rmSync(filler);
    }
  });
});

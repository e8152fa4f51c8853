// `u1x bench` changes nothing on the system unless asked: python3-numpy is apt-get installed only with
// --install-numpy. A fake python3 without NumPy and a fake apt-get that records being called stand in for
// the system's.

import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureNumpy } from '../../src/bench/baseline.js';
import { runCli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'u1x-fake-apt-'));
const marker = join(dir, 'apt-get-called');
writeFileSync(join(dir, 'python3'), '#!/bin/sh\nexit 1\n');
writeFileSync(join(dir, 'apt-get'), `#!/bin/sh\necho "$@" >> ${marker}\nexit 0\n`);
chmodSync(join(dir, 'python3'), 0o755);
chmodSync(join(dir, 'apt-get'), 0o755);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function withFakePath<T>(fn: () => T): T {
  const saved = process.env.PATH;
  process.env.PATH = `${dir}:/usr/bin:/bin`;
  try {
    return fn();
  } finally {
    process.env.PATH = saved;
  }
}

describe('NumPy for the bench baseline', () => {
  it('without --install-numpy: skipped with the reason, apt-get never runs', () => {
    const logged: string[] = [];
    const check = withFakePath(() => ensureNumpy((s) => logged.push(s), false));
    expect(check.ok).toBe(false);
    expect(check.note).toMatch(/has no NumPy.*--install-numpy/);
    expect(existsSync(marker)).toBe(false);
    expect(logged).toEqual([]);
  });

  it('with --install-numpy as root: apt-get installs python3-numpy', () => {
    withFakePath(() => ensureNumpy(() => {}, true));
    if (process.getuid?.() === 0) expect(existsSync(marker)).toBe(true);
    else expect(existsSync(marker)).toBe(false); // not root: refused, nothing run
  });

  it('the CLI offers --install-numpy and no longer --no-install', async () => {
    const r = await runCli(['bench', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--install-numpy');
    expect(r.stdout).not.toContain('--no-install');
  });
});

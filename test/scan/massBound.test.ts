// The generic mass bound (SPEC §5.5) against VALIDATION §16, through the massBound scan kind.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { testTempDir } from '../helpers/tmp.js';

/** Runs a massBound spec over the given masses on the CPU reference; returns its output directory. */
async function runMassBound(name: string, masses: readonly number[]): Promise<string> {
  const dir = testTempDir(name);
  const spec = join(dir, `${name}.yaml`);
  writeFileSync(
    spec,
    [
      'kind: massBound',
      `name: ${name}`,
      'mixing: hypercharge',
      'directions: 90',
      `mx: { values: [${masses.join(', ')}] }`,
      'gx: { min: 1.0e-4, max: 3.5, n: 91 }',
      'eps: { min: -0.12, max: 0.12, n: 241, scale: lin }',
      'objective: [amu, ccfr_eft, ew_t]',
      '',
    ].join('\n'),
  );
  const out = join(dir, 'out');
  const r = await runCli(['scan', spec, '--out', out, '--backend', 'cpu', '--progress', 'none']);
  expect(r.code, r.stderr).toBe(0);
  return out;
}

describe('generic upper bound on m_X', () => {
  it('reproduces the minimum chi2 table, the eps_Y = 0 plateau and the crossing near 4.9 GeV', async () => {
    const out = await runMassBound('mb', [1, 2, 3, 4, 4.8, 4.85, 4.9, 4.95, 5, 6, 10]);
    const m = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as {
      bound_GeV: number;
      curves: { mx: number; global: number; no_mixing: number; best: { epsY: number } }[];
    };
    const at = (mx: number) => m.curves.find((c) => c.mx === mx)!;
    // VALIDATION §16: m_X -> min chi2 [spec], tolerance
    const table: [number, number, number][] = [
      [1, 0.12, 0.02],
      [2, 0.371, 0.02],
      [3, 1.042, 0.02],
      [4, 2.325, 0.03],
      [5, 4.17, 0.03],
      [6, 6.273, 0.05],
      [10, 12.36, 0.1],
    ];
    for (const [mx, ref, tol] of table) expect(Math.abs(at(mx).global - ref), `m_X = ${mx}: ${at(mx).global}`).toBeLessThanOrEqual(tol);
    expect(Math.abs(m.bound_GeV - 4.92)).toBeLessThanOrEqual(0.05);
    for (const c of m.curves) {
      expect(c.no_mixing).toBeGreaterThanOrEqual(17.0);
      expect(c.no_mixing).toBeLessThanOrEqual(17.4);
      if (c.mx >= 3) {
        expect(Math.abs(c.best.epsY)).toBeGreaterThanOrEqual(0.05);
        expect(Math.abs(c.best.epsY)).toBeLessThanOrEqual(0.085);
      }
    }
  });

  it('flags the dip next to m_Z, where the best fit mixes X and Z strongly (not a viable window)', async () => {
    const out = await runMassBound('mbz', [81.18, 91.42, 102.96]);
    const m = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as {
      curves: { mx: number; global: number; best: { t_theta: number } }[];
    };
    const [below, atZ, above] = m.curves;
    // Away from m_Z the best fits sit on the ~17 plateau with small mixing; next to it the mixing is O(1).
    for (const c of [below, above]) {
      expect(Math.abs(c.best.t_theta)).toBeLessThan(0.1);
      expect(c.global).toBeGreaterThan(16);
    }
    expect(Math.abs(atZ.best.t_theta)).toBeGreaterThan(0.1);
    expect(atZ.global).toBeLessThan(12);
    const svg = readFileSync(join(out, 'plots', 'mass-bound.svg'), 'utf8');
    expect(svg).toContain('at m_X = 91.42 GeV');
    expect(svg).toContain('not a viable window');
  });
});

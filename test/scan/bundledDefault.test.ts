// Out of the box (issue 14, item 6): the README's main job with no data options and no data variables
// reads the copies shipped in data/external/, so the default map has the resonance searches (BaBar 4mu)
// and the full 144-bin COHERENT likelihood, and the manifest says which copy was read.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { REPO_ROOT } from '../helpers/shared.js';
import { suiteTempDir } from '../helpers/tmp.js';

const NO_DATA_VARIABLES = { U1X_DARKCAST: '', U1X_COHERENT_DATA: '' };

describe('u1x scan with no data variables', () => {
  it('uses the bundled DarkCast and COHERENT copies: BaBar 4mu on the default map, full COHERENT likelihood', async () => {
    const out = join(suiteTempDir('bundled-default'), 'out');
    const r = await runCli(['scan', '--quick', '--out', out, '--backend', 'cpu', '--progress', 'none'], { env: NO_DATA_VARIABLES });
    expect(r.code, r.stderr).toBe(0);
    const m = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(m.skipped_constraints ?? []).toEqual([]);
    const coherent = m.constraints.find((c: { id: string }) => c.id === 'coherent');
    expect(coherent.variant).toMatch(/full 144-bin/);
    expect(m.data.coherent).toMatchObject({
      dir: join(REPO_ROOT, 'data', 'external', 'coherent-csi-2017'),
      origin: 'bundled',
      bundled: true,
    });
    expect(m.data.darkcast).toMatchObject({ dir: join(REPO_ROOT, 'data', 'external', 'darkcast-1.2'), origin: 'bundled', bundled: true });
    expect(Object.keys(m.data.coherent.sha256)).toHaveLength(7);
    expect(m.data.darkcast.sha256['limits/BaBar_TheBABAR2016rlg.lmt']).toMatch(/^[0-9a-f]{64}$/);
    const regions = m.products.plots.figures[0].regions.flatMap((x: { constraints: string[] }) => x.constraints);
    expect(regions).toContain('babar_2016_4mu');
  });

  it('a named data directory that does not exist is an error (exit 2, one line, nothing written)', async () => {
    const out = join(suiteTempDir('bundled-default'), 'never');
    for (const extra of [
      ['--darkcast', '/nonexistent/darkcast'],
      ['--coherent-data', '/nonexistent/coherent'],
    ]) {
      const r = await runCli(['scan', '--quick', '--out', out, '--backend', 'cpu', '--progress', 'none', ...extra], {
        env: NO_DATA_VARIABLES,
      });
      expect(r.code).toBe(2);
      expect(r.stderr.split('\n').filter((l) => /^u1x:/.test(l))).toHaveLength(1);
      expect(r.stderr).toMatch(/does not exist/);
      expect(existsSync(out)).toBe(false);
    }
    const env = await runCli(['doctor', '--json'], { env: { U1X_DARKCAST: '/nonexistent/dc', U1X_COHERENT_DATA: '' } });
    expect(env.code).toBe(2);
  });

  it('u1x doctor shows the bundled copies, and an override', async () => {
    const r = await runCli(['doctor', '--json'], {
      env: { ...NO_DATA_VARIABLES, U1X_COHERENT_DATA: join(REPO_ROOT, 'data', 'external', 'coherent-csi-2017') },
    });
    expect(r.code, r.stderr).toBe(0);
    const d = JSON.parse(r.stdout).data;
    expect(d.darkcast).toMatchObject({ found: true, origin: 'bundled', bundled: true });
    expect(d.coherent).toMatchObject({ found: true, origin: 'env', bundled: false });
  });
});

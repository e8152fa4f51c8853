// Inputs outside the supported ranges (src/physics/inputRanges.ts: m_X in [1e-6, 1e4] GeV,
// 0 < g_X <= 4 pi, |k| <= 1e3, |eps| < 1, |charge| <= 1e3) are refused up front: one line on stderr,
// exit 2, nothing on stdout, no output directory (issue 12: before, 1e160 / 1e-100 GeV and charges of
// 1e300 crashed with "table ...: non-finite value" stacks, and WebGPU crashed at 1e-20 GeV).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { expectRejected } from '../helpers/cli.js';
import { COHERENT_DIR, DARKCAST_DIR } from '../helpers/shared.js';
import { suiteTempDir } from '../helpers/tmp.js';

const dir = suiteTempDir('ranges');
const DATA = ['--coherent-data', COHERENT_DIR, '--darkcast', DARKCAST_DIR];

function file(name: string, body: string): string {
  const path = join(dir, name);
  writeFileSync(path, body);
  return path;
}

const point = (...extra: string[]) => ['point', '--model', 'Lmu-Ltau', '--mx', '0.1', '--gx', '1e-3', ...extra];

describe('supported input ranges', () => {
  it('point --mx 1e160', () =>
    expectRejected([...point(), '--mx', '1e160'], /--mx: m_X = 1e\+160 GeV is outside the supported range \[1e-6, 10000\] GeV/));
  it('point --mx 1e-100', () => expectRejected([...point(), '--mx', '1e-100'], /--mx: m_X = 1e-100 GeV is outside/));
  it('point --mx 1e-20 --backend webgpu', () =>
    expectRejected([...point(), '--mx', '1e-20', '--backend', 'webgpu'], /--mx: m_X = 1e-20 GeV is outside/));
  it('point --gx 20 (> 4 pi)', () =>
    expectRejected([...point(), '--gx', '20'], /--gx: g_X = 20 is outside the supported range \(0, 4 pi\]/));
  it('point --k -2000', () => expectRejected(point('--k', '-2000'), /--k: k = -2000 is outside the supported range \|k\| <= 1000/));
  it('point --k with |eps_Y| >= 1 (hypercharge mixing)', () =>
    // eps_Y = k g_X / (e c_W) = 1000 * 1e-3 / (0.3028 * 0.8819) = 3.7
    expectRejected(
      point('--k', '1000', '--mixing', 'hypercharge'),
      /--k: k = 1000 at g_X = 0.001 means \|eps\| >= 1 \(hypercharge mixing\)/,
    ));
  it('point with a model file of charges 1e300', () => {
    const model = file('huge.json', '{"name": "huge", "c": {"B": 0, "e": 0, "mu": 1e300, "tau": -1e300}}');
    return expectRejected(
      ['point', '--model', model, '--mx', '0.1', '--gx', '1e-3'],
      /model huge: .*charge 1e\+300 is outside the supported range \|x\| <= 1000/,
    );
  });
  it('point with a catalog id of charges ~5000', () =>
    // v:-1:0:5003:-5000 has no common factor, so it stays at charges of several thousand.
    expectRejected(
      ['point', '--model', 'v:-1:0:5003:-5000', '--mx', '0.1', '--gx', '1e-3'],
      /charge -?\d{4,} is outside the supported range/,
    ));

  const base = 'models: Lmu-Ltau\ngx: { min: 1e-5, max: 1e-2, n: 4 }\n';
  it('scan: an mx axis reaching 1e5 GeV', () => {
    const out = join(dir, 'o-mx');
    return expectRejected(
      ['scan', file('mx.yaml', `${base}mx: { min: 0.01, max: 1.0e5, n: 5 }\neps: 0\n`), '--out', out, ...DATA],
      /axis mx: m_X = 1e\+5 GeV is outside/,
      out,
    );
  });
  it('scan: a k axis beyond 1e3', () => {
    const out = join(dir, 'o-k');
    return expectRejected(
      ['scan', file('k.yaml', `${base}mx: 0.1\nk: { values: [0, 1.0e20] }\n`), '--out', out, ...DATA],
      /axis k: k = 1e\+20 is outside/,
      out,
    );
  });
  it('fit --mx 1e-9', () => expectRejected(['fit', '--models', 'Lmu-Ltau', '--mx', '1e-9', ...DATA], /--mx: m_X = 1e-9 GeV is outside/));
  it('fit --k-range beyond 1e3', () =>
    expectRejected(['fit', '--models', 'Lmu-Ltau', '--mx', '0.2', '--k-range', '-1e4:1e4', ...DATA], /--k-range: k = -10000 is outside/));
  it('recast --masses 1e5', () =>
    expectRejected(
      ['recast', '--model', 'Lmu-Ltau', '--limit', 'babar_2017_invisible', '--masses', '0.1,1e5', '--darkcast', DARKCAST_DIR],
      /--masses: m_X = 1e\+5 GeV is outside/,
    ));
});

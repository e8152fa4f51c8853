// (g-2)_mu with amu-2025 (issue 14, item 5): the 2 sigma band (38 +- 2 x 63) x 1e-11 includes zero, so the
// map draws (g-2)_mu as an upper limit (an exclusion above the band's upper edge, 164e-11) with the
// central line, and says so in the legend; masks.npz has no preferred/viable (no preferred region exists,
// SPEC §4.1 "the viable-explanation question loses its meaning") and mask_amu counts in `allowed`.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseNpyHeader } from '../../src/io/npyRead.js';
import { parseLimitText } from '../../src/io/darkcast/limitFile.js';
import { M_MU } from '../../src/physics/constants.js';
import { runCli } from '../helpers/cli.js';
import { suiteTempDir } from '../helpers/tmp.js';

const tmp = suiteTempDir('amu-upper-limit');
const AXES = `models: Lmu-Ltau
mx: { min: 0.005, max: 2, n: 16 }
gx: { min: 1.0e-5, max: 1.0e-1, n: 40 }
eps: 0
constraints: [amu, borexino, ccfr]
outputs: { plots: [exclusion] }
`;
const out = (name: string) => join(tmp, name);

async function scan(name: string, dataset: string): Promise<void> {
  const spec = join(tmp, `${name}.yaml`);
  writeFileSync(spec, `name: ${name}\n${AXES}datasets: { amu: ${dataset} }\n`);
  const r = await runCli(['scan', spec, '--out', out(name), '--backend', 'cpu', '--progress', 'none']);
  if (r.code !== 0) throw new Error(`u1x scan ${name} failed (${r.code}):\n${r.stderr}`);
}

beforeAll(async () => {
  await Promise.all([scan('y2025', 'amu-2025'), scan('y2021', 'amu-2021')]);
});

function npz(name: string): Map<string, { shape: number[]; data: Uint8Array | Float64Array }> {
  const files = unzipSync(readFileSync(join(out(name), 'masks.npz')));
  const arrays = new Map<string, { shape: number[]; data: Uint8Array | Float64Array }>();
  for (const [file, bytes] of Object.entries(files)) {
    const h = parseNpyHeader(bytes);
    const body = bytes.slice(h.dataOffset);
    arrays.set(file.replace(/\.npy$/, ''), { shape: h.shape, data: h.dtype === '<f8' ? new Float64Array(body.buffer) : body });
  }
  return arrays;
}
const manifest = (name: string) => JSON.parse(readFileSync(join(out(name), 'manifest.json'), 'utf8')) as { products: Record<string, any> };

/** L_mu - L_tau at eps = 0: Delta a_mu = g^2 F_V(m_mu/m_X)/(8 pi^2) (SPEC §4.1), F_V by Simpson's rule. */
function FV(r: number): number {
  const n = 2000;
  const f = (x: number) => (2 * r * r * x * x * (1 - x)) / (1 - x + r * r * x * x);
  let s = f(0) + f(1);
  for (let i = 1; i < n; i++) s += (i % 2 ? 4 : 2) * f(i / n);
  return s / (3 * n);
}
const gAt = (mx: number, damu: number) => Math.sqrt((8 * Math.PI ** 2 * damu) / FV(M_MU / mx));

describe('(g-2)_mu as an upper limit (amu-2025)', () => {
  it('writes no preferred/viable masks and counts mask_amu in allowed', () => {
    const a = npz('y2025');
    expect(a.has('preferred')).toBe(false);
    expect(a.has('viable')).toBe(false);
    const amu = a.get('mask_amu')!.data,
      allowed = a.get('allowed')!.data;
    expect(amu.some((v) => v === 1)).toBe(true);
    for (let i = 0; i < amu.length; i++) if (amu[i]) expect(allowed[i]).toBe(0);
    expect(manifest('y2025').products.masks.note).toMatch(/upper limit.*amu-2025.*includes Delta a_mu = 0/);
    // control: with amu-2021 the band is preferred and the old arrays are there
    expect(npz('y2021').has('viable')).toBe(true);
  });

  it('excludes exactly above the upper 2 sigma edge: the boundary file against g(Delta a_mu = 164e-11)', () => {
    const text = readFileSync(join(out('y2025'), 'boundaries', 'Lmu-Ltau', 'amu.lmt'), 'utf8');
    expect(text).toMatch(/upper limit: the 2 sigma band of amu-2025 includes zero/);
    const table = parseLimitText(text, 'amu.lmt');
    if (table.layout === 'r_values') throw new Error('amu.lmt parsed as an r-value grid');
    const step = Math.log(1e4) / 39; // one g_X grid step (log)
    expect(table.masses.length).toBe(16);
    table.masses.forEach((m, i) => {
      const expected = gAt(m, (38 + 2 * 63) * 1e-11);
      expect(Math.abs(Math.log(table.lower[i] / expected)), `m_X = ${m}`).toBeLessThan(step);
    });
  });

  it('draws an exclusion region labelled as an upper limit and the dashed central line, no preferred band', () => {
    const svg = readFileSync(join(out('y2025'), 'plots', 'Lmu-Ltau.svg'), 'utf8');
    expect(svg).not.toContain('preferred-fill');
    expect(svg).toMatch(/class="region-fill" data-id="amu"/);
    expect(svg).toMatch(/class="central-line" data-id="amu-central"/);
    expect(svg).toMatch(/upper limit/);
    expect(svg).toMatch(/includes Δa_μ = 0/);
    const fig = manifest('y2025').products.plots.figures[0];
    expect(fig.band_upper_limit).toBe(true);
    expect(fig.preferred_band).toBe(false);
    expect(fig.central_line).toBe('interpolated per m_X column');
    // with amu-2021 the band is drawn as before
    const old = readFileSync(join(out('y2021'), 'plots', 'Lmu-Ltau.svg'), 'utf8');
    expect(old).toContain('preferred-fill');
    expect(old).not.toContain('central-line');
  });
});

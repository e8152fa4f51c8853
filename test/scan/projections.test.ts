// Projections in a scan (issue 17): they draw and report, and never exclude. One small B−L scan with two
// exclusion terms (amu as the preferred band, bbn) and three projections, the same scan without projections,
// and the spec errors. The coverage numbers in coverage.csv and the manifest are checked against an
// independent count with NumPy from masks.npz (mask_proj_* & allowed, & viable), and allowed/viable/chi2 against
// the run without projections (byte for byte).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectRejected, scanWithSharedData, sharedDataScanArgs } from '../helpers/cli.js';
import { suiteTempDir } from '../helpers/tmp.js';

const tmp = suiteTempDir('projections');
const PROJECTIONS = ['proj_belle2_2018_visible', 'proj_ship_2020_brem_vmd', 'proj_lhcb_2016_prompt'];
const BASE = `models: B-L\nmx: { min: 0.005, max: 2, n: 10 }\ngx: { min: 1.0e-8, max: 1.0e-2, n: 12 }\neps: 0\nconstraints: [amu, bbn]\noutputs: { plots: [exclusion], csv: false }\n`;
const SPECS = {
  with: `name: with\n${BASE}projections: [${PROJECTIONS.join(', ')}]\n`,
  without: `name: without\n${BASE}`,
};
const out = (name: string) => join(tmp, name);

async function scan(name: keyof typeof SPECS): Promise<void> {
  const spec = join(tmp, `${name}.yaml`);
  writeFileSync(spec, SPECS[name]);
  await scanWithSharedData(spec, out(name));
}

beforeAll(async () => {
  await Promise.all([scan('with'), scan('without')]);
});

interface CoverageRecord {
  models: {
    model: string;
    allowed_cells: number;
    viable_cells: number;
    projections: { id: string; allowed_excluded: number; viable_excluded: number }[];
  }[];
}
const manifest = (name: string) => JSON.parse(readFileSync(join(out(name), 'manifest.json'), 'utf8'));

describe('a scan with projections', () => {
  it('counts coverage as NumPy does from masks.npz, sorted by the viable fraction', () => {
    const probe = spawnSync('python3', ['-c', 'import numpy'], { encoding: 'utf8' });
    if (probe.status !== 0) {
      const reason = `python3 with NumPy is not available (${(probe.error?.message ?? probe.stderr).trim() || `exit ${probe.status}`})`;
      if (process.env.CI) throw new Error(`${reason}; CI must install python3-numpy`);
      console.warn(`skipping the NumPy count of coverage: ${reason}`);
      return;
    }
    const script = `
import json, sys, numpy as np
d = np.load(sys.argv[1] + '/masks.npz')
allowed, viable = d['allowed'].astype(bool), d['viable'].astype(bool)
w = np.load(sys.argv[2] + '/masks.npz')
res = {'allowed': int(allowed.sum()), 'viable': int(viable.sum()), 'proj': {},
       'same_as_without': all(np.array_equal(d[k], w[k]) for k in ('allowed', 'preferred', 'viable'))}
for name in d.files:
    if name.startswith('mask_proj_'):
        m = d[name].astype(bool)
        res['proj'][name[5:]] = [int((m & allowed).sum()), int((m & viable).sum())]
print(json.dumps(res))
`;
    const r = spawnSync('python3', ['-c', script, out('with'), out('without')], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const numpy = JSON.parse(r.stdout) as {
      allowed: number;
      viable: number;
      proj: Record<string, [number, number]>;
      same_as_without: boolean;
    };
    // Projections never change allowed, preferred or viable.
    expect(numpy.same_as_without).toBe(true);
    const record = manifest('with').products.coverage as CoverageRecord;
    const [model] = record.models;
    expect(model.allowed_cells).toBe(numpy.allowed);
    expect(model.viable_cells).toBe(numpy.viable);
    expect(Object.keys(numpy.proj).sort()).toEqual([...PROJECTIONS].sort());
    for (const p of model.projections) expect([p.allowed_excluded, p.viable_excluded], p.id).toEqual(numpy.proj[p.id]);
    // The scan is chosen so that the test can fail: some viable cells exist and some projection reaches them.
    expect(numpy.viable).toBeGreaterThan(0);
    expect(Math.max(...Object.values(numpy.proj).map((v) => v[1]))).toBeGreaterThan(0);
    const fractions = model.projections.map((p) => p.viable_excluded / model.viable_cells);
    expect(fractions).toEqual([...fractions].sort((a, b) => b - a));
    // The CSV holds the same numbers.
    const csv = readFileSync(join(out('with'), 'coverage.csv'), 'utf8')
      .trim()
      .split('\n');
    expect(csv[0]).toBe(
      'model,projection,title,allowed_cells,allowed_excluded,allowed_fraction,viable_cells,viable_excluded,viable_fraction',
    );
    expect(csv.slice(1).map((l) => l.split(',')[1])).toEqual(model.projections.map((p) => p.id));
    for (const line of csv.slice(1)) {
      const f = line.split(',');
      const [a, v] = numpy.proj[f[1]];
      expect([Number(f[3]), Number(f[4]), Number(f[6]), Number(f[7])]).toEqual([numpy.allowed, a, numpy.viable, v]);
      expect(Number(f[8])).toBeCloseTo(v / numpy.viable, 12);
    }
  });

  it('never changes allowed, viable or chi2: byte-identical to the same scan without projections', () => {
    for (const f of ['cells/chi2.npy', 'minima.npy']) {
      expect(readFileSync(join(out('with'), f)).equals(readFileSync(join(out('without'), f))), f).toBe(true);
    }
    const m = manifest('with');
    expect(m.objective).toEqual(manifest('without').objective);
    for (const c of m.constraints.filter((x: { id: string }) => x.id.startsWith('proj_'))) {
      expect(c.in_objective).toBe(false);
      expect(c.projection).toMatch(/never an exclusion/);
    }
    expect(existsSync(join(out('without'), 'coverage.csv'))).toBe(false);
    expect(manifest('without').products.coverage).toBeUndefined();
  });

  it('draws the projections that reach the map as dashed lines under a "projected" legend heading, with a coverage footer', () => {
    const svg = readFileSync(join(out('with'), 'plots', 'B-L.svg'), 'utf8');
    const lines = [...svg.matchAll(/<path class="projection-line" data-id="([a-z0-9_]+)"[^>]*stroke-dasharray="7 4"/g)].map((x) => x[1]);
    const record = manifest('with').products.coverage as CoverageRecord;
    const reaching = record.models[0].projections.filter((p) => p.allowed_excluded > 0).map((p) => p.id);
    expect(lines.length).toBeGreaterThan(0);
    for (const id of reaching) expect(lines).toContain(id);
    expect(svg).toMatch(/class="legend-entry" data-id="projected-heading"/);
    expect(svg).toMatch(/Projected \(dashed; never an exclusion\)/);
    // No projection becomes a region.
    expect(svg).not.toMatch(/class="region-fill" data-id="proj_/);
  });
});

describe('spec errors', () => {
  const bad = async (name: string, text: string, message: RegExp) => {
    const spec = join(tmp, `${name}.yaml`);
    writeFileSync(spec, `name: ${name}\n${text}`);
    await expectRejected(sharedDataScanArgs(spec, out(name)), message, out(name));
  };
  it('refuses an unknown projection (exit 2, one line, nothing written)', async () => {
    await bad('unknown', `${BASE}projections: [proj_nothing_2099_x]\n`, /unknown projection 'proj_nothing_2099_x'/);
  });
  it('refuses a projection listed as a constraint', async () => {
    await bad('asconstraint', BASE.replace('[amu, bbn]', '[amu, proj_belle2_2018_visible]'), /'proj_belle2_2018_visible' is a projection/);
  });
  it('refuses a projection as an objective term', async () => {
    await bad(
      'asobjective',
      `${BASE}projections: [proj_belle2_2018_visible]\nobjective: [amu, proj_belle2_2018_visible]\n`,
      /projection.*never part of an objective/,
    );
  });
});

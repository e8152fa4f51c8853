// Every ready spec in scans/ runs at reduced resolution (--quick) and its outputs load with NumPy.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { COHERENT_DIR, DARKCAST_DIR, REPO_ROOT } from '../helpers/shared.js';
import { testTempDir } from '../helpers/tmp.js';
import { readScanSpec } from '../../src/scan/spec.js';
import { planScan } from '../../src/scan/plan.js';
import { modelsOfSpec } from '../../src/scan/models.js';

const ALL_SPECS = readdirSync(join(REPO_ROOT, 'scans'))
  .filter((f) => /\.ya?ml$/.test(f))
  .sort();
/**
 * The 10^10-point map is 2 x 10^7 points even at --quick (minutes on two cores): it is planned below, and
 * its code path is lmu-ltau-map.yaml's with a k axis (fit-vector-200mev.yaml profiles k the same way).
 */
const HIRES = 'lmu-ltau-hires.yaml';
const SPECS = ALL_SPECS.filter((f) => f !== HIRES);

/** The python3 that has NumPy (CI installs Debian's python3-numpy); null when there is none. */
function numpyPython(): string | null {
  for (const py of ['python3', '/usr/bin/python3']) {
    try {
      execFileSync(py, ['-c', 'import numpy'], { stdio: 'ignore' });
      return py;
    } catch {
      // try the next one
    }
  }
  return null;
}

const PY = numpyPython();
if (!PY) {
  if (process.env.CI === 'true' || process.env.CI === '1') throw new Error('CI=true but no python3 with NumPy');
  process.stderr.write('\n[u1x tests] skipping the NumPy load checks of scans/: no python3 with numpy\n');
}

// Loads every .npy and .npz under a directory and prints what it found.
const LOADER = `
import numpy, os, sys, json
found = []
for root, _, files in os.walk(sys.argv[1]):
    for f in sorted(files):
        p = os.path.join(root, f)
        if f.endswith('.npy'):
            a = numpy.load(p)
            found.append([os.path.relpath(p, sys.argv[1]), list(a.shape), str(a.dtype)])
        elif f.endswith('.npz'):
            with numpy.load(p) as z:
                for k in z.files:
                    found.append([os.path.relpath(p, sys.argv[1]) + ':' + k, list(z[k].shape), str(z[k].dtype)])
print(json.dumps(found))
`;

describe('scans/ specs at --quick', () => {
  it('has the paper specs', () => {
    expect(SPECS).toEqual(
      expect.arrayContaining(['lmu-ltau-map.yaml', 'fit-vector-200mev.yaml', 'model-space-200mev.yaml', 'mass-bound.yaml']),
    );
  });

  it(`${HIRES} plans 4096 m_X x 4096 g_X x 601 k = 1.0e10 points, k profiled, within the 32-bit cell index`, () => {
    const { spec } = readScanSpec(join(REPO_ROOT, 'scans', HIRES));
    const plan = planScan(spec, {
      name: 'hires',
      dataDirs: { coherent: COHERENT_DIR, darkcast: DARKCAST_DIR },
      force: true,
      resolveModels: (s) => modelsOfSpec(s, REPO_ROOT),
    });
    expect(plan.totalPoints).toBe(4096 * 4096 * 601);
    expect(plan.profileEps).toBe(true);
    expect(plan.cells).toBe(4096 * 4096);
    expect(plan.mix.values).toHaveLength(601);
    expect(plan.mix.values[300]).toBe(0); // k = 0 is on the axis
  });

  it.each(SPECS)('%s runs and its outputs load with NumPy', async (spec) => {
    const out = join(testTempDir('spec'), 'out');
    const r = await runCli([
      'scan',
      join('scans', spec),
      '--quick',
      '--out',
      out,
      '--progress',
      'none',
      '--coherent-data',
      COHERENT_DIR,
      '--darkcast',
      DARKCAST_DIR,
    ]);
    expect(r.code, r.stderr).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.tool).toBe('u1x');
    if (spec === 'model-space-200mev.yaml') {
      // L_mu - L_tau has R = infinity: it must still be drawn (on the top edge), not dropped like the dark photon.
      const svg = readFileSync(join(out, 'plots', 'alpha-r.svg'), 'utf8');
      expect(svg).toContain('R &gt; 100 (incl. L');
      expect(svg).toMatch(/>Lmu-Ltau</);
    }
    if (!PY) return;
    const found = JSON.parse(execFileSync(PY, ['-c', LOADER, out]).toString()) as [string, number[], string][];
    expect(found.length, `${spec}: no arrays`).toBeGreaterThan(0);
    for (const [, shape] of found) expect(shape.every((n) => n >= 0)).toBe(true);
  });
});

// `u1x fit --projections` (issue 17): per model, whether each projection excludes the best-fit point and its
// share of the viable region. The best-point verdicts are checked against an independent float64 evaluation
// of the projection at the reported (g_X, eps); the fit itself must not change (chi2, best point) when
// projections are asked for; bad ids are refused.
import { describe, expect, it } from 'vitest';
import { expectRejected, runCli } from '../helpers/cli.js';
import { evaluateF64, vectorModel } from '../helpers/evaluate.js';
import { COHERENT_DIR, DARKCAST_DIR, requireShared } from '../helpers/shared.js';

const PROJ = ['proj_belle2_2018_visible', 'proj_ship_2020_brem_vmd'];
const BASE = [
  'fit',
  '--models',
  'Lmu-Ltau,B-L',
  '--mx',
  '0.2',
  '--backend',
  'cpu',
  '--progress',
  'none',
  '--gx-points',
  '61',
  '--k-points',
  '101',
  '--json',
  '--darkcast',
  requireShared(DARKCAST_DIR),
  '--coherent-data',
  requireShared(COHERENT_DIR),
];
const MODELS = {
  'Lmu-Ltau': vectorModel('Lmu-Ltau', { B: 0, e: 0, mu: 1, tau: -1 }),
  'B-L': vectorModel('B-L', { B: 1, e: -1, mu: -1, tau: -1 }),
};

interface Row {
  model: { name: keyof typeof MODELS };
  best: { gx: number; eps: number; chi2: number };
  viable: boolean;
  projections?: { region_viable_samples: number; by_projection: { id: string; excludes_best: boolean; region_excluded: number }[] };
}

describe('u1x fit --projections', () => {
  it('reports each projection at the best point as a direct evaluation does, and leaves the fit unchanged', async () => {
    const [withP, without] = await Promise.all([runCli([...BASE, '--projections', PROJ.join(',')]), runCli(BASE)]);
    expect(withP.code, withP.stderr).toBe(0);
    expect(without.code, without.stderr).toBe(0);
    const rows = JSON.parse(withP.stdout) as Row[];
    const plain = JSON.parse(without.stdout) as Row[];
    expect(plain.every((r) => r.projections === undefined)).toBe(true);
    expect(rows.map((r) => r.best)).toEqual(plain.map((r) => r.best));
    let excludedSomewhere = false;
    for (const r of rows) {
      const p = r.projections!;
      expect(p.by_projection.map((v) => v.id).sort()).toEqual([...PROJ].sort());
      expect(p.region_viable_samples > 0).toBe(r.viable);
      const direct = await evaluateF64(PROJ, MODELS[r.model.name], [{ mx: 0.2, gx: r.best.gx, eps: r.best.eps }]);
      for (const v of p.by_projection) {
        expect(v.excludes_best, `${r.model.name} ${v.id}`).toBe(direct[0].constraints[v.id].excluded);
        expect(v.region_excluded).toBeLessThanOrEqual(p.region_viable_samples);
        excludedSomewhere ||= v.excludes_best;
      }
    }
    // Chosen so that the test can fail: Belle II's projection excludes B−L's best point at 0.2 GeV.
    expect(excludedSomewhere).toBe(true);
  });

  it('refuses an unknown projection (exit 2, one line)', async () => {
    await expectRejected([...BASE, '--projections', 'proj_nothing_2099_x'], /unknown projection 'proj_nothing_2099_x'/);
  });
});

// Issue 18: dense scans' exact work reduction. (1) The seeded profile (COHERENT evaluated first at the cheap
// terms' argmin, the existing tie rule) and (2) computed per-(model, m_X) COHERENT bounds in place of the
// static -2 must leave every cell output identical to the loop without any pruning: minimum, argmin, every
// mask word, every term at the minimum, bit for bit on the float64 CPU path, over several models, masses
// from 5 MeV to 3 GeV, g_X up to 0.5 and k far beyond the electron-charge cancellations. The bounds must lie
// below COHERENT at every grid point of their (model, m_X) row.
import { describe, expect, it } from 'vitest';
import { cpuBackend } from '../../src/backends/cpu.js';
import { buildKernel, openKernel, setHeavyBounds } from '../../src/kernel/session.js';
import { modelsOfSpec } from '../../src/scan/models.js';
import { planScan, type ScanPlan } from '../../src/scan/plan.js';
import { scanKernelRequest } from '../../src/scan/kernelRequest.js';
import { heavyBoundsSkipReason, scanHeavyBounds, staticHeavyBounds } from '../../src/scan/scanHeavyBounds.js';
import { parseScanSpec } from '../../src/scan/spec.js';
import { PointEvaluator } from '../../src/scan/pointEvaluator.js';
import { COHERENT_DIR, DARKCAST_DIR, REPO_ROOT, requireShared } from '../helpers/shared.js';

const dataDirs = { coherent: requireShared(COHERENT_DIR), darkcast: requireShared(DARKCAST_DIR) };

function plan(yaml: string): ScanPlan {
  return planScan(parseScanSpec(yaml, 'test.yaml'), {
    name: 'test',
    dataDirs,
    force: false,
    resolveModels: (s) => modelsOfSpec(s, REPO_ROOT),
  });
}

// 4 models x 4 masses x 25 g_X x 601 k: rows of 15 025 points, long enough for computed bounds.
const DENSE = `
name: dense
models: [Lmu-Ltau, B-3Lmu, dark-photon, Le-Lmu]
mx: { values: [0.005, 0.04, 0.2, 3] }
gx: { min: 1.0e-6, max: 0.5, n: 25 }
k: { min: -30, max: 30, n: 601, scale: lin }
constraints: all
`;

/** Every cell's total, argmin, mask and non-finite words and terms, as numbers (bit patterns compare with toEqual). */
async function cellsOf(p: ScanPlan, o: { prune: boolean; heavyBound?: Float64Array; setLater?: Float64Array }): Promise<number[][]> {
  const build = buildKernel(scanKernelRequest(p, { prune: o.prune, terms: true, heavyBound: o.heavyBound }));
  // As the runner does: built with placeholder bounds, the computed ones written in before the session opens.
  if (o.setLater) setHeavyBounds(build, o.setLater);
  const s = await openKernel(build, cpuBackend(2));
  try {
    const out = await s.run(0, s.cells);
    return Array.from({ length: s.cells }, (_, c) => [
      out.chi2(c),
      out.argmin(c),
      ...Array.from({ length: s.kernel.maskWords }, (_, w) => out.maskWord(c, w)),
      ...s.layout.constraintIds.map((id) => (out.nonfinite(c, id) ? 1 : 0)),
      ...s.layout.termIds.map((id) => out.term(c, id)),
    ]);
  } finally {
    s.dispose();
  }
}

describe('dense scans: seeded profiles and computed COHERENT bounds', () => {
  const p = plan(DENSE);

  it('use computed bounds only where they pay and apply', () => {
    expect(heavyBoundsSkipReason(p)).toBeNull();
    expect(heavyBoundsSkipReason(plan(DENSE.replace('n: 601', 'n: 31')))).toMatch(/would not pay/);
    expect(heavyBoundsSkipReason(plan(DENSE + 'mixing: hypercharge\n'))).toMatch(/photon-convention/);
    expect(heavyBoundsSkipReason(plan(DENSE.replace('constraints: all', 'constraints: [amu, borexino]')))).toMatch(/no heavy term/);
  });

  it('leave every cell output bit-identical to the unpruned loop', async () => {
    const { bounds } = await scanHeavyBounds(p, () => {});
    expect(bounds.length).toBe(p.models.length * p.mx.values.length);
    const reference = await cellsOf(p, { prune: false });
    // The grid must exercise what pruning could get wrong: many distinct argmins, and resonance penalties.
    expect(new Set(reference.map((c) => c[1])).size).toBeGreaterThan(20);
    expect(reference.some((c) => c[0] >= 100)).toBe(true);
    expect(await cellsOf(p, { prune: true }), 'seeded, static bound').toEqual(reference);
    expect(await cellsOf(p, { prune: true, heavyBound: bounds }), 'seeded, computed bounds').toEqual(reference);
    expect(await cellsOf(p, { prune: true, heavyBound: staticHeavyBounds(p), setLater: bounds }), 'bounds set after the build').toEqual(
      reference,
    );
  }, 300_000);

  it('computed bounds lie below COHERENT at every point of their row', async () => {
    const { bounds } = await scanHeavyBounds(p, () => {});
    // The bounds are far tighter than the static -2 (what makes them worth computing).
    expect(Math.min(...bounds)).toBeGreaterThan(-1.5);
    const evaluator = new PointEvaluator({
      models: p.models,
      active: p.active,
      objective: new Set(['coherent']),
      mixing: { convention: 'photon', axis: 'k' },
      masses: p.mx.values,
    });
    const nMx = p.mx.values.length;
    p.models.forEach((_, model) =>
      p.mx.values.forEach((mx, j) => {
        const points = Array.from(p.gx.values).flatMap((gx) => Array.from(p.mix.values, (k) => ({ model, mx, gx, eps: k })));
        const lowest = Math.min(...evaluator.evaluate(points).map((e) => e.total));
        expect(lowest, `${p.models[model].id} at ${mx} GeV`).toBeGreaterThanOrEqual(bounds[model * nMx + j]);
      }),
    );
  }, 300_000);
});

// `u1x bench --fit` (issue 18): the fit's phases with their COHERENT evaluation counts. Counts, not times:
// the full grid must run only part of the cells and evaluate COHERENT at a small fraction of its points
// (main evaluated it at ~20 % of the grid points of the 419-model fit; the pruning test checks the results).
import { describe, expect, it } from 'vitest';
import { benchFit, fitMarkdown } from '../../src/bench/fitPhases.js';
import { COHERENT_DIR, DARKCAST_DIR, requireShared } from '../helpers/shared.js';

describe('bench --fit --quick', () => {
  it('records every phase, the cells the grids ran and the COHERENT evaluations', async () => {
    const r = await benchFit({
      quick: true,
      dataDirs: { coherent: requireShared(COHERENT_DIR), darkcast: requireShared(DARKCAST_DIR) },
      log: () => {},
    });
    expect(r.phases.map((p) => p.name)).toEqual(['light grid', 'heavy bounds', 'ceilings', 'full grid', 'refinement']);
    const byName = Object.fromEntries(r.phases.map((p) => [p.name, p]));
    expect(byName['light grid'].heavyEvaluations).toBe(0);
    expect(byName['light grid'].cells).toEqual({ run: r.models * r.grid.gx, of: r.models * r.grid.gx });
    const full = byName['full grid'];
    expect(full.cells!.run).toBeGreaterThan(0);
    expect(full.cells!.run).toBeLessThan(full.cells!.of);
    expect(full.heavyEvaluations).toBeGreaterThan(0);
    expect(full.heavyEvaluations).toBeLessThan(0.05 * r.points);
    expect(byName['heavy bounds'].heavyEvaluations).toBeGreaterThan(0);
    expect(r.cpuS).toBeGreaterThan(0);
    const md = fitMarkdown(r).join('\n');
    expect(md).toContain(`| full grid | ${full.seconds.toFixed(2)} | ${full.heavyEvaluations} | ${full.cells!.run} / ${full.cells!.of} |`);
  }, 60_000);
});

// kind: fit — every model's global minimum at each m_X of the spec (SPEC §5.3).

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { npzBytes } from '../../io/npz.js';
import { runFit, VIABLE_BELOW } from '../fit.js';
import { fitArrays, fitCsvText, fitRows } from './fitFiles.js';
import { defineScanKind } from './define.js';
import { directoryRun, finish, prepareDir, requireK, type KindContext } from './kindDir.js';

export default defineScanKind({ id: 'fit', schema: {}, run: directoryRun('fit', runFitKind) });

/** kind: fit — every model's global minimum at each m_X of the spec (SPEC §5.3). */
export async function runFitKind(ctx: KindContext): Promise<void> {
  const { plan } = ctx;
  const radiative = plan.mix.kind === 'radiative';
  const k = radiative ? Float64Array.of(0) : requireK(plan, 'fit');
  const partial = prepareDir(ctx);
  const files: Record<string, string> = {};
  const summary: Record<string, unknown>[] = [];
  for (const mx of plan.mx.values) {
    const out = await runFit({
      models: plan.models,
      mx,
      active: plan.active,
      objective: plan.objective,
      gx: plan.gx.values,
      k,
      radiative,
      backend: ctx.selected.backend,
      log: ctx.log,
      progress: ctx.progress,
      stop: ctx.stop,
    });
    const tag = plan.mx.values.length > 1 ? `-${mx}` : '';
    writeFileSync(join(partial, `fit${tag}.json`), JSON.stringify(fitRows(out), null, 1) + '\n');
    writeFileSync(join(partial, `fit${tag}.csv`), fitCsvText(out));
    writeFileSync(join(partial, `fit${tag}.npz`), npzBytes(fitArrays(out)));
    files[`fit${tag}.json`] =
      `per model at m_X = ${mx} GeV: best g_X, eps, eps e/g_X, chi2 and terms, viable (chi2 < ${VIABLE_BELOW})` +
      (radiative ? '; eps radiative (0 in the UV): minimised over g_X only, eps and k are k_rad(0) and eps(0) at the best g_X' : '');
    files[`fit${tag}.npz`] =
      'the same as arrays over models (order of the JSON): chi2_min, gx, eps, k, viable, chi2_<term>, c [cB, le, lmu, ltau] (NaN for chiral)';
    const viable = out.fits.filter((f) => f.viable).sort((a, b) => a.best.chi2 - b.best.chi2);
    ctx.log(`m_X = ${mx} GeV: ${viable.length} of ${out.fits.length} models viable; SM chi2 = ${out.sm.chi2.toFixed(4)}`);
    summary.push({
      mx,
      models: out.fits.length,
      clamped: out.clamped,
      viable: viable.map((f) => ({
        name: f.model.name,
        id: f.model.id,
        chi2: f.best.chi2,
        margin: f.margin,
        below_sm: f.belowSm.map((b) => b.id),
      })),
      sm_chi2: out.sm.chi2,
      sm_terms: out.sm.terms,
      grid_points: out.timings.gridPoints,
    });
  }
  finish(ctx, partial, {
    kind: 'fit',
    objective: [...plan.objective],
    viability: `min chi2 < ${VIABLE_BELOW} (SPEC §5.3)`,
    results: summary,
    files,
  });
}

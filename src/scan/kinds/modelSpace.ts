// kind: modelSpace — the (alpha, R) plane of vector models (a model family) shaded where no (g_X, eps)
// explains (g-2)_mu, with catalog models overlaid (G2 Fig. 2).

import { writeFileSync } from 'node:fs';
import { z } from 'zod';
import { join } from 'node:path';
import { npzBytes } from '../../io/npz.js';
import { alphaR as alphaROf, resolveModels } from '../../models/index.js';
import { renderAlphaRMap, TAN_ALPHA_MINUS_TWO_THIRDS, writePlot } from '../../plot/index.js';
import { UserError } from '../../util/errors.js';
import { buildAxis } from '../axes.js';
import { runFit, VIABLE_BELOW, type FitOutput } from '../fit.js';
import { gridMinima } from '../gridMinima.js';
import { fitCsvText, fitRows } from './fitFiles.js';
import { defineScanKind, type KindFields } from './define.js';
import { datasetLines, directoryRun, finish, prepareDir, requireK, type KindContext } from './kindDir.js';

const schema = {
  /** Models drawn on the (alpha, R) map, fitted at the same m_X. */
  overlay: z.string().optional(),
};

export default defineScanKind({ id: 'modelSpace', schema, run: directoryRun('modelSpace', runModelSpaceKind) });

/** kind: modelSpace — the (alpha, R) plane shaded where no (g_X, eps) explains (g-2)_mu (G2 Fig. 2). */
export async function runModelSpaceKind(ctx: KindContext, fields: KindFields<typeof schema>): Promise<void> {
  const { plan } = ctx;
  const k = requireK(plan, 'modelSpace');
  if (plan.mx.values.length !== 1) throw new UserError('a modelSpace scan is at one m_X');
  const family = plan.spec.models;
  if (typeof family !== 'object' || Array.isArray(family) || !('alphaR' in family))
    throw new UserError('a modelSpace scan needs models: { alphaR: ... }');
  const alpha = buildAxis('models.alphaR.alpha', family.alphaR.alpha, {}).values;
  const R = buildAxis('models.alphaR.R', family.alphaR.R, {}).values;
  const mx = plan.mx.values[0];
  const partial = prepareDir(ctx);
  const grid = await gridMinima({
    models: plan.models,
    active: plan.active,
    objective: plan.objective,
    mx: plan.mx.values,
    gx: plan.gx.values,
    mix: { kind: 'k', values: k },
    mixing: plan.mixing,
    backend: ctx.selected.backend,
    progress: ctx.progress('model space', plan.totalPoints),
    stop: ctx.stop,
  });
  const excluded = Uint8Array.from(grid.chi2, (c) => (c >= VIABLE_BELOW ? 1 : 0));
  const shape = [alpha.length, R.length];
  writeFileSync(
    join(partial, 'model_space.npz'),
    npzBytes([
      { name: 'alpha_deg', dtype: '<f8', shape: [alpha.length], data: alpha },
      { name: 'R', dtype: '<f8', shape: [R.length], data: R },
      { name: 'chi2_min', dtype: '<f8', shape, data: grid.chi2 },
      { name: 'excluded', dtype: '<u1', shape, data: excluded },
    ]),
  );

  let overlay: FitOutput | null = null;
  const points: { alpha: number; R: number; label?: string; viable: boolean }[] = [];
  if (fields.overlay) {
    const models = resolveModels(fields.overlay).filter((m) => m.c);
    overlay = await runFit({
      models,
      mx,
      active: plan.active,
      objective: plan.objective,
      gx: plan.gx.values,
      k,
      backend: ctx.selected.backend,
      log: ctx.log,
      progress: ctx.progress,
      stop: ctx.stop,
    });
    writeFileSync(join(partial, 'overlay.json'), JSON.stringify(fitRows(overlay), null, 1) + '\n');
    writeFileSync(join(partial, 'overlay.csv'), fitCsvText(overlay));
    for (const f of overlay.fits) {
      const ar = alphaROf(f.model.c!);
      if (Number.isNaN(ar.R)) continue; // dark photon: no (alpha, R); L_mu - L_tau (R = Infinity) goes on the top edge
      points.push({
        alpha: Number.isFinite(ar.alphaDeg) ? ar.alphaDeg : 0,
        R: ar.R,
        label: f.viable ? f.model.name : undefined,
        viable: f.viable,
      });
    }
  }
  const objectiveText = [...plan.objective].join(' + ');
  const svg = renderAlphaRMap({
    title: `Vector U(1)_X models at m_X = ${mx * 1000} MeV`,
    alpha,
    R,
    excluded,
    points,
    lines: [TAN_ALPHA_MINUS_TWO_THIRDS, { alpha: (Math.atan(-7 / 9) * 180) / Math.PI, label: 'tan α = −7/9' }],
    footer: [
      `shaded: min over (g_X, k) of ${objectiveText} >= ${VIABLE_BELOW} (no explanation of (g-2)_mu within 2 sigma, SPEC §5.3)`,
      ...datasetLines(plan),
      `grid: g_X ${plan.gx.values.length} log points in [${plan.gx.values[0].toExponential(1)}, ${plan.gx.values[plan.gx.values.length - 1].toExponential(1)}], k ${k.length} points in [${k[0]}, ${k[k.length - 1]}]; markers: catalog models (refined fit)`,
      `${ctx.selected.backend.precision === 'float32' ? 'float32 WebGPU grid' : 'float64 CPU grid'}, float64 refinement of overlaid models`,
    ],
  });
  const plots = await writePlot(join(partial, 'plots', 'alpha-r'), svg, ['svg', 'png', 'pdf']);
  finish(ctx, partial, {
    kind: 'modelSpace',
    mx,
    objective: [...plan.objective],
    excluded_fraction: excluded.reduce((a, b) => a + b, 0) / excluded.length,
    overlay_viable: overlay?.fits.filter((f) => f.viable).map((f) => f.model.name) ?? [],
    files: { 'model_space.npz': 'alpha_deg, R, chi2_min [alpha][R], excluded', plots: plots.map((p) => p.slice(partial.length + 1)) },
  });
}

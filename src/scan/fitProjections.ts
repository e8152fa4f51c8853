// Which future search decides a model (issue 17), for `u1x fit`: per model, whether each projection (role
// 'projection', constraints/define.ts) would exclude its best-fit point, and which fraction of its viable
// (g_X, k) region it would exclude. The viable region is sampled on REGION_GX g_X values thinned from the fit's
// grid, times (without radiative mixing) REGION_K k values thinned from the fit's range plus REGION_K values
// at the fit's k spacing centred on the best k (the viable valleys are narrow in k, SPEC §5.3, §6.5), plus the
// best point itself; a sample is viable when its objective chi2 is below the viability cut. Projections have
// penalty 0, so evaluating them beside the objective leaves every chi2 as the fit computed it.

import type { ActiveConstraint } from '../constraints/activate.js';
import type { PointInput } from '../kernel/session.js';
import { VIABLE_BELOW, type FitOutput } from './fit.js';
import { PointEvaluator } from './pointEvaluator.js';

/** Region samples per axis: enough to see a valley's extent, cheap enough for COHERENT on the CPU. */
export const REGION_GX = 41;
export const REGION_K = 41;

export interface ProjectionVerdict {
  id: string;
  title: string;
  /** Excludes the best-fit point. */
  atBest: boolean;
  /** Viable samples it excludes. */
  regionExcluded: number;
}

export interface ModelProjections {
  modelId: string;
  /** Viable samples of the region (the best point included when viable); 0 for a non-viable model. */
  regionViable: number;
  /** Sorted: best point first, then the largest share of the viable region. */
  projections: ProjectionVerdict[];
}

function thinned(values: Float64Array, n: number): number[] {
  if (values.length <= n) return Array.from(values);
  return Array.from({ length: n }, (_, i) => values[Math.round((i * (values.length - 1)) / (n - 1))]);
}

export function fitProjections(o: {
  fit: FitOutput;
  mx: number;
  active: readonly ActiveConstraint[];
  objective: ReadonlySet<string>;
  gx: Float64Array;
  k: Float64Array;
  radiative: boolean;
}): ModelProjections[] {
  const projections = o.active.filter((a) => a.def.role === 'projection');
  if (projections.length === 0) return [];
  const models = o.fit.fits.map((f) => f.model);
  const evaluator = new PointEvaluator({
    models,
    active: o.active,
    objective: new Set([...o.objective, ...projections.map((a) => a.def.id)]),
    mixing: { convention: 'photon', axis: o.radiative ? 'radiative' : 'k' },
    masses: Float64Array.of(o.mx),
  });
  const gxs = thinned(o.gx, REGION_GX);
  const coarseK = o.radiative ? [0] : thinned(o.k, REGION_K);
  const dK = o.k.length > 1 ? (o.k[o.k.length - 1] - o.k[0]) / (o.k.length - 1) : 0;
  const half = Math.floor(REGION_K / 2);
  return o.fit.fits.map((f, m) => {
    const best: PointInput = { model: m, mx: o.mx, gx: f.best.gx, eps: o.radiative ? 0 : f.best.k };
    const nearK = o.radiative || dK === 0 ? [] : Array.from({ length: REGION_K }, (_, j) => f.best.k + (j - half) * dK);
    const ks = [...coarseK, ...nearK];
    const region: PointInput[] = f.viable ? gxs.flatMap((gx) => ks.map((k) => ({ model: m, mx: o.mx, gx, eps: k }))) : [];
    const [atBest, ...samples] = evaluator.evaluate([best, ...region]);
    const viable = f.viable ? [atBest, ...samples.filter((s) => s.nonfinite.length === 0 && s.total < VIABLE_BELOW)] : [];
    const verdicts = projections.map((a) => ({
      id: a.def.id,
      title: a.def.title,
      atBest: atBest.excluded[a.def.id],
      regionExcluded: viable.filter((s) => s.excluded[a.def.id]).length,
    }));
    verdicts.sort((p, q) => Number(q.atBest) - Number(p.atBest) || q.regionExcluded - p.regionExcluded);
    return { modelId: f.model.id, regionViable: viable.length, projections: verdicts };
  });
}

/** Lines for the fit table: per model, the projections that exclude its best point or part of its viable region. */
export function fitProjectionLines(fit: FitOutput, per: readonly ModelProjections[]): string[] {
  if (per.length === 0) return [];
  const lines = [
    '',
    `future searches (projections: never part of the fit): at the best-fit point, and share of the viable (g_X, k) samples (${REGION_GX} g_X x ${REGION_K} k on the fit ranges + ${REGION_K} k around the best, chi2 < ${VIABLE_BELOW}) each would exclude`,
  ];
  per.forEach((p, i) => {
    const name = fit.fits[i].model.name;
    if (p.regionViable === 0) return void lines.push(`${name}: not viable`);
    const hits = p.projections.filter((v) => v.atBest || v.regionExcluded > 0);
    const text = hits.length
      ? hits
          .map(
            (v) =>
              `${v.title.replace(/ \(projected\)$/, '')} [${v.id}]: best ${v.atBest ? 'excluded' : 'allowed'}, region ${((100 * v.regionExcluded) / p.regionViable).toFixed(1)}%`,
          )
          .join('; ')
      : 'none reaches it';
    lines.push(`${name} (${p.regionViable} viable samples): ${text}`);
  });
  return lines;
}

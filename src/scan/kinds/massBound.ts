// kind: massBound — the model-independent upper bound on m_X from (g x_L2, g x_E2, eps_Y) (SPEC §5.5).

import { writeFileSync } from 'node:fs';
import { z } from 'zod';
import { join } from 'node:path';
import { npyBytes } from '../../io/npy.js';
import { npzBytes } from '../../io/npz.js';
import { chargesFromVector, couplingRecordFromCharges, type ScanModel } from '../../models/types.js';
import { M_Z, SW } from '../../physics/constants.js';
import { renderCurves, writePlot } from '../../plot/index.js';
import { UserError } from '../../util/errors.js';
import { VIABLE_BELOW } from '../fit.js';
import { gridMinima } from '../gridMinima.js';
import { PointEvaluator } from '../pointEvaluator.js';
import { patternSearch } from '../refine.js';
import { defineScanKind, type KindFields } from './define.js';
import { checkStop, datasetLines, directoryRun, finish, prepareDir, type KindContext } from './kindDir.js';

const schema = {
  /** Number of directions (x_L2, x_E2) = (cos t, sin t) on the coarse grid (default 180). */
  directions: z.number().int().positive().optional(),
};

export default defineScanKind({
  id: 'massBound',
  schema,
  // Its models are the muon-coupling directions of SPEC §5.5 (and the dark photon), not a selection.
  models: (fields) => massBoundModels(fields.directions ?? 180),
  quick: (fields) => ({ directions: fields.directions === undefined ? undefined : Math.max(8, Math.ceil(fields.directions / 8)) }),
  run: directoryRun('massBound', runMassBoundKind),
});

/** The muon-only directions of the mass bound, plus the pure dark photon (all charges zero). */
export function massBoundModels(n: number): ScanModel[] {
  const zero: [number, number, number] = [0, 0, 0];
  const dirs = Array.from({ length: n }, (_, i) => {
    const t = (Math.PI * i) / n;
    const charges = {
      Q: [...zero] as typeof zero,
      U: [...zero] as typeof zero,
      D: [...zero] as typeof zero,
      N: [...zero] as typeof zero,
      L: [0, Math.cos(t), 0] as typeof zero,
      E: [0, Math.sin(t), 0] as typeof zero,
    };
    return {
      id: `muon:${i}/${n}`,
      name: `t=${((180 * i) / n).toFixed(3)}deg`,
      category: 'custom' as const,
      charges,
      record: couplingRecordFromCharges(charges),
    };
  });
  const dark = chargesFromVector({ B: 0, e: 0, mu: 0, tau: 0 });
  return [...dirs, { id: 'dark-photon', name: 'dark photon', category: 'vector', charges: dark, record: couplingRecordFromCharges(dark) }];
}

/**
 * kind: massBound — min chi2 = amu + CCFR + T over (g x_L2, g x_E2, eps_Y) per m_X (SPEC §5.5): a coarse
 * grid over directions, g_X and eps_Y on the backend, then a float64 pattern search over a 20x finer set
 * of directions, log g_X and eps_Y. Three curves: global, eps_Y = 0, and the dark photon alone.
 */
/** |t_theta| above which the X-Z mixing of a mass-bound best fit is flagged as not small (SPEC §2.4). */
const STRONG_XZ_MIXING = 0.1;

export async function runMassBoundKind(ctx: KindContext, fields: KindFields<typeof schema>): Promise<void> {
  const { plan } = ctx;
  if (plan.mix.kind !== 'eps' || plan.mixing !== 'hypercharge')
    throw new UserError('a massBound scan uses an eps axis with mixing: hypercharge (eps is eps_Y, SPEC §2.4)');
  const nDir = fields.directions ?? 180;
  const fine = 20;
  const coarse = massBoundModels(nDir);
  const fineModels = massBoundModels(nDir * fine);
  const mx = plan.mx.values;
  const eps = plan.mix.values;
  const partial = prepareDir(ctx);
  const run = (models: ScanModel[], epsValues: Float64Array, stage: string) =>
    gridMinima({
      models,
      active: plan.active,
      objective: plan.objective,
      mx,
      gx: plan.gx.values,
      mix: { kind: 'eps', values: epsValues },
      mixing: 'hypercharge',
      backend: ctx.selected.backend,
      progress: ctx.progress(stage, models.length * mx.length * plan.gx.values.length * epsValues.length),
      stop: ctx.stop,
    });
  const global = await run(coarse.slice(0, nDir), eps, 'mass bound: global');
  const noMixing = await run(coarse.slice(0, nDir), Float64Array.of(0), 'mass bound: eps_Y = 0');
  const dark = await run(coarse.slice(nDir), eps, 'mass bound: dark photon');
  const evaluator = new PointEvaluator({
    models: fineModels,
    active: plan.active,
    objective: plan.objective,
    mixing: { convention: 'hypercharge', axis: 'eps' },
    masses: mx,
  });
  const gLo = Math.log10(plan.gx.values[0]);
  const gHi = Math.log10(plan.gx.values[plan.gx.values.length - 1]);
  const dLogG = (gHi - gLo) / Math.max(1, plan.gx.values.length - 1);
  const dEps = eps.length > 1 ? (eps[eps.length - 1] - eps[0]) / (eps.length - 1) : 0;
  const darkIndex = fineModels.length - 1;

  // Per mass: the best coarse cell over directions, then a pattern search in (direction angle, log10 g,
  // eps_Y) on the fine directions (the angle snaps to them; half a turn covers every (a, b) direction).
  const nFine = nDir * fine;
  const degPerFine = 180 / nFine;
  const snap = (deg: number) => ((Math.round(deg / degPerFine) % nFine) + nFine) % nFine;
  const refineCurve = (grid: typeof global, which: 'directions' | 'dark', fixedEps: boolean) => {
    const starts = Array.from(mx, (_, im) => {
      let bestDir = 0;
      if (which === 'directions')
        for (let d = 1; d < nDir; d++) if (grid.chi2[d * mx.length + im] < grid.chi2[bestDir * mx.length + im]) bestDir = d;
      const seg = bestDir * mx.length + im;
      return { x: [bestDir * fine * degPerFine, Math.log10(grid.gx[seg]), grid.mix[seg]] };
    });
    const modelOf = (x: number[]) => (which === 'dark' ? darkIndex : snap(x[0]));
    const value = (im: number, x: number[]) => ({ model: modelOf(x), mx: mx[im], gx: 10 ** x[1], eps: x[2] });
    const startValues = evaluator.evaluate(starts.map((s, im) => value(im, s.x))).map((e) => e.total);
    const found = patternSearch(
      starts.map((s, im) => ({ x: s.x, value: startValues[im] })),
      (batch) => evaluator.evaluate(batch.map(({ owner, x }) => value(owner, x))).map((e) => e.total),
      {
        steps: [which === 'dark' ? 0 : fine * degPerFine, which === 'dark' ? 0 : dLogG, fixedEps ? 0 : dEps],
        minSteps: [degPerFine, 1e-5, 1e-7],
        project: (x) => (Math.abs(x[2]) < 0.5 ? [which === 'dark' ? x[0] : snap(x[0]) * degPerFine, x[1], x[2]] : null),
      },
    );
    return found.map((r, im) => {
      const t = (Math.PI * snap(r.x[0])) / nFine;
      const g = 10 ** r.x[1];
      return {
        mx: mx[im],
        chi2: r.value,
        a: which === 'dark' ? 0 : g * Math.cos(t),
        b: which === 'dark' ? 0 : g * Math.sin(t),
        epsY: r.x[2],
      };
    });
  };
  checkStop(ctx);
  const curves = {
    global: refineCurve(global, 'directions', false),
    noMixing: refineCurve(noMixing, 'directions', true),
    dark: refineCurve(dark, 'dark', false),
  };
  checkStop(ctx);

  const crossing = (c: { mx: number; chi2: number }[]) => {
    for (let i = 0; i + 1 < c.length; i++) {
      if (c[i].chi2 < VIABLE_BELOW && c[i + 1].chi2 >= VIABLE_BELOW) {
        const f = (VIABLE_BELOW - c[i].chi2) / (c[i + 1].chi2 - c[i].chi2);
        return Math.exp(Math.log(c[i].mx) + f * Math.log(c[i + 1].mx / c[i].mx));
      }
    }
    return null;
  };
  const bound = crossing(curves.global);
  // X-Z mixing angle at each best fit (SPEC §2.4). Next to m_Z it is no longer small: the X takes a Z-like
  // muon coupling that amu + CCFR + T do not constrain (Z-pole data would), so the dip there is flagged.
  const tTheta = curves.global.map((g) => (SW * g.epsY) / Math.sqrt(1 - g.epsY ** 2) / (1 - (g.mx / M_Z) ** 2));
  const strongMixing = curves.global.flatMap((g, i) => (Math.abs(tTheta[i]) > STRONG_XZ_MIXING ? [{ g, t: tTheta[i] }] : []));
  const header = 'mx_GeV,chi2_global,a_gxL2,b_gxE2,epsY,t_theta,chi2_no_mixing,chi2_dark_photon,epsY_dark';
  const rows = curves.global.map((g, i) =>
    [g.mx, g.chi2, g.a, g.b, g.epsY, tTheta[i], curves.noMixing[i].chi2, curves.dark[i].chi2, curves.dark[i].epsY].join(','),
  );
  writeFileSync(join(partial, 'mass_bound.csv'), [header, ...rows].join('\n') + '\n');
  writeFileSync(
    join(partial, 'mass_bound.npz'),
    npzBytes([
      { name: 'mx', dtype: '<f8', shape: [mx.length], data: mx },
      { name: 'chi2_global', dtype: '<f8', shape: [mx.length], data: Float64Array.from(curves.global, (c) => c.chi2) },
      { name: 'chi2_no_mixing', dtype: '<f8', shape: [mx.length], data: Float64Array.from(curves.noMixing, (c) => c.chi2) },
      { name: 'chi2_dark_photon', dtype: '<f8', shape: [mx.length], data: Float64Array.from(curves.dark, (c) => c.chi2) },
    ]),
  );
  writeFileSync(join(partial, 'mx.npy'), npyBytes('<f8', [mx.length], mx));
  const svg = renderCurves({
    title: 'Generic upper bound on m_X (SPEC §5.5)',
    x: { label: 'm_X [GeV]', log: true },
    y: { label: 'min χ² (amu + CCFR + T)' },
    curves: [
      { id: 'global', label: 'global (g x_{L2}, g x_{E2}, ε_Y)', x: [...mx], y: curves.global.map((c) => c.chi2) },
      { id: 'nomix', label: 'no kinetic mixing (ε_Y = 0)', x: [...mx], y: curves.noMixing.map((c) => c.chi2) },
      { id: 'dark', label: 'dark photon only', x: [...mx], y: curves.dark.map((c) => c.chi2) },
    ],
    threshold: { y: VIABLE_BELOW, label: 'χ² = 4 (2σ)' },
    crossing: { curveId: 'global', label: 'm_X ≈ {x} GeV' },
    footer: [
      ...datasetLines(plan),
      'CCFR in its contact (EFT) form (valid here); T parameter exact formula; X–Z mixing of SPEC §2.4 (hypercharge convention)',
      `grid: ${nDir} directions, g_X ${plan.gx.values.length} log points, ε_Y ${eps.length} points; float64 pattern search (${nDir * fine} directions)`,
      ...(strongMixing.length
        ? [
            `X–Z near-degenerate, best fit with |t_θ| > ${STRONG_XZ_MIXING} at m_X = ${strongMixing.map(({ g, t }) => `${g.mx.toPrecision(4)} GeV (t_θ = ${t.toFixed(2)}, χ² = ${g.chi2.toFixed(2)})`).join(', ')}: ` +
              'a Z-like muon coupling that Z-pole data, not part of this χ², exclude — not a viable window',
          ]
        : []),
    ],
  });
  const plots = await writePlot(join(partial, 'plots', 'mass-bound'), svg, ['svg', 'png', 'pdf']);
  ctx.log(`mass bound: global min chi2 crosses ${VIABLE_BELOW} at m_X = ${bound === null ? 'none in range' : `${bound.toFixed(3)} GeV`}`);
  finish(ctx, partial, {
    kind: 'massBound',
    objective: [...plan.objective],
    bound_GeV: bound,
    curves: curves.global.map((g, i) => ({
      mx: g.mx,
      global: g.chi2,
      no_mixing: curves.noMixing[i].chi2,
      dark_photon: curves.dark[i].chi2,
      best: { a: g.a, b: g.b, epsY: g.epsY, t_theta: tTheta[i] },
    })),
    files: {
      'mass_bound.csv': 'per m_X: the three minimum-chi2 curves and the best couplings',
      'mass_bound.npz': 'the curves as arrays',
      plots: plots.map((p) => p.slice(partial.length + 1)),
    },
  });
}

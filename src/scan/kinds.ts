// Scan kinds besides the plain grid: the global fit, the (alpha, R) model-space map and the generic
// mass bound. Each resolves its spec with planScan (models, axes, constraints, objective), runs the
// engine, and writes its products into a partial directory that is committed atomically. These kinds
// keep no checkpoint: a stop request (ctx.stop) ends them between dispatches and stages with nothing
// written, and a new run starts over (the CLI refuses --resume for them).

import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SelectedBackend } from '../backends/select.js';
import { commitDir, partialDirFor } from '../io/atomic.js';
import { npyBytes } from '../io/npy.js';
import { npzBytes } from '../io/npz.js';
import { alphaR as alphaROf, resolveModels } from '../models/index.js';
import { chargesFromVector, couplingRecordFromCharges, type ScanModel } from '../models/types.js';
import { M_Z, SW } from '../physics/constants.js';
import { renderAlphaRMap, renderCurves, TAN_ALPHA_MINUS_TWO_THIRDS, writePlot } from '../plot/index.js';
import { StoppedError, UserError } from '../util/errors.js';
import { checkOutputTarget } from '../io/outputTarget.js';
import { buildAxis } from './axes.js';
import { runFit, VIABLE_BELOW, type FitOutput } from './fit.js';
import { gridMinima } from './gridMinima.js';
import { PointEvaluator } from './pointEvaluator.js';
import type { ScanPlan } from './plan.js';
import type { Progress } from './progress.js';
import { patternSearch } from './refine.js';

export interface KindContext {
  plan: ScanPlan;
  outDir: string;
  force: boolean;
  selected: SelectedBackend;
  log: (line: string) => void;
  progress: (stage: string, total: number) => Progress;
  manifestBase: Record<string, unknown>;
  specText: string;
  /** Set by the CLI's signal handler. */
  stop: { readonly requested: boolean };
  /** The u1x installation, which no output may replace. */
  installRoot?: string | null;
}

function checkStop(ctx: KindContext): void {
  if (ctx.stop.requested) throw new StoppedError('interrupted');
}

function prepareDir(ctx: KindContext): string {
  const partial = partialDirFor(ctx.outDir);
  // Left by a run that was killed: these kinds never resume, and the caller holds the output's lock.
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  writeFileSync(join(partial, 'spec.yaml'), ctx.specText);
  return partial;
}

function finish(ctx: KindContext, partial: string, manifest: Record<string, unknown>): void {
  checkStop(ctx);
  writeFileSync(join(partial, 'manifest.json'), JSON.stringify({ ...ctx.manifestBase, ...manifest }, null, 2) + '\n');
  commitDir(partial, ctx.outDir, ctx.force, (dir) => checkOutputTarget(dir, { force: ctx.force, installRoot: ctx.installRoot }));
}

function datasetLines(plan: ScanPlan): string[] {
  return plan.active.filter((a) => a.datasetId && plan.objective.has(a.def.id)).map((a) => `${a.def.title}: dataset ${a.datasetId}`);
}

function fitRows(out: FitOutput) {
  return out.fits.map((f) => ({
    model: { id: f.model.id, name: f.model.name, charges: f.model.charges, c: f.model.c ?? null },
    best: { gx: f.best.gx, eps: f.best.eps, eps_e_over_gx: f.best.epsEOverGx, chi2: f.best.chi2, terms: f.best.terms },
    viable: f.viable,
  }));
}

function fitCsvText(out: FitOutput): string {
  const header = ['id', 'name', 'viable', 'chi2_min', 'gx', 'eps', 'eps_e_over_gx', ...out.objective.map((t) => `chi2_${t}`)];
  const rows = out.fits.map((f) => [f.model.id, JSON.stringify(f.model.name), f.viable, f.best.chi2, f.best.gx, f.best.eps, f.best.epsEOverGx, ...out.objective.map((t) => f.best.terms[t])].join(','));
  return [header.join(','), ...rows].join('\n') + '\n';
}

function fitArrays(out: FitOutput) {
  const n = out.fits.length;
  const col = (f: (x: FitOutput['fits'][number]) => number) => Float64Array.from(out.fits, f);
  const c = new Float64Array(n * 4);
  out.fits.forEach((f, i) => c.set(f.model.c ? [f.model.c.B, f.model.c.e, f.model.c.mu, f.model.c.tau] : [NaN, NaN, NaN, NaN], i * 4));
  return [
    { name: 'chi2_min', dtype: '<f8' as const, shape: [n], data: col((f) => f.best.chi2) },
    { name: 'gx', dtype: '<f8' as const, shape: [n], data: col((f) => f.best.gx) },
    { name: 'eps', dtype: '<f8' as const, shape: [n], data: col((f) => f.best.eps) },
    { name: 'k', dtype: '<f8' as const, shape: [n], data: col((f) => f.best.k) },
    { name: 'viable', dtype: '<u1' as const, shape: [n], data: Uint8Array.from(out.fits, (f) => (f.viable ? 1 : 0)) },
    ...out.objective.map((t) => ({ name: `chi2_${t}`, dtype: '<f8' as const, shape: [n], data: col((f) => f.best.terms[t]) })),
    { name: 'c', dtype: '<f8' as const, shape: [n, 4], data: c },
  ];
}

function requireK(plan: ScanPlan, kind: string): Float64Array {
  if (plan.mix.kind !== 'k') throw new UserError(`a ${kind} scan needs a k axis (mixing ratio k = eps_hat e / g_X, SPEC §6.5)`);
  return plan.mix.values;
}

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
      models: plan.models, mx, active: plan.active, objective: plan.objective, gx: plan.gx.values, k, radiative,
      backend: ctx.selected.backend, log: ctx.log, progress: ctx.progress, stop: ctx.stop,
    });
    const tag = plan.mx.values.length > 1 ? `-${mx}` : '';
    writeFileSync(join(partial, `fit${tag}.json`), JSON.stringify(fitRows(out), null, 1) + '\n');
    writeFileSync(join(partial, `fit${tag}.csv`), fitCsvText(out));
    writeFileSync(join(partial, `fit${tag}.npz`), npzBytes(fitArrays(out)));
    files[`fit${tag}.json`] = `per model at m_X = ${mx} GeV: best g_X, eps, eps e/g_X, chi2 and terms, viable (chi2 < ${VIABLE_BELOW})` +
      (radiative ? '; eps radiative (0 in the UV): minimised over g_X only, eps and k are k_rad(0) and eps(0) at the best g_X' : '');
    files[`fit${tag}.npz`] = 'the same as arrays over models (order of the JSON): chi2_min, gx, eps, k, viable, chi2_<term>, c [cB, le, lmu, ltau] (NaN for chiral)';
    const viable = out.fits.filter((f) => f.viable).sort((a, b) => a.best.chi2 - b.best.chi2);
    ctx.log(`m_X = ${mx} GeV: ${viable.length} of ${out.fits.length} models viable; SM chi2 = ${out.sm.chi2.toFixed(4)}`);
    summary.push({
      mx, models: out.fits.length, viable: viable.map((f) => ({ name: f.model.name, id: f.model.id, chi2: f.best.chi2 })),
      sm_chi2: out.sm.chi2, sm_terms: out.sm.terms, grid_points: out.timings.gridPoints,
    });
  }
  finish(ctx, partial, { kind: 'fit', objective: [...plan.objective], viability: `min chi2 < ${VIABLE_BELOW} (SPEC §5.3)`, results: summary, files });
}

/** kind: modelSpace — the (alpha, R) plane shaded where no (g_X, eps) explains (g-2)_mu (G2 Fig. 2). */
export async function runModelSpaceKind(ctx: KindContext): Promise<void> {
  const { plan } = ctx;
  const k = requireK(plan, 'modelSpace');
  if (plan.mx.values.length !== 1) throw new UserError('a modelSpace scan is at one m_X');
  const family = plan.spec.models;
  if (typeof family !== 'object' || Array.isArray(family) || !('alphaR' in family)) throw new UserError('a modelSpace scan needs models: { alphaR: ... }');
  const alpha = buildAxis('models.alphaR.alpha', family.alphaR.alpha, {}).values;
  const R = buildAxis('models.alphaR.R', family.alphaR.R, {}).values;
  const mx = plan.mx.values[0];
  const partial = prepareDir(ctx);
  const grid = await gridMinima({
    models: plan.models, active: plan.active, objective: plan.objective, mx: plan.mx.values, gx: plan.gx.values,
    mix: { kind: 'k', values: k }, mixing: plan.mixing, backend: ctx.selected.backend,
    progress: ctx.progress('model space', plan.totalPoints), stop: ctx.stop,
  });
  const excluded = Uint8Array.from(grid.chi2, (c) => (c >= VIABLE_BELOW ? 1 : 0));
  const shape = [alpha.length, R.length];
  writeFileSync(join(partial, 'model_space.npz'), npzBytes([
    { name: 'alpha_deg', dtype: '<f8', shape: [alpha.length], data: alpha },
    { name: 'R', dtype: '<f8', shape: [R.length], data: R },
    { name: 'chi2_min', dtype: '<f8', shape, data: grid.chi2 },
    { name: 'excluded', dtype: '<u1', shape, data: excluded },
  ]));

  let overlay: FitOutput | null = null;
  const points: { alpha: number; R: number; label?: string; viable: boolean }[] = [];
  if (plan.spec.overlay) {
    const models = resolveModels(plan.spec.overlay).filter((m) => m.c);
    overlay = await runFit({
      models, mx, active: plan.active, objective: plan.objective, gx: plan.gx.values, k,
      backend: ctx.selected.backend, log: ctx.log, progress: ctx.progress, stop: ctx.stop,
    });
    writeFileSync(join(partial, 'overlay.json'), JSON.stringify(fitRows(overlay), null, 1) + '\n');
    writeFileSync(join(partial, 'overlay.csv'), fitCsvText(overlay));
    for (const f of overlay.fits) {
      const ar = alphaROf(f.model.c!);
      if (Number.isNaN(ar.R)) continue; // dark photon: no (alpha, R); L_mu - L_tau (R = Infinity) goes on the top edge
      points.push({ alpha: Number.isFinite(ar.alphaDeg) ? ar.alphaDeg : 0, R: ar.R, label: f.viable ? f.model.name : undefined, viable: f.viable });
    }
  }
  const objectiveText = [...plan.objective].join(' + ');
  const svg = renderAlphaRMap({
    title: `Vector U(1)_X models at m_X = ${mx * 1000} MeV`,
    alpha, R, excluded,
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
    kind: 'modelSpace', mx, objective: [...plan.objective],
    excluded_fraction: excluded.reduce((a, b) => a + b, 0) / excluded.length,
    overlay_viable: overlay?.fits.filter((f) => f.viable).map((f) => f.model.name) ?? [],
    files: { 'model_space.npz': 'alpha_deg, R, chi2_min [alpha][R], excluded', plots: plots.map((p) => p.slice(partial.length + 1)) },
  });
}

/** The muon-only directions of the mass bound, plus the pure dark photon (all charges zero). */
export function massBoundModels(n: number): ScanModel[] {
  const zero: [number, number, number] = [0, 0, 0];
  const dirs = Array.from({ length: n }, (_, i) => {
    const t = (Math.PI * i) / n;
    const charges = { Q: [...zero] as typeof zero, U: [...zero] as typeof zero, D: [...zero] as typeof zero, N: [...zero] as typeof zero, L: [0, Math.cos(t), 0] as typeof zero, E: [0, Math.sin(t), 0] as typeof zero };
    return { id: `muon:${i}/${n}`, name: `t=${((180 * i) / n).toFixed(3)}deg`, category: 'custom' as const, charges, record: couplingRecordFromCharges(charges) };
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

export async function runMassBoundKind(ctx: KindContext): Promise<void> {
  const { plan } = ctx;
  if (plan.mix.kind !== 'eps' || plan.mixing !== 'hypercharge') throw new UserError('a massBound scan uses an eps axis with mixing: hypercharge (eps is eps_Y, SPEC §2.4)');
  const nDir = plan.spec.directions ?? 180;
  const fine = 20;
  const coarse = massBoundModels(nDir);
  const fineModels = massBoundModels(nDir * fine);
  const mx = plan.mx.values;
  const eps = plan.mix.values;
  const partial = prepareDir(ctx);
  const run = (models: ScanModel[], epsValues: Float64Array, stage: string) =>
    gridMinima({
      models, active: plan.active, objective: plan.objective, mx, gx: plan.gx.values, mix: { kind: 'eps', values: epsValues },
      mixing: 'hypercharge', backend: ctx.selected.backend, progress: ctx.progress(stage, models.length * mx.length * plan.gx.values.length * epsValues.length),
      stop: ctx.stop,
    });
  const global = await run(coarse.slice(0, nDir), eps, 'mass bound: global');
  const noMixing = await run(coarse.slice(0, nDir), Float64Array.of(0), 'mass bound: eps_Y = 0');
  const dark = await run(coarse.slice(nDir), eps, 'mass bound: dark photon');
  const evaluator = new PointEvaluator({ models: fineModels, active: plan.active, objective: plan.objective, mixing: { convention: 'hypercharge', axis: 'eps' }, masses: mx });
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
      if (which === 'directions') for (let d = 1; d < nDir; d++) if (grid.chi2[d * mx.length + im] < grid.chi2[bestDir * mx.length + im]) bestDir = d;
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
      return { mx: mx[im], chi2: r.value, a: which === 'dark' ? 0 : g * Math.cos(t), b: which === 'dark' ? 0 : g * Math.sin(t), epsY: r.x[2] };
    });
  };
  checkStop(ctx);
  const curves = { global: refineCurve(global, 'directions', false), noMixing: refineCurve(noMixing, 'directions', true), dark: refineCurve(dark, 'dark', false) };
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
  const rows = curves.global.map((g, i) => [g.mx, g.chi2, g.a, g.b, g.epsY, tTheta[i], curves.noMixing[i].chi2, curves.dark[i].chi2, curves.dark[i].epsY].join(','));
  writeFileSync(join(partial, 'mass_bound.csv'), [header, ...rows].join('\n') + '\n');
  writeFileSync(join(partial, 'mass_bound.npz'), npzBytes([
    { name: 'mx', dtype: '<f8', shape: [mx.length], data: mx },
    { name: 'chi2_global', dtype: '<f8', shape: [mx.length], data: Float64Array.from(curves.global, (c) => c.chi2) },
    { name: 'chi2_no_mixing', dtype: '<f8', shape: [mx.length], data: Float64Array.from(curves.noMixing, (c) => c.chi2) },
    { name: 'chi2_dark_photon', dtype: '<f8', shape: [mx.length], data: Float64Array.from(curves.dark, (c) => c.chi2) },
  ]));
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
        ? [`X–Z near-degenerate, best fit with |t_θ| > ${STRONG_XZ_MIXING} at m_X = ${strongMixing.map(({ g, t }) => `${g.mx.toPrecision(4)} GeV (t_θ = ${t.toFixed(2)}, χ² = ${g.chi2.toFixed(2)})`).join(', ')}: ` +
            'a Z-like muon coupling that Z-pole data, not part of this χ², exclude — not a viable window']
        : []),
    ],
  });
  const plots = await writePlot(join(partial, 'plots', 'mass-bound'), svg, ['svg', 'png', 'pdf']);
  ctx.log(`mass bound: global min chi2 crosses ${VIABLE_BELOW} at m_X = ${bound === null ? 'none in range' : `${bound.toFixed(3)} GeV`}`);
  finish(ctx, partial, {
    kind: 'massBound', objective: [...plan.objective], bound_GeV: bound,
    curves: curves.global.map((g, i) => ({ mx: g.mx, global: g.chi2, no_mixing: curves.noMixing[i].chi2, dark_photon: curves.dark[i].chi2, best: { a: g.a, b: g.b, epsY: g.epsY, t_theta: tTheta[i] } })),
    files: { 'mass_bound.csv': 'per m_X: the three minimum-chi2 curves and the best couplings', 'mass_bound.npz': 'the curves as arrays', plots: plots.map((p) => p.slice(partial.length + 1)) },
  });
}

// `u1x fit`: the global fit of every model of a set at fixed m_X (SPEC §5.3), viable = min chi2 < 4.

import { checkGx, checkMixing, checkMx } from '../../physics/inputRanges.js';
import { Command } from 'commander';
import { activateConstraints } from '../../constraints/activate.js';
import { constraintById } from '../../constraints/registry.js';
import { checkRadiativeScope } from '../../constraints/radiative.js';
import { parseBackendChoice } from '../../backends/select.js';
import { jobKindOf, selectBackendFor } from '../../scan/autoBackend.js';
import { resolveModels } from '../../models/index.js';
import { buildAxis } from '../../scan/axes.js';
import { runFit, VIABLE_BELOW, type FitOutput, type FitPhase } from '../../scan/fit.js';
import { belowSmIds, fitCsvText, fitRows } from '../../scan/kinds/fitFiles.js';
import { fitProjectionLines, fitProjections, REGION_GX, REGION_K, type ModelProjections } from '../../scan/fitProjections.js';
import { autoProgressMode, createProgress, type ProgressMode } from '../../scan/progress.js';
import { UserError } from '../../util/errors.js';
import { writeFileAtomic } from '../../io/atomic.js';
import { checkOutputFile } from '../../io/outputTarget.js';
import { outputLocationError } from '../../io/lock.js';
import { isDiskFull } from '../../io/checkedWrite.js';
import {
  backendOption,
  collectPairs,
  constraintOptions,
  dataDirOptions,
  dataDirsFrom,
  parseCount,
  parseNumber,
  parseProgressMode,
  splitList,
  u1xBuild,
} from '../common.js';
import { requireMemory } from '../memoryGuard.js';

/**
 * Heap bytes per g_X or k grid value: the axis as a JavaScript array and as a Float64Array, the kernel's
 * axes buffer and its float32 upload, with growth slack (an estimate, ~4 copies of 8 bytes plus slack).
 */
const FIT_BYTES_PER_AXIS_VALUE = 48;
/** The largest fit grid (models x g_X x k, per stage), as for scans without --force (README). */
const FIT_MAX_GRID_POINTS = 1e12;

interface FitOptionsCli {
  catalog?: string;
  maxCharge: string;
  models?: string;
  mx: string;
  constraints?: string;
  json?: boolean;
  csv?: boolean;
  out?: string;
  backend: string;
  gxRange: string;
  gxPoints: string;
  kRange: string;
  kPoints: string;
  dataset?: Record<string, string>;
  option?: Record<string, string>;
  progress?: string;
  allowAnomalous?: boolean;
  mixing: string;
  coherentData?: string;
  darkcast?: string;
  clamp?: string;
  projections?: string;
}

/** `--clamp coherent`: the constraint options that clamp the named terms at 0 from below. */
export function clampOptions(raw: string | undefined): Record<string, Record<string, unknown>> {
  const ids = splitList(raw) ?? [];
  if (raw !== undefined && ids.length === 0) throw new UserError('--clamp needs a term id, e.g. --clamp coherent');
  for (const id of ids) {
    if (constraintById(id)?.options?.clamp === undefined) {
      throw new UserError(`--clamp: '${id}' cannot be clamped (only coherent: the other global-fit terms are never negative, SPEC §5.1)`);
    }
  }
  return Object.fromEntries(ids.map((id) => [id, { clamp: true }]));
}

function mergeOptions(a: Record<string, Record<string, unknown>>, b: Record<string, Record<string, unknown>>) {
  const out: Record<string, Record<string, unknown>> = { ...a };
  for (const [id, o] of Object.entries(b)) out[id] = { ...out[id], ...o };
  return out;
}

/** `--projections all` or a comma-separated list; absent: none (the fit output stays as it was). */
function projectionChoice(raw: string | undefined): 'all' | string[] | undefined {
  if (raw === undefined) return undefined;
  const ids = splitList(raw, '--projections') ?? [];
  if (ids.length === 0) throw new UserError("--projections needs 'all' or proj_* ids");
  return ids.length === 1 && ids[0] === 'all' ? 'all' : ids;
}

function projectionRecord(p: ModelProjections) {
  return {
    region_viable_samples: p.regionViable,
    region_grid: `${REGION_GX} g_X (thinned fit grid) x (${REGION_K} k thinned from the fit range + ${REGION_K} k at the fit's spacing around the best k; k fixed with radiative mixing), plus the best point; viable = chi2 < ${VIABLE_BELOW}`,
    by_projection: p.projections.map((v) => ({
      id: v.id,
      excludes_best: v.atBest,
      region_excluded: v.regionExcluded,
      region_fraction: p.regionViable ? v.regionExcluded / p.regionViable : null,
    })),
  };
}

function range(name: string, raw: string): [number, number] {
  const m = /^\s*([^:]+):([^:]+)\s*$/.exec(raw);
  if (!m) throw new UserError(`${name} must be written lo:hi (got '${raw}')`);
  return [parseNumber(name, m[1]), parseNumber(name, m[2])];
}

function table(out: FitOutput, mx: number): string {
  const sorted = [...out.fits].sort((a, b) => a.best.chi2 - b.best.chi2);
  const w = Math.max(20, ...sorted.map((f) => f.model.name.length));
  const lines = [
    `global fit at m_X = ${mx} GeV: ${out.fits.filter((f) => f.viable).length} of ${out.fits.length} models viable (min chi2 < ${VIABLE_BELOW})`,
    `objective: ${out.objective.join(' + ')}; SM reference chi2 = ${out.sm.chi2.toFixed(3)}`,
    out.clamped.length
      ? `clamped at 0 from below: ${out.clamped.join(', ')}`
      : "no term clamped (COHERENT's Delta chi2 may be negative, SPEC §5.1; --clamp coherent removes that)",
    `margin = ${VIABLE_BELOW} - chi2_min; below SM: terms under their SM value at the best point (rewards, excluding the g-2 term)`,
    '',
    `${'model'.padEnd(w)}  ${'chi2_min'.padStart(9)}  ${'margin'.padStart(7)}  ${'g_X'.padStart(10)}  ${'eps e/g_X'.padStart(10)}  viable  ${'below SM'.padEnd(16)}  terms`,
  ];
  for (const f of sorted) {
    const terms = Object.entries(f.best.terms)
      .map(([k, v]) => `${k}=${v.toFixed(3)}`)
      .join(' ');
    lines.push(
      `${f.model.name.padEnd(w)}  ${f.best.chi2.toFixed(3).padStart(9)}  ${f.margin.toFixed(3).padStart(7)}  ${f.best.gx.toExponential(3).padStart(10)}  ${f.best.epsEOverGx.toFixed(3).padStart(10)}  ${f.viable ? 'yes   ' : 'no    '}  ${(belowSmIds(f, ' ') || '-').padEnd(16)}  ${terms}`,
    );
  }
  return lines.join('\n') + '\n';
}

export function registerFitCommand(program: Command): void {
  const cmd = program
    .command('fit')
    .description('global fit of every model at fixed m_X: best (g_X, eps), chi2 terms, viability (SPEC §5.3)')
    .option('--catalog <category>', 'vector | chiral | all: the model catalog (with --max-charge)')
    .option('--max-charge <N>', 'largest integer charge of the catalog', '10')
    .option('--models <list>', 'comma-separated benchmarks, catalog ids, vector expressions or model files')
    .requiredOption('--mx <GeV>', 'X mass in GeV (the papers: 0.2)')
    .option('--constraints <ids>', 'objective terms (default: the global chi2 of SPEC §5.1)')
    .option('--json', 'JSON array, one object per model')
    .option('--csv', 'CSV table')
    .option('--out <file>', 'write the JSON/CSV/table to a file (atomically) instead of stdout')
    .addOption(backendOption())
    .option('--gx-range <lo:hi>', 'g_X grid range', '1e-6:1e-1')
    .option('--gx-points <n>', 'g_X grid points (log)', '241')
    .option('--k-range <lo:hi>', 'mixing ratio k = eps_hat e / g_X range', '-20:20')
    .option('--k-points <n>', 'k grid points (linear)', '2001')
    .option('--dataset <family=id>', 'dataset choice, e.g. amu=amu-2025 (repeatable)', collectPairs)
    .option('--option <id.name=value>', 'constraint option (repeatable)', collectPairs)
    .option('--clamp <ids>', "clamp these terms at 0 from below (coherent: no reward for the data's downward fluctuation)")
    .option('--progress <mode>', 'tty | plain | json | none')
    .option('--allow-anomalous', 'accept anomalous model files')
    .option('--mixing <mode>', 'photon (a k grid) | radiative (eps = 0 in the UV, k from the lepton loops; SPEC §4.15)', 'photon')
    .option('--projections <ids>', "future searches to report per model (never part of the fit): 'all' or comma-separated proj_* ids");
  for (const o of dataDirOptions()) cmd.addOption(o);
  cmd.action(async (opts: FitOptionsCli) => {
    if (opts.json && opts.csv) throw new UserError('choose one of --json and --csv');
    const progressMode = parseProgressMode(opts.progress);
    const mx = parseNumber('--mx', opts.mx, { positive: true });
    if (opts.out !== undefined) checkOutputFile(opts.out);
    if (!opts.catalog && !opts.models) throw new UserError('give --catalog vector|chiral|all or --models');
    if (opts.catalog && !['vector', 'chiral', 'all'].includes(opts.catalog))
      throw new UserError(`--catalog must be vector, chiral or all (got '${opts.catalog}')`);
    const n = parseNumber('--max-charge', opts.maxCharge, { positive: true });
    const models = [
      ...(opts.catalog ? resolveModels(`catalog:${opts.catalog}:${n}`) : []),
      ...(opts.models ? resolveModels(opts.models, { allowAnomalous: opts.allowAnomalous }) : []),
    ];
    if (!['photon', 'radiative'].includes(opts.mixing)) throw new UserError(`--mixing must be photon or radiative (got '${opts.mixing}')`);
    const radiative = opts.mixing === 'radiative';
    if (radiative) checkRadiativeScope(models);
    const [gLo, gHi] = range('--gx-range', opts.gxRange);
    const [kLo, kHi] = range('--k-range', opts.kRange);
    const nGx = parseCount('--gx-points', opts.gxPoints);
    // Radiative mixing fixes k: the grid runs over g_X alone (scan/fit.ts).
    const nK = radiative ? 1 : parseCount('--k-points', opts.kPoints);
    checkMx('--mx', mx);
    for (const v of [gLo, gHi]) checkGx('--gx-range', v);
    for (const v of [kLo, kHi]) checkMixing('--k-range', 'k', v);
    requireMemory(
      `--gx-points ${opts.gxPoints} with --k-points ${opts.kPoints} (${(nGx + nK).toExponential(2)} axis values)`,
      nGx + nK,
      FIT_BYTES_PER_AXIS_VALUE,
    );
    const gridPoints = models.length * nGx * nK;
    if (gridPoints > FIT_MAX_GRID_POINTS) {
      throw new UserError(
        `fit grid of ${models.length} model(s) x ${nGx} g_X x ${nK} k = ${gridPoints.toExponential(2)} points is above ${FIT_MAX_GRID_POINTS.toExponential(0)}; use fewer --gx-points or --k-points`,
      );
    }
    const gx = buildAxis('gx', { min: gLo, max: gHi, n: nGx, scale: 'log' }, { positive: true });
    const k = buildAxis('k', { min: kLo, max: kHi, n: nK, scale: 'lin' }, {});
    const dirs = dataDirsFrom(opts);
    const { active, skipped } = activateConstraints({
      datasets: opts.dataset,
      options: mergeOptions(constraintOptions(opts.option ?? {}), clampOptions(opts.clamp)),
      dataDirs: { coherent: dirs.coherent.dir, darkcast: dirs.darkcast.dir },
      mixing: 'photon',
      radiative,
      projections: projectionChoice(opts.projections),
    });
    const ids = splitList(opts.constraints, '--constraints');
    const objective = new Set(ids ?? active.filter((a) => a.def.inGlobalFit).map((a) => a.def.id));
    for (const id of objective) {
      if (active.some((a) => a.def.id === id && a.def.role === 'projection'))
        throw new UserError(`objective term '${id}' is a projection: use --projections; projections are never part of the fit`);
      if (!active.some((a) => a.def.id === id)) {
        const s = skipped.find((x) => x.def.id === id);
        throw new UserError(`objective term '${id}' is not available${s ? `: ${s.reason}` : ''}`);
      }
    }
    const log = (line: string) => process.stderr.write(`${line}\n`);
    // The fit's grid search evaluates the objective's terms only.
    const evaluated = active.filter((a) => objective.has(a.def.id));
    const selected = await selectBackendFor(parseBackendChoice(opts.backend), jobKindOf(evaluated), { u1xVersion: u1xBuild(), log });
    log(selected.reason);
    const missing = skipped.filter((s) => !ids || ids.includes(s.def.id));
    const reasons = new Map<string, string[]>();
    for (const s of missing) reasons.set(s.reason, [...(reasons.get(s.reason) ?? []), s.def.id]);
    for (const [reason, list] of reasons)
      log(`not in the fit (${reason}): ${list.length > 4 ? `${list.length} constraints` : list.join(', ')}`);
    for (const a of active.filter((x) => objective.has(x.def.id) && x.inst.variant)) log(`${a.def.id}: ${a.inst.variant}`);
    const mode: ProgressMode = progressMode ?? autoProgressMode();
    const t0 = performance.now();
    const out = await runFit({
      models,
      mx,
      active,
      objective,
      gx: gx.values,
      k: k.values,
      radiative,
      backend: selected.backend,
      log,
      progress: (stage, total) => createProgress(mode, total, stage),
    });
    log(
      `fit: ${models.length} models, ${out.timings.gridPoints.toExponential(2)} grid points in ${out.timings.gridSeconds.toFixed(1)} s, refinement ${out.timings.refineSeconds.toFixed(1)} s, total ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    log(
      `SM reference chi2 = ${out.sm.chi2.toFixed(4)} (${Object.entries(out.sm.terms)
        .map(([t, v]) => `${t} ${v.toFixed(4)}`)
        .join(', ')})`,
    );
    log(`fit phases: ${formatPhases(out.phases)}`);
    const projected = fitProjections({ fit: out, mx, active, objective, gx: gx.values, k: k.values, radiative });
    const rows = fitRows(out).map((r, i) => (projected.length ? { ...r, projections: projectionRecord(projected[i]) } : r));
    const text = opts.json
      ? JSON.stringify(rows, null, 2) + '\n'
      : opts.csv
        ? fitCsvText(out)
        : table(out, mx) +
          fitProjectionLines(out, projected)
            .map((l) => l + '\n')
            .join('');
    if (opts.out) {
      try {
        writeFileAtomic(opts.out, text);
      } catch (e) {
        // The temporary file is gone already (writeFileAtomic); say what went wrong in one line.
        if (isDiskFull(e)) throw e;
        if (typeof (e as { code?: unknown }).code === 'string') throw outputLocationError(opts.out, e);
        throw e;
      }
    } else process.stdout.write(text);
  });
}

/** One line: each phase's seconds, heavy-term (COHERENT) evaluations and the cells its grid ran. */
export function formatPhases(phases: readonly FitPhase[]): string {
  return phases
    .map(
      (p) =>
        `${p.name} ${p.seconds.toFixed(1)} s, ${p.heavyEvaluations} heavy evaluations${p.cells ? `, ${p.cells.run}/${p.cells.of} cells` : ''}`,
    )
    .join('; ');
}

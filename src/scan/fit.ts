// The global fit of SPEC §5.3: for every model, the minimum of the global Delta chi2 over (g_X, eps) at
// fixed m_X, and viability (minimum < 4).
//
// 1. Grid search on the backend over (g_X log, k lin) with k = eps_hat e/g_X (SPEC §6.5: the narrow
//    valleys sit at fixed k), first without the heavy terms (COHERENT), which gives each model a point
//    whose full chi2 is an upper bound on its minimum; then with every term, skipping the heavy ones
//    wherever the light terms alone cannot beat that bound (exact: nothing that could win is skipped).
// 2. Local refinement in float64 on the CPU (pattern search in log10 g_X and k, step halving), so the
//    reported minimum is not limited by the grid spacing.
// With radiative mixing (SPEC §4.15) k is not free: the grid and the search run over g_X alone, and the
// reported k and eps are k_rad(0) and eps(0) at the best g_X (the constraints see their own k_rad(q²)).

import type { ActiveConstraint } from '../constraints/activate.js';
import type { Backend } from '../backends/types.js';
import { E_CHARGE } from '../physics/constants.js';
import { radiativeMixingAtZero } from '../physics/radiativeMixing.js';
import { leptonVectorCharges } from '../constraints/radiative.js';
import type { MixingAxis } from '../constraints/couplings.js';
import type { ScanModel } from '../models/types.js';
import { gridMinima, type GridMinima } from './gridMinima.js';
import { PointEvaluator, pointsRequest, type EvaluatedPoint } from './pointEvaluator.js';
import type { PointInput } from '../kernel/session.js';
import type { Progress } from './progress.js';
import { patternSearchAsync } from './refine.js';
import { ParallelPoints } from './parallelPoints.js';
import { heavyLowerBounds } from './heavyBounds.js';
import { cellsToRun, comparisonSlack, searchCeilings } from './fitCeilings.js';
import { StoppedError } from '../util/errors.js';

export interface FitPoint {
  gx: number;
  k: number;
  eps: number;
  /** eps e / g_X, the quantity the papers quote (equal to k to first order in eps). */
  epsEOverGx: number;
  chi2: number;
  terms: Record<string, number>;
  /** Terms whose chi2 was non-finite at this point (excluded; the point is never viable). */
  nonfinite: string[];
}

export interface ModelFit {
  model: ScanModel;
  best: FitPoint;
  /** Minimum found on the grid before refinement, and where (the refinement's start). */
  gridChi2: number;
  gridGx: number;
  gridK: number;
  viable: boolean;
  /** threshold - chi2_min: how far inside (> 0) or outside (<= 0) the viability cut the minimum lies. */
  margin: number;
  /**
   * Objective terms (other than the preferred (g-2)_mu term, which every explanation lowers) whose value at
   * the best point is below their SM value, i.e. that reward the model relative to the SM: for the
   * difference terms (COHERENT) a negative Delta chi2, for Borexino a full chi2 below its SM 0.444.
   * A viable model whose margin is smaller than the sum of these rewards depends on them.
   */
  belowSm: { id: string; value: number; sm: number }[];
}

export interface FitOutput {
  fits: ModelFit[];
  /** The objective in the SM limit (g_X -> 0), for comparison (SPEC §5.2: 18.54 with amu-2021). */
  sm: { chi2: number; terms: Record<string, number> };
  objective: string[];
  /** Terms clamped at 0 from below on request (constraint option clamp, `fit --clamp`). */
  clamped: string[];
  timings: { gridSeconds: number; refineSeconds: number; gridPoints: number };
  /** Where the time and the heavy-term (COHERENT) evaluations went, phase by phase (the bench records these). */
  phases: FitPhase[];
}

export interface FitPhase {
  name: 'light grid' | 'heavy bounds' | 'ceilings' | 'full grid' | 'grid' | 'refinement';
  seconds: number;
  /** Points at which the heavy terms were evaluated in this phase. */
  heavyEvaluations: number;
  /** Grid phases: cells the kernel ran, of how many. */
  cells?: { run: number; of: number };
}

export interface FitOptions {
  models: readonly ScanModel[];
  mx: number;
  active: readonly ActiveConstraint[];
  objective: ReadonlySet<string>;
  gx: Float64Array;
  /** The k grid; ignored with radiative mixing. */
  k: Float64Array;
  /** Radiative mixing instead of a k axis (`active` from an activation with radiative mixing). */
  radiative?: boolean;
  backend: Backend;
  /** Viability threshold (SPEC §5.3). */
  threshold?: number;
  progress?: (stage: string, total: number) => Progress;
  log?: (line: string) => void;
  /** Set by a signal handler: the fit stops between dispatches and stages (StoppedError). */
  stop?: { readonly requested: boolean };
}

export const VIABLE_BELOW = 4;
/** Points per batch of the worker-thread evaluations (bounds, ceilings, refinement). */
const PARALLEL_BATCH = 1 << 16;

function epsOf(gx: number, k: number): number {
  const epsHat = (k * gx) / E_CHARGE;
  return epsHat / Math.sqrt(1 + epsHat * epsHat);
}

function fitPoint(gx: number, k: number, ev: EvaluatedPoint, objective: ReadonlySet<string>): FitPoint {
  const eps = epsOf(gx, k);
  const terms = Object.fromEntries([...objective].map((id) => [id, ev.terms[id]]));
  return { gx, k, eps, epsEOverGx: (eps * E_CHARGE) / gx, chi2: ev.total, terms, nonfinite: ev.nonfinite };
}

/** Below the SM value by more than this (absolute chi2) counts as a reward (float64 noise is ~1e-12). */
const BELOW_SM_TOLERANCE = 1e-6;

export function termsBelowSm(
  terms: Record<string, number>,
  sm: Record<string, number>,
  exclude: ReadonlySet<string>,
): { id: string; value: number; sm: number }[] {
  return Object.entries(terms)
    .filter(([id, v]) => !exclude.has(id) && v < sm[id] - BELOW_SM_TOLERANCE)
    .map(([id, value]) => ({ id, value, sm: sm[id] }));
}

export async function runFit(o: FitOptions): Promise<FitOutput> {
  const log = o.log ?? (() => {});
  const threshold = o.threshold ?? VIABLE_BELOW;
  const mx = Float64Array.of(o.mx);
  const heavy = new Set(o.active.filter((a) => a.def.heavy && o.objective.has(a.def.id)).map((a) => a.def.id));
  const light = new Set([...o.objective].filter((id) => !heavy.has(id)));
  const axis: MixingAxis = o.radiative ? 'radiative' : 'k';
  const kValues = o.radiative ? Float64Array.of(0) : o.k;
  const evaluatorOptions = {
    models: o.models,
    active: o.active,
    objective: o.objective,
    mixing: { convention: 'photon' as const, axis },
    masses: mx,
  };
  const evaluator = new PointEvaluator(evaluatorOptions);
  // The same points kernel on the CPU reference's worker threads, for the batched searches.
  const parallel = await ParallelPoints.open(pointsRequest(evaluatorOptions), PARALLEL_BATCH);
  const totals = (points: readonly PointInput[]) => parallel.totals(points);
  try {
    return await fitWith();
  } finally {
    parallel.dispose();
  }

  async function fitWith(): Promise<FitOutput> {
    const nModels = o.models.length;
    const grid = { gx: o.gx, mix: { kind: axis, values: kValues } };
    const common = { models: o.models, active: o.active, mx, ...grid, mixing: 'photon' as const, backend: o.backend, stop: o.stop };
    const perStage = nModels * o.gx.length * kValues.length;
    let gridSeconds = 0;
    let gridPoints = 0;

    let found: GridMinima;
    const t0 = performance.now();
    const phases: FitPhase[] = [];
    const nCells = nModels * o.gx.length;
    if (heavy.size > 0) {
      const first = await gridMinima({
        ...common,
        objective: light,
        keepCells: true,
        progress: o.progress?.('fit: grid without ' + [...heavy].join(', '), perStage),
      });
      const cells = first.cells!;
      const nGx = o.gx.length;
      const tb = performance.now();
      phases.push({ name: 'light grid', seconds: (tb - t0) / 1000, heavyEvaluations: 0, cells: { run: nCells, of: nCells } });
      const staticBound = o.active.filter((a) => heavy.has(a.def.id)).reduce((s, a) => s + a.def.heavy!.lowerBound, 0);
      // Computed per-model bounds need the k axis (the search spans each model's (g_X, k) plane).
      const computed = o.radiative
        ? null
        : await heavyLowerBounds({ models: o.models, active: o.active, heavy, masses: Float64Array.of(o.mx) });
      const heavyBound = computed ? computed.bounds : new Float64Array(nModels).fill(staticBound);
      log(
        computed
          ? `fit: heavy-term lower bounds per model from ${computed.evaluations} evaluations (${((performance.now() - tb) / 1000).toFixed(1)} s): ` +
              `${Math.min(...heavyBound).toFixed(3)} to ${Math.max(...heavyBound).toFixed(3)}`
          : `fit: heavy-term lower bound ${staticBound} (the constraints' own)`,
      );
      const tc = performance.now();
      phases.push({ name: 'heavy bounds', seconds: (tc - tb) / 1000, heavyEvaluations: computed?.evaluations ?? 0 });
      const search = await searchCeilings({ cells, nModels, nGx, mx: o.mx, gx: o.gx, mix: kValues, heavyBound, totals });
      const td = performance.now();
      phases.push({ name: 'ceilings', seconds: (td - tc) / 1000, heavyEvaluations: search.evaluations });
      const onlyCells = cellsToRun(cells, nModels, nGx, heavyBound, search.ceiling);
      log(
        `fit: light-term grid done (${first.seconds.kernel.toFixed(1)} s); ceilings from the full objective at ${search.evaluations} cell argmins; ` +
          `full grid on ${onlyCells.reduce((s, x) => s + x, 0)} of ${onlyCells.length} cells`,
      );
      found = await gridMinima({
        ...common,
        objective: o.objective,
        ceiling: search.ceiling.map((c) => c + comparisonSlack(c)),
        heavyBound,
        onlyCells,
        countHeavy: true,
        progress: o.progress?.('fit: full grid', perStage),
      });
      phases.push({
        name: 'full grid',
        seconds: (performance.now() - td) / 1000,
        heavyEvaluations: found.heavyEvaluations ?? 0,
        cells: { run: found.cellsRun, of: nCells },
      });
      // The original rule: the grid minimum is the lowest point strictly below the full chi2 at the model's
      // light-term argmin (first in g_X, then k, on ties); where none is, that argmin itself. The full grid saw
      // every point below the (lower, slackened) ceiling, which holds the minimum, so the rule gives the same point.
      const atLightArgmin = search.atLightArgmin;
      for (let i = 0; i < nModels; i++) {
        if (!(found.chi2[i] < atLightArgmin[i])) {
          found.chi2[i] = atLightArgmin[i];
          found.gx[i] = first.gx[i];
          found.mix[i] = first.mix[i];
        }
      }
      gridPoints = 2 * perStage;
    } else {
      found = await gridMinima({ ...common, objective: o.objective, progress: o.progress?.('fit: grid', perStage) });
      gridPoints = perStage;
      phases.push({
        name: 'grid',
        seconds: (performance.now() - t0) / 1000,
        heavyEvaluations: 0,
        cells: { run: found.cellsRun, of: nCells },
      });
    }
    gridSeconds = (performance.now() - t0) / 1000;

    if (o.stop?.requested) throw new StoppedError('interrupted');
    // The grid value was computed in float32 on a GPU: re-evaluate the start in float64.
    const t1 = performance.now();
    const startValues = evaluator.evaluate(o.models.map((_, i) => ({ model: i, mx: o.mx, gx: found.gx[i], eps: found.mix[i] })));
    const starts = o.models.map((_, i) => ({ gx: found.gx[i], k: found.mix[i], chi2: startValues[i].total }));
    const dLogG = Math.log10(o.gx[o.gx.length - 1] / o.gx[0]) / Math.max(1, o.gx.length - 1);
    // A single k value (radiative mixing) leaves the k direction out of the search (step 0).
    const dK = (kValues[kValues.length - 1] - kValues[0]) / Math.max(1, kValues.length - 1);
    // Pattern search in (log10 g_X, k) from each model's grid minimum, all models batched.
    let refinePoints = o.models.length;
    const searched = await patternSearchAsync(
      starts.map((s) => ({ x: [Math.log10(s.gx), s.k], value: s.chi2 })),
      (batch) => {
        refinePoints += batch.length;
        return totals(batch.map(({ owner, x }) => ({ model: owner, mx: o.mx, gx: 10 ** x[0], eps: x[1] })));
      },
      { steps: [dLogG, dK], minSteps: [dLogG * 1e-4, dK * 1e-4] },
    );
    const refined = searched.map((r) => ({ gx: 10 ** r.x[0], k: r.x[1], chi2: r.value }));
    const finals = evaluator.evaluate(o.models.map((_, i) => ({ model: i, mx: o.mx, gx: refined[i].gx, eps: refined[i].k })));
    const refineSeconds = (performance.now() - t1) / 1000;
    refinePoints += o.models.length;
    // Every refinement point evaluates every term (no pruning there).
    phases.push({ name: 'refinement', seconds: refineSeconds, heavyEvaluations: heavy.size > 0 ? refinePoints : 0 });

    const [sm] = evaluator.evaluate([{ model: 0, mx: o.mx, gx: 1e-12, eps: 0 }]);
    const smTerms = Object.fromEntries([...o.objective].map((id) => [id, sm.terms[id]]));
    const preferred = new Set(o.active.filter((a) => a.def.role === 'preferred').map((a) => a.def.id));
    const fits = o.models.map((model, i) => {
      const k = o.radiative ? radiativeMixingAtZero(leptonVectorCharges(model)) : refined[i].k;
      const best = fitPoint(refined[i].gx, k, finals[i], o.objective);
      return {
        model,
        best,
        gridChi2: found.chi2[i],
        gridGx: found.gx[i],
        gridK: found.mix[i],
        viable: best.chi2 < threshold,
        margin: threshold - best.chi2,
        belowSm: termsBelowSm(best.terms, smTerms, preferred),
      };
    });
    return {
      fits,
      sm: { chi2: sm.total, terms: smTerms },
      objective: [...o.objective],
      clamped: o.active.filter((a) => o.objective.has(a.def.id) && a.options.clamp === true).map((a) => a.def.id),
      timings: { gridSeconds, refineSeconds, gridPoints },
      phases,
    };
  }
}

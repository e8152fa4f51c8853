// Per-(model, m_X) minima of an objective over a (g_X, mixing) grid, computed on a backend without
// writing per-cell outputs: the grid search of the fit, the model-space map and the mass bound.
// The kernel profiles the mixing axis; this loop reduces over g_X, keeping the lowest cell on ties.

import type { ActiveConstraint } from '../constraints/activate.js';
import type { MixingAxis, MixingConvention } from '../constraints/couplings.js';
import type { Backend } from '../backends/types.js';
import { openKernel } from '../kernel/session.js';
import type { ScanModel } from '../models/types.js';
import type { Progress } from './progress.js';
import { ChunkSizer } from './chunks.js';
import { epsSlicesFor } from '../kernel/occupancy.js';
import { StoppedError } from '../util/errors.js';

export interface GridMinimaOptions {
  models: readonly ScanModel[];
  active: readonly ActiveConstraint[];
  objective: ReadonlySet<string>;
  mx: Float64Array;
  gx: Float64Array;
  mix: { kind: MixingAxis; values: Float64Array };
  mixing: MixingConvention;
  backend: Backend;
  /** Per-model upper bounds on the minimum: heavy terms are skipped where they cannot beat it. */
  ceiling?: Float64Array;
  /** Per-model lower bounds of the heavy terms' sum at this grid's m_X (pruning; see kernel/session.ts). */
  heavyBound?: Float64Array;
  progress?: Progress;
  /** Seconds of work per dispatch to aim for. */
  chunkSeconds?: number;
  /** Set by a signal handler: the grid stops before its next dispatch (StoppedError). */
  stop?: { readonly requested: boolean };
  /** Split each profiled loop over this many device cells (default: kernel/occupancy.ts's choice). */
  epsSlices?: number;
  /** Also return every cell's profiled minimum and its mixing index (GridMinima.cells). */
  keepCells?: boolean;
  /**
   * Run only the cells whose entry is non-zero (cell = (model * nMx + mx) * nGx + gx); the others count as
   * cells whose every point missed the ceiling. Exact only where the caller knows they would have.
   */
  onlyCells?: Uint8Array;
  /** Count the heavy-term evaluations of the profile loops (GridMinima.heavyEvaluations). */
  countHeavy?: boolean;
}

export interface GridMinima {
  /** [model][mx] flattened: minimum chi2 (1e30 where every point missed the ceiling). */
  chi2: Float64Array;
  gx: Float64Array;
  mix: Float64Array;
  seconds: { tables: number; compile: number; kernel: number };
  points: number;
  /** Cells the kernel ran (all of them unless onlyCells). */
  cellsRun: number;
  /** With countHeavy: points whose heavy terms the kernel evaluated. */
  heavyEvaluations?: number;
  /** With keepCells: per cell, the profiled minimum and the index of its mixing value. */
  cells?: { chi2: Float64Array; argmin: Uint32Array };
}

/**
 * Runs [start, end) of consecutive selected cells; runs less than `mergeGap` cells apart are merged (the
 * cells between them run too, which the caller's selection allows: running more cells is always exact).
 */
function selectedRuns(total: number, only: Uint8Array | undefined, mergeGap: number): [number, number][] {
  if (!only) return [[0, total]];
  const runs: [number, number][] = [];
  for (let c = 0; c < total; c++) {
    if (!only[c]) continue;
    const start = c;
    while (c < total && only[c]) c++;
    const last = runs[runs.length - 1];
    if (last && start - last[1] < mergeGap) last[1] = c;
    else runs.push([start, c]);
  }
  return runs;
}

/**
 * Every dispatch of a GPU backend pays a submit-and-map round trip (and the driver's pacing), so scattered
 * selected cells are merged into few dispatches there; the CPU reference runs exactly the selected ones.
 */
const GPU_MERGE_GAP = 4096;

export async function gridMinima(o: GridMinimaOptions): Promise<GridMinima> {
  const nModels = o.models.length;
  const nMx = o.mx.length;
  const nGx = o.gx.length;
  const nEps = o.mix.values.length;
  const t0 = performance.now();
  // Only the objective's terms: nothing else is read from a minima-only grid.
  // (and the information-only inputs, radiative mixing's k tables).
  const session = await openKernel(
    {
      constraints: o.active.filter((a) => o.objective.has(a.def.id) || a.def.role === 'info'),
      objective: o.objective,
      models: o.models,
      mode: {
        kind: 'grid',
        mx: o.mx,
        gx: o.gx,
        mix: o.mix.values,
        profile: true,
        prune: true,
        ceiling: o.ceiling,
        // Large GPUs: more device cells than (model, m_X, g_X) cells (exact: kernel/sliceReduce.ts).
        epsSlices: o.epsSlices ?? epsSlicesFor(o.backend.residentThreads, nModels * nMx * nGx, nEps),
        heavyBound: o.heavyBound,
        countHeavy: o.countHeavy,
      },
      mixing: { convention: o.mixing, axis: o.mix.kind },
    },
    o.backend,
  );
  const t1 = t0 + session.timings.tablesMs;
  const t2 = performance.now();

  const segments = nModels * nMx;
  const best = { chi2: new Float64Array(segments).fill(Infinity), gx: new Float64Array(segments), mix: new Float64Array(segments) };
  const target = o.chunkSeconds ?? 0.5;
  const sizer = new ChunkSizer(session.maxCellsPerRun, nEps, target, 2 ** 16);
  const cells = o.keepCells ? { chi2: new Float64Array(session.cells).fill(1e30), argmin: new Uint32Array(session.cells) } : undefined;
  const runs = selectedRuns(session.cells, o.onlyCells, o.backend.name === 'cpu' ? 1 : GPU_MERGE_GAP);
  const toRun = runs.reduce((s, [a, b]) => s + b - a, 0);
  let done = 0;
  let heavyEvaluations = 0;
  try {
    for (const [start, end] of runs) {
      for (let base = start; base < end;) {
        if (o.stop?.requested) throw new StoppedError('interrupted');
        const proposed = sizer.next(Infinity);
        const count = Math.min(proposed, end - base);
        const tc = performance.now();
        const out = await session.run(base, count);
        for (let c = 0; c < count; c++) {
          const cell = base + c;
          const seg = Math.floor(cell / nGx);
          const v = out.chi2(c);
          if (o.countHeavy) heavyEvaluations += out.heavyEvaluations(c);
          if (cells) {
            cells.chi2[cell] = v;
            cells.argmin[cell] = out.argmin(c);
          }
          if (v < best.chi2[seg]) {
            best.chi2[seg] = v;
            best.gx[seg] = o.gx[cell % nGx];
            best.mix[seg] = o.mix.values[out.argmin(c)];
          }
        }
        base += count;
        done += count;
        // Progress in points of the selected cells, scaled to the whole grid (skipped cells cost nothing).
        o.progress?.update(Math.round((done / Math.max(1, toRun)) * session.cells) * nEps);
        // A short run's time says little about the chunk size to aim for.
        if (count === proposed) sizer.record(count, (performance.now() - tc) / 1000);
      }
    }
  } finally {
    session.dispose();
    o.progress?.finish();
  }
  const t3 = performance.now();
  return {
    ...best,
    seconds: { tables: (t1 - t0) / 1000, compile: (t2 - t1) / 1000, kernel: (t3 - t2) / 1000 },
    points: nModels * nMx * nGx * nEps,
    cellsRun: toRun,
    cells,
    heavyEvaluations: o.countHeavy ? heavyEvaluations : undefined,
  };
}

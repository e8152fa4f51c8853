// Exact work reduction between the fit's two grid stages (issue 18, item 1).
//
// The light-term grid gives every (model, g_X) cell its light-term minimum L_c and argmin. A point of cell
// c has full chi2 >= L_c + H_m, where H_m is a lower bound of the heavy terms for model m. So:
//  - ceilings: the full objective at the cells' light-term argmins, best cells first, is an upper bound on
//    the model's grid minimum; a cell with L_c + H_m >= the current ceiling cannot lower it and is not
//    evaluated;
//  - cells: the full grid needs only the cells with L_c + H_m below the ceiling; every point of the others
//    has a total at or above the ceiling, so the kernel would have pruned each of them anyway.
// Neither changes which point wins: see runFit for how the original tie rule is kept.

import type { PointInput } from '../kernel/session.js';

export interface CellMinima {
  /** Per cell (model-major, then g_X): the light-term profiled minimum and its mixing index. */
  chi2: Float64Array;
  argmin: Uint32Array;
}

export interface CeilingSearch {
  /** Per model: the lowest full chi2 found at a cell's light-term argmin. */
  ceiling: Float64Array;
  /** Per model: the full chi2 at the model's own light-term argmin (the first cell evaluated). */
  atLightArgmin: Float64Array;
  /** Full-objective evaluations spent (each one a heavy-term evaluation). */
  evaluations: number;
}

/** Cells of each model ordered by light-term minimum, ties by index (so the first is gridMinima's argmin). */
function cellOrder(chi2: Float64Array, model: number, nGx: number): number[] {
  const cells = Array.from({ length: nGx }, (_, g) => model * nGx + g);
  return cells.sort((a, b) => chi2[a] - chi2[b] || a - b);
}

/**
 * Per-model ceilings from the full objective at the cells' light-term argmins, best-first, skipping cells
 * that cannot beat the running ceiling. `perRound` cells per model go into each batch.
 */
export async function searchCeilings(o: {
  cells: CellMinima;
  nModels: number;
  nGx: number;
  mx: number;
  gx: Float64Array;
  mix: Float64Array;
  heavyBound: Float64Array;
  /** Full-objective totals at points (float64, the fit's points kernel). */
  totals: (points: readonly PointInput[]) => Promise<ArrayLike<number>>;
  perRound?: number;
}): Promise<CeilingSearch> {
  const perRound = o.perRound ?? 4;
  const orders = Array.from({ length: o.nModels }, (_, m) => cellOrder(o.cells.chi2, m, o.nGx));
  const next = new Int32Array(o.nModels);
  const ceiling = new Float64Array(o.nModels).fill(Infinity);
  const atLightArgmin = new Float64Array(o.nModels).fill(NaN);
  let evaluations = 0;
  for (;;) {
    const batch: { model: number; cell: number }[] = [];
    for (let m = 0; m < o.nModels; m++) {
      for (let taken = 0; taken < perRound && next[m] < o.nGx; taken++) {
        const cell = orders[m][next[m]];
        // Only the first cell is evaluated unconditionally (its value is the original ceiling).
        if (next[m] > 0 && !(o.cells.chi2[cell] + o.heavyBound[m] < ceiling[m])) {
          next[m] = o.nGx;
          break;
        }
        batch.push({ model: m, cell });
        next[m]++;
        if (next[m] === 1) break; // the first round takes only the model's light argmin
      }
    }
    if (batch.length === 0) break;
    const values = await o.totals(
      batch.map(({ model, cell }) => ({ model, mx: o.mx, gx: o.gx[cell % o.nGx], eps: o.mix[o.cells.argmin[cell]] })),
    );
    evaluations += batch.length;
    batch.forEach(({ model }, j) => {
      const v = values[j];
      if (Number.isNaN(atLightArgmin[model])) atLightArgmin[model] = v;
      if (v < ceiling[model]) ceiling[model] = v;
    });
  }
  return { ceiling, atLightArgmin, evaluations };
}

/**
 * Slack for comparing kernel values with float64 ones: the full grid recomputes the light terms (in float32
 * on a GPU) and may differ from the evaluator in the last bits. Widening only adds work, never changes a result.
 */
export function comparisonSlack(value: number): number {
  return 1e-4 * Math.max(1, Math.abs(value));
}

/** Cells the full grid must run: those whose light-term minimum plus the heavy bound is below the model's ceiling. */
export function cellsToRun(cells: CellMinima, nModels: number, nGx: number, heavyBound: Float64Array, ceiling: Float64Array): Uint8Array {
  const run = new Uint8Array(nModels * nGx);
  for (let m = 0; m < nModels; m++) {
    const limit = ceiling[m] + comparisonSlack(ceiling[m]);
    for (let g = 0; g < nGx; g++) {
      const c = m * nGx + g;
      if (cells.chi2[c] + heavyBound[m] < limit) run[c] = 1;
    }
  }
  return run;
}

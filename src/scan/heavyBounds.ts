// Per-(model, m_X) lower bounds of the heavy terms (COHERENT) for pruning (issue 18, item 1): the fit's, and
// dense scans' (scanHeavyBounds.ts), instead of the constraint's model-independent heavy.lowerBound (-2).
//
// On a k axis (photon convention) a model's couplings are g_X (x_f + k Q_f), so its whole reachable set at
// fixed m_X is the half-plane (s, t) = (g_X², g_X² k), s > 0. COHERENT sees only the products y_nu^g Z y_p +
// N y_n = x_nu^g (Z_n t + (Z_n pV + N_n nV) s): two effective couplings per model. The search minimises the
// heavy terms over that plane in polar form, (s, t) = r (cos θ, sin θ), θ = atan k: 12 directions over
// (-π/2, π/2); along each, 13 values of log10 g_X over [-7, 1] and 10 golden-section steps in the best
// bracket; then 5 golden-section steps in θ (one grid step either side of the best direction), each with its
// own minimisation over g_X. About 730 evaluations per model, on the CPU reference's worker threads.
// The bound is that minimum (at most 0: the term vanishes as g_X -> 0) minus HEAVY_BOUND_SAFETY (absolute)
// and HEAVY_BOUND_SAFETY_REL of its size. It is a numerical minimum with a stated margin, not a proof: the
// fit's pruning test (test/scan/fitPruning.test.ts) checks it against COHERENT on the grid and at strong
// couplings, and the pruned fit against the unpruned reference.

import type { ActiveConstraint } from '../constraints/activate.js';
import type { ScanModel } from '../models/types.js';
import { ParallelPoints } from './parallelPoints.js';
import { pointsRequest } from './pointEvaluator.js';

/** Absolute and relative safety margins below the numerical minimum (chi2 units). */
export const HEAVY_BOUND_SAFETY = 0.05;
export const HEAVY_BOUND_SAFETY_REL = 0.1;

const THETA_STEPS = 12;
const LOG_G_RANGE: [number, number] = [-7, 1];
/** Largest g_X the search covers (the top of LOG_G_RANGE): a grid reaching beyond it keeps the static bound. */
export const HEAVY_BOUND_SEARCH_MAX_GX = 10 ** LOG_G_RANGE[1];
const LOG_G_STEPS = 13;
const GOLDEN_STEPS = 10;
const THETA_GOLDEN_STEPS = 5;
const INV_PHI = (Math.sqrt(5) - 1) / 2;
/** (model, m_X) pairs searched together: 2048 x 156 probes of the first pass, a few tens of MB of points. */
const SEARCH_BATCH = 2048;

interface Direction {
  value: number;
  logG: number;
}

/**
 * Lower bounds of the sum of the heavy objective terms per (model, m_X), [model][m_X] flattened, each valid on
 * the model's whole (g_X, k) plane (so on any eps or k axis of the photon convention). Returns the bounds and
 * how many heavy-term evaluations the search cost.
 */
export async function heavyLowerBounds(o: {
  models: readonly ScanModel[];
  active: readonly ActiveConstraint[];
  heavy: ReadonlySet<string>;
  /** The masses (each a table node: exact lookups, as a grid kernel with exact tables does). */
  masses: Float64Array;
}): Promise<{ bounds: Float64Array; evaluations: number }> {
  // One search per (model, m_X) (the 419 vector models of charge <= 10 have 419 distinct COHERENT coupling ratios).
  const nMx = o.masses.length;
  const representatives = Array.from({ length: o.models.length * nMx }, (_, i) => ({ model: Math.floor(i / nMx), mx: o.masses[i % nMx] }));
  // Only the totals are read, on the CPU reference's worker threads.
  const request = pointsRequest({
    models: o.models,
    active: o.active,
    objective: o.heavy,
    mixing: { convention: 'photon', axis: 'k' },
    masses: o.masses,
  });
  const parallel = await ParallelPoints.open(request, 1 << 16);
  try {
    // In batches of (model, m_X) pairs: one batch's probes (12 x 13 per pair) are held at once.
    const bounds = new Float64Array(representatives.length);
    let evaluations = 0;
    for (let first = 0; first < representatives.length; first += SEARCH_BATCH) {
      const r = await search(parallel, representatives.slice(first, first + SEARCH_BATCH));
      bounds.set(r.bounds, first);
      evaluations += r.evaluations;
    }
    return { bounds, evaluations };
  } finally {
    parallel.dispose();
  }

  async function search(
    parallel: ParallelPoints,
    representatives: readonly { model: number; mx: number }[],
  ): Promise<{ bounds: Float64Array; evaluations: number }> {
    let evaluations = 0;
    /** Heavy total of each representative at its (θ, log10 g_X) in one batch. */
    const evaluate = async (points: { rep: number; theta: number; logG: number }[]): Promise<Float64Array> => {
      evaluations += points.length;
      return parallel.totals(
        points.map((p) => ({
          model: representatives[p.rep].model,
          mx: representatives[p.rep].mx,
          gx: 10 ** p.logG,
          eps: Math.tan(p.theta),
        })),
      );
    };
    const nRep = representatives.length;

    /** For each (rep, θ): the minimum over g_X (log grid, then golden section in the best bracket). */
    const minimiseOverG = async (thetas: number[][]): Promise<Direction[][]> => {
      const grid = Array.from(
        { length: LOG_G_STEPS },
        (_, j) => LOG_G_RANGE[0] + ((LOG_G_RANGE[1] - LOG_G_RANGE[0]) * j) / (LOG_G_STEPS - 1),
      );
      const h = grid[1] - grid[0];
      const pts = thetas.flatMap((ts, rep) => ts.flatMap((theta) => grid.map((logG) => ({ rep, theta, logG }))));
      const values = await evaluate(pts);
      let at = 0;
      const brackets = thetas.map((ts) =>
        ts.map(() => {
          const vs = Array.from(values.subarray(at, at + LOG_G_STEPS));
          at += LOG_G_STEPS;
          let j = 0;
          vs.forEach((v, i) => (v < vs[j] ? (j = i) : 0));
          return { lo: grid[j] - h, hi: grid[j] + h, best: { value: vs[j], logG: grid[j] } };
        }),
      );
      // Golden section on every bracket at once.
      for (let step = 0; step < GOLDEN_STEPS; step++) {
        const probes = brackets.flatMap((bs, rep) =>
          bs.flatMap((b, ti) => {
            const x1 = b.hi - INV_PHI * (b.hi - b.lo);
            const x2 = b.lo + INV_PHI * (b.hi - b.lo);
            return [
              { rep, theta: thetas[rep][ti], logG: x1 },
              { rep, theta: thetas[rep][ti], logG: x2 },
            ];
          }),
        );
        const pv = await evaluate(probes);
        let k = 0;
        for (const bs of brackets)
          for (const b of bs) {
            const [v1, v2] = [pv[k], pv[k + 1]];
            const [x1, x2] = [probes[k].logG, probes[k + 1].logG];
            k += 2;
            if (v1 < b.best.value) b.best = { value: v1, logG: x1 };
            if (v2 < b.best.value) b.best = { value: v2, logG: x2 };
            if (v1 < v2) b.hi = x2;
            else b.lo = x1;
          }
      }
      return brackets.map((bs) => bs.map((b) => b.best));
    };

    const half = Math.PI / 2;
    const thetaGrid = Array.from({ length: THETA_STEPS }, (_, i) => -half + (Math.PI * (i + 0.5)) / THETA_STEPS);
    const coarse = await minimiseOverG(Array.from({ length: nRep }, () => thetaGrid));
    const best = coarse.map((ds) => Math.min(...ds.map((d) => d.value)));
    // Refine θ around each representative's best direction (golden section over one θ step either side).
    const dTheta = Math.PI / THETA_STEPS;
    const tb = coarse.map((ds) => {
      let i = 0;
      ds.forEach((d, j) => (d.value < ds[i].value ? (i = j) : 0));
      return { lo: Math.max(-half + 1e-9, thetaGrid[i] - dTheta), hi: Math.min(half - 1e-9, thetaGrid[i] + dTheta) };
    });
    for (let step = 0; step < THETA_GOLDEN_STEPS; step++) {
      const probes = tb.map((b) => [b.hi - INV_PHI * (b.hi - b.lo), b.lo + INV_PHI * (b.hi - b.lo)]);
      const ds = await minimiseOverG(probes);
      tb.forEach((b, rep) => {
        const [d1, d2] = ds[rep];
        best[rep] = Math.min(best[rep], d1.value, d2.value);
        if (d1.value < d2.value) b.hi = probes[rep][1];
        else b.lo = probes[rep][0];
      });
    }
    const bounds = new Float64Array(nRep);
    representatives.forEach((_, rep) => {
      const m = Math.min(best[rep], 0);
      bounds[rep] = m - HEAVY_BOUND_SAFETY - HEAVY_BOUND_SAFETY_REL * Math.abs(m);
    });
    return { bounds, evaluations };
  }
}

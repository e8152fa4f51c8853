// The per-point COHERENT evaluation in the shape a GPU kernel will run it (SPEC §4.6.3 "Float32", §6.2):
// a fixed number of Newton iterations on the three normalisations, each one fold over the 144 bins, and
// Delta chi2 accumulated directly against the SM best fit so that float32 never subtracts TS(SM) ~ 148.
//
// Written with simple loops and only + - * /, sqrt, log, min, max and selects, so that it ports line by
// line to the expression IR. Every operation goes through `r`, the rounding of the target arithmetic:
// identity for float64, Math.fround to emulate float32 exactly for + - * / and sqrt (float64 has enough
// bits for the double rounding to be exact), and to the correctly rounded value for log (GPU log is
// allowed to be worse; see logRatioK).
//
// State: the normalisations n = (1 + alpha, 1 + beta, 1 + gamma), not alpha itself. They stay positive
// under a multiplicative fraction-to-boundary rule even when the fit drives 1 + alpha to 1e-8 (signals far
// above the SM), and n - n0 is exact in float32 near the SM best fit n0 (Sterbenz), which keeps the
// difference form consistent.
//
// Why GPU_SCHEME is what it is (measured in test/physics/coherentKernel.test.ts on the VALIDATION points,
// signals from 1e-5 to 5e10 x SM and 4000 random points): the fraction-to-boundary rule alone (eta = 0.9)
// converges everywhere; Armijo backtracking never rejects a step in float64, so its per-iteration chi2 fold
// (144 logs) buys nothing, and in float32 it rejects good steps on rounding noise and needs up to 40
// iterations. Without the rescaled start large signals walk 1 + alpha down a factor 10 per iteration
// (up to 19 iterations); with it every point converges in <= 7 folds.

import { N_BINS } from './constants.js';
import { CouplingProducts } from './couplingProducts.js';
import { CoherentExperiment } from './experiment.js';
import { PULL_SIGMAS } from './likelihood.js';
import { TableBasis, signalChange } from './tables.js';

/** Per-scan constants the kernel reads (a uniform/storage buffer): per bin and scalars. */
export interface KernelConstants {
  readonly smSignal: ArrayLike<number>;
  readonly neutron: ArrayLike<number>;
  readonly steady: ArrayLike<number>;
  readonly observed: ArrayLike<number>;
  /** P^SM_b at the SM best fit, and P^SM_b - O_b, both formed in float64 and rounded once. */
  readonly smPrediction: ArrayLike<number>;
  readonly smResidual: ArrayLike<number>;
  /** Normalisations at the SM best fit, n0 = 1 + (alpha0, beta0, gamma0). */
  readonly n0: readonly [number, number, number];
  /** 1 / sigma^2 of the three pulls. */
  readonly invSigma2: readonly [number, number, number];
  /** sum_b S^SM_b, for the rescaled start. */
  readonly smSignalTotal: number;
}

/** One mass's coefficients as the kernel reads them (CoherentTables fits; coef may be a Float32Array). */
export interface KernelTable {
  readonly basis: TableBasis;
  readonly stride: number;
  readonly coef: ArrayLike<number>;
}

/** The tables as a GPU buffer holds them: every coefficient rounded once to float32. */
export function float32Table<T extends KernelTable>(t: T): T {
  return { ...t, coef: Float32Array.from(t.coef) };
}

/** Constants for a backend: float64 as they are, or rounded once to float32 as a GPU buffer holds them. */
export function kernelConstants(exp: CoherentExperiment, float32 = false): KernelConstants {
  const arr = (a: ArrayLike<number>) => (float32 ? Float32Array.from(a) : Float64Array.from(a));
  const r = float32 ? Math.fround : (x: number) => x;
  const residual = new Float64Array(N_BINS);
  for (let b = 0; b < N_BINS; b++) residual[b] = exp.smPrediction[b] - exp.observed[b];
  return {
    smSignal: arr(exp.smSignal),
    neutron: arr(exp.neutron),
    steady: arr(exp.steady),
    observed: arr(exp.observed),
    smPrediction: arr(exp.smPrediction),
    smResidual: arr(residual),
    n0: [r(1 + exp.smFit.alpha), r(1 + exp.smFit.beta), r(1 + exp.smFit.gamma)],
    invSigma2: [r(1 / PULL_SIGMAS[0] ** 2), r(1 / PULL_SIGMAS[1] ** 2), r(1 / PULL_SIGMAS[2] ** 2)],
    smSignalTotal: r(exp.smSignal.reduce((a, b) => a + b, 0)),
  };
}

/**
 * How a Newton step is kept safe.
 * 'boundary': the step is scaled so that no normalisation shrinks below (1 - eta) of its value. No chi2
 *   evaluation inside the loop; one fold per iteration computes gradient and Hessian only.
 * 'armijo': the spec's backtracking, arranged for a fixed loop: each fold also computes the chi2 difference
 *   at the current point (144 log1p), and a point that fails the Armijo test is replaced by the last accepted
 *   point plus half the previous step, so a backtrack costs one iteration instead of an inner loop.
 */
export type Globalisation = 'boundary' | 'armijo';

export interface KernelScheme {
  readonly maxIterations: number;
  /**
   * Converged when every step is below this fraction of its normalisation, |dn_x| < tol n_x. Relative, because
   * n ~ 1 has a float32 spacing of 1.2e-7: an absolute 1e-7 can stall on one-ulp steps for 1 + alpha > 1.
   * The last step is still applied, so the state ends ~tol^2 from the minimum.
   */
  readonly stepTolerance: number;
  readonly globalisation: Globalisation;
  /** eta of the fraction-to-boundary rule, 0 < eta < 1. */
  readonly boundaryFraction: number;
  readonly float32: boolean;
  /**
   * When set: if the first fold finds sum S > rescaleAbove x sum S^SM, jump to 1 + alpha = (1 + alpha0) sum S^SM / sum S
   * instead of taking the first Newton step.
   */
  readonly rescaleAbove?: number;
}

export const GPU_SCHEME: KernelScheme = {
  maxIterations: 16,
  stepTolerance: 1e-6,
  globalisation: 'boundary',
  boundaryFraction: 0.9,
  float32: true,
  rescaleAbove: 2,
};

export interface KernelResult {
  readonly deltaChi2: number;
  /** Fitted nuisances alpha, beta, gamma (not the normalisations). */
  readonly alpha: number;
  readonly beta: number;
  readonly gamma: number;
  /** Folds over the bins until the converged flag was set (maxIterations if it never was). */
  readonly iterations: number;
  readonly converged: boolean;
}

type Round = (x: number) => number;
const identity: Round = (x) => x;

/**
 * ln(whole/base) for whole = base + delta, from log, + - * / and a select (WGSL has no log1p). For
 * |x| < 1/4, x = delta/base, the series 2 atanh(s), s = x/(2 + x), summed to s^15 (relative error < 3e-15);
 * beyond, log(whole/base) directly, from the ratio rather than 1 + x so that a normalisation driven to 1e-9
 * of its SM value does not round to log(0). The series branch also keeps the small-deviation bins, which
 * dominate the sum, independent of the accuracy of the GPU's log.
 */
export function logRatioK(delta: number, base: number, whole: number, r: Round = identity): number {
  const x = r(delta / base);
  const s = r(x / r(2 + x));
  const s2 = r(s * s);
  let poly = r(1 / 15);
  for (const c of [1 / 13, 1 / 11, 1 / 9, 1 / 7, 1 / 5, 1 / 3, 1]) poly = r(r(poly * s2) + r(c));
  const series = r(r(2 * s) * poly);
  const direct = r(Math.log(r(whole / base)));
  return Math.abs(x) < 0.25 ? series : direct;
}

interface Fold {
  g: [number, number, number];
  /** Packed symmetric Hessian: aa, ab, ag, bb, bg, gg. */
  h: [number, number, number, number, number, number];
  /** (chi2 - chi2 at the SM best fit) / 2, when asked for. */
  half: number;
  /** sum_b (S_b - S^SM_b). */
  signalChange: number;
}

/** One pass over the bins at normalisations n: half-gradient, half-Hessian and optionally half chi2 difference. */
function foldBins(
  k: KernelConstants,
  table: KernelTable,
  at: number,
  c: CouplingProducts,
  n: readonly number[],
  withValue: boolean,
  r: Round,
): Fold {
  const da = r(n[0] - k.n0[0]);
  const db = r(n[1] - k.n0[1]);
  const dg = r(n[2] - k.n0[2]);
  const g: [number, number, number] = [0, 0, 0];
  const h: [number, number, number, number, number, number] = [0, 0, 0, 0, 0, 0];
  let half = 0;
  let signal = 0;
  const nBins = N_BINS; // a local: under a module runner every imported binding is a property load
  for (let b = 0; b < nBins; b++) {
    const dS = signalChange(table.basis, table.coef, at + b * table.stride, c, r);
    signal = r(signal + dS);
    const s = r(k.smSignal[b] + dS);
    // P - P^SM = n_a (S - S^SM) + (n_a - n_a0) S^SM + (n_b - n_b0) Bn + (n_g - n_g0) Bss: no large cancellation.
    const d = r(r(n[0] * dS) + r(r(da * k.smSignal[b]) + r(r(db * k.neutron[b]) + r(dg * k.steady[b]))));
    const p = r(k.smPrediction[b] + d);
    const o = k.observed[b];
    const w = r(r(k.smResidual[b] + d) / p); // 1 - O/P
    const q = r(r(o / p) / p); // O/P^2
    const sq = r(s * q);
    const bnq = r(k.neutron[b] * q);
    g[0] = r(g[0] + r(s * w));
    g[1] = r(g[1] + r(k.neutron[b] * w));
    g[2] = r(g[2] + r(k.steady[b] * w));
    h[0] = r(h[0] + r(s * sq));
    h[1] = r(h[1] + r(k.neutron[b] * sq));
    h[2] = r(h[2] + r(k.steady[b] * sq));
    h[3] = r(h[3] + r(k.neutron[b] * bnq));
    h[4] = r(h[4] + r(k.steady[b] * bnq));
    h[5] = r(h[5] + r(k.steady[b] * r(k.steady[b] * q)));
    if (withValue) half = r(half + r(d - r(o * logRatioK(d, k.smPrediction[b], p, r))));
  }
  // Pulls (x - ln(1 + x))/sigma^2 per normalisation n = 1 + x: gradient (1 - 1/n)/sigma^2, curvature 1/(sigma n)^2;
  // value relative to the SM best fit: (delta - log1p(delta/n0))/sigma^2.
  const deltas = [da, db, dg];
  for (let x = 0; x < 3; x++) {
    const inv = r(1 / n[x]);
    g[x] = r(g[x] + r(k.invSigma2[x] * r(1 - inv)));
    const diag = x === 0 ? 0 : x === 1 ? 3 : 5;
    h[diag] = r(h[diag] + r(k.invSigma2[x] * r(inv * inv)));
    if (withValue) half = r(half + r(k.invSigma2[x] * r(deltas[x] - logRatioK(deltas[x], k.n0[x], n[x], r))));
  }
  return { g, h, half, signalChange: signal };
}

/**
 * Newton step -H^-1 g with the Hessian scaled to unit diagonal first (Jacobi), so that the cofactors stay in
 * float32 range when 1 + alpha is tiny and H_aa ~ 1/(1 + alpha)^2 is huge.
 */
function newtonStepScaled(h: readonly number[], g: readonly number[], r: Round): [number, number, number] {
  const sa = r(1 / r(Math.sqrt(h[0])));
  const sb = r(1 / r(Math.sqrt(h[3])));
  const sg = r(1 / r(Math.sqrt(h[5])));
  const ab = r(r(h[1] * sa) * sb);
  const ag = r(r(h[2] * sa) * sg);
  const bg = r(r(h[4] * sb) * sg);
  const ga = r(g[0] * sa);
  const gb = r(g[1] * sb);
  const gg = r(g[2] * sg);
  // Cofactors of [[1, ab, ag], [ab, 1, bg], [ag, bg, 1]].
  const caa = r(1 - r(bg * bg));
  const cab = r(r(ag * bg) - ab);
  const cag = r(r(ab * bg) - ag);
  const cbb = r(1 - r(ag * ag));
  const cbg = r(r(ab * ag) - bg);
  const cgg = r(1 - r(ab * ab));
  const det = r(r(caa + r(ab * cab)) + r(ag * cag));
  const ya = r(-r(r(r(caa * ga) + r(cab * gb)) + r(cag * gg)) / det);
  const yb = r(-r(r(r(cab * ga) + r(cbb * gb)) + r(cbg * gg)) / det);
  const yg = r(-r(r(r(cag * ga) + r(cbg * gb)) + r(cgg * gg)) / det);
  return [r(ya * sa), r(yb * sb), r(yg * sg)];
}

/** Largest t <= 1 with n + t s >= (1 - eta) n in every component. */
function boundaryScale(n: readonly number[], s: readonly number[], eta: number, r: Round): number {
  let t = 1;
  for (let x = 0; x < 3; x++) t = s[x] < 0 ? Math.min(t, r(r(eta * n[x]) / r(-s[x]))) : t;
  return t;
}

function isSmallStep(n: readonly number[], steps: readonly number[], tol: number, r: Round): boolean {
  let small = true;
  for (let x = 0; x < 3; x++) small = small && Math.abs(steps[x]) < r(tol * n[x]);
  return small;
}

/** Armijo sufficient-decrease constant of the spec's backtracking (SPEC §4.6.2). */
const ARMIJO_C = 1e-4;

/**
 * Delta chi2 = TS(model) - TS(SM) for one grid point from mass row `massIndex` of the tables. Fixed
 * iteration count and no early return: a converged flag freezes the state, as on the GPU. `k` and `table`
 * must be in the scheme's arithmetic: kernelConstants(exp, true) and float32Table(tables) for float32.
 */
export function kernelDeltaChi2(
  k: KernelConstants,
  table: KernelTable,
  massIndex: number,
  c: CouplingProducts,
  scheme: KernelScheme = GPU_SCHEME,
): KernelResult {
  const r: Round = scheme.float32 ? Math.fround : identity;
  const at = massIndex * table.stride * N_BINS;
  const eta = r(scheme.boundaryFraction);
  const tol = r(scheme.stepTolerance);
  const armijo = scheme.globalisation === 'armijo';
  let n = [k.n0[0], k.n0[1], k.n0[2]];
  let converged = false;
  let iterations = scheme.maxIterations;
  // Armijo bookkeeping: last accepted point, its half chi2 difference, step, step length and slope g.s.
  let nAcc = n;
  let fAcc = 0;
  let sAcc = [0, 0, 0];
  let tAcc = 1;
  let slopeAcc = 0;
  let fresh = true; // the current point starts a descent: accept it without the Armijo test
  for (let it = 0; it < scheme.maxIterations; it++) {
    if (converged) continue; // on the GPU: every update below is a select on !converged
    const fold = foldBins(k, table, at, c, n, armijo, r);
    if (it === 0 && scheme.rescaleAbove !== undefined) {
      // Signals far above the SM: start from the signal normalisation that keeps the total at its SM
      // best-fit value instead of walking 1 + alpha down by the boundary rule one factor (1 - eta) at a time.
      const ratio = r(r(k.smSignalTotal + fold.signalChange) / k.smSignalTotal);
      if (ratio > scheme.rescaleAbove) {
        n = [r(k.n0[0] / ratio), n[1], n[2]];
        continue; // still fresh: the jump starts the descent, it is not a step to be checked
      }
    }
    if (armijo && !fresh && !(fold.half <= r(fAcc + r(ARMIJO_C * r(tAcc * slopeAcc))))) {
      tAcc = r(0.5 * tAcc);
      n = [0, 1, 2].map((x) => r(nAcc[x] + r(tAcc * sAcc[x])));
      converged = isSmallStep(
        nAcc,
        sAcc.map((sx) => r(tAcc * sx)),
        tol,
        r,
      );
      if (converged) {
        n = nAcc;
        iterations = it + 1;
      }
      continue;
    }
    fresh = false;
    const s = newtonStepScaled(fold.h, fold.g, r);
    const t = boundaryScale(n, s, eta, r);
    if (armijo) {
      nAcc = n;
      fAcc = fold.half;
      sAcc = s;
      tAcc = t;
      slopeAcc = r(r(r(fold.g[0] * s[0]) + r(fold.g[1] * s[1])) + r(fold.g[2] * s[2]));
    }
    const steps = s.map((sx) => r(t * sx));
    converged = isSmallStep(n, steps, tol, r);
    n = [0, 1, 2].map((x) => r(n[x] + steps[x]));
    if (converged) iterations = it + 1;
  }
  // The value at the final point: one more fold with the logs.
  const final = foldBins(k, table, at, c, n, true, r);
  return {
    deltaChi2: r(2 * final.half),
    alpha: n[0] - 1,
    beta: n[1] - 1,
    gamma: n[2] - 1,
    iterations,
    converged,
  };
}

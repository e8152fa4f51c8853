// Test statistic of the full method and its float64 reference minimiser (SPEC §4.6.2):
//   chi2(alpha, beta, gamma) = 2 sum_b [P - O + O ln(O/P)] + pulls,
//   P = (1 + alpha) S + (1 + beta) Bn + (1 + gamma) Bss,
// minimised by Newton's method with backtracking from (0, 0, 0). The function is strictly convex on
// 1 + x > 0, so the minimum is unique; this is the reference that the kernel-shaped scheme is checked against.

import { N_BINS, SIGMA_ALPHA, SIGMA_BETA, SIGMA_GAMMA } from './constants.js';

/**
 * 'asymmetric' (the reference): 2 (x - ln(1 + x))/sigma^2, the deviance of an auxiliary Poisson measurement.
 * 'gaussian': (x/sigma)^2, only to cross-check the code's SM p-value script (VALIDATION §18.3).
 */
export type PullShape = 'asymmetric' | 'gaussian';

export const PULL_SIGMAS: readonly [number, number, number] = [SIGMA_ALPHA, SIGMA_BETA, SIGMA_GAMMA];

export interface FitTemplates {
  readonly signal: ArrayLike<number>;
  readonly neutron: ArrayLike<number>;
  readonly steady: ArrayLike<number>;
  readonly observed: ArrayLike<number>;
}

export interface FitResult {
  readonly ts: number;
  readonly alpha: number;
  readonly beta: number;
  readonly gamma: number;
  /** Newton steps taken (accepted steps; backtracking halvings are not counted). */
  readonly iterations: number;
  readonly converged: boolean;
}

/** Pull of normalisation n = 1 + x; ln n via log1p near n = 1, where n - 1 is exact. */
function pull(n: number, sigma: number, shape: PullShape): number {
  const x = n - 1;
  if (shape === 'gaussian') return (x / sigma) ** 2;
  return (2 * (x - (Math.abs(x) < 0.5 ? Math.log1p(x) : Math.log(n)))) / (sigma * sigma);
}

/**
 * chi2 at normalisations n = (1 + alpha, 1 + beta, 1 + gamma); +Infinity outside the domain (some n <= 0 for
 * asymmetric pulls, or some P <= 0). The minimiser works in n rather than alpha so that a fit that drives
 * 1 + alpha to 1e-12 (signals far above the SM) keeps full relative precision.
 */
export function chi2AtNormalisations(t: FitTemplates, n: readonly [number, number, number], shape: PullShape = 'asymmetric'): number {
  if (shape === 'asymmetric' && !(n[0] > 0 && n[1] > 0 && n[2] > 0)) return Infinity;
  let sum = 0;
  for (let i = 0; i < N_BINS; i++) {
    const p = n[0] * t.signal[i] + n[1] * t.neutron[i] + n[2] * t.steady[i];
    if (!(p > 0)) return Infinity;
    const o = t.observed[i];
    sum += o > 0 ? p - o + o * Math.log(o / p) : p;
  }
  return 2 * sum + pull(n[0], SIGMA_ALPHA, shape) + pull(n[1], SIGMA_BETA, shape) + pull(n[2], SIGMA_GAMMA, shape);
}

/** chi2(alpha, beta, gamma) of SPEC §4.6.2. */
export function chi2(t: FitTemplates, nuisances: readonly [number, number, number], shape: PullShape = 'asymmetric'): number {
  return chi2AtNormalisations(t, [1 + nuisances[0], 1 + nuisances[1], 1 + nuisances[2]], shape);
}

/** Solve H s = -g for a symmetric positive-definite 3 x 3 H (packed aa, ab, ag, bb, bg, gg) by cofactors. */
export function newtonStep3(h: readonly number[], g: readonly number[]): [number, number, number] {
  const [haa, hab, hag, hbb, hbg, hgg] = h;
  const caa = hbb * hgg - hbg * hbg;
  const cab = hag * hbg - hab * hgg;
  const cag = hab * hbg - hag * hbb;
  const cbb = haa * hgg - hag * hag;
  const cbg = hab * hag - haa * hbg;
  const cgg = haa * hbb - hab * hab;
  const det = haa * caa + hab * cab + hag * cag;
  return [
    -(caa * g[0] + cab * g[1] + cag * g[2]) / det,
    -(cab * g[0] + cbb * g[1] + cbg * g[2]) / det,
    -(cag * g[0] + cbg * g[1] + cgg * g[2]) / det,
  ];
}

export interface MinimiseOptions {
  shape?: PullShape;
  /**
   * Stop when the predicted decrease -g.s/2 falls below this times max(1, chi2) (default 1e-14: TS exact to
   * float64 rounding; relative because the rounding of chi2 ~ 250 is already ~1e-13).
   */
  decrementTolerance?: number;
  maxIterations?: number;
  start?: readonly [number, number, number];
}

/**
 * Newton with backtracking (SPEC §4.6.2 "Minimisation"): halve the step while chi2 does not decrease by at
 * least 1e-4 (g . s) or the step leaves the domain.
 */
export function minimiseChi2(t: FitTemplates, opts: MinimiseOptions = {}): FitResult {
  const shape = opts.shape ?? 'asymmetric';
  const tol = opts.decrementTolerance ?? 1e-14;
  const maxIter = opts.maxIterations ?? 200;
  const start = opts.start ?? [0, 0, 0];
  let n: [number, number, number] = [1 + start[0], 1 + start[1], 1 + start[2]];
  let f = chi2AtNormalisations(t, n, shape);
  const sig2 = PULL_SIGMAS.map((s) => s * s);
  const result = (iterations: number, converged: boolean): FitResult => ({
    ts: f,
    alpha: n[0] - 1,
    beta: n[1] - 1,
    gamma: n[2] - 1,
    iterations,
    converged,
  });
  for (let iter = 0; iter < maxIter; iter++) {
    const grad = [0, 0, 0];
    const hess = [0, 0, 0, 0, 0, 0];
    for (let i = 0; i < N_BINS; i++) {
      const v0 = t.signal[i];
      const v1 = t.neutron[i];
      const v2 = t.steady[i];
      const p = n[0] * v0 + n[1] * v1 + n[2] * v2;
      const o = t.observed[i];
      const r = 1 - o / p;
      const q = o / (p * p);
      grad[0] += v0 * r;
      grad[1] += v1 * r;
      grad[2] += v2 * r;
      hess[0] += v0 * v0 * q;
      hess[1] += v0 * v1 * q;
      hess[2] += v0 * v2 * q;
      hess[3] += v1 * v1 * q;
      hess[4] += v1 * v2 * q;
      hess[5] += v2 * v2 * q;
    }
    for (let k = 0; k < 3; k++) grad[k] *= 2;
    for (let k = 0; k < 6; k++) hess[k] *= 2;
    for (let k = 0; k < 3; k++) {
      const diag = k === 0 ? 0 : k === 1 ? 3 : 5;
      if (shape === 'gaussian') {
        grad[k] += (2 * (n[k] - 1)) / sig2[k];
        hess[diag] += 2 / sig2[k];
      } else {
        // d/dx of 2 (x - ln(1 + x))/sigma^2 = 2 x/(sigma^2 (1 + x)), curvature 2/(sigma^2 (1 + x)^2).
        grad[k] += (2 * (1 - 1 / n[k])) / sig2[k];
        hess[diag] += 2 / (sig2[k] * n[k] * n[k]);
      }
    }
    const s = newtonStep3(hess, grad);
    const slope = grad[0] * s[0] + grad[1] * s[1] + grad[2] * s[2];
    if (-slope / 2 < tol * Math.max(1, f)) return result(iter, true);
    let step = 1;
    let accepted = false;
    for (let halvings = 0; halvings < 60 && !accepted; halvings++, step /= 2) {
      const trial: [number, number, number] = [n[0] + step * s[0], n[1] + step * s[1], n[2] + step * s[2]];
      const ft = chi2AtNormalisations(t, trial, shape);
      if (ft <= f + 1e-4 * step * slope) {
        n = trial;
        f = ft;
        accepted = true;
      }
    }
    // No decrease along a descent direction: chi2 is flat to rounding here, so this is the minimum.
    if (!accepted) return result(iter, true);
  }
  return result(maxIter, false);
}

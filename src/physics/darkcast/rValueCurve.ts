// DarkCast-style recast of an r-value grid at one mass (RESONANCE_RECAST.md §6.3), for models whose couplings
// all scale with g_X (no independent kinetic mixing). Each grid node (ε_j, r_j) maps to the X coupling with
// the same lifetime, g_j = ε_j sqrt(Γ_ref(1)/Γ_X(1)); the node is excluded when r_j · C < 1 with
// C = BR_ref Γ_X(1) / (BR_X Π(1) Γ_ref(1)). The band runs from the smallest to the largest excluded g_j,
// extended past a grid edge when the edge node itself is excluded.

import type { ExclusionBand } from './exclusionBands.js';

export interface RValueNodeInput {
  couplings: Float64Array;
  /** r values of this mass's row. */
  r: Float64Array;
  /** g_j / ε_j = sqrt(Γ_ref(ε=1) / Γ_X(g=1)). */
  couplingScale: number;
  /** C above. */
  rScale: number;
}

/** Root in s of a monotonic f on [lo, hi] (f(lo), f(hi) of opposite signs), by bisection in log s. */
function solve(f: (s: number) => number, lo: number, hi: number): number {
  let a = Math.log(lo);
  let b = Math.log(hi);
  const fa = f(lo);
  for (let it = 0; it < 200 && b - a > 1e-13; it++) {
    const mid = 0.5 * (a + b);
    if (f(Math.exp(mid)) * fa > 0) a = mid;
    else b = mid;
  }
  return Math.exp(0.5 * (a + b));
}

const ONE_MINUS_INV_E = -Math.expm1(-1);

export function rValueNodeBand(input: RValueNodeInput): ExclusionBand[] {
  const { couplings, r, couplingScale, rScale } = input;
  const n = couplings.length;
  let first = -1;
  let last = -1;
  for (let j = 0; j < n; j++) {
    if (r[j] * rScale < 1) {
      if (first < 0) first = j;
      last = j;
    }
  }
  if (first < 0) return [];
  let from = couplings[first] * couplingScale;
  let to: number | null = couplings[last] * couplingScale;
  if (first === 0) {
    // Longer lifetimes than the grid: window [0, τ_edge]; with s = (g/g_edge)², yield ratio s(1−e^{−s})/(1−e^{−1}).
    const rEdge = r[0] * rScale;
    const s = solve((x) => (x * -Math.expm1(-x)) / ONE_MINUS_INV_E / rEdge - 1, 1e-300, 1);
    from *= Math.sqrt(s);
  }
  if (last === n - 1) {
    // Shorter lifetimes: window [τ_edge, ∞), yield ratio s e^{1−s}, which falls below r_edge at a finite s.
    const rEdge = r[n - 1] * rScale;
    const s = solve((x) => (x * Math.exp(1 - x)) / rEdge - 1, 1, 1e4 + 10 * Math.log(1 / rEdge));
    to = to * Math.sqrt(s);
  }
  return [{ from, to }];
}

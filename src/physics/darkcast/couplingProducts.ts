// The coupling products every recast rate is linear in. Each width and production cross section of X is a
// quadratic form in the fermion couplings (RESONANCE_RECAST.md §3-4), so it is Σ_k C_k(m) · P_k(y) with
// per-mass coefficients C_k and these fixed products P_k. The kernel computes the P_k once per grid point
// and dots them with tabulated rows; nothing else about the couplings is needed.
//
// Besides the squares of each fermion coupling, the products of the three vector-meson traces
// t_V = Tr(T_V Q_X) appear (§3.3): t_ρ = (g_u − g_d)/2, t_ω = (g_u + g_d)/2, t_φ = g_s/√2. Hadronic widths,
// vector-meson mixing, meson decays A → B X and proton bremsstrahlung ((2g_u + g_d)² = t_ρ² + 6 t_ρ t_ω +
// 9 t_ω²) are all quadratic forms in (t_ρ, t_ω, t_φ).

import { FERMION_FIELDS, type FermionCouplings, type FermionField } from './fermionCouplings.js';

type LinearForm = (y: FermionCouplings) => number;

const field =
  (f: FermionField): LinearForm =>
  (y) =>
    y[f];
const tRho: LinearForm = (y) => 0.5 * (y.uV - y.dV);
const tOmega: LinearForm = (y) => 0.5 * (y.uV + y.dV);
const tPhi: LinearForm = (y) => y.sV * Math.SQRT1_2;

/** Meson-trace forms t_V = Tr(T_V Q), in the order ρ, ω, φ. */
export const MESON_TRACES: readonly LinearForm[] = [tRho, tOmega, tPhi];

const squares = FERMION_FIELDS.map((f) => ({ name: `${f}2`, a: field(f), b: field(f) }));
const mesonProducts = [
  { name: 'rhoRho', a: tRho, b: tRho },
  { name: 'omegaOmega', a: tOmega, b: tOmega },
  { name: 'phiPhi', a: tPhi, b: tPhi },
  { name: 'rhoOmega', a: tRho, b: tOmega },
  { name: 'rhoPhi', a: tRho, b: tPhi },
  { name: 'omegaPhi', a: tOmega, b: tPhi },
];
const DEFINITIONS = [...squares, ...mesonProducts];

/** Names of the products in table order; a coefficient row has one entry per name. Never reorder. */
export const PRODUCT_NAMES: readonly string[] = DEFINITIONS.map((d) => d.name);
export const N_PRODUCTS = DEFINITIONS.length;

/** Index of each product by name, e.g. PRODUCT_INDEX.eV2, PRODUCT_INDEX.rhoOmega. */
export const PRODUCT_INDEX: Readonly<Record<string, number>> = Object.fromEntries(PRODUCT_NAMES.map((n, k) => [n, k]));

/** Index of the square of one fermion coupling. */
export function squareIndex(f: FermionField): number {
  return PRODUCT_INDEX[`${f}2`];
}

/** Index of the meson-trace product t_V t_W (V, W: 0 ρ, 1 ω, 2 φ). */
export function mesonProductIndex(v: number, w: number): number {
  const [i, j] = v <= w ? [v, w] : [w, v];
  const names = [
    ['rhoRho', 'rhoOmega', 'rhoPhi'],
    ['', 'omegaOmega', 'omegaPhi'],
    ['', '', 'phiPhi'],
  ];
  return PRODUCT_INDEX[names[i][j]];
}

/** P_k(y) for all products. */
export function couplingProducts(y: FermionCouplings, out: Float64Array = new Float64Array(N_PRODUCTS)): Float64Array {
  for (let k = 0; k < N_PRODUCTS; k++) out[k] = DEFINITIONS[k].a(y) * DEFINITIONS[k].b(y);
  return out;
}

/**
 * The symmetric bilinear part of each product: P_k(g x + e q) = g² P_k(x) + g e B_k(x, q) + e² P_k(q) with
 * B_k(x, q) = a(x) b(q) + a(q) b(x). Lets a curve generator evaluate every rate as a quadratic in g_X.
 */
export function bilinearProducts(x: FermionCouplings, q: FermionCouplings): Float64Array {
  const out = new Float64Array(N_PRODUCTS);
  for (let k = 0; k < N_PRODUCTS; k++) {
    const d = DEFINITIONS[k];
    out[k] = d.a(x) * d.b(q) + d.a(q) * d.b(x);
  }
  return out;
}

/** Σ_k row[offset + k] · p[k]. */
export function dotRow(row: Float64Array, offset: number, p: Float64Array): number {
  let s = 0;
  for (let k = 0; k < N_PRODUCTS; k++) s += row[offset + k] * p[k];
  return s;
}

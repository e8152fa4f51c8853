// Recast rates as quadratic forms in two couplings, for a kernel that evaluates them in float32.
//
// A rate is Σ_k row_k P_k(y) (couplingProducts.ts). Where the couplings are linear in two numbers,
// y_f = u x_f + v Q_f (photon-convention kinetic mixing: u = g_X, v = eps_hat e, or v = k u on a mixing-ratio
// axis; x the model's charges, Q the electric charges), the rate is the binary quadratic form
// A u² + 2H u v + C v². Expanded in float32 it cancels catastrophically where the rate nearly vanishes
// (an electron-only production row at x_e + k Q_e ≈ 0: A, 2Hk and Ck² are each large). The kernel evaluates
// the completed square instead,
//     rate = C (v − k0 u)² + m u²,   k0 = −H/C,   m = (AC − H²)/C,
// with m ≥ 0 the form's minimum over k = v/u for a positive semi-definite form (rates are sums of |amplitude|²).
// Both terms are then non-negative and v − k0 u (on a k axis u (k − k0)) carries the only subtraction, which
// is the one the couplings themselves carry (x_f + k Q_f). The host forms k0 and m in float64 without
// cancellation: the form is a sum of rank-one terms w (α u + β v)², so k0 is the w β²-weighted mean of the
// terms' zeros −α/β and AC − H² = Σ_{i<j} w_i w_j (α_i β_j − α_j β_i)² (Lagrange's identity).

import { FERMION_FIELDS, ELECTRIC_CHARGE, type FermionCouplings } from './fermionCouplings.js';
import { MESON_TRACES, mesonProductIndex, N_PRODUCTS, squareIndex } from './couplingProducts.js';

/** rate(u, v) = c (v − k0 u)² + m u². `psd` is false where the form is not positive semi-definite (then m may be negative). */
export interface RateForm {
  c: number;
  k0: number;
  m: number;
  psd: boolean;
}

interface Term {
  w: number;
  a: number;
  b: number;
}

const CHARGES: FermionCouplings = Object.fromEntries(FERMION_FIELDS.map((f) => [f, ELECTRIC_CHARGE[f] ?? 0])) as FermionCouplings;

/**
 * Relative size below which a negative AC − H² is rounding of a semi-definite form (m = 0), not indefiniteness:
 * the Lagrange sum has at most a few hundred float64 terms, each with relative error ~1e-16.
 */
const DET_ROUNDING = 1e-12;

/** Relative size below which an LDLᵀ pivot or residual of the meson block counts as rounding of zero. */
const PIVOT_ROUNDING = 1e-12;

/**
 * The meson block t_ρ, t_ω, t_φ as LDLᵀ: non-negative weights d_j on the forms t_j + Σ_{i>j} L_ij t_i, or null
 * where the block is not positive semi-definite. A rank-one block (proton bremsstrahlung: (2 g_u + g_d)² =
 * t_ρ² + 6 t_ρ t_ω + 9 t_ω²) gives one square, so that its zero (x_p + k Q_p = 0) survives into k0 and m = 0.
 */
function mesonSquares(P: number[][]): { d: number; l: number[] }[] | null {
  const L = [
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
  ];
  const d = [0, 0, 0];
  for (let j = 0; j < 3; j++) {
    let dj = P[j][j];
    let scale = Math.abs(P[j][j]);
    for (let k = 0; k < j; k++) {
      dj -= L[j][k] * L[j][k] * d[k];
      scale += L[j][k] * L[j][k] * d[k];
    }
    const residual = (i: number) => {
      let r = P[i][j];
      for (let k = 0; k < j; k++) r -= L[i][k] * L[j][k] * d[k];
      return r;
    };
    if (dj > PIVOT_ROUNDING * scale && dj > 0) {
      d[j] = dj;
      for (let i = j + 1; i < 3; i++) L[i][j] = residual(i) / dj;
    } else if (dj >= -PIVOT_ROUNDING * scale) {
      // A zero pivot: the rest of its column must vanish too, else the block is indefinite.
      for (let i = j + 1; i < 3; i++) {
        let s = Math.abs(P[i][j]);
        for (let k = 0; k < j; k++) s += Math.abs(L[i][k] * L[j][k] * d[k]);
        if (Math.abs(residual(i)) > PIVOT_ROUNDING * s) return null;
      }
    } else return null;
  }
  const out: { d: number; l: number[] }[] = [];
  for (let j = 0; j < 3; j++) if (d[j] > 0) out.push({ d: d[j], l: [0, 1, 2].map((i) => (i < j ? 0 : L[i][j])) });
  return out;
}

/** The rate of `row[offset .. offset + N_PRODUCTS)` as rank-one terms w (α u + β v)² in the couplings u x + v Q. */
function rankOneTerms(row: ArrayLike<number>, offset: number, x: FermionCouplings): Term[] {
  const terms: Term[] = [];
  for (const f of FERMION_FIELDS) {
    const w = row[offset + squareIndex(f)];
    if (w !== 0) terms.push({ w, a: x[f], b: CHARGES[f] });
  }
  const a = MESON_TRACES.map((t) => t(x));
  const b = MESON_TRACES.map((t) => t(CHARGES));
  // Quadratic form matrix of the traces: diagonal t_v², off-diagonal half the t_v t_w coefficient.
  const P = [0, 1, 2].map((v) => [0, 1, 2].map((w) => row[offset + mesonProductIndex(v, w)] * (v === w ? 1 : 0.5)));
  const squares = mesonSquares(P);
  if (squares) {
    for (const { d, l } of squares)
      terms.push({ w: d, a: l[0] * a[0] + l[1] * a[1] + l[2] * a[2], b: l[0] * b[0] + l[1] * b[1] + l[2] * b[2] });
    return terms;
  }
  for (let v = 0; v < 3; v++) {
    const w = row[offset + mesonProductIndex(v, v)];
    if (w !== 0) terms.push({ w, a: a[v], b: b[v] });
    // Interference t_v t_w = ((t_v + t_w)² − (t_v − t_w)²)/4: an indefinite pair, exact in the sum.
    for (let u = v + 1; u < 3; u++) {
      const p = row[offset + mesonProductIndex(v, u)];
      if (p === 0) continue;
      terms.push({ w: p / 4, a: a[v] + a[u], b: b[v] + b[u] });
      terms.push({ w: -p / 4, a: a[v] - a[u], b: b[v] - b[u] });
    }
  }
  return terms;
}

/**
 * The completed square of one coefficient row for a model with charges `x` (float64). Returns null where the
 * form cannot be written so (c = 0 but a cross term: a rate linear in v, never a sum of squares).
 */
export function rateForm(row: ArrayLike<number>, offset: number, x: FermionCouplings): RateForm | null {
  if (row.length < offset + N_PRODUCTS) throw new Error('rateForm: row too short');
  const terms = rankOneTerms(row, offset, x);
  let A = 0;
  let H = 0;
  let C = 0;
  let psd = true;
  for (const t of terms) {
    A += t.w * t.a * t.a;
    H += t.w * t.a * t.b;
    C += t.w * t.b * t.b;
    if (t.w < 0) psd = false;
  }
  if (C === 0) {
    // No v-dependence at all (every term has b = 0), or an indefinite form with H != 0.
    if (H !== 0) return null;
    return { c: 0, k0: 0, m: A, psd: A >= 0 };
  }
  // k0: weighted mean of the zeros −a/b with weights w b² about the heaviest term's zero, so that terms
  // sharing one zero give it back exactly.
  let ref = 0;
  let heaviest = -1;
  for (const t of terms) {
    const cw = Math.abs(t.w * t.b * t.b);
    if (t.b !== 0 && cw > heaviest) {
      heaviest = cw;
      ref = -t.a / t.b;
    }
  }
  let shift = 0;
  for (const t of terms) if (t.b !== 0) shift += t.w * t.b * t.b * (-t.a / t.b - ref);
  const k0 = ref + shift / C;
  let det = 0;
  let scale = 0;
  for (let i = 0; i < terms.length; i++) {
    for (let j = i + 1; j < terms.length; j++) {
      const cross = terms[i].a * terms[j].b - terms[j].a * terms[i].b;
      const p = terms[i].w * terms[j].w * cross * cross;
      det += p;
      scale += Math.abs(p);
    }
  }
  // Interference pairs make some weights negative: the form may still be semi-definite (the meson block of
  // a physical rate is), judged by its determinant and c.
  if (!psd) psd = C > 0 && det >= -DET_ROUNDING * scale;
  // Indefinite: the same identity, m possibly negative (float32 then cancels as the expansion would).
  return { c: C, k0, m: (psd ? Math.max(det, 0) : det) / C, psd };
}

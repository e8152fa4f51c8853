// Squared matrix element of nu(p1) gamma(q) -> nu(p2) mu-(p3) mu+(p4), split by muon coupling structure.
//
// Amplitude (contact SM interaction + X exchange, both written as an effective (V, A) vertex whose
// couplings depend on k^2 = (p1 - p2)^2, SPEC §4.3 point 2):
//   M = (G_F/sqrt2) e  N_alpha  ubar(p3) [ epsslash S(p3 - q) Gamma^alpha + Gamma^alpha S(q - p4) epsslash ] v(p4)
//   N^alpha = ubar(p2) gamma^alpha (1 - gamma5) u(p1),    Gamma^alpha = G_V gamma^alpha - G_A gamma^alpha gamma5,
//   S(l) = (lslash + m) / (l^2 - m^2),
//   G_V = g_V + Y_V P(k^2),  G_A = g_A + Y_A P(k^2),  P = 1 / (sqrt2 G_F (m_X^2 - k^2)).
// Summed over muon spins and the two transverse photon polarisations (the incoming neutrino is
// left-handed only, so no spin average), with M_V (M_A) the amplitude for Gamma = gamma^alpha
// (gamma^alpha gamma5):
//   sum |M|^2 / (G_F^2 e^2 / 2) = G_V^2 T_VV + G_A^2 T_AA + 2 G_V G_A T_VA,
//   T_VV = sum |M_V|^2,  T_AA = sum |M_A|^2,  T_VA = -Re sum M_V M_A^*.
// The spin sums are done with explicit spinors in the chiral representation (weyl.ts), which is the
// numerical equivalent of the Dirac traces.

import { cmatCol, cmatRow, dotIm, dotRe, hermMul, massiveSpinor, neutrinoCurrent, slashBlocks } from './weyl.js';

export interface Traces {
  vv: number;
  aa: number;
  va: number;
}

type V4 = ArrayLike<number>;

const N = new Float64Array(8);
const A = new Float64Array(8);
const B = new Float64Array(8);
const U3 = new Float64Array(16); // ubar(p3, s) rows for s = 0, 1 (L at 0, R at 4)
const V4s = new Float64Array(16); // v(p4, s) columns for s = 0, 1
const sp = new Float64Array(8);
const aRows = new Float64Array(32); // a(s3, lambda) rows, index (2 s3 + lambda) * 8
const bCols = new Float64Array(32); // b(s4, lambda) columns
const X = new Float64Array(8); // A v_R per s4
const Y = new Float64Array(8); // B v_L per s4
const Uu = new Float64Array(8); // r_R B per s3
const Ww = new Float64Array(8); // r_L A per s3
const t = new Float64Array(8);

/**
 * Spin- and polarisation-summed T_VV, T_AA, T_VA at one phase-space point. Momenta are [E, px, py, pz];
 * eps1, eps2 are two real polarisation 4-vectors transverse to q; d1 = (p3 - q)^2 - m^2 = -2 p3.q and
 * d2 = (q - p4)^2 - m^2 = -2 p4.q are passed in so that callers can compute them without cancellation.
 */
export function tridentTraces(
  p1: V4,
  p2: V4,
  p3: V4,
  p4: V4,
  q: V4,
  m: number,
  eps1: V4,
  eps2: V4,
  d1: number,
  d2: number,
  out: Traces,
): Traces {
  neutrinoCurrent(N, p1, p2);
  slashBlocks(N, A, B);

  // ubar(p3, s) = (conj u_R, conj u_L) as a row; v(p4, s) columns.
  for (let s = 0; s < 2; s++) {
    massiveSpinor(sp, p3, m, s as 0 | 1, false);
    const o = 8 * s;
    U3[o] = sp[4];
    U3[o + 1] = -sp[5];
    U3[o + 2] = sp[6];
    U3[o + 3] = -sp[7];
    U3[o + 4] = sp[0];
    U3[o + 5] = -sp[1];
    U3[o + 6] = sp[2];
    U3[o + 7] = -sp[3];
    massiveSpinor(sp, p4, m, s as 0 | 1, true);
    for (let k = 0; k < 8; k++) V4s[o + k] = sp[k];
  }

  const l1E = p3[0] - q[0],
    l1x = p3[1] - q[1],
    l1y = p3[2] - q[2],
    l1z = p3[3] - q[3];
  const l2E = q[0] - p4[0],
    l2x = q[1] - p4[1],
    l2y = q[2] - p4[2],
    l2z = q[3] - p4[3];
  const inv1 = 1 / d1,
    inv2 = 1 / d2;

  for (let lam = 0; lam < 2; lam++) {
    const e = lam === 0 ? eps1 : eps2;
    const e0 = e[0],
      ex = e[1],
      ey = e[2],
      ez = e[3];
    for (let s = 0; s < 2; s++) {
      // a = ubar3 epsslash (l1slash + m) / d1  (rows: r M = M^T r, i.e. hermMul with -py)
      const ro = 8 * s;
      const ao = (2 * s + lam) * 8;
      hermMul(t, 0, e0, ex, -ey, ez, +1, U3, ro + 4); // t_L = r_R (eps.sigmabar)
      hermMul(t, 4, e0, ex, -ey, ez, -1, U3, ro); //     t_R = r_L (eps.sigma)
      hermMul(aRows, ao, l1E, l1x, -l1y, l1z, +1, t, 4); //     t_R (l1.sigmabar)
      hermMul(aRows, ao + 4, l1E, l1x, -l1y, l1z, -1, t, 0); // t_L (l1.sigma)
      for (let k = 0; k < 4; k++) {
        aRows[ao + k] = (aRows[ao + k] + m * t[k]) * inv1;
        aRows[ao + 4 + k] = (aRows[ao + 4 + k] + m * t[4 + k]) * inv1;
      }
      // b = (l2slash + m) epsslash v4 / d2
      const vo = 8 * s;
      hermMul(t, 0, e0, ex, ey, ez, -1, V4s, vo + 4); // c_L = (eps.sigma) v_R
      hermMul(t, 4, e0, ex, ey, ez, +1, V4s, vo); //     c_R = (eps.sigmabar) v_L
      hermMul(bCols, ao, l2E, l2x, l2y, l2z, -1, t, 4); //     (l2.sigma) c_R
      hermMul(bCols, ao + 4, l2E, l2x, l2y, l2z, +1, t, 0); // (l2.sigmabar) c_L
      for (let k = 0; k < 4; k++) {
        bCols[ao + k] = (bCols[ao + k] + m * t[k]) * inv2;
        bCols[ao + 4 + k] = (bCols[ao + 4 + k] + m * t[4 + k]) * inv2;
      }
    }
  }

  // Nslash v = (A v_R, B v_L);  ubar Nslash = (r_R B, r_L A)
  for (let s = 0; s < 2; s++) {
    cmatCol(X, 4 * s, A, V4s, 8 * s + 4);
    cmatCol(Y, 4 * s, B, V4s, 8 * s);
    cmatRow(Uu, 4 * s, U3, 8 * s + 4, B);
    cmatRow(Ww, 4 * s, U3, 8 * s, A);
  }

  let vv = 0,
    aa = 0,
    va = 0;
  for (let lam = 0; lam < 2; lam++) {
    for (let s3 = 0; s3 < 2; s3++) {
      const ao = (2 * s3 + lam) * 8;
      for (let s4 = 0; s4 < 2; s4++) {
        const bo = (2 * s4 + lam) * 8;
        // part 1: a . (Nslash v4) -> a_L.X + a_R.Y (V), a_L.X - a_R.Y (A)
        const axr = dotRe(aRows, ao, X, 4 * s4),
          axi = dotIm(aRows, ao, X, 4 * s4);
        const ayr = dotRe(aRows, ao + 4, Y, 4 * s4),
          ayi = dotIm(aRows, ao + 4, Y, 4 * s4);
        // part 2: (ubar3 Nslash) . b -> U.b_L + W.b_R (V), -U.b_L + W.b_R (A)
        const ubr = dotRe(Uu, 4 * s3, bCols, bo),
          ubi = dotIm(Uu, 4 * s3, bCols, bo);
        const wbr = dotRe(Ww, 4 * s3, bCols, bo + 4),
          wbi = dotIm(Ww, 4 * s3, bCols, bo + 4);
        const mvr = axr + ayr + ubr + wbr,
          mvi = axi + ayi + ubi + wbi;
        const mar = axr - ayr - ubr + wbr,
          mai = axi - ayi - ubi + wbi;
        vv += mvr * mvr + mvi * mvi;
        aa += mar * mar + mai * mai;
        va -= mvr * mar + mvi * mai;
      }
    }
  }
  out.vv = vv;
  out.aa = aa;
  out.va = va;
  return out;
}

/**
 * Two real transverse polarisation vectors for a photon of momentum q (eps^0 = 0, eps_vec . q_vec = 0),
 * written into e1, e2 (4 doubles each).
 */
export function transversePolarisations(q: V4, e1: Float64Array, e2: Float64Array): void {
  const qx = q[1],
    qy = q[2],
    qz = q[3];
  const qn = Math.hypot(qx, qy, qz);
  const nx = qx / qn,
    ny = qy / qn,
    nz = qz / qn;
  // reference axis least parallel to n
  let rx = 0,
    ry = 0,
    rz = 0;
  const ax = Math.abs(nx),
    ay = Math.abs(ny),
    az = Math.abs(nz);
  if (ax <= ay && ax <= az) rx = 1;
  else if (ay <= az) ry = 1;
  else rz = 1;
  // e1 = normalise(r - (r.n) n), e2 = n x e1
  const rn = rx * nx + ry * ny + rz * nz;
  let x1 = rx - rn * nx,
    y1 = ry - rn * ny,
    z1 = rz - rn * nz;
  const l1 = Math.hypot(x1, y1, z1);
  x1 /= l1;
  y1 /= l1;
  z1 /= l1;
  e1[0] = 0;
  e1[1] = x1;
  e1[2] = y1;
  e1[3] = z1;
  e2[0] = 0;
  e2[1] = ny * z1 - nz * y1;
  e2[2] = nz * x1 - nx * z1;
  e2[3] = nx * y1 - ny * x1;
}

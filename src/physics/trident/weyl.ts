// Two-component (Weyl-block) spinor algebra for the trident matrix element, float64.
//
// Chiral (Weyl) representation, metric (+,-,-,-):
//   gamma^mu = [[0, sigma^mu], [sigmabar^mu, 0]],  sigma^mu = (1, sigma_i),  sigmabar^mu = (1, -sigma_i),
//   gamma5 = diag(-1, -1, +1, +1),  P_L = (1 - gamma5)/2 keeps the upper (left-handed) block.
// For a real 4-vector p:  pslash = [[0, p.sigma], [p.sigmabar, 0]],  p.sigma = E - p.sigma_vec,
// p.sigmabar = E + p.sigma_vec (both Hermitian 2x2).
// A Dirac spinor is a pair (L, R) of 2-spinors; a 2-spinor is 4 doubles (re0, im0, re1, im1) stored
// at an offset in a Float64Array. Rows (barred spinors) use the same storage.

export type Buf = Float64Array;

/**
 * out = (E + sgn * p_vec.sigma_vec) * inp, i.e. p.sigmabar (sgn = +1) or p.sigma (sgn = -1) applied to a
 * column 2-spinor. For a row r, r * M = M^T r^T and M^T is M with p_y -> -p_y: pass -py.
 */
export function hermMul(out: Buf, oo: number, E: number, px: number, py: number, pz: number, sgn: number, inp: Buf, io: number): void {
  const a0 = inp[io],
    b0 = inp[io + 1],
    a1 = inp[io + 2],
    b1 = inp[io + 3];
  // (p.sigma_vec) chi = (pz chi0 + (px - i py) chi1, (px + i py) chi0 - pz chi1)
  const s0r = pz * a0 + px * a1 + py * b1;
  const s0i = pz * b0 + px * b1 - py * a1;
  const s1r = px * a0 - py * b0 - pz * a1;
  const s1i = px * b0 + py * a0 - pz * b1;
  out[oo] = E * a0 + sgn * s0r;
  out[oo + 1] = E * b0 + sgn * s0i;
  out[oo + 2] = E * a1 + sgn * s1r;
  out[oo + 3] = E * b1 + sgn * s1i;
}

/**
 * Complex 2x2 matrices of a complex 4-vector N (8 doubles each, row-major re/im):
 * A = N.sigma = N^0 - N_vec.sigma_vec, B = N.sigmabar = N^0 + N_vec.sigma_vec. N is 8 doubles (re, im) x 4.
 */
export function slashBlocks(N: Buf, A: Buf, B: Buf): void {
  const n0r = N[0],
    n0i = N[1],
    n1r = N[2],
    n1i = N[3],
    n2r = N[4],
    n2i = N[5],
    n3r = N[6],
    n3i = N[7];
  // N1 - i N2 and N1 + i N2 (complex N1, N2)
  const mr = n1r + n2i,
    mi = n1i - n2r; // N1 - i N2
  const pr = n1r - n2i,
    pi = n1i + n2r; // N1 + i N2
  // A = [[N0 - N3, -(N1 - iN2)], [-(N1 + iN2), N0 + N3]]
  A[0] = n0r - n3r;
  A[1] = n0i - n3i;
  A[2] = -mr;
  A[3] = -mi;
  A[4] = -pr;
  A[5] = -pi;
  A[6] = n0r + n3r;
  A[7] = n0i + n3i;
  // B = [[N0 + N3, N1 - iN2], [N1 + iN2, N0 - N3]]
  B[0] = n0r + n3r;
  B[1] = n0i + n3i;
  B[2] = mr;
  B[3] = mi;
  B[4] = pr;
  B[5] = pi;
  B[6] = n0r - n3r;
  B[7] = n0i - n3i;
}

/** out = M * col (complex 2x2 times column 2-spinor). */
export function cmatCol(out: Buf, oo: number, M: Buf, inp: Buf, io: number): void {
  const a0 = inp[io],
    b0 = inp[io + 1],
    a1 = inp[io + 2],
    b1 = inp[io + 3];
  out[oo] = M[0] * a0 - M[1] * b0 + M[2] * a1 - M[3] * b1;
  out[oo + 1] = M[0] * b0 + M[1] * a0 + M[2] * b1 + M[3] * a1;
  out[oo + 2] = M[4] * a0 - M[5] * b0 + M[6] * a1 - M[7] * b1;
  out[oo + 3] = M[4] * b0 + M[5] * a0 + M[6] * b1 + M[7] * a1;
}

/** out = row * M (row 2-spinor times complex 2x2). */
export function cmatRow(out: Buf, oo: number, inp: Buf, io: number, M: Buf): void {
  const a0 = inp[io],
    b0 = inp[io + 1],
    a1 = inp[io + 2],
    b1 = inp[io + 3];
  out[oo] = a0 * M[0] - b0 * M[1] + a1 * M[4] - b1 * M[5];
  out[oo + 1] = a0 * M[1] + b0 * M[0] + a1 * M[5] + b1 * M[4];
  out[oo + 2] = a0 * M[2] - b0 * M[3] + a1 * M[6] - b1 * M[7];
  out[oo + 3] = a0 * M[3] + b0 * M[2] + a1 * M[7] + b1 * M[6];
}

/** Real part of the bilinear x . y (no conjugation) of two 2-spinors. */
export function dotRe(x: Buf, xo: number, y: Buf, yo: number): number {
  return x[xo] * y[yo] - x[xo + 1] * y[yo + 1] + x[xo + 2] * y[yo + 2] - x[xo + 3] * y[yo + 3];
}

/** Imaginary part of the bilinear x . y (no conjugation) of two 2-spinors. */
export function dotIm(x: Buf, xo: number, y: Buf, yo: number): number {
  return x[xo] * y[yo + 1] + x[xo + 1] * y[yo] + x[xo + 2] * y[yo + 3] + x[xo + 3] * y[yo + 2];
}

/**
 * Massive Dirac spinors in a fixed spin basis xi_s = e_s (s = 0, 1):
 *   u(p, s) = ( (m + p.sigma) e_s, (m + p.sigmabar) e_s ) / sqrt(2 (E + m)),
 *   v(p, s) = ( (m + p.sigma) e_s, -(m + p.sigmabar) e_s ) / sqrt(2 (E + m)),
 * using sqrt(p.sigma) = (m + p.sigma) / sqrt(2 (E + m)). They satisfy sum_s u ubar = pslash + m and
 * sum_s v vbar = pslash - m. `out` gets L at offset 0 and R at offset 4 (8 doubles).
 */
export function massiveSpinor(out: Buf, p: ArrayLike<number>, m: number, s: 0 | 1, isV: boolean): void {
  const E = p[0],
    px = p[1],
    py = p[2],
    pz = p[3];
  const n = 1 / Math.sqrt(2 * (E + m));
  const r = isV ? -1 : 1;
  if (s === 0) {
    // column 0 of p.sigma: (E - pz, -(px + i py)); of p.sigmabar: (E + pz, px + i py)
    out[0] = (m + E - pz) * n;
    out[1] = 0;
    out[2] = -px * n;
    out[3] = -py * n;
    out[4] = r * (m + E + pz) * n;
    out[5] = 0;
    out[6] = r * px * n;
    out[7] = r * py * n;
  } else {
    // column 1 of p.sigma: (-(px - i py), E + pz); of p.sigmabar: (px - i py, E - pz)
    out[0] = -px * n;
    out[1] = py * n;
    out[2] = (m + E + pz) * n;
    out[3] = 0;
    out[4] = r * px * n;
    out[5] = -r * py * n;
    out[6] = r * (m + E - pz) * n;
    out[7] = 0;
  }
}

/**
 * Left-handed 2-spinor of a massless fermion, u_L u_L^dagger = p.sigma: the column of p.sigma with the
 * larger diagonal element, normalised by its square root (the phase is irrelevant). out: 4 doubles.
 */
export function masslessLeft(out: Buf, oo: number, p: ArrayLike<number>): void {
  const E = p[0],
    px = p[1],
    py = p[2],
    pz = p[3];
  if (E - pz >= E + pz) {
    const n = 1 / Math.sqrt(E - pz);
    out[oo] = (E - pz) * n;
    out[oo + 1] = 0;
    out[oo + 2] = -px * n;
    out[oo + 3] = -py * n;
  } else {
    const n = 1 / Math.sqrt(E + pz);
    out[oo] = -px * n;
    out[oo + 1] = py * n;
    out[oo + 2] = (E + pz) * n;
    out[oo + 3] = 0;
  }
}

/**
 * Left-handed neutrino current N^mu = ubar(p2) gamma^mu (1 - gamma5) u(p1) = 2 u2_L^dagger sigmabar^mu u1_L
 * (contravariant components, complex: 8 doubles re/im).
 */
export function neutrinoCurrent(out: Buf, p1: ArrayLike<number>, p2: ArrayLike<number>): void {
  const w = scratchNu;
  masslessLeft(w, 0, p1);
  masslessLeft(w, 4, p2);
  const y0r = w[0],
    y0i = w[1],
    y1r = w[2],
    y1i = w[3];
  const x0r = w[4],
    x0i = -w[5],
    x1r = w[6],
    x1i = -w[7]; // conjugated x = u2_L
  // x^dagger y, x^dagger sigma1 y, x^dagger sigma2 y, x^dagger sigma3 y (x already conjugated)
  const c00r = x0r * y0r - x0i * y0i,
    c00i = x0r * y0i + x0i * y0r; // x0* y0
  const c11r = x1r * y1r - x1i * y1i,
    c11i = x1r * y1i + x1i * y1r; // x1* y1
  const c01r = x0r * y1r - x0i * y1i,
    c01i = x0r * y1i + x0i * y1r; // x0* y1
  const c10r = x1r * y0r - x1i * y0i,
    c10i = x1r * y0i + x1i * y0r; // x1* y0
  // sigmabar^mu = (1, -sigma): N = 2 (c00 + c11, -(c01 + c10), -(-i c01 + i c10), -(c00 - c11))
  out[0] = 2 * (c00r + c11r);
  out[1] = 2 * (c00i + c11i);
  out[2] = -2 * (c01r + c10r);
  out[3] = -2 * (c01i + c10i);
  // -i c01 + i c10 = i (c10 - c01): re = -(c10i - c01i), im = c10r - c01r
  out[4] = 2 * (c10i - c01i);
  out[5] = -2 * (c10r - c01r);
  out[6] = -2 * (c00r - c11r);
  out[7] = -2 * (c00i - c11i);
}

const scratchNu = new Float64Array(8);

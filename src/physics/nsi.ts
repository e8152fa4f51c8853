// Approximate Gaussian chi^2 for non-standard neutrino interactions from oscillation data
// (SPEC §4.4; G2 App. A, eqs. A.1-A.12). Everything here runs on the CPU in float64: the covariance is
// nearly singular (mu-tau correlation 1 - 4e-4), so it is factorised once per parameter set with
// Cholesky and only the two per-model numbers a_M, b_M reach the kernel (SPEC §6.2).

export type Vec3 = readonly [number, number, number];

/** The fitted parameters eta of G2 eq. A.6-A.12 and the neutron-to-proton ratio Ybar_n. */
export interface NsiParameters {
  /** Best-fit point E0 = (E0_e, E0_mu, E0_tau). */
  E0: Vec3;
  sigma: Vec3;
  rho: { emu: number; etau: number; mutau: number };
  /** Average neutron/proton ratio along the neutrino paths. */
  Ybar: number;
  source: string;
}

/**
 * The spec author's refit (SPEC §4.4 "Recommended parameters"), 10 significant digits as printed:
 * fewer digits change the bounds (VALIDATION §7.3), so never round them.
 */
export const NSI_REFIT: NsiParameters = {
  E0: [-2.835829981, -4.278417622, -4.805942335],
  sigma: [0.9822026612, 1.345701969, 1.513833789],
  rho: { emu: 0.9730103767, etau: 0.9737556702, mutau: 0.9996216685 },
  Ybar: 1.040997964,
  source: 'SPEC §4.4 refit (loss 1.118)',
};

/** The second, equally good family with mu and tau roles swapped (SPEC §4.4, loss 1.081). */
export const NSI_SWAPPED: NsiParameters = {
  E0: [-4.41194367, -9.44807658, -8.39295932],
  sigma: [1.00391151, 2.00658556, 1.78188258],
  rho: { emu: 0.9741144649, etau: 0.9746579638, mutau: 0.9997836264 },
  Ybar: 1.039916591,
  source: 'SPEC §4.4 second refit family (mu <-> tau roles swapped, loss 1.081)',
};

/** G2 Table 3 as printed; its correlation matrix is not positive definite (SPEC §4.4, §7 item 1). */
export const NSI_G2_TABLE3_PRINTED: NsiParameters = {
  E0: [-1.62, -10.0, -11.15],
  sigma: [5.56, 8.51, 9.59],
  rho: { emu: 0.78, etau: 0.79, mutau: 1.0 },
  Ybar: 1.04,
  source: 'G2 Table 3 as printed (unusable)',
};

export type Matrix3 = [Vec3, Vec3, Vec3];

export function correlationMatrix(p: NsiParameters): Matrix3 {
  const { emu, etau, mutau } = p.rho;
  return [
    [1, emu, etau],
    [emu, 1, mutau],
    [etau, mutau, 1],
  ];
}

export function covarianceMatrix(p: NsiParameters): Matrix3 {
  const r = correlationMatrix(p);
  const s = p.sigma;
  return r.map((row, i) => row.map((x, j) => x * s[i] * s[j])) as unknown as Matrix3;
}

export function det3(m: Matrix3): number {
  return (
    m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) -
    m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0]) +
    m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0])
  );
}

/** Lower-triangular L with L L^T = m, or null when m is not positive definite. */
export function cholesky3(m: Matrix3): number[][] | null {
  const L = [
    [0, 0, 0],
    [0, 0, 0],
    [0, 0, 0],
  ];
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j <= i; j++) {
      let s = m[i][j];
      for (let k = 0; k < j; k++) s -= L[i][k] * L[j][k];
      if (i === j) {
        if (!(s > 0)) return null;
        L[i][i] = Math.sqrt(s);
      } else {
        L[i][j] = s / L[j][j];
      }
    }
  }
  return L;
}

/** Forward substitution: L^-1 v. */
function forward(L: number[][], v: Vec3): Vec3 {
  const y0 = v[0] / L[0][0];
  const y1 = (v[1] - L[1][0] * y0) / L[1][1];
  const y2 = (v[2] - L[2][0] * y0 - L[2][1] * y1) / L[2][2];
  return [y0, y1, y2];
}

/** Model vector v_M = (x_e + x_p + Ybar_n x_n) (x_Le, x_Lmu, x_Ltau) of G2 eq. A.5. */
export interface NsiModelCharges {
  /** Vector electron charge without kinetic mixing, (x_L1 + x_E1)/2. */
  xe: number;
  /** Proton and neutron vector charges (both x_B = 3 x_q for quark-universal models, G2 eq. A.4). */
  xp: number;
  xn: number;
  /** Left-handed neutrino charges x_L(alpha). */
  xnu: Vec3;
}

export function nsiModelVector(ch: NsiModelCharges, p: NsiParameters): Vec3 {
  // Matter is neutral, so the kinetic-mixing parts of electron and proton cancel: no eps here (G2 §3.3).
  const matter = ch.xe + ch.xp + p.Ybar * ch.xn;
  return [matter * ch.xnu[0], matter * ch.xnu[1], matter * ch.xnu[2]];
}

/** A factorised parameter set: whiten any vector with L^-1 once, then a_M, b_M are dot products. */
export interface NsiFit {
  params: NsiParameters;
  /** a_M = v^T C^-1 v and b_M = v^T C^-1 E0 (G2 eq. A.12 rewritten, SPEC §4.4). */
  coefficients(v: Vec3): { a: number; b: number };
}

export function factorizeNsi(p: NsiParameters): NsiFit {
  const L = cholesky3(covarianceMatrix(p));
  if (!L) throw new Error(`NSI parameters (${p.source}): covariance matrix is not positive definite`);
  const e0w = forward(L, p.E0);
  return {
    params: p,
    coefficients(v) {
      const vw = forward(L, v);
      return {
        a: vw[0] * vw[0] + vw[1] * vw[1] + vw[2] * vw[2],
        b: vw[0] * e0w[0] + vw[1] * e0w[1] + vw[2] * e0w[2],
      };
    },
  };
}

/** Delta chi2_NSI(eps0) = a eps0^2 - 2 b eps0, unclamped (SPEC §4.4). */
export function nsiDeltaChi2(a: number, b: number, eps0: number): number {
  return eps0 * (a * eps0 - 2 * b);
}

/** Minimum over eps0 >= 0 (SPEC §4.4): -b^2/a at eps0 = b/a if b > 0, else 0 at eps0 = 0. */
export function nsiMinimum(a: number, b: number): number {
  return b > 0 ? -(b * b) / a : 0;
}

/** The 2 sigma bound, Delta chi2_NSI(eps0) = 4 (SPEC §4.4). */
export function nsiBound(a: number, b: number): number {
  return (b + Math.sqrt(b * b + 4 * a)) / a;
}

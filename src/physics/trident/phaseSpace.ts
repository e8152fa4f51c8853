// Three-body phase space of nu(p1) gamma(q) -> nu(p2) mu-(p3) mu+(p4) in the nu-gamma centre-of-mass
// frame (nu along +z, photon along -z), parametrised by
//   l    = (p3 + p4)^2            muon-pair invariant mass squared, 4 m^2 < l < s
//   Q2   = -(p1 - p2)^2 = -k^2    momentum transfer on the neutrino line (the X virtuality), 0 < Q2 < s - l
//   c*   = cos theta*             angle of mu- to the photon direction in the pair rest frame
//   phi* in [0, 2 pi)            azimuth of mu- around the photon direction in the pair rest frame
// and the trivial azimuth of p2 about the beam axis, integrated out (factor 2 pi). Then
//   dPhi_3 = beta / (512 pi^4 s) dQ2 dl dc* dphi*,        beta = sqrt(1 - 4 m^2 / l)
// [derived: dPhi_3 = dPhi_2(P; p2, P34) dl/(2 pi) dPhi_2(P34; p3, p4); it reproduces the massless
// volume s/(256 pi^3)]. The invariants the propagators need are computed analytically:
//   q.P34 = (l + Q2)/2,   d1 = (p3 - q)^2 - m^2 = -sqrt(l) q*0 (1 - beta c*),   d2 = -sqrt(l) q*0 (1 + beta c*),
// with q*0 = (l + Q2)/(2 sqrt l) the photon energy in the pair rest frame.

import { boostFromRest, boostToRest, vec4, type Vec4 } from './lorentz.js';

export interface TridentPoint {
  p1: Vec4;
  q: Vec4;
  p2: Vec4;
  p3: Vec4; // mu-
  p4: Vec4; // mu+
  /** d1 = (p3 - q)^2 - m^2, d2 = (q - p4)^2 - m^2 (both negative). */
  d1: number;
  d2: number;
}

export function newPoint(): TridentPoint {
  return { p1: vec4(), q: vec4(), p2: vec4(), p3: vec4(), p4: vec4(), d1: 0, d2: 0 };
}

/** Phase-space density factor dPhi_3 / (dQ2 dl dc* dphi*) [derived, see the file header]. */
export function phaseSpaceFactor(s: number, l: number, m: number): number {
  const beta = Math.sqrt(Math.max(0, 1 - (4 * m * m) / l));
  return beta / (512 * Math.PI ** 4 * s);
}

/**
 * Map u in [0, 1] to c* with density ∝ 1/(1 - beta c) on c > 0 and ∝ 1/(1 + beta c) on c < 0
 * (the two collinear peaks of the photon-muon propagators). Returns c, 1 - beta c, 1 + beta c (the small
 * one computed without cancellation) and the Jacobian dc/du, in `out`.
 */
export function mapCosStar(u: number, beta: number, oneMinusBeta: number, out: Float64Array): void {
  // L = -ln(1 - beta); on each half, 1 -+ beta c = (1 - beta)^v with v in [0, 1]
  if (beta < 1e-8) {
    const c = 2 * u - 1;
    out[0] = c;
    out[1] = 1 - beta * c;
    out[2] = 1 + beta * c;
    out[3] = 2;
    return;
  }
  const L = -Math.log(oneMinusBeta);
  if (u >= 0.5) {
    const v = 2 * u - 1;
    const omb = Math.exp(-L * v);
    out[0] = (1 - omb) / beta;
    out[1] = omb;
    out[2] = 2 - omb;
    out[3] = (2 * omb * L) / beta;
  } else {
    const v = 1 - 2 * u;
    const opb = Math.exp(-L * v);
    out[0] = (opb - 1) / beta;
    out[1] = 2 - opb;
    out[2] = opb;
    out[3] = (2 * opb * L) / beta;
  }
}

const P34 = vec4();
const qs = vec4();
const ps = vec4();

/**
 * Fill `pt` for given s, l, Q2, (c*, 1 - beta c*, 1 + beta c*) and phi*. Requires 4 m^2 < l < s and
 * 0 < Q2 < s - l. If `swap` is set, mu- and mu+ are exchanged (c* -> -c*, phi* -> phi* + pi).
 */
export function buildPoint(
  s: number,
  l: number,
  Q2: number,
  c: number,
  omb: number,
  opb: number,
  phi: number,
  m: number,
  pt: TridentPoint,
  swap = false,
): void {
  const rs = Math.sqrt(s);
  const half = 0.5 * rs;
  const { p1, q, p2, p3, p4 } = pt;
  p1[0] = half;
  p1[1] = 0;
  p1[2] = 0;
  p1[3] = half;
  q[0] = half;
  q[1] = 0;
  q[2] = 0;
  q[3] = -half;
  const E2 = (s - l) / (2 * rs);
  const x = (2 * Q2) / (s - l); // 1 - cos theta_2
  const cos2 = 1 - x;
  const sin2 = Math.sqrt(Math.max(0, x * (2 - x)));
  p2[0] = E2;
  p2[1] = E2 * sin2;
  p2[2] = 0;
  p2[3] = E2 * cos2;
  P34[0] = rs - E2;
  P34[1] = -E2 * sin2;
  P34[2] = 0;
  P34[3] = -E2 * cos2;
  const rl = Math.sqrt(l);
  // photon direction in the pair rest frame (lies in the x-z plane)
  boostToRest(qs, q, P34, rl);
  const qn = Math.hypot(qs[1], qs[2], qs[3]);
  const nz = qs[3] / qn,
    nx = qs[1] / qn;
  // x* = y x n = (nz, 0, -nx); y* = y
  const beta = Math.sqrt(Math.max(0, 1 - (4 * m * m) / l));
  const sinT = Math.sqrt(Math.max(0, (1 - c) * (1 + c)));
  const cp = Math.cos(phi),
    sp = Math.sin(phi);
  const dx = sinT * cp * nz + c * nx;
  const dy = sinT * sp;
  const dz = -sinT * cp * nx + c * nz;
  const pm = 0.5 * rl * beta;
  const sg = swap ? -1 : 1;
  ps[0] = 0.5 * rl;
  ps[1] = sg * pm * dx;
  ps[2] = sg * pm * dy;
  ps[3] = sg * pm * dz;
  boostFromRest(p3, ps, P34, rl);
  ps[1] = -ps[1];
  ps[2] = -ps[2];
  ps[3] = -ps[3];
  boostFromRest(p4, ps, P34, rl);
  const q0s = (l + Q2) / (2 * rl);
  const dA = -rl * q0s * omb; // for the muon along +n
  const dB = -rl * q0s * opb;
  pt.d1 = swap ? dB : dA;
  pt.d2 = swap ? dA : dB;
}

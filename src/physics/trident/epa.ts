// Equivalent-photon approximation (EPA) for nu_mu Fe -> nu_mu Fe mu+ mu- (SPEC §4.3 point 1):
//
//   sigma(nu A) = int ds/s  sigma_{nu gamma}(s)  f(s, E),
//   f(s, E) = (alpha/pi) [ Z^2 G_coh(Q2min) + w_inc Z G_inc(Q2min) ],      Q2min = (s / (2 E))^2,
//   G_coh(x) = int_x^inf dQ2/Q2 F_Helm(Q2)^2                               (coherent, whole nucleus)
//   G_inc(x) = int_x^inf dQ2/Q2 (G_E^2 + tau G_M^2)/(1 + tau) PB(|q|)      (incoherent, per proton)
//
// F_Helm: Helm form factor (Lewin & Smith 1996) for A = 56. Protons: dipole G_E = (1 + Q2/0.71)^-2,
// G_M = mu_p G_E, tau = Q2/(4 M_p^2); PB: Pauli blocking of a Fermi gas, PB = 3y/2 - y^3/2 for
// y = |q|/(2 k_F) < 1, else 1, with |q|^2 = Q2 + (Q2/(2 M_p))^2 [supplied, standard Fermi-gas result].
// Neutrons (magnetic only) are neglected: their transverse flux is suppressed by tau ~ Q2/(4 M^2).
// The EPA treats the photon as real in the nu-gamma subprocess; its transverse momentum (<~ 0.2 GeV for
// the coherent part) is neglected in the lab kinematics.

import { ALPHA, HBARC_GEV_FM } from '../constants.js';
import { DIPOLE_LAMBDA2, FE56, HELM, K_FERMI_FE, M_PROTON, MU_PROTON } from './inputs.js';

/** Helm form factor F(Q2) (Q2 in GeV^2) for mass number A, normalised to F(0) = 1. */
export function helmFormFactor(Q2: number, A: number = FE56.A): number {
  const q = Math.sqrt(Q2) / HBARC_GEV_FM; // fm^-1
  const c = HELM.cFm(A),
    a = HELM.aFm,
    s = HELM.sFm;
  const rn = Math.sqrt(c * c + (7 / 3) * Math.PI ** 2 * a * a - 5 * s * s);
  const x = q * rn;
  const damp = Math.exp(-0.5 * q * q * s * s);
  if (x < 1e-3) return (1 - (x * x) / 10) * damp; // 3 j1(x)/x = 1 - x^2/10 + O(x^4)
  const j1 = (Math.sin(x) / x - Math.cos(x)) / x;
  return ((3 * j1) / x) * damp;
}

/** Elastic proton transverse-flux factor (G_E^2 + tau G_M^2)/(1 + tau) with dipole form factors. */
export function protonFluxFactor(Q2: number): number {
  const GE = 1 / (1 + Q2 / DIPOLE_LAMBDA2) ** 2;
  const GM = MU_PROTON * GE;
  const tau = Q2 / (4 * M_PROTON * M_PROTON);
  return (GE * GE + tau * GM * GM) / (1 + tau);
}

/** Pauli-blocking factor of a Fermi gas for three-momentum transfer |q| (GeV). */
export function pauliBlocking(qAbs: number, kF: number = K_FERMI_FE): number {
  const y = qAbs / (2 * kF);
  return y >= 1 ? 1 : 1.5 * y - 0.5 * y * y * y;
}

/** Incoherent (per-proton) integrand of G_inc at Q2. */
export function incoherentFactor(Q2: number): number {
  const nu = Q2 / (2 * M_PROTON);
  return protonFluxFactor(Q2) * pauliBlocking(Math.sqrt(Q2 + nu * nu));
}

/**
 * Tabulated G(x) = int_x^inf dQ2/Q2 h(Q2) on a uniform grid in t = ln Q2, built by Simpson integration
 * from the top; evaluated by linear interpolation in t (relative accuracy ~1e-7 with the default grid).
 */
export class LogIntegralTable {
  private readonly t0: number;
  private readonly dt: number;
  private readonly g: Float64Array;

  constructor(h: (Q2: number) => number, Q2lo = 1e-16, Q2hi = 10, n = 24000) {
    this.t0 = Math.log(Q2lo);
    const t1 = Math.log(Q2hi);
    this.dt = (t1 - this.t0) / n;
    this.g = new Float64Array(n + 1);
    // G(t_i) = G(t_{i+1}) + int_{t_i}^{t_{i+1}} h(e^t) dt (Simpson on each cell)
    let acc = 0;
    this.g[n] = 0;
    let hHi = h(Math.exp(t1));
    for (let i = n - 1; i >= 0; i--) {
      const ta = this.t0 + i * this.dt;
      const hLo = h(Math.exp(ta));
      const hMid = h(Math.exp(ta + 0.5 * this.dt));
      acc += (this.dt / 6) * (hLo + 4 * hMid + hHi);
      this.g[i] = acc;
      hHi = hLo;
    }
  }

  /**
   * G(x) for x = Q2min in GeV^2. Below the table the integrand is taken as h(0) = 1 (the coherent case,
   * F(0) = 1: log growth); callers with h(0) = 0 clamp x instead (see makePhotonFlux).
   */
  at(x: number): number {
    const t = Math.log(x);
    const u = (t - this.t0) / this.dt;
    const n = this.g.length - 1;
    if (u <= 0) return this.g[0] + (this.t0 - t);
    if (u >= n) return 0;
    const i = Math.floor(u);
    const f = u - i;
    return this.g[i] * (1 - f) + this.g[i + 1] * f;
  }
}

export interface PhotonFlux {
  /** f(s, E) = (alpha/pi)[Z^2 G_coh + w_inc Z G_inc] (per ds/s). */
  total(s: number, E: number): number;
  coherent(s: number, E: number): number;
  incoherent(s: number, E: number): number;
  /** Largest s worth sampling at energy E (where f has fallen below 1e-12 of its low-s value). */
  sMax(E: number): number;
}

export interface PhotonFluxOptions {
  Z?: number;
  A?: number;
  incoherentWeight?: number;
  /** Scale of the nuclear radius (sensitivity studies; 1 = Helm/Lewin-Smith). */
  radiusScale?: number;
}

export function makePhotonFlux(opts: PhotonFluxOptions = {}): PhotonFlux {
  const Z = opts.Z ?? FE56.Z;
  const A = opts.A ?? FE56.A;
  const wInc = opts.incoherentWeight ?? 1;
  const rs = opts.radiusScale ?? 1;
  // A radius scale r -> rs r is the same as Q -> rs Q in F(Q).
  const coh = new LogIntegralTable((Q2) => helmFormFactor(Q2 * rs * rs, A) ** 2);
  const inc = new LogIntegralTable((Q2) => incoherentFactor(Q2));
  // incoherent integrand -> 0 as Q2 -> 0 (Pauli blocking), so the below-table extrapolation differs:
  const incAt = (x: number) => (x < 1e-16 ? inc.at(1e-16) : inc.at(x));
  const k = ALPHA / Math.PI;
  const coherent = (s: number, E: number) => k * Z * Z * coh.at((s / (2 * E)) ** 2);
  const incoherent = (s: number, E: number) => k * wInc * Z * incAt((s / (2 * E)) ** 2);
  return {
    coherent,
    incoherent,
    total: (s, E) => coherent(s, E) + incoherent(s, E),
    // G_inc(Q2min = 8 GeV^2) ~ 1e-7 of its low-Q2 value, G_coh negligible long before.
    sMax: (E) => 2 * E * Math.sqrt(8),
  };
}

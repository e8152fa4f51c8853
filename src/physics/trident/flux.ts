// CCFR nu_mu spectrum [supplied, see inputs.ts CCFR_FLUX]: phi(E) ∝ E^(k-1) exp(-E/theta) on
// [E_min, E_max], normalised to unit integral and sampled by inverse CDF from a fine table.

import { CCFR_FLUX } from './inputs.js';

export interface FluxSpec {
  shapeK: number;
  thetaGeV: number;
  eMinGeV: number;
  eMaxGeV: number;
}

export class SpectrumSampler {
  readonly spec: FluxSpec;
  private readonly e: Float64Array;
  private readonly cdf: Float64Array;
  /** Flux-averaged mean energy (GeV). */
  readonly meanE: number;

  constructor(spec: FluxSpec = CCFR_FLUX, n = 20000) {
    this.spec = spec;
    const { shapeK, thetaGeV, eMinGeV, eMaxGeV } = spec;
    const phi = (E: number) => E ** (shapeK - 1) * Math.exp(-E / thetaGeV);
    this.e = new Float64Array(n + 1);
    this.cdf = new Float64Array(n + 1);
    const h = (eMaxGeV - eMinGeV) / n;
    let acc = 0,
      accE = 0;
    for (let i = 0; i <= n; i++) {
      const E = eMinGeV + i * h;
      this.e[i] = E;
      if (i > 0) {
        const Ea = E - h,
          Em = E - 0.5 * h;
        const w = (h / 6) * (phi(Ea) + 4 * phi(Em) + phi(E));
        acc += w;
        accE += (h / 6) * (Ea * phi(Ea) + 4 * Em * phi(Em) + E * phi(E));
      }
      this.cdf[i] = acc;
    }
    for (let i = 0; i <= n; i++) this.cdf[i] /= acc;
    this.meanE = accE / acc;
  }

  /** Energy at cumulative fraction u in [0, 1]. */
  energyAt(u: number): number {
    const c = this.cdf;
    let lo = 0,
      hi = c.length - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (c[mid] <= u) lo = mid;
      else hi = mid;
    }
    const f = (u - c[lo]) / (c[hi] - c[lo] || 1);
    return this.e[lo] + f * (this.e[hi] - this.e[lo]);
  }
}

// Separable adaptive importance sampling on the unit hypercube (the VEGAS grid of G. P. Lepage,
// J. Comput. Phys. 27 (1978) 192), with a uniform "floor" component per dimension so that no region is
// ever starved: the density in dimension d is p_d(x) = rho_d + (1 - rho_d) p_grid,d(x). The floor keeps
// the estimator valid for the other integrands we evaluate on the same events (the X-exchange pieces,
// which weight small momentum transfers more than the SM integrand the grid adapts to).

import type { Rng } from './rng.js';

export class VegasGrid {
  readonly dim: number;
  readonly nBins: number;
  readonly floor: Float64Array;
  /** edges[d * (nBins + 1) + i] */
  private readonly edges: Float64Array;
  private readonly acc: Float64Array;

  constructor(dim: number, nBins: number, floor: ArrayLike<number>) {
    this.dim = dim;
    this.nBins = nBins;
    this.floor = Float64Array.from(floor);
    this.edges = new Float64Array(dim * (nBins + 1));
    this.acc = new Float64Array(dim * nBins);
    for (let d = 0; d < dim; d++) for (let i = 0; i <= nBins; i++) this.edges[d * (nBins + 1) + i] = i / nBins;
  }

  /**
   * Draw a point x in [0,1]^dim; writes x and the bin index per dimension, returns 1/p(x) (the weight
   * that turns f(x) into an unbiased estimate of the integral).
   */
  sample(rng: Rng, x: Float64Array, bins: Int32Array): number {
    const nb = this.nBins;
    let w = 1;
    for (let d = 0; d < this.dim; d++) {
      const base = d * (nb + 1);
      const rho = this.floor[d];
      let xd: number;
      let i: number;
      if (rho > 0 && rng.next() < rho) {
        xd = rng.next();
        // locate the bin of xd
        let lo = 0,
          hi = nb;
        while (hi - lo > 1) {
          const mid = (lo + hi) >> 1;
          if (this.edges[base + mid] <= xd) lo = mid;
          else hi = mid;
        }
        i = lo;
      } else {
        const y = rng.next() * nb;
        i = Math.min(nb - 1, Math.floor(y));
        const a = this.edges[base + i],
          b = this.edges[base + i + 1];
        xd = a + (y - i) * (b - a);
      }
      const width = this.edges[base + i + 1] - this.edges[base + i];
      const pd = rho + (1 - rho) / (nb * width);
      w /= pd;
      x[d] = xd;
      bins[d] = i;
    }
    return w;
  }

  /** Record f(x)/p(x) (the weighted integrand value) for grid adaptation. */
  accumulate(bins: Int32Array, fw: number): void {
    const v = fw * fw;
    for (let d = 0; d < this.dim; d++) this.acc[d * this.nBins + bins[d]] += v;
  }

  /** Standard VEGAS refinement with smoothing and damping exponent alpha. */
  refine(alpha = 1.5): void {
    const nb = this.nBins;
    const smoothed = new Float64Array(nb);
    const newEdges = new Float64Array(nb + 1);
    for (let d = 0; d < this.dim; d++) {
      const a = this.acc.subarray(d * nb, (d + 1) * nb);
      const base = d * (nb + 1);
      for (let i = 0; i < nb; i++) {
        const l = a[Math.max(0, i - 1)],
          c = a[i],
          r = a[Math.min(nb - 1, i + 1)];
        smoothed[i] = i === 0 ? (c + r) / 2 : i === nb - 1 ? (l + c) / 2 : (l + c + r) / 3;
      }
      let tot = 0;
      for (let i = 0; i < nb; i++) tot += smoothed[i];
      if (!(tot > 0)) {
        a.fill(0);
        continue;
      }
      let sumR = 0;
      for (let i = 0; i < nb; i++) {
        const r = smoothed[i] / tot;
        smoothed[i] = r <= 0 ? 0 : Math.abs(r - 1) < 1e-12 ? 1 : ((r - 1) / Math.log(r)) ** alpha;
        sumR += smoothed[i];
      }
      const per = sumR / nb;
      newEdges[0] = 0;
      newEdges[nb] = 1;
      let j = 0;
      let accW = 0;
      for (let k = 1; k < nb; k++) {
        const target = k * per;
        while (accW + smoothed[j] < target && j < nb - 1) {
          accW += smoothed[j];
          j++;
        }
        const lo = this.edges[base + j],
          hi = this.edges[base + j + 1];
        const frac = smoothed[j] > 0 ? (target - accW) / smoothed[j] : 0;
        newEdges[k] = lo + Math.min(1, Math.max(0, frac)) * (hi - lo);
      }
      for (let k = 0; k <= nb; k++) this.edges[base + k] = newEdges[k];
      a.fill(0);
    }
  }
}

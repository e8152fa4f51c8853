// The set {g : ratio(g) ≥ 1} on [gMin, gMax] for one mass, found by a log-spaced scan, bisection of every
// crossing and a golden-section look at each local maximum that stays below 1 on the scan (beam-dump islands
// can be narrower than a scan step). This is the curve generator's own root finding; scans never need it.

export interface ExclusionBand {
  /** Lower edge in g; 0 when everything below the scanned range is excluded too. */
  from: number;
  /** Upper edge in g; null when the exclusion continues past the scanned range. */
  to: number | null;
}

export interface BandSearchOptions {
  gMin: number;
  gMax: number;
  pointsPerDecade: number;
}

/** Bisect in log g between a point inside (ratio ≥ 1) and one outside. */
function crossing(f: (g: number) => number, gIn: number, gOut: number): number {
  let a = Math.log(gIn);
  let b = Math.log(gOut);
  for (let it = 0; it < 200 && Math.abs(b - a) > 1e-13; it++) {
    const mid = 0.5 * (a + b);
    if (f(Math.exp(mid)) >= 1) a = mid;
    else b = mid;
  }
  return Math.exp(0.5 * (a + b));
}

/** Golden-section maximum of f on [ga, gb] in log g. */
function maximum(f: (g: number) => number, ga: number, gb: number): { g: number; value: number } {
  const phi = (Math.sqrt(5) - 1) / 2;
  let a = Math.log(ga);
  let b = Math.log(gb);
  let c = b - phi * (b - a);
  let d = a + phi * (b - a);
  let fc = f(Math.exp(c));
  let fd = f(Math.exp(d));
  for (let it = 0; it < 120 && b - a > 1e-12; it++) {
    if (fc >= fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - phi * (b - a);
      fc = f(Math.exp(c));
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + phi * (b - a);
      fd = f(Math.exp(d));
    }
  }
  return fc >= fd ? { g: Math.exp(c), value: fc } : { g: Math.exp(d), value: fd };
}

export function exclusionBands(f: (g: number) => number, options: BandSearchOptions): ExclusionBand[] {
  const { gMin, gMax, pointsPerDecade } = options;
  const steps = Math.max(2, Math.ceil(Math.log10(gMax / gMin) * pointsPerDecade));
  const gs = new Float64Array(steps + 1);
  const vs = new Float64Array(steps + 1);
  for (let j = 0; j <= steps; j++) {
    gs[j] = gMin * Math.pow(gMax / gMin, j / steps);
    vs[j] = f(gs[j]);
  }
  const bands: ExclusionBand[] = [];
  let start: number | null = vs[0] >= 1 ? 0 : null;
  for (let j = 1; j <= steps; j++) {
    const was = vs[j - 1] >= 1;
    const is = vs[j] >= 1;
    if (!was && is) start = crossing(f, gs[j], gs[j - 1]);
    else if (was && !is) {
      bands.push({ from: start ?? 0, to: crossing(f, gs[j - 1], gs[j]) });
      start = null;
    } else if (!was && !is && j < steps && vs[j] > 0 && vs[j] >= vs[j - 1] && vs[j] >= vs[j + 1]) {
      // A local maximum below 1 on the grid may hide an island narrower than one step.
      const peak = maximum(f, gs[j - 1], gs[j + 1]);
      if (peak.value >= 1) {
        bands.push({ from: crossing(f, peak.g, gs[j - 1]), to: crossing(f, peak.g, gs[j + 1]) });
      }
    }
  }
  if (start !== null) bands.push({ from: start, to: null });
  return bands;
}

// Axis scales: data value <-> fraction of the axis length, plus tick positions and labels.
// Three kinds: linear, log10, and the (α, R) paper's "linlog" axis (linear below a break, log above).

export interface Tick {
  value: number;
  label: string;
}
export interface AxisTicks {
  major: Tick[];
  minor: number[];
}

export interface Scale {
  readonly kind: 'linear' | 'log' | 'linlog';
  readonly domain: readonly [number, number];
  /** Data value -> fraction of the axis (0 at domain[0], 1 at domain[1]); extrapolates outside. */
  fraction(value: number): number;
  /** Inverse of `fraction`. */
  value(fraction: number): number;
  ticks(): AxisTicks;
  /** Values where the axis changes character and a break marker belongs. */
  readonly breaks: readonly number[];
}

const SUPERSCRIPT: Record<string, string> = {
  '0': '⁰',
  '1': '¹',
  '2': '²',
  '3': '³',
  '4': '⁴',
  '5': '⁵',
  '6': '⁶',
  '7': '⁷',
  '8': '⁸',
  '9': '⁹',
  '-': '⁻',
  '+': '⁺',
};

/** "10⁻³" for k = -3: tick labels use unicode superscripts so they survive every renderer as plain text. */
export function powerOfTenLabel(k: number): string {
  return `10${String(k)
    .split('')
    .map((c) => SUPERSCRIPT[c] ?? c)
    .join('')}`;
}

/** Typographic minus (U+2212) instead of the ASCII hyphen, as matplotlib does. */
export function formatNumber(value: number, decimals: number): string {
  const s = value.toFixed(Math.max(0, decimals));
  const clean = /^-0(\.0*)?$/.test(s) ? s.slice(1) : s;
  return clean.replace(/^-/, '−');
}

/** Decimals needed to print multiples of `step` exactly (0.25 -> 2, 0.5 -> 1, 20 -> 0). */
function decimalsFor(step: number): number {
  for (let d = 0; d <= 12; d++) {
    const scaled = step * 10 ** d;
    if (Math.abs(scaled - Math.round(scaled)) < 1e-9 * Math.max(1, scaled)) return d;
  }
  return 12;
}

/** A "nice" step (1, 2, 2.5 or 5 × 10^k) giving about `target` intervals over `span`. */
export function niceStep(span: number, target = 6): number {
  const raw = span / target;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const m = raw / mag;
  const nice = m <= 1 ? 1 : m <= 2 ? 2 : m <= 2.5 ? 2.5 : m <= 5 ? 5 : 10;
  return nice * mag;
}

function linearTicks(lo: number, hi: number, step: number, minorPerMajor: number): AxisTicks {
  const eps = 1e-9 * step;
  const decimals = decimalsFor(step);
  const major: Tick[] = [];
  const minor: number[] = [];
  const first = Math.ceil((lo - eps) / step);
  const last = Math.floor((hi + eps) / step);
  for (let i = first; i <= last; i++) {
    const v = i * step;
    major.push({ value: v, label: formatNumber(v, decimals) });
  }
  const minorStep = step / minorPerMajor;
  const mFirst = Math.ceil((lo - eps) / minorStep);
  const mLast = Math.floor((hi + eps) / minorStep);
  for (let i = mFirst; i <= mLast; i++) {
    if (i % minorPerMajor !== 0) minor.push(i * minorStep);
  }
  return { major, minor };
}

export interface LinearOptions {
  /** Major tick spacing; default a nice step for ~6 intervals. */
  step?: number;
  minorPerMajor?: number;
}

export function linearScale(domain: readonly [number, number], options: LinearOptions = {}): Scale {
  const [lo, hi] = domain;
  if (!(hi > lo)) throw new Error(`linear scale: empty domain [${lo}, ${hi}]`);
  const step = options.step ?? niceStep(hi - lo);
  const minorPerMajor = options.minorPerMajor ?? (Math.abs(step / 10 ** Math.floor(Math.log10(step)) - 2) < 1e-9 ? 4 : 5);
  return {
    kind: 'linear',
    domain: [lo, hi],
    fraction: (v) => (v - lo) / (hi - lo),
    value: (f) => lo + f * (hi - lo),
    ticks: () => linearTicks(lo, hi, step, minorPerMajor),
    breaks: [],
  };
}

function mantissaLabel(v: number): string {
  const k = Math.floor(Math.log10(v) + 1e-9);
  const m = Math.round(v / 10 ** k);
  if (k >= -2 && k <= 3) return formatNumber(v, Math.max(0, -k));
  return m === 1 ? powerOfTenLabel(k) : `${m}×${powerOfTenLabel(k)}`;
}

function logTicks(lo: number, hi: number): AxisTicks {
  const tol = 1e-9;
  const kFirst = Math.ceil(Math.log10(lo) - tol);
  const kLast = Math.floor(Math.log10(hi) + tol);
  const inside = (v: number): boolean => v >= lo * (1 - tol) && v <= hi * (1 + tol);
  const decades = kLast - kFirst + 1;
  const major: Tick[] = [];
  const minor: number[] = [];
  if (decades >= 2) {
    // Label every decade while that stays legible; on very long axes label every n-th and let the
    // unlabelled decades become minor ticks.
    const every = Math.max(1, Math.ceil(decades / 9));
    for (let k = kFirst; k <= kLast; k++) {
      if ((k - kFirst) % every === 0) major.push({ value: 10 ** k, label: powerOfTenLabel(k) });
      else minor.push(10 ** k);
    }
    if (every === 1) {
      for (let k = kFirst - 1; k <= kLast; k++) {
        for (let m = 2; m <= 9; m++) {
          const v = m * 10 ** k;
          if (inside(v)) minor.push(v);
        }
      }
    }
  } else {
    // Less than two decades visible: decades alone would leave the axis unreadable.
    for (let k = kFirst - 1; k <= kLast; k++) {
      for (let m = 1; m <= 9; m++) {
        const v = m * 10 ** k;
        if (!inside(v)) continue;
        if (m === 1 || m === 2 || m === 5) major.push({ value: v, label: mantissaLabel(v) });
        else minor.push(v);
      }
    }
  }
  minor.sort((a, b) => a - b);
  return { major, minor };
}

export function logScale(domain: readonly [number, number]): Scale {
  const [lo, hi] = domain;
  if (!(lo > 0 && hi > lo)) throw new Error(`log scale: domain must be positive and increasing, got [${lo}, ${hi}]`);
  const a = Math.log10(lo);
  const b = Math.log10(hi);
  return {
    kind: 'log',
    domain: [lo, hi],
    fraction: (v) => (Math.log10(v) - a) / (b - a),
    value: (f) => 10 ** (a + f * (b - a)),
    ticks: () => logTicks(lo, hi),
    breaks: [],
  };
}

export interface LinLogOptions {
  /** Where linear turns into log (the paper: R = 1). */
  breakAt?: number;
  /** Fraction of the axis length given to the linear part. */
  linearFraction?: number;
  /** Major tick step of the linear part. */
  linearStep?: number;
}

/**
 * Linear on [lo, breakAt], log10 on [breakAt, hi], continuous at the break: the (α, R) map shows
 * R < 1 linearly and R > 1 (towards L_μ − L_τ at R → ∞) by decades.
 */
export function linLogScale(domain: readonly [number, number], options: LinLogOptions = {}): Scale {
  const [lo, hi] = domain;
  const brk = options.breakAt ?? 1;
  const f = options.linearFraction ?? 0.4;
  if (!(brk > lo && hi > brk && brk > 0)) {
    throw new Error(`linlog scale: need lo < break < hi and break > 0, got [${lo}, ${hi}] with break ${brk}`);
  }
  const logSpan = Math.log10(hi / brk);
  const fraction = (v: number): number => (v <= brk ? (f * (v - lo)) / (brk - lo) : f + ((1 - f) * Math.log10(v / brk)) / logSpan);
  const value = (u: number): number => (u <= f ? lo + ((brk - lo) * u) / f : brk * 10 ** (((u - f) / (1 - f)) * logSpan));
  const ticks = (): AxisTicks => {
    const lin = linearTicks(lo, brk, options.linearStep ?? niceStep(brk - lo, 4), 5);
    // The break value itself is labelled once, as a plain number rather than 10⁰.
    const major = lin.major.filter((t) => t.value < brk - 1e-12);
    major.push({ value: brk, label: formatNumber(brk, decimalsFor(brk)) });
    const upper = logTicks(brk, hi);
    for (const t of upper.major) if (t.value > brk * (1 + 1e-9)) major.push(t);
    const minor = [...lin.minor, ...upper.minor.filter((v) => v > brk * (1 + 1e-9))];
    return { major, minor };
  };
  return { kind: 'linlog', domain: [lo, hi], fraction, value, ticks, breaks: [brk] };
}

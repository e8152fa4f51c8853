// Geometry of the map figure (shared by the canvas, the hover and the SVG export): a log-log plot area
// with decade ticks, cell (ix, iy) at m_X = mx[ix], g_X = gx[iy].

export const FIGURE = { width: 760, height: 560, left: 78, right: 18, top: 16, bottom: 52 };

export interface Frame {
  x0: number;
  y0: number;
  w: number;
  h: number;
  nx: number;
  ny: number;
  mx: readonly number[];
  gx: readonly number[];
}

export function frameOf(mx: readonly number[], gx: readonly number[]): Frame {
  return {
    x0: FIGURE.left,
    y0: FIGURE.top,
    w: FIGURE.width - FIGURE.left - FIGURE.right,
    h: FIGURE.height - FIGURE.top - FIGURE.bottom,
    nx: mx.length,
    ny: gx.length,
    mx,
    gx,
  };
}

/** The cell under a point of the figure, or null outside the plot area. */
export function cellAt(f: Frame, x: number, y: number): { ix: number; iy: number } | null {
  const ix = Math.floor(((x - f.x0) / f.w) * f.nx);
  const iy = Math.floor(((f.y0 + f.h - y) / f.h) * f.ny);
  return ix >= 0 && ix < f.nx && iy >= 0 && iy < f.ny ? { ix, iy } : null;
}

/** Centre of cell (ix, iy) in figure coordinates. */
export function cellCentre(f: Frame, ix: number, iy: number): { x: number; y: number } {
  return { x: f.x0 + ((ix + 0.5) / f.nx) * f.w, y: f.y0 + f.h - ((iy + 0.5) / f.ny) * f.h };
}

/** Decade ticks inside [lo, hi] and their position (0..1) along a log axis whose cells are centred on the values. */
export function decadeTicks(values: readonly number[]): { value: number; at: number }[] {
  const n = values.length;
  const l0 = Math.log10(values[0]);
  const l1 = Math.log10(values[n - 1]);
  const step = (l1 - l0) / (n - 1);
  const lo = l0 - step / 2;
  const span = l1 - l0 + step;
  const ticks: { value: number; at: number }[] = [];
  for (let d = Math.ceil(lo); d <= lo + span; d++) ticks.push({ value: 10 ** d, at: (d - lo) / span });
  return ticks;
}

export function decadeLabel(v: number): string {
  const e = Math.round(Math.log10(v));
  return e >= -2 && e <= 2 ? String(v) : `1e${e}`;
}

/** Distinct hues for the constraints, by their index. */
export function constraintColour(k: number): [number, number, number] {
  const hue = (k * 137.508) % 360;
  const s = 0.55;
  const l = 0.5;
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => {
    const kk = (n + hue / 30) % 12;
    return Math.round(255 * (l - a * Math.max(-1, Math.min(kk - 3, 9 - kk, 1))));
  };
  return [f(0), f(8), f(4)];
}

export const BAND_COLOUR: [number, number, number] = [60, 170, 80];
export const VIABLE_COLOUR: [number, number, number] = [0, 110, 40];

// Fixed, colour-blind-friendly colours. Okabe & Ito (2008) first, then Paul Tol's "muted" set for
// plots with many constraints. Green (#009E73) is kept out of the cycle: it belongs to the (g-2)_μ band,
// as in DarkCast and most g-2 papers.

export const REGION_COLORS: readonly string[] = [
  '#0072B2', // blue
  '#D55E00', // vermillion
  '#E69F00', // orange
  '#CC79A7', // reddish purple
  '#56B4E9', // sky blue
  '#332288', // indigo
  '#882255', // wine
  '#999933', // olive
  '#555555', // dark grey
  '#AA4499', // purple
  '#DDCC77', // sand
  '#CC6677', // rose
];

export const PREFERRED_COLOR = '#009E73';
export const EXCLUDED_GREY = '#8C8C8C';

/** Edge dash patterns used once the colours have cycled, so the 13th region still looks different from the 1st. */
const CYCLE_DASHES: readonly (string | undefined)[] = [undefined, '6 3', '2 2', '8 3 2 3'];

export interface SeriesStyle {
  color: string;
  dash: string | undefined;
}

/** Style of the n-th series (0-based), deterministic in n only. */
export function seriesStyle(index: number): SeriesStyle {
  const cycle = Math.floor(index / REGION_COLORS.length);
  return {
    color: REGION_COLORS[index % REGION_COLORS.length],
    dash: CYCLE_DASHES[cycle % CYCLE_DASHES.length],
  };
}

/** Mix a #rrggbb colour with black; used for text drawn in a region's colour, which needs more contrast. */
export function darken(hex: string, amount: number): string {
  const m = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!m) return hex;
  const v = parseInt(m[1], 16);
  const ch = (shift: number): string =>
    Math.round(((v >> shift) & 255) * (1 - amount))
      .toString(16)
      .padStart(2, '0');
  return `#${ch(16)}${ch(8)}${ch(0)}`.toUpperCase();
}

/**
 * One colour per experiment for the dashed projection lines, so that an experiment's curves look alike across
 * figures (Belle II always blue, LHCb always vermillion, ...). Experiments not listed take a palette colour
 * chosen from their name, deterministically.
 */
const EXPERIMENT_COLORS: Readonly<Record<string, string>> = {
  'Belle II': '#0072B2',
  LHCb: '#D55E00',
  NA62: '#882255',
  ATLAS: '#332288',
  CMS: '#999933',
  FASER: '#CC79A7',
  SHiP: '#E69F00',
  SeaQuest: '#56B4E9',
  HPS: '#AA4499',
  Mu3e: '#CC6677',
};

export function experimentColor(experiment: string): string {
  const fixed = EXPERIMENT_COLORS[experiment];
  if (fixed) return fixed;
  let h = 0;
  for (const ch of experiment) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return REGION_COLORS[h % REGION_COLORS.length];
}

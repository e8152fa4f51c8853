// The (α, R) model-space map of vector U(1)_X models ("Fig. 2"): α in degrees on x, R on a piecewise
// axis (linear below 1, decades above) on y, the region with no viable (g-2)_μ explanation shaded,
// catalog models as markers by class, and annotated lines of constant α such as tan α = −2/3.

import type { PlotArea } from './axes.js';
import { contourMask, type Frame, type XY } from './contours.js';
import { regionPaths } from './regionPath.js';
import { composeFigure } from './figure.js';
import { type Box, haloText, placeLabels } from './labels.js';
import { type LegendEntry, marker, type MarkerShape } from './legend.js';
import { EXCLUDED_GREY, REGION_COLORS } from './palette.js';
import { linearScale, linLogScale, logScale, type Scale } from './scales.js';
import { el, group, num } from './svg.js';
import { richWidth, textElement } from './text.js';

export interface AlphaRPoint {
  /** Degrees. */
  alpha: number;
  /** R ≥ 0; Infinity (L_μ − L_τ) or values beyond the axis are drawn on the top edge as ▲. */
  R: number;
  label?: string;
  viable: boolean;
}

export interface AlphaRLine {
  /** Degrees. */
  alpha: number;
  label: string;
}

export interface AlphaRMapInput {
  title: string;
  subtitle?: string;
  /** Grid of α in degrees (increasing). */
  alpha: Float64Array;
  /** Grid of R (increasing, ≥ 0). */
  R: Float64Array;
  /** Row-major [iα][iR]; non-zero = no viable explanation. */
  excluded: Uint8Array;
  points: AlphaRPoint[];
  lines?: AlphaRLine[];
  footer: string[];
  width?: number;
  height?: number;
  /** Default: the α grid's extent. */
  alphaDomain?: [number, number];
  /** Default: the R grid's extent. */
  RDomain?: [number, number];
  excludedLabel?: string;
  viableLabel?: string;
  notViableLabel?: string;
  /** Chaikin rounds applied to the drawn boundary (default 2; 0 draws the exact grid staircase). */
  smoothing?: number;
}

/** α of the line tan α = −2/3 where matter's X charge (per proton, Y_n ≈ 1) nearly cancels. */
export const TAN_ALPHA_MINUS_TWO_THIRDS: AlphaRLine = { alpha: (Math.atan(-2 / 3) * 180) / Math.PI, label: 'tan α = −2/3' };

const VIABLE_COLOR = REGION_COLORS[0];
const NOT_VIABLE_COLOR = REGION_COLORS[1];
const POINT_LABEL_FONT = 10.5;
const LINE_LABEL_FONT = 11;

/** The paper's axis: linear up to R = 1 and logarithmic above, or a plain axis if the range stays on one side. */
export function rScale(domain: readonly [number, number]): Scale {
  const [lo, hi] = domain;
  if (lo < 1 && hi > 1) return linLogScale([lo, hi], { breakAt: 1, linearFraction: hi > 10 ? 0.4 : 0.55, linearStep: 0.2 });
  if (lo >= 1 && hi > lo) return logScale([lo, hi]);
  return linearScale([lo, hi]);
}

export function renderAlphaRMap(input: AlphaRMapInput): string {
  const na = input.alpha.length;
  const nr = input.R.length;
  if (na < 2 || nr < 2) throw new Error('(α, R) map: the α and R grids need at least two values each');
  if (input.excluded.length !== na * nr) {
    throw new Error(`(α, R) map: excluded mask has ${input.excluded.length} entries, expected ${na} × ${nr} = ${na * nr}`);
  }
  const aDomain = input.alphaDomain ?? [input.alpha[0], input.alpha[na - 1]];
  const rDomain = input.RDomain ?? [input.R[0], input.R[nr - 1]];
  const aSpan = aDomain[1] - aDomain[0];
  const xScale = linearScale(aDomain, { step: aSpan >= 120 ? 30 : undefined, minorPerMajor: aSpan >= 120 ? 3 : undefined });
  const yScale = rScale(rDomain);

  // Boundaries half-way between samples *as drawn*, so the piecewise axis shows them symmetrically.
  const polys = contourMask(input.excluded, input.alpha, input.R, {
    xInterp: 'linear',
    yInterp: { forward: yScale.fraction, inverse: yScale.value },
  });
  const frame: Frame = { x0: input.alpha[0], x1: input.alpha[na - 1], y0: input.R[0], y1: input.R[nr - 1] };

  const clampedTop = (p: AlphaRPoint): boolean => !(p.R <= rDomain[1]);
  const shapeOf = (p: AlphaRPoint): MarkerShape => (clampedTop(p) ? 'triangle-up' : p.viable ? 'circle' : 'cross');
  const colorOf = (p: AlphaRPoint): string => (p.viable ? VIABLE_COLOR : NOT_VIABLE_COLOR);
  const pointPx = (area: PlotArea, p: AlphaRPoint): XY => [
    area.px(p.alpha),
    clampedTop(p) ? area.top + 1 : area.py(Math.max(p.R, rDomain[0])),
  ];

  const layers = (area: PlotArea): string[] => {
    const { fill, edge: edges } = regionPaths(polys, frame, area, input.smoothing ?? 2);
    const out: string[] = [];
    if (fill !== '') {
      out.push(
        group(
          { class: 'excluded' },
          [
            el('path', {
              class: 'excluded-fill',
              d: fill,
              fill: EXCLUDED_GREY,
              'fill-opacity': 0.4,
              'fill-rule': 'evenodd',
              stroke: 'none',
            }),
            edges !== '' ? el('path', { class: 'excluded-edge', d: edges, fill: 'none', stroke: '#555555', 'stroke-width': 1 }) : '',
          ].filter((s) => s !== ''),
        ),
      );
    }
    const lines = (input.lines ?? []).map((l) =>
      el('path', {
        class: 'alpha-line',
        d: `M${num(area.px(l.alpha))} ${num(area.top)}V${num(area.top + area.height)}`,
        stroke: '#222222',
        'stroke-width': 1,
        'stroke-dasharray': '5 3',
        fill: 'none',
      }),
    );
    if (lines.length > 0) out.push(group({ class: 'alpha-lines' }, lines));
    return out;
  };

  // Markers and labels are not clipped: a model at the top edge (R = ∞) must stay fully visible.
  const overlays = (area: PlotArea): string[] => {
    const bounds: Box = { x0: area.left, y0: area.top, x1: area.left + area.width, y1: area.top + area.height };
    const visible = input.points.filter((p) => {
      const f = xScale.fraction(p.alpha);
      return f >= -1e-9 && f <= 1 + 1e-9;
    });
    const markers = visible.map((p) => {
      const [x, y] = pointPx(area, p);
      return marker(shapeOf(p), x, y, 4, colorOf(p));
    });
    const obstacles: Box[] = visible.map((p) => {
      const [x, y] = pointPx(area, p);
      return { x0: x - 5, y0: y - 5, x1: x + 5, y1: y + 5 };
    });
    // Each line's label runs along it, on its left unless another line is too close there.
    const linePx = (input.lines ?? []).map((l) => area.px(l.alpha));
    const lineLabels: string[] = [];
    (input.lines ?? []).forEach((l, k) => {
      const x = linePx[k];
      const crowdedLeft = linePx.some((o, m) => m !== k && o < x && x - o < LINE_LABEL_FONT * 1.4);
      const crowdedRight = linePx.some((o, m) => m !== k && o > x && o - x < LINE_LABEL_FONT * 1.4);
      const right = crowdedLeft && !crowdedRight;
      const baselineX = right ? x + 4 + LINE_LABEL_FONT * 0.76 : x - 4;
      lineLabels.push(
        textElement(baselineX, area.top + 8, l.label, {
          size: LINE_LABEL_FONT,
          anchor: 'end',
          rotate: -90,
          fill: '#222222',
          className: 'alpha-line-label',
        }),
      );
      // Keep point labels off the rotated text.
      obstacles.push({
        x0: baselineX - LINE_LABEL_FONT * 0.8,
        y0: area.top + 8,
        x1: baselineX + LINE_LABEL_FONT * 0.25,
        y1: area.top + 8 + richWidth(l.label, LINE_LABEL_FONT),
      });
    });
    const requests = visible
      .filter((p) => p.label)
      .map((p) => {
        const [x, y] = pointPx(area, p);
        return { x, y, text: p.label as string };
      });
    const placed = placeLabels(requests, POINT_LABEL_FONT, obstacles, bounds);
    return [
      group({ class: 'alpha-line-labels' }, lineLabels),
      group({ class: 'points' }, markers),
      group(
        { class: 'point-labels' },
        placed.map((l) => haloText(l, POINT_LABEL_FONT)),
      ),
    ];
  };

  const legend: LegendEntry[] = [
    {
      id: 'excluded',
      label: input.excludedLabel ?? 'no viable (g−2)_μ explanation (min\u00A0Δχ²\u00A0≥\u00A04)',
      swatch: { kind: 'fill', color: EXCLUDED_GREY, opacity: 0.4 },
    },
    { id: 'viable', label: input.viableLabel ?? 'catalog model: viable', swatch: { kind: 'marker', shape: 'circle', color: VIABLE_COLOR } },
    {
      id: 'not-viable',
      label: input.notViableLabel ?? 'catalog model: excluded',
      swatch: { kind: 'marker', shape: 'cross', color: NOT_VIABLE_COLOR },
    },
  ];
  if (input.points.some(clampedTop)) {
    legend.push({
      id: 'beyond-range',
      label: `R > ${num(rDomain[1], 3)} (incl. L_μ − L_τ, R = ∞)`,
      swatch: { kind: 'marker', shape: 'triangle-up', color: '#666666' },
    });
  }

  return composeFigure({
    title: input.title,
    subtitle: input.subtitle,
    width: input.width,
    height: input.height,
    xScale,
    yScale,
    xLabel: 'α [deg]',
    yLabel: 'R',
    legend,
    footer: input.footer,
    layers,
    overlays,
  });
}

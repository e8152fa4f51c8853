// Axis frame, ticks and tick labels in the style of physics papers: a closed frame, ticks pointing
// inwards on all four sides (mirrored), labels on the left and bottom, minor ticks unlabelled.

import type { Scale, Tick } from './scales.js';
import { el, group, num } from './svg.js';
import { textElement } from './text.js';
import { textWidth } from './textWidth.js';

export const TICK_FONT = 12;
const MAJOR_LEN = 6;
const MINOR_LEN = 3.2;
const MIN_LABEL_GAP = 6;

export interface PlotArea {
  left: number;
  top: number;
  width: number;
  height: number;
  /** Data x -> px. */
  px(x: number): number;
  /** Data y -> px (y grows upwards in data, downwards in SVG). */
  py(y: number): number;
  xScale: Scale;
  yScale: Scale;
}

export function makePlotArea(left: number, top: number, width: number, height: number, xScale: Scale, yScale: Scale): PlotArea {
  return {
    left,
    top,
    width,
    height,
    xScale,
    yScale,
    px: (x) => left + xScale.fraction(x) * width,
    py: (y) => top + height - yScale.fraction(y) * height,
  };
}

const inDomain = (scale: Scale, v: number): boolean => {
  const f = scale.fraction(v);
  return f >= -1e-9 && f <= 1 + 1e-9;
};

/**
 * Keep every n-th label (smallest n) so that neighbours do not collide; the ticks themselves stay.
 * `extent` gives a label's half-size along the axis.
 */
function thinLabels(ticks: Tick[], position: (v: number) => number, extent: (t: Tick) => number): Set<number> {
  for (let every = 1; every <= ticks.length; every++) {
    const kept = ticks.filter((_, i) => i % every === 0);
    let ok = true;
    for (let i = 1; i < kept.length && ok; i++) {
      const gap = Math.abs(position(kept[i].value) - position(kept[i - 1].value)) - extent(kept[i]) - extent(kept[i - 1]);
      if (gap < MIN_LABEL_GAP) ok = false;
    }
    if (ok) return new Set(kept.map((t) => t.value));
  }
  return new Set(ticks.slice(0, 1).map((t) => t.value));
}

/** Widest y tick label, for the left margin. */
export function yTickLabelWidth(scale: Scale): number {
  return Math.max(
    0,
    ...scale
      .ticks()
      .major.filter((t) => inDomain(scale, t.value))
      .map((t) => textWidth(t.label, TICK_FONT)),
  );
}

/** Light grid lines at major ticks; drawn under the data. */
export function drawGrid(area: PlotArea): string {
  const lines: string[] = [];
  const { left, top, width, height } = area;
  for (const t of area.xScale.ticks().major) {
    if (!inDomain(area.xScale, t.value)) continue;
    const x = area.px(t.value);
    lines.push(`M${num(x)} ${num(top)}V${num(top + height)}`);
  }
  for (const t of area.yScale.ticks().major) {
    if (!inDomain(area.yScale, t.value)) continue;
    const y = area.py(t.value);
    lines.push(`M${num(left)} ${num(y)}H${num(left + width)}`);
  }
  if (lines.length === 0) return '';
  return el('path', { class: 'grid', d: lines.join(''), stroke: '#e4e4e4', 'stroke-width': 0.8, fill: 'none' });
}

/** Frame, mirrored inward ticks, tick labels and axis-break marks; drawn above the data. */
export function drawAxes(area: PlotArea): string {
  const { left, top, width, height } = area;
  const bottom = top + height;
  const right = left + width;
  const xt = area.xScale.ticks();
  const yt = area.yScale.ticks();
  let ticks = '';
  const xTick = (v: number, len: number): void => {
    const x = area.px(v);
    ticks += `M${num(x)} ${num(bottom)}v${num(-len)}M${num(x)} ${num(top)}v${num(len)}`;
  };
  const yTick = (v: number, len: number): void => {
    const y = area.py(v);
    ticks += `M${num(left)} ${num(y)}h${num(len)}M${num(right)} ${num(y)}h${num(-len)}`;
  };
  for (const v of xt.minor) if (inDomain(area.xScale, v)) xTick(v, MINOR_LEN);
  for (const t of xt.major) if (inDomain(area.xScale, t.value)) xTick(t.value, MAJOR_LEN);
  for (const v of yt.minor) if (inDomain(area.yScale, v)) yTick(v, MINOR_LEN);
  for (const t of yt.major) if (inDomain(area.yScale, t.value)) yTick(t.value, MAJOR_LEN);

  const xMajor = xt.major.filter((t) => inDomain(area.xScale, t.value));
  const yMajor = yt.major.filter((t) => inDomain(area.yScale, t.value));
  const xKeep = thinLabels(xMajor, area.px, (t) => textWidth(t.label, TICK_FONT) / 2);
  const yKeep = thinLabels(yMajor, area.py, () => TICK_FONT * 0.6);
  const labels: string[] = [];
  for (const t of xMajor) {
    if (!xKeep.has(t.value)) continue;
    labels.push(textElement(area.px(t.value), bottom + 8 + TICK_FONT, t.label, { size: TICK_FONT, anchor: 'middle', rich: false }));
  }
  for (const t of yMajor) {
    if (!yKeep.has(t.value)) continue;
    labels.push(textElement(left - 6, area.py(t.value) + TICK_FONT * 0.36, t.label, { size: TICK_FONT, anchor: 'end', rich: false }));
  }

  const parts = [
    el('path', { class: 'ticks', d: ticks, stroke: '#000000', 'stroke-width': 0.9, fill: 'none' }),
    el('rect', { class: 'frame', x: left, y: top, width, height, fill: 'none', stroke: '#000000', 'stroke-width': 1.1 }),
    group({ class: 'tick-labels' }, labels),
    ...area.yScale.breaks.map((b) => yBreakMark(area, b)),
  ];
  return group({ class: 'axes' }, parts);
}

/**
 * Where a y axis changes from linear to log: a thin dashed rule across the plot, the usual double
 * slash on both frame edges, and small "lin"/"log" tags so nobody reads decades into the lower part.
 */
function yBreakMark(area: PlotArea, value: number): string {
  const y = area.py(value);
  const { left, width } = area;
  const right = left + width;
  const slash = (x: number): string =>
    `M${num(x - 5)} ${num(y + 2.5)}L${num(x + 1)} ${num(y - 3.5)}M${num(x - 1)} ${num(y + 3.5)}L${num(x + 5)} ${num(y - 2.5)}`;
  return group({ class: 'axis-break' }, [
    el('path', {
      d: `M${num(left)} ${num(y)}H${num(right)}`,
      stroke: '#777777',
      'stroke-width': 0.7,
      'stroke-dasharray': '3 3',
      fill: 'none',
    }),
    el('path', {
      d: `M${num(left - 5)} ${num(y - 2)}h10v4h-10Z M${num(right - 5)} ${num(y - 2)}h10v4h-10Z`,
      fill: '#ffffff',
      stroke: 'none',
    }),
    el('path', { d: slash(left) + slash(right), stroke: '#000000', 'stroke-width': 0.9, fill: 'none' }),
    textElement(right - 4, y - 4, 'log ↑', { size: 9.5, anchor: 'end', fill: '#666666', rich: false }),
    textElement(right - 4, y + 12, 'linear ↓', { size: 9.5, anchor: 'end', fill: '#666666', rich: false }),
  ]);
}

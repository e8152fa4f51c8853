// Legend: one entry per series, keyed by id, laid out as a single column beside the plot area so it
// can never cover data (matplotlib's loc="best" can and does, on crowded exclusion maps).

import { el, group, num } from './svg.js';
import { richWidth, textElement } from './text.js';

export type LegendSwatch =
  | { kind: 'fill'; color: string; opacity: number; dash?: string }
  | { kind: 'band'; color: string; opacity: number; centralDash?: string }
  | { kind: 'line'; color: string; dash?: string; width?: number }
  | { kind: 'marker'; shape: MarkerShape; color: string }
  /** A heading row (no swatch): the label starts where the swatches do, e.g. 'projected' above the projections. */
  | { kind: 'heading' };

export type MarkerShape = 'circle' | 'cross' | 'triangle-up' | 'square';

export interface LegendEntry {
  id: string;
  label: string;
  swatch: LegendSwatch;
}

export const LEGEND_FONT = 12;
const SWATCH_W = 26;
const SWATCH_H = 12;
const GAP = 7;
const LINE_H = 16;
const ROW_GAP = 5;
const PAD = 8;
const MAX_LABEL_W = 230;

/** A marker centred at (x, y); shared with the plots so legend and data match exactly. */
export function marker(shape: MarkerShape, x: number, y: number, size: number, color: string): string {
  switch (shape) {
    case 'circle':
      return el('circle', { cx: x, cy: y, r: size, fill: color, stroke: '#ffffff', 'stroke-width': 0.8 });
    case 'square':
      return el('rect', {
        x: x - size,
        y: y - size,
        width: 2 * size,
        height: 2 * size,
        fill: color,
        stroke: '#ffffff',
        'stroke-width': 0.8,
      });
    case 'triangle-up': {
      const h = size * 1.2;
      const d = `M${num(x)} ${num(y - h)}L${num(x + h)} ${num(y + h * 0.8)}L${num(x - h)} ${num(y + h * 0.8)}Z`;
      return el('path', { d, fill: color, stroke: '#ffffff', 'stroke-width': 0.8 });
    }
    case 'cross': {
      const s = size * 0.9;
      const d = `M${num(x - s)} ${num(y - s)}L${num(x + s)} ${num(y + s)}M${num(x - s)} ${num(y + s)}L${num(x + s)} ${num(y - s)}`;
      return el('path', { d, fill: 'none', stroke: color, 'stroke-width': 2, 'stroke-linecap': 'round' });
    }
  }
}

function swatchSvg(s: LegendSwatch, x: number, yMid: number): string {
  const top = yMid - SWATCH_H / 2;
  switch (s.kind) {
    case 'fill':
      return el('rect', {
        x,
        y: top,
        width: SWATCH_W,
        height: SWATCH_H,
        fill: s.color,
        'fill-opacity': s.opacity,
        stroke: s.color,
        'stroke-width': 1.5,
        'stroke-dasharray': s.dash,
      });
    case 'band':
      return [
        el('rect', { x, y: top, width: SWATCH_W, height: SWATCH_H, fill: s.color, 'fill-opacity': s.opacity, stroke: 'none' }),
        el('path', {
          d: `M${num(x)} ${num(top)}H${num(x + SWATCH_W)}M${num(x)} ${num(top + SWATCH_H)}H${num(x + SWATCH_W)}`,
          stroke: s.color,
          'stroke-width': 1.5,
          fill: 'none',
        }),
        el('path', {
          d: `M${num(x)} ${num(yMid)}H${num(x + SWATCH_W)}`,
          stroke: s.color,
          'stroke-width': 1.5,
          'stroke-dasharray': s.centralDash ?? '5 3',
          fill: 'none',
        }),
      ].join('');
    case 'line':
      return el('path', {
        d: `M${num(x)} ${num(yMid)}H${num(x + SWATCH_W)}`,
        stroke: s.color,
        'stroke-width': s.width ?? 2,
        'stroke-dasharray': s.dash,
        fill: 'none',
      });
    case 'marker':
      return marker(s.shape, x + SWATCH_W / 2, yMid, 4.5, s.color);
    case 'heading':
      return '';
  }
}

/** Split a label into lines no wider than MAX_LABEL_W, breaking only at spaces outside markup groups. */
function wrapLabel(label: string): string[] {
  if (richWidth(label, LEGEND_FONT) <= MAX_LABEL_W) return [label];
  const words = label.split(' ');
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const candidate = line === '' ? word : `${line} ${word}`;
    // Do not break inside `_{...}` / `^{...}`: an unbalanced brace would leak into the next line.
    const open = (candidate.match(/\{/g) ?? []).length > (candidate.match(/\}/g) ?? []).length;
    if (line !== '' && !open && richWidth(candidate, LEGEND_FONT) > MAX_LABEL_W) {
      lines.push(line);
      line = word;
    } else {
      line = candidate;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

export interface LegendLayout {
  width: number;
  height: number;
  render(x: number, y: number): string;
}

export function layoutLegend(entries: readonly LegendEntry[]): LegendLayout {
  if (entries.length === 0) return { width: 0, height: 0, render: () => '' };
  const wrapped = entries.map((e) => wrapLabel(e.label));
  const textW = Math.max(...wrapped.flat().map((l) => richWidth(l, LEGEND_FONT)));
  const width = PAD * 2 + SWATCH_W + GAP + textW;
  const rowHeights = wrapped.map((lines) => lines.length * LINE_H);
  const height = PAD * 2 + rowHeights.reduce((a, b) => a + b, 0) + ROW_GAP * (entries.length - 1);
  const render = (x: number, y: number): string => {
    const parts: string[] = [el('rect', { x, y, width, height, fill: '#ffffff', stroke: '#bbbbbb', 'stroke-width': 0.8, rx: 2 })];
    let top = y + PAD;
    entries.forEach((entry, k) => {
      const lines = wrapped[k];
      const firstMid = top + LINE_H / 2;
      const rows = [swatchSvg(entry.swatch, x + PAD, firstMid)];
      const heading = entry.swatch.kind === 'heading';
      lines.forEach((line, li) => {
        const textX = heading ? x + PAD : x + PAD + SWATCH_W + GAP;
        rows.push(textElement(textX, firstMid + li * LINE_H + LEGEND_FONT * 0.36, line, { size: LEGEND_FONT, bold: heading }));
      });
      parts.push(group({ class: 'legend-entry', 'data-id': entry.id }, rows));
      top += rowHeights[k] + ROW_GAP;
    });
    return group({ class: 'legend' }, parts);
  };
  return { width, height, render };
}

// Placing point labels without overlaps: each label tries a fixed list of positions around its marker
// and takes the first free one (or the least crowded). Greedy and deterministic; never drops a label.

import { richWidth, textElement } from './text.js';

export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

function overlap(a: Box, b: Box): number {
  const w = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
  const h = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
  return w > 0 && h > 0 ? w * h : 0;
}

export interface LabelRequest {
  x: number;
  y: number;
  text: string;
}

export interface PlacedLabel {
  text: string;
  /** Baseline anchor and text-anchor. */
  x: number;
  y: number;
  anchor: 'start' | 'middle' | 'end';
  box: Box;
}

/**
 * Greedy placement in request order. `obstacles` are boxes to avoid (markers); `bounds` is where labels
 * should stay (the plot area); positions outside it are penalised, not forbidden.
 */
export function placeLabels(
  requests: readonly LabelRequest[],
  size: number,
  obstacles: readonly Box[],
  bounds: Box,
  gap = 6,
): PlacedLabel[] {
  const taken: Box[] = [...obstacles];
  const ascent = size * 0.76;
  const descent = size * 0.24;
  const placed: PlacedLabel[] = [];
  for (const req of requests) {
    const w = richWidth(req.text, size);
    const mid = req.y + (ascent - descent) / 2;
    const candidates: Array<{ x: number; y: number; anchor: 'start' | 'middle' | 'end'; box: Box }> = [
      { x: req.x + gap, y: mid, anchor: 'start', box: { x0: req.x + gap, y0: mid - ascent, x1: req.x + gap + w, y1: mid + descent } },
      { x: req.x - gap, y: mid, anchor: 'end', box: { x0: req.x - gap - w, y0: mid - ascent, x1: req.x - gap, y1: mid + descent } },
      {
        x: req.x,
        y: req.y - gap - descent,
        anchor: 'middle',
        box: { x0: req.x - w / 2, y0: req.y - gap - descent - ascent, x1: req.x + w / 2, y1: req.y - gap },
      },
      {
        x: req.x,
        y: req.y + gap + ascent,
        anchor: 'middle',
        box: { x0: req.x - w / 2, y0: req.y + gap, x1: req.x + w / 2, y1: req.y + gap + ascent + descent },
      },
      {
        x: req.x + gap * 0.7,
        y: req.y - gap * 0.7,
        anchor: 'start',
        box: { x0: req.x + gap * 0.7, y0: req.y - gap * 0.7 - ascent, x1: req.x + gap * 0.7 + w, y1: req.y - gap * 0.7 + descent },
      },
      {
        x: req.x + gap * 0.7,
        y: req.y + gap * 0.7 + ascent,
        anchor: 'start',
        box: { x0: req.x + gap * 0.7, y0: req.y + gap * 0.7, x1: req.x + gap * 0.7 + w, y1: req.y + gap * 0.7 + ascent + descent },
      },
      {
        x: req.x - gap * 0.7,
        y: req.y - gap * 0.7,
        anchor: 'end',
        box: { x0: req.x - gap * 0.7 - w, y0: req.y - gap * 0.7 - ascent, x1: req.x - gap * 0.7, y1: req.y - gap * 0.7 + descent },
      },
      {
        x: req.x - gap * 0.7,
        y: req.y + gap * 0.7 + ascent,
        anchor: 'end',
        box: { x0: req.x - gap * 0.7 - w, y0: req.y + gap * 0.7, x1: req.x - gap * 0.7, y1: req.y + gap * 0.7 + ascent + descent },
      },
    ];
    let best = candidates[0];
    let bestScore = Infinity;
    for (const c of candidates) {
      let score = 0;
      for (const t of taken) score += overlap(c.box, t);
      const area = (c.box.x1 - c.box.x0) * (c.box.y1 - c.box.y0);
      score += area - overlap(c.box, bounds);
      if (score < bestScore) {
        best = c;
        bestScore = score;
        if (score === 0) break;
      }
    }
    taken.push(best.box);
    placed.push({ text: req.text, x: best.x, y: best.y, anchor: best.anchor, box: best.box });
  }
  return placed;
}

/** A label readable on any background: a white outline drawn first, then the text. */
export function haloText(label: PlacedLabel, size: number, fill = '#000000'): string {
  const halo = textElement(label.x, label.y, label.text, {
    size,
    anchor: label.anchor,
    fill: '#ffffff',
    stroke: { color: '#ffffff', width: 3 },
  });
  return halo + textElement(label.x, label.y, label.text, { size, anchor: label.anchor, fill });
}

// The map figure: on a canvas (what the user sees and the PNG export) and as SVG (regions as merged cell
// runs, vector axes and legend). Excluded regions are translucent per constraint; the (g-2)_mu band is
// green; the viable region (inside the band, excluded by nothing) dark green.

import type { WireConstraint } from '../wire.js';
import type { MapLayers } from './layers.js';
import { BAND_COLOUR, constraintColour, decadeLabel, decadeTicks, FIGURE, VIABLE_COLOUR, type Frame } from './plotFrame.js';

const rgb = (c: [number, number, number]) => `rgb(${c[0]},${c[1]},${c[2]})`;
const EXCLUDED_ALPHA = 0.22;
const BAND_ALPHA = 0.45;

/** RGBA per cell (row 0 = largest g_X, as drawn). */
function cellImage(
  f: Frame,
  constraints: readonly WireConstraint[],
  layers: MapLayers,
  shown: ReadonlySet<string>,
): Uint8ClampedArray<ArrayBuffer> {
  const { nx, ny } = f;
  const px = new Uint8ClampedArray(nx * ny * 4);
  for (let ix = 0; ix < nx; ix++) {
    for (let iy = 0; iy < ny; iy++) {
      const cell = ix * ny + iy;
      let r = 255;
      let g = 255;
      let b = 255;
      const blend = (c: [number, number, number], a: number) => {
        r = r * (1 - a) + c[0] * a;
        g = g * (1 - a) + c[1] * a;
        b = b * (1 - a) + c[2] * a;
      };
      constraints.forEach((c, k) => {
        if (!c.preferred && shown.has(c.id) && layers.excluded[k][cell]) blend(constraintColour(k), EXCLUDED_ALPHA);
      });
      if (layers.preferred?.[cell]) blend(BAND_COLOUR, BAND_ALPHA);
      if (layers.viable?.[cell]) blend(VIABLE_COLOUR, 1);
      const o = ((ny - 1 - iy) * nx + ix) * 4;
      px[o] = r;
      px[o + 1] = g;
      px[o + 2] = b;
      px[o + 3] = 255;
    }
  }
  return px;
}

/**
 * The edges of a region: cell sides between a set cell and an unset one (or the plot border), as
 * segments x1 y1 x2 y2 in figure coordinates. Drawn solid over the translucent fills so that every
 * constraint's boundary stays readable where regions overlap.
 */
export function edgeSegments(f: Frame, mask: Uint8Array): number[] {
  const cw = f.w / f.nx;
  const ch = f.h / f.ny;
  const seg: number[] = [];
  const set = (ix: number, iy: number) => ix >= 0 && ix < f.nx && iy >= 0 && iy < f.ny && mask[ix * f.ny + iy] === 1;
  for (let ix = 0; ix < f.nx; ix++) {
    for (let iy = 0; iy < f.ny; iy++) {
      if (!set(ix, iy)) continue;
      const x0 = f.x0 + ix * cw;
      const y0 = f.y0 + f.h - (iy + 1) * ch;
      if (!set(ix - 1, iy) && ix > 0) seg.push(x0, y0, x0, y0 + ch);
      if (!set(ix + 1, iy) && ix < f.nx - 1) seg.push(x0 + cw, y0, x0 + cw, y0 + ch);
      if (!set(ix, iy + 1) && iy < f.ny - 1) seg.push(x0, y0, x0 + cw, y0);
      if (!set(ix, iy - 1) && iy > 0) seg.push(x0, y0 + ch, x0 + cw, y0 + ch);
    }
  }
  return seg;
}

function strokeSegments(ctx: CanvasRenderingContext2D, seg: number[], colour: string, width: number): void {
  ctx.strokeStyle = colour;
  ctx.lineWidth = width;
  ctx.beginPath();
  for (let i = 0; i < seg.length; i += 4) {
    ctx.moveTo(seg[i], seg[i + 1]);
    ctx.lineTo(seg[i + 2], seg[i + 3]);
  }
  ctx.stroke();
}

export function drawCanvas(
  ctx: CanvasRenderingContext2D,
  f: Frame,
  constraints: readonly WireConstraint[],
  layers: MapLayers,
  shown: ReadonlySet<string>,
  pin: { ix: number; iy: number } | null,
): void {
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, FIGURE.width, FIGURE.height);
  const img = new ImageData(cellImage(f, constraints, layers, shown), f.nx, f.ny);
  const off = new OffscreenCanvas(f.nx, f.ny);
  off.getContext('2d')!.putImageData(img, 0, 0);
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(off, f.x0, f.y0, f.w, f.h);
  constraints.forEach((c, k) => {
    if (!c.preferred && shown.has(c.id)) strokeSegments(ctx, edgeSegments(f, layers.excluded[k]), rgb(constraintColour(k)), 1.2);
  });
  if (layers.preferred) strokeSegments(ctx, edgeSegments(f, layers.preferred), rgb(BAND_COLOUR), 1.5);
  ctx.strokeStyle = '#000';
  ctx.lineWidth = 1;
  ctx.strokeRect(f.x0, f.y0, f.w, f.h);
  ctx.fillStyle = '#000';
  ctx.font = '12px sans-serif';
  ctx.textAlign = 'center';
  for (const t of decadeTicks(f.mx)) {
    const x = f.x0 + t.at * f.w;
    ctx.fillRect(x, f.y0 + f.h, 1, 5);
    ctx.fillText(decadeLabel(t.value), x, f.y0 + f.h + 18);
  }
  ctx.fillText('m_X [GeV]', f.x0 + f.w / 2, f.y0 + f.h + 40);
  ctx.textAlign = 'right';
  for (const t of decadeTicks(f.gx)) {
    const y = f.y0 + f.h - t.at * f.h;
    ctx.fillRect(f.x0 - 5, y, 5, 1);
    ctx.fillText(decadeLabel(t.value), f.x0 - 8, y + 4);
  }
  ctx.save();
  ctx.translate(18, f.y0 + f.h / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textAlign = 'center';
  ctx.fillText('g_X', 0, 0);
  ctx.restore();
  if (pin) {
    const x = f.x0 + ((pin.ix + 0.5) / f.nx) * f.w;
    const y = f.y0 + f.h - ((pin.iy + 0.5) / f.ny) * f.h;
    ctx.strokeStyle = '#d00';
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.arc(x, y, 6, 0, 2 * Math.PI);
    ctx.stroke();
  }
}

const esc = (s: string) => s.replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch]!);

/** Vertical runs of set cells per column, as SVG rects in figure coordinates. */
function runRects(f: Frame, mask: Uint8Array): string {
  const cw = f.w / f.nx;
  const ch = f.h / f.ny;
  const parts: string[] = [];
  for (let ix = 0; ix < f.nx; ix++) {
    let iy = 0;
    while (iy < f.ny) {
      if (!mask[ix * f.ny + iy]) {
        iy++;
        continue;
      }
      const start = iy;
      while (iy < f.ny && mask[ix * f.ny + iy]) iy++;
      const x = f.x0 + ix * cw;
      const y = f.y0 + f.h - iy * ch;
      parts.push(`<rect x="${x.toFixed(2)}" y="${y.toFixed(2)}" width="${cw.toFixed(3)}" height="${((iy - start) * ch).toFixed(3)}"/>`);
    }
  }
  return parts.join('');
}

function svgPath(seg: number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < seg.length; i += 4)
    parts.push(`M${seg[i].toFixed(1)} ${seg[i + 1].toFixed(1)}L${seg[i + 2].toFixed(1)} ${seg[i + 3].toFixed(1)}`);
  return parts.join('');
}

export function mapSvg(
  f: Frame,
  title: string,
  constraints: readonly WireConstraint[],
  layers: MapLayers,
  shown: ReadonlySet<string>,
): string {
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${FIGURE.width + 260}" height="${FIGURE.height}" font-family="sans-serif" font-size="12">`,
  );
  out.push(`<rect width="100%" height="100%" fill="#fff"/>`);
  constraints.forEach((c, k) => {
    if (c.preferred || !shown.has(c.id)) return;
    out.push(
      `<g class="excluded" data-id="${esc(c.id)}" fill="${rgb(constraintColour(k))}" fill-opacity="${EXCLUDED_ALPHA}" shape-rendering="crispEdges">${runRects(f, layers.excluded[k])}</g>`,
    );
  });
  constraints.forEach((c, k) => {
    if (c.preferred || !shown.has(c.id)) return;
    const d = svgPath(edgeSegments(f, layers.excluded[k]));
    if (d)
      out.push(`<path class="edge" data-id="${esc(c.id)}" fill="none" stroke="${rgb(constraintColour(k))}" stroke-width="1.2" d="${d}"/>`);
  });
  if (layers.preferred)
    out.push(
      `<g class="preferred" fill="${rgb(BAND_COLOUR)}" fill-opacity="${BAND_ALPHA}" shape-rendering="crispEdges">${runRects(f, layers.preferred)}</g>`,
    );
  if (layers.viable)
    out.push(`<g class="viable" fill="${rgb(VIABLE_COLOUR)}" shape-rendering="crispEdges">${runRects(f, layers.viable)}</g>`);
  out.push(`<rect x="${f.x0}" y="${f.y0}" width="${f.w}" height="${f.h}" fill="none" stroke="#000"/>`);
  for (const t of decadeTicks(f.mx)) {
    const x = f.x0 + t.at * f.w;
    out.push(
      `<line x1="${x}" x2="${x}" y1="${f.y0 + f.h}" y2="${f.y0 + f.h + 5}" stroke="#000"/><text x="${x}" y="${f.y0 + f.h + 18}" text-anchor="middle">${decadeLabel(t.value)}</text>`,
    );
  }
  for (const t of decadeTicks(f.gx)) {
    const y = f.y0 + f.h - t.at * f.h;
    out.push(
      `<line x1="${f.x0 - 5}" x2="${f.x0}" y1="${y}" y2="${y}" stroke="#000"/><text x="${f.x0 - 8}" y="${y + 4}" text-anchor="end">${decadeLabel(t.value)}</text>`,
    );
  }
  out.push(`<text x="${f.x0 + f.w / 2}" y="${f.y0 + f.h + 40}" text-anchor="middle">m_X [GeV]</text>`);
  out.push(`<text transform="translate(18 ${f.y0 + f.h / 2}) rotate(-90)" text-anchor="middle">g_X</text>`);
  out.push(`<text x="${FIGURE.width + 10}" y="${f.y0 + 4}" font-weight="bold">${esc(title)}</text>`);
  let y = f.y0 + 24;
  constraints.forEach((c, k) => {
    if (!shown.has(c.id) && !c.preferred) return;
    const colour = c.preferred ? rgb(BAND_COLOUR) : rgb(constraintColour(k));
    out.push(
      `<rect x="${FIGURE.width + 10}" y="${y - 9}" width="12" height="10" fill="${colour}" fill-opacity="${c.preferred ? BAND_ALPHA : 0.6}"/><text x="${FIGURE.width + 28}" y="${y}">${esc(c.preferred ? `${c.title} (2σ band)` : c.title)}</text>`,
    );
    y += 16;
  });
  if (layers.viable)
    out.push(
      `<rect x="${FIGURE.width + 10}" y="${y - 9}" width="12" height="10" fill="${rgb(VIABLE_COLOUR)}"/><text x="${FIGURE.width + 28}" y="${y}">viable</text>`,
    );
  out.push('</svg>');
  return out.join('\n');
}

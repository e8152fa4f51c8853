// The page every plot shares: title and subtitle, a framed plot area with axes, a legend to its right,
// and a caption block (footer) under everything. Plots supply scales, legend entries and data layers;
// this module owns the layout so all figures from one run look alike.

import { drawAxes, drawGrid, makePlotArea, type PlotArea, TICK_FONT, yTickLabelWidth } from './axes.js';
import { layoutLegend, type LegendEntry } from './legend.js';
import type { Scale } from './scales.js';
import { el, group, num, svgDocument } from './svg.js';
import { textElement, wrapText } from './text.js';

export interface FigureSpec {
  title: string;
  subtitle?: string;
  /** Figure size in px (default 900 × 640); it grows when the legend or the captions need more room. */
  width?: number;
  height?: number;
  xScale: Scale;
  yScale: Scale;
  xLabel: string;
  yLabel: string;
  legend: LegendEntry[];
  footer: string[];
  grid?: boolean;
  /** Data layers, clipped to the plot area, drawn under the frame. */
  layers(area: PlotArea): string[];
  /** Annotations drawn above the frame and not clipped (labels that may poke out of the plot). */
  overlays?(area: PlotArea): string[];
}

export const DEFAULT_WIDTH = 900;
export const DEFAULT_HEIGHT = 640;
const PAD = 16;
const TITLE_FONT = 17;
const SUBTITLE_FONT = 12.5;
const LABEL_FONT = 14;
const FOOTER_FONT = 10.5;
const FOOTER_LINE = 14;
const MIN_PLOT_W = 260;
const MIN_PLOT_H = 220;
/** Fixed id: figures are standalone files; a caller inlining several into one HTML page should namespace it. */
export const CLIP_ID = 'u1x-plot-area';

export function composeFigure(spec: FigureSpec): string {
  let width = spec.width ?? DEFAULT_WIDTH;
  let height = spec.height ?? DEFAULT_HEIGHT;

  let top = PAD + TITLE_FONT;
  const titleBaseline = top;
  let subtitleBaseline = 0;
  if (spec.subtitle) {
    top += 6 + SUBTITLE_FONT;
    subtitleBaseline = top;
  }
  top += 16;

  const legend = layoutLegend(spec.legend);
  const left = PAD + LABEL_FONT + 12 + yTickLabelWidth(spec.yScale) + 8;
  const rightMargin = legend.width > 0 ? 18 + legend.width + PAD : 30;
  width = Math.max(width, left + MIN_PLOT_W + rightMargin);
  const plotW = width - left - rightMargin;

  const footerLines = spec.footer.flatMap((line) => wrapText(line, width - 2 * PAD, FOOTER_FONT));
  const footerH = footerLines.length > 0 ? 10 + footerLines.length * FOOTER_LINE : 0;
  const belowPlot = 8 + TICK_FONT + 12 + LABEL_FONT + 8;
  const plotH0 = height - top - belowPlot - footerH - PAD;
  // The legend sits beside the plot; if it is taller, the plot grows rather than the legend being cut.
  const plotH = Math.max(plotH0, MIN_PLOT_H, legend.height);
  height += plotH - plotH0;

  const area = makePlotArea(left, top, plotW, plotH, spec.xScale, spec.yScale);
  const plotCentre = left + plotW / 2;

  const defs = [el('clipPath', { id: CLIP_ID }, el('rect', { x: left, y: top, width: plotW, height: plotH }))];
  const body: string[] = [];
  body.push(
    group(
      { class: 'title' },
      [
        textElement(plotCentre, titleBaseline, spec.title, { size: TITLE_FONT, bold: true, anchor: 'middle' }),
        spec.subtitle
          ? textElement(plotCentre, subtitleBaseline, spec.subtitle, { size: SUBTITLE_FONT, anchor: 'middle', fill: '#333333' })
          : '',
      ].filter((s) => s !== ''),
    ),
  );
  if (spec.grid) body.push(group({ class: 'grid-layer', 'clip-path': `url(#${CLIP_ID})` }, [drawGrid(area)]));
  body.push(
    group(
      { class: 'data', 'clip-path': `url(#${CLIP_ID})` },
      spec.layers(area).filter((s) => s !== ''),
    ),
  );
  body.push(drawAxes(area));
  body.push(
    group({ class: 'axis-labels' }, [
      textElement(plotCentre, top + plotH + 8 + TICK_FONT + 12 + LABEL_FONT, spec.xLabel, { size: LABEL_FONT, anchor: 'middle' }),
      textElement(PAD + LABEL_FONT, top + plotH / 2, spec.yLabel, { size: LABEL_FONT, anchor: 'middle', rotate: -90 }),
    ]),
  );
  if (spec.overlays)
    body.push(
      group(
        { class: 'overlays' },
        spec.overlays(area).filter((s) => s !== ''),
      ),
    );
  if (legend.width > 0) body.push(legend.render(left + plotW + 18, top));
  if (footerLines.length > 0) {
    const footerTop = top + plotH + belowPlot + 10;
    body.push(
      group({ class: 'footer' }, [
        el('path', { d: `M${num(PAD)} ${num(footerTop - 5)}H${num(width - PAD)}`, stroke: '#cccccc', 'stroke-width': 0.8, fill: 'none' }),
        ...footerLines.map((line, i) =>
          textElement(PAD, footerTop + i * FOOTER_LINE + FOOTER_FONT, line, { size: FOOTER_FONT, fill: '#333333', rich: false }),
        ),
      ]),
    );
  }
  return svgDocument(width, height, body, defs);
}

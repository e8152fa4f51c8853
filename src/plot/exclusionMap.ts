// Exclusion map in the (m_X, g_X) plane, DarkCast/AxionLimits style: log-log axes, one translucent
// region with a solid edge per constraint, the (g-2)_μ preferred band in green with a dashed central
// line, a legend keyed by constraint id, and a caption block carrying vintages and provenance.

import type { PlotArea } from './axes.js';
import { type ContourPolygon, contourMask, type Frame } from './contours.js';
import { composeFigure } from './figure.js';
import type { LegendEntry } from './legend.js';
import { darken, PREFERRED_COLOR, seriesStyle } from './palette.js';
import { regionPaths } from './regionPath.js';
import { logScale, type Scale } from './scales.js';
import { el, group, pathData, type Point } from './svg.js';
import { placeInlineLabels } from './inlineLabels.js';
import { textElement } from './text.js';

export interface AxisInput {
  /** Grid values (strictly increasing, positive: both axes are logarithmic). */
  values: Float64Array | readonly number[];
  /** Axis title; `_`/`^` markup allowed, e.g. "m_X [GeV]". */
  label: string;
  /** Plot range; default the grid's extent, so regions touching the grid edge close on the frame. */
  domain?: [number, number];
}

/**
 * Where a region, band or line is: a mask over the grid (row-major [ix][iy] over (x.values, y.values),
 * non-zero = inside), or its contours already traced with log interpolation on both axes (a caller that
 * streams a large grid column by column through plot/contours.ts ContourTracer; same polygons).
 */
export type MapShape = Uint8Array | TracedShape;

export interface TracedShape {
  contours: ContourPolygon[];
}

export interface RegionInput {
  /** Constraint id: legend key and colour slot order follow the input order. */
  id: string;
  label: string;
  /** Row-major [ix][iy] over (x.values, y.values); non-zero = excluded (or its traced contours). */
  mask: MapShape;
  /** Override the palette colour (e.g. to keep one experiment's colour across figures). */
  color?: string;
}

export interface PreferredInput {
  id: string;
  /** Should name the dataset vintage and the CL convention, e.g. "(g−2)_μ ±2σ (WP25+FNAL25, 1-D)". */
  label: string;
  inside: MapShape;
  /** Central value: a mask whose boundary is the central line, or an explicit polyline in data units. */
  central?: MapShape | { x: readonly number[]; y: readonly number[] };
}

/** A dashed line with its own legend entry, e.g. the (g-2)_mu central value when the band is an upper limit. */
export interface CentralLineInput {
  id: string;
  label: string;
  /** A mask whose boundary is the line, or an explicit polyline in data units. */
  line: MapShape | { x: readonly number[]; y: readonly number[] };
}

/**
 * A future search's projected reach: the boundary of the region it would exclude, drawn as a dashed line in
 * its experiment's colour, never filled (it excludes nothing today), listed in the legend under 'projected'.
 */
export interface ProjectionInput {
  id: string;
  label: string;
  /** Row-major [ix][iy]; non-zero = inside the projected reach (or its traced contours). */
  mask: MapShape;
  color: string;
}

export const PROJECTION_DASH = '7 4';
export const PROJECTED_HEADING = 'projected';

export interface ExclusionMapInput {
  title: string;
  subtitle?: string;
  x: AxisInput;
  y: AxisInput;
  regions: RegionInput[];
  preferred?: PreferredInput;
  centralLine?: CentralLineInput;
  /** Dashed lines of projected sensitivities, drawn over the regions. */
  projections?: ProjectionInput[];
  /** Caption lines (vintages, CL convention, precision provenance, fallback warnings), printed verbatim. */
  footer: string[];
  /** Figure size in px (default 900 × 640); grows when the legend or captions need room. */
  width?: number;
  height?: number;
  /**
   * 'legend' (default, DarkCast), 'inline' (AxionLimits: names written on the regions), or 'both'.
   * Inline labels that do not fit inside their region are left to the legend (with 'inline' the legend
   * then still lists those regions, so no label is ever lost).
   */
  regionLabels?: 'legend' | 'inline' | 'both';
  /** Chaikin rounds applied to the drawn boundaries (default 2; 0 draws the exact grid staircase). */
  smoothing?: number;
}

const FILL_OPACITY = 0.3;
const PREFERRED_FILL_OPACITY = 0.12;
const EDGE_WIDTH = 1.4;
const INLINE_FONT = 11.5;

function axisDomain(axis: AxisInput): [number, number] {
  if (axis.domain) return axis.domain;
  const v = axis.values;
  if (v.length < 2) throw new Error(`exclusion map: axis "${axis.label}" needs at least two values`);
  return [Math.min(v[0], v[v.length - 1]), Math.max(v[0], v[v.length - 1])];
}

function checkMask(name: string, mask: Uint8Array, nx: number, ny: number): void {
  if (mask.length !== nx * ny) {
    throw new Error(`exclusion map: mask "${name}" has ${mask.length} entries, expected ${nx} × ${ny} = ${nx * ny}`);
  }
}

function isShape(v: MapShape | { x: readonly number[]; y: readonly number[] }): v is MapShape {
  return v instanceof Uint8Array || 'contours' in v;
}

interface PreparedRegion {
  input: RegionInput;
  color: string;
  dash: string | undefined;
  polys: ContourPolygon[];
}

export function renderExclusionMap(input: ExclusionMapInput): string {
  const xv = input.x.values;
  const yv = input.y.values;
  const nx = xv.length;
  const ny = yv.length;
  const xScale: Scale = logScale(axisDomain(input.x));
  const yScale: Scale = logScale(axisDomain(input.y));
  const interp = { xInterp: 'log' as const, yInterp: 'log' as const };
  const frame: Frame = { x0: xv[0], x1: xv[nx - 1], y0: yv[0], y1: yv[ny - 1] };
  const polygons = (name: string, shape: MapShape): ContourPolygon[] => {
    if (!(shape instanceof Uint8Array)) return shape.contours;
    checkMask(name, shape, nx, ny);
    return contourMask(shape, xv, yv, interp);
  };
  const mode = input.regionLabels ?? 'legend';
  const smoothing = input.smoothing ?? 2;

  const seen = new Set<string>();
  const regions: PreparedRegion[] = input.regions.map((r, k) => {
    if (seen.has(r.id)) throw new Error(`exclusion map: duplicate region id "${r.id}"`);
    seen.add(r.id);
    const style = seriesStyle(k);
    return { input: r, color: r.color ?? style.color, dash: style.dash, polys: polygons(r.id, r.mask) };
  });

  const pref = input.preferred;
  let prefPolys: ContourPolygon[] = [];
  let centralPolys: ContourPolygon[] = [];
  let centralLine: { x: readonly number[]; y: readonly number[] } | undefined;
  if (pref) {
    prefPolys = polygons(pref.id, pref.inside);
    if (pref.central && isShape(pref.central)) {
      centralPolys = polygons(`${pref.id} central`, pref.central);
    } else if (pref.central) {
      if (pref.central.x.length !== pref.central.y.length) throw new Error('exclusion map: preferred.central x and y differ in length');
      centralLine = pref.central;
    }
  }

  const lineIn = input.centralLine;
  let linePolys: ContourPolygon[] = [];
  if (lineIn && isShape(lineIn.line)) {
    linePolys = polygons(lineIn.id, lineIn.line);
  } else if (lineIn && !isShape(lineIn.line) && lineIn.line.x.length !== lineIn.line.y.length) {
    throw new Error('exclusion map: centralLine x and y differ in length');
  }

  const projections = (input.projections ?? []).map((p) => {
    if (seen.has(p.id)) throw new Error(`exclusion map: duplicate id "${p.id}"`);
    seen.add(p.id);
    return { input: p, polys: polygons(p.id, p.mask) };
  });

  const layers = (area: PlotArea): string[] => {
    const paths = regions.map((r) => regionPaths(r.polys, frame, area, smoothing));
    const fills = regions.map((r, k) =>
      el('path', {
        class: 'region-fill',
        'data-id': r.input.id,
        d: paths[k].fill,
        fill: r.color,
        'fill-opacity': FILL_OPACITY,
        'fill-rule': 'evenodd',
        stroke: 'none',
      }),
    );
    const edges = regions.map((r, k) =>
      el('path', {
        class: 'region-edge',
        'data-id': r.input.id,
        d: paths[k].edge,
        fill: 'none',
        stroke: r.color,
        'stroke-width': EDGE_WIDTH,
        'stroke-dasharray': r.dash,
        'stroke-linejoin': 'round',
      }),
    );
    // Fills first, then all edges, so no translucent fill dims another region's edge.
    const out = [
      group(
        { class: 'regions' },
        [...fills, ...edges].filter((s) => !s.includes(' d=""')),
      ),
    ];
    if (pref) {
      const band = regionPaths(prefPolys, frame, area, smoothing);
      const central = centralLine
        ? pathData(
            centralLine.x.map((x, i) => [area.px(x), area.py(centralLine.y[i])] as Point),
            false,
          )
        : regionPaths(centralPolys, frame, area, smoothing).edge;
      const parts = [
        el('path', {
          class: 'preferred-fill',
          d: band.fill,
          fill: PREFERRED_COLOR,
          'fill-opacity': PREFERRED_FILL_OPACITY,
          'fill-rule': 'evenodd',
          stroke: 'none',
        }),
        el('path', { class: 'preferred-edge', d: band.edge, fill: 'none', stroke: PREFERRED_COLOR, 'stroke-width': 1.6 }),
        el('path', {
          class: 'preferred-central',
          d: central,
          fill: 'none',
          stroke: PREFERRED_COLOR,
          'stroke-width': 1.6,
          'stroke-dasharray': '6 4',
        }),
      ];
      out.push(
        group(
          { class: 'preferred', 'data-id': pref.id },
          parts.filter((s) => !s.includes(' d=""')),
        ),
      );
    }
    if (lineIn) {
      const line = lineIn.line;
      const d = isShape(line)
        ? regionPaths(linePolys, frame, area, smoothing).edge
        : pathData(
            line.x.map((x, i) => [area.px(x), area.py(line.y[i])] as Point),
            false,
          );
      if (d)
        out.push(
          el('path', {
            class: 'central-line',
            'data-id': lineIn.id,
            d,
            fill: 'none',
            stroke: PREFERRED_COLOR,
            'stroke-width': 1.6,
            'stroke-dasharray': '6 4',
          }),
        );
    }
    const dashed = projections
      .map((p) =>
        el('path', {
          class: 'projection-line',
          'data-id': p.input.id,
          d: regionPaths(p.polys, frame, area, smoothing).edge,
          fill: 'none',
          stroke: p.input.color,
          'stroke-width': EDGE_WIDTH,
          'stroke-dasharray': PROJECTION_DASH,
          'stroke-linejoin': 'round',
        }),
      )
      .filter((s) => !s.includes(' d=""'));
    if (dashed.length) out.push(group({ class: 'projections' }, dashed));
    return out;
  };

  // Inline labels are placed during layout (they need pixel sizes); which ones fit decides the legend.
  const inlinePlaced = new Set<string>();
  const inlineLabels = (area: PlotArea): string[] => {
    if (mode === 'legend') return [];
    // Placing a label reads the mask itself: traced shapes are for the legend style only.
    const maskOf = (id: string, shape: MapShape): Uint8Array => {
      if (shape instanceof Uint8Array) return shape;
      throw new Error(`exclusion map: inline labels need the mask of "${id}", not its traced contours`);
    };
    const placements = placeInlineLabels(
      regions.map((r) => ({ id: r.input.id, label: r.input.label, mask: maskOf(r.input.id, r.input.mask) })),
      xv,
      yv,
      area,
      INLINE_FONT,
      pref ? [maskOf(pref.id, pref.inside)] : [],
    );
    return placements.map((p) => {
      inlinePlaced.add(p.id);
      const r = regions.find((q) => q.input.id === p.id) as PreparedRegion;
      const style = { size: INLINE_FONT, bold: true, anchor: 'middle' as const, className: 'region-label' };
      // A soft white outline keeps the label legible where other regions' edges cross it.
      return (
        textElement(p.x, p.baseline, r.input.label, { ...style, fill: '#ffffff', stroke: { color: '#ffffff', width: 2.5 } }) +
        textElement(p.x, p.baseline, r.input.label, { ...style, fill: darken(r.color, 0.35) })
      );
    });
  };

  const legendFor = (placed: ReadonlySet<string>): LegendEntry[] => {
    const entries: LegendEntry[] = [];
    for (const r of regions) {
      if (mode === 'inline' && placed.has(r.input.id)) continue;
      entries.push({ id: r.input.id, label: r.input.label, swatch: { kind: 'fill', color: r.color, opacity: FILL_OPACITY, dash: r.dash } });
    }
    if (pref)
      entries.push({ id: pref.id, label: pref.label, swatch: { kind: 'band', color: PREFERRED_COLOR, opacity: PREFERRED_FILL_OPACITY } });
    if (lineIn)
      entries.push({ id: lineIn.id, label: lineIn.label, swatch: { kind: 'line', color: PREFERRED_COLOR, dash: '6 4', width: 1.6 } });
    if (projections.length) {
      entries.push({ id: 'projected-heading', label: PROJECTED_HEADING, swatch: { kind: 'heading' } });
      for (const p of projections)
        entries.push({
          id: p.input.id,
          label: p.input.label,
          swatch: { kind: 'line', color: p.input.color, dash: PROJECTION_DASH, width: EDGE_WIDTH },
        });
    }
    return entries;
  };

  const spec = {
    title: input.title,
    subtitle: input.subtitle,
    width: input.width,
    height: input.height,
    xScale,
    yScale,
    xLabel: input.x.label,
    yLabel: input.y.label,
    footer: input.footer,
    layers,
    overlays: inlineLabels,
  };
  if (mode !== 'inline') return composeFigure({ ...spec, legend: legendFor(new Set()) });
  // The legend must be fixed before layout, but inline placement needs the layout. Pass 1 (full
  // legend) finds the labels that fit; pass 2 drops them from the legend. The plot only widens in
  // pass 2, so a label that fitted still has room; any that does not stays listed in the legend.
  composeFigure({ ...spec, legend: legendFor(new Set()) });
  const placed = new Set(inlinePlaced);
  inlinePlaced.clear();
  return composeFigure({ ...spec, legend: legendFor(placed) });
}

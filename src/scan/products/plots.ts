// plots/<model>.svg|png|pdf: the exclusion map per model (SPEC §5.4).

import { basename, join } from 'node:path';
import {
  ContourTracer,
  experimentColor,
  renderExclusionMap,
  REGION_COLORS,
  writePlot,
  type ProjectionInput,
  type RegionInput,
  type TracedShape,
} from '../../plot/index.js';
import type { ConstraintDef, LegendGroup } from '../../constraints/define.js';
import { RADIATIVE_LABEL } from '../../constraints/radiative.js';
import { unitInFigureText } from '../../constraints/bandLimit.js';
import { decodeMasks, modelBlocks, type ConstraintInfo } from './cells.js';
import { coverageFooter, modelCoverage } from './coverage.js';
import { capitalized, LEGEND_GROUPS, PREFERRED_IDS, PREFERRED_NAMES } from './constraintTexts.js';
import type { FinishedScan, ProductRecord, ScanProduct } from './finishedScan.js';
import { literal, plural } from './format.js';
import { anySet, fixedWord, forEachMapColumn, mixingText, type MapGrid } from './mapGrid.js';

interface PlannedRegion {
  /** Colour key: a constraint id, or a legend group's key for its merged members. */
  key: string;
  label: string;
  members: ConstraintInfo[];
  /** The members' indices in infos: the region is their union. */
  memberIndices: number[];
  /** Set on a merged region. */
  group?: LegendGroup;
}

/** What one model's map holds, from a pass over its cells: planning a figure needs no more. */
interface MapPresence {
  /** Per constraint (infos order): excludes some cell. */
  any: boolean[];
  /** Some cell lies inside the preferred band. */
  preferred: boolean;
  /** Some stored band observable exceeds the upper-limit band's central value (only with such a band). */
  aboveLimit: boolean;
}

/**
 * Regions of one map: every exclusion constraint that excludes something, in plan order; the members
 * of legend groups (the resonance searches) after them, one region each when few, else merged (they are
 * many and mostly overlap, and a legend of 20 near-identical entries reads worse than one region listing
 * them in the caption).
 */
function planRegions(presence: MapPresence, infos: readonly ConstraintInfo[]): PlannedRegion[] {
  const shown = infos.map((c, k) => ({ c, k })).filter((r) => !r.c.preferred && !r.c.projection && presence.any[r.k]);
  const plain = shown.filter((r) => !r.c.group);
  const grouped = shown.filter((r) => r.c.group);
  const single = (r: { c: ConstraintInfo; k: number }): PlannedRegion => ({
    key: r.c.id,
    label: regionLabel(r.c),
    members: [r.c],
    memberIndices: [r.k],
  });
  const regions = plain.map(single);
  for (const group of new Set(grouped.map((r) => r.c.group!))) {
    const members = grouped.filter((r) => r.c.group === group);
    const merge = members.length > group.maxSeparate || (members.length > 1 && plain.length + grouped.length > REGION_COLORS.length);
    if (!merge) {
      regions.push(...members.map(single));
      continue;
    }
    regions.push({
      key: group.key,
      label: `${group.name} (${plural(members.length, group.member)})`,
      members: members.map((r) => r.c),
      memberIndices: members.map((r) => r.k),
      group,
    });
  }
  return regions;
}

interface PlannedProjection {
  /** Index in infos. */
  k: number;
  id: string;
  label: string;
  color: string;
}

/**
 * The projections that reach into this map, as dashed lines: each in the colour of its experiment's own region
 * when the map draws one apart (not merged), else in the experiment's fixed colour (plot/palette.ts).
 */
function planProjections(
  presence: MapPresence,
  infos: readonly ConstraintInfo[],
  regions: readonly PlannedRegion[],
  colorOf: (key: string) => string | undefined,
): PlannedProjection[] {
  const out: PlannedProjection[] = [];
  infos.forEach((c, k) => {
    if (!c.projection || !presence.any[k]) return;
    const experiment = c.active.def.experiment ?? c.title;
    const own = regions.find((r) => !r.group && r.members[0].active.def.experiment === experiment);
    out.push({
      k,
      id: c.id,
      label: `${literal(c.title.replace(/ \(projected\)$/, ''))} [${literal(c.id)}]`,
      color: (own && colorOf(own.key)) ?? experimentColor(experiment),
    });
  });
  return out;
}

/** A region's legend entry; a band drawn as an upper limit says so, with its upper edge. */
function regionLabel(c: ConstraintInfo): string {
  const u = c.upperLimit;
  if (!u) return `${literal(c.title)} [${literal(c.id)}]`;
  const band = c.active.def.band!;
  return `${band.label} upper limit, 2σ (${literal(u.dataset)}): ${band.observableLabel} > ${u.upper}${unitInFigureText(u.unit)} excluded [${literal(c.id)}]`;
}

function footerLines(scan: FinishedScan): string[] {
  const { plan, constraints: infos, provenance, version } = scan;
  const lines: string[] = [];
  const band = infos.find((c) => c.preferred)?.active.def.band;
  const datasets = infos
    .filter((c) => c.active.datasetId !== null)
    .map((c) => {
      const entry = c.active.def.dataset?.entries[c.active.datasetId!];
      return `${c.title}: ${c.active.datasetId}${entry ? ` (${entry.source})` : ''}`;
    });
  if (datasets.length) lines.push(`Datasets: ${datasets.join('; ')}.`);
  const mixing = mixingText(plan, true);
  const thresholds = new Set(infos.filter((c) => !c.preferred && c.active.def.kind === 'chi2').map((c) => c.active.def.threshold ?? 4));
  const dchi2 = thresholds.size <= 1 ? `Δχ² > ${[...thresholds][0] ?? 4} (2σ, one measurement)` : 'Δχ² above its threshold (manifest.json)';
  lines.push(
    `Each region: that constraint's ${dchi2} or a failed bound, ${mixing.fixed ? `${fixedWord(plan)} ${mixing.text}` : `at the minimum of the objective χ² over ${mixing.text}`}.` +
      (band ? ` ${band.label} band: its Δχ² ≤ 4 (1-D ${band.observableLabel} ± 2σ); dashed: ${band.observableLabel} = central value.` : ''),
  );
  const limit = infos.find((c) => c.upperLimit);
  if (limit) {
    const u = limit.upperLimit!;
    const lb = limit.active.def.band!;
    const unit = unitInFigureText(u.unit);
    lines.push(
      `${lb.label} (${u.dataset}): the 2σ band ${u.lower} … ${u.upper}${unit} includes ${lb.observableLabel} = 0, so it is drawn as an upper limit ` +
        `(excluded outside the band, i.e. above its upper edge; dashed: ${lb.observableLabel} = ${u.central}${unit}). No preferred region: nothing is left to explain (SPEC §4.1).`,
    );
  }
  if (plan.mix.kind === 'radiative') {
    lines.push(
      `${RADIATIVE_LABEL}: k = k_rad(q²) from the e, μ, τ loops (SPEC §4.15): k_rad(0) for the low-momentum constraints, |k_rad(m_X²)| for on-shell production (DarkCast's modulus convention), k_rad(−2MT) inside COHERENT's recoil integral.`,
    );
  }
  lines.push(
    `Precision: ${provenance.precision === 'float32' ? 'float32 WebGPU kernel; tables float64' : 'float64 CPU reference'}. Backend: ${provenance.backend}.`,
  );
  for (const c of infos) {
    if (/fallback|provisional/i.test(c.active.inst.variant ?? '')) lines.push(`${c.title}: ${c.active.inst.variant}.`);
  }
  // Skipped constraints grouped by reason: the resonance searches share one reason and are many.
  const byReason = new Map<string, ConstraintDef[]>();
  for (const s of plan.skipped) byReason.set(s.reason, [...(byReason.get(s.reason) ?? []), s.def]);
  for (const [reason, defs] of byReason) {
    const group = defs[0].legendGroup;
    const oneGroup = group !== undefined && defs.every((d) => d.legendGroup === group);
    const who = oneGroup && defs.length > 1 ? `${group.name} (${plural(defs.length, group.member)})` : defs.map((d) => d.id).join(', ');
    lines.push(`Not applied: ${who} skipped: ${reason}.`);
  }
  lines.push(`${version}; scan ${plan.name}.`);
  return lines;
}

/**
 * The band's central line (Delta a_mu = central) as a polyline, interpolated in each m_X column between
 * the two g_X samples that bracket it (in log Delta a_mu vs log g_X, exact for Delta a_mu ∝ g_X^2 at
 * fixed eps), so it does not wander by a grid step like a mask contour would on coarse grids. Null when
 * a column crosses more than once or the crossing columns are not contiguous (chiral models whose Delta
 * a_mu changes sign, profiled minima jumping in eps): then the caller draws the mask contour instead.
 * Fed one m_X column at a time (ascending), so a map's observable is never held whole.
 */
export class CentralPolyline {
  private readonly x: number[] = [];
  private readonly y: number[] = [];
  private ended = false;
  private failed = false;

  constructor(
    private readonly gx: Float64Array,
    private readonly central: number,
  ) {}

  /** The column at m_X = `mx`: Delta a_mu over the g_X axis, from `delta[offset]` on. */
  push(mx: number, delta: ArrayLike<number>, offset = 0): void {
    if (this.failed) return;
    const { gx, central } = this;
    const ny = gx.length;
    let hit: number | null = null;
    for (let iy = 0; iy + 1 < ny; iy++) {
      const d0 = delta[offset + iy];
      const d1 = delta[offset + iy + 1];
      if (d0 <= central === d1 <= central || Number.isNaN(d0) || Number.isNaN(d1)) continue;
      if (hit !== null) {
        this.failed = true;
        return;
      }
      const t = d0 > 0 && d1 > 0 && central > 0 ? Math.log(central / d0) / Math.log(d1 / d0) : (central - d0) / (d1 - d0);
      hit = Math.exp(Math.log(gx[iy]) + t * Math.log(gx[iy + 1] / gx[iy]));
    }
    if (hit === null) {
      if (this.x.length > 0) this.ended = true;
      return;
    }
    if (this.ended) {
      this.failed = true;
      return;
    }
    this.x.push(mx);
    this.y.push(hit);
  }

  result(): { x: number[]; y: number[] } | null {
    return !this.failed && this.x.length >= 2 ? { x: this.x, y: this.y } : null;
  }
}

/** CentralPolyline over a whole row-major [ix][iy] map. */
export function centralPolyline(
  delta: ArrayLike<number>,
  mx: Float64Array,
  gx: Float64Array,
  central: number,
): { x: number[]; y: number[] } | null {
  const line = new CentralPolyline(gx, central);
  for (let ix = 0; ix < mx.length; ix++) line.push(mx[ix], delta, ix * gx.length);
  return line.result();
}

export const plotsProduct: ScanProduct = { key: 'plots', name: 'plots', write: plots };

type CentralLine = TracedShape | { x: number[]; y: number[] };

/** What every figure of a scan shares: the band's constraint and centre, the colours, the footer, the subtitle. */
interface FigureCommon {
  grid: MapGrid;
  pref: ConstraintInfo | null;
  central: number | undefined;
  /** A band drawn as an upper limit (its central value as a dashed line over the exclusion regions). */
  limit: ConstraintInfo | null;
  colorOf: (key: string) => string | undefined;
  /** Per model (plan order). */
  presence: MapPresence[];
  baseFooter: string[];
  subtitle: string;
}

async function plots(scan: FinishedScan): Promise<ProductRecord> {
  if (!scan.plots.includes('exclusion')) return { skipped: 'no plots requested (outputs.plots)' };
  if (typeof scan.grid === 'string') return { skipped: scan.grid };
  const common = figureCommon(scan, scan.grid);
  const figures: unknown[] = [];
  for (let m = 0; m < scan.plan.models.length; m++) figures.push(await drawFigure(scan, common, m));
  const { pref, limit } = common;
  return {
    figures,
    ...Object.fromEntries(LEGEND_GROUPS.map((g) => [g.name.replace(/ /g, '_'), legendGroupRule(g)])),
    ...(limit
      ? {
          band_upper_limit: `${limit.active.def.band!.plain} drawn as an upper limit: the 2 sigma band of ${limit.upperLimit!.dataset} includes zero (SPEC §4.1)`,
        }
      : {}),
    central_line:
      !pref && !limit
        ? `no ${PREFERRED_NAMES} band: ${PREFERRED_IDS} is not active`
        : scan.cells.bandObservable
          ? `from cells/${scan.cells.bandFile}`
          : `not drawn: cells/${scan.cells.bandFile} was not stored`,
  };
}

/** How planRegions treats a legend group, for the manifest. */
function legendGroupRule(g: LegendGroup): string {
  return `one region each when at most ${g.maxSeparate} exclude something on a map (and the regions fit the ${REGION_COLORS.length}-colour palette), else merged into one region '${g.name} (N ${g.member}s)' listed in the caption`;
}

function figureCommon(scan: FinishedScan, grid: MapGrid): FigureCommon {
  const { plan, constraints: infos } = scan;
  const pref = infos.find((c) => c.preferred && c.bit >= 0) ?? null;
  const central = pref?.active.datasetId ? pref.active.def.dataset?.entries[pref.active.datasetId]?.central : undefined;
  const limit = infos.find((c) => c.upperLimit && c.bit >= 0) ?? null;
  // Plan every figure first (keeping only what each map holds: maps are read again per figure, so memory
  // stays at a block of cells), so that each region key keeps one colour across all models' figures.
  const presence = plan.models.map((_, m) => mapPresence(scan, m, limit));
  const keys: string[] = [];
  for (const p of presence) for (const r of planRegions(p, infos)) if (!keys.includes(r.key)) keys.push(r.key);
  // Stable colours only when they do not repeat; beyond the palette, each figure cycles its own.
  const colorOf = (key: string) => (keys.length <= REGION_COLORS.length ? REGION_COLORS[keys.indexOf(key)] : undefined);
  const baseFooter = footerLines(scan);
  const mixing = mixingText(plan, true);
  const subtitle = mixing.fixed ? mixing.text : `profiled over ${mixing.text.replace(/ \(.*\)$/, '')}`;
  return { grid, pref, central, limit, colorOf, presence, baseFooter, subtitle };
}

/** What model `m`'s map holds, block by block of its cells (order-free: any cell set, any value above). */
function mapPresence(scan: FinishedScan, m: number, limit: ConstraintInfo | null): MapPresence {
  const { layout: l, constraints: infos, cells } = scan;
  const any = infos.map(() => false);
  let preferred = false;
  let aboveLimit = false;
  const c0 = limit?.upperLimit?.central;
  for (const [first, n] of modelBlocks(l, m, scan.blockCells)) {
    const masks = decodeMasks(cells.words(first, n, l), l.words, infos, n);
    masks.byConstraint.forEach((mask, k) => {
      if (!any[k]) any[k] = anySet(mask);
    });
    if (masks.preferred && !preferred) preferred = anySet(masks.preferred);
    if (c0 !== undefined && cells.bandObservable && !aboveLimit) {
      const d = cells.bandObservable.read(first, n);
      for (let i = 0; i < n && !aboveLimit; i++) aboveLimit = d[i] > c0;
    }
  }
  return { any, preferred, aboveLimit };
}

/** Union of the members' columns (one member: its own column). */
function unionColumn(columns: readonly Uint8Array[], members: readonly number[], out: Uint8Array): Uint8Array {
  if (members.length === 1) return columns[members[0]];
  out.fill(0);
  for (const k of members) {
    const c = columns[k];
    for (let i = 0; i < out.length; i++) out[i] |= c[i];
  }
  return out;
}

/**
 * A line at `central` of the band observable: the interpolated polyline, or where that does not hold
 * (centralPolyline's rule) the contour of observable > central, both followed column by column.
 */
class ObservableLine {
  private readonly polyline: CentralPolyline;
  private readonly tracer: ContourTracer;
  private readonly above: Uint8Array;
  constructor(
    private readonly grid: MapGrid,
    private readonly central: number,
  ) {
    this.polyline = new CentralPolyline(grid.gx, central);
    this.tracer = new ContourTracer(grid.gx.length);
    this.above = new Uint8Array(grid.gx.length);
  }
  push(ix: number, d: ArrayLike<number>): void {
    this.polyline.push(this.grid.mx[ix], d);
    for (let i = 0; i < this.above.length; i++) this.above[i] = d[i] > this.central ? 1 : 0;
    this.tracer.push(this.above);
  }
  result(): CentralLine {
    return this.polyline.result() ?? { contours: this.tracer.finish(this.grid.mx, this.grid.gx, MAP_INTERPOLATION) };
  }
}

/** How renderExclusionMap interpolates its contours (log on both axes): traced shapes must match it. */
const MAP_INTERPOLATION = { xInterp: 'log', yInterp: 'log' } as const;

/** One model's figure, written as svg, png and pdf; returns its manifest entry. */
async function drawFigure(scan: FinishedScan, common: FigureCommon, m: number): Promise<unknown> {
  const { grid, pref, central, limit, colorOf, presence, baseFooter, subtitle } = common;
  const model = scan.plan.models[m];
  const regions = planRegions(presence[m], scan.constraints);
  const projections = planProjections(presence[m], scan.constraints, regions, colorOf);
  const footer = [...baseFooter];
  if (scan.constraints.some((c) => c.projection)) {
    const covered = coverageFooter(modelCoverage(scan, m));
    if (covered) footer.splice(footer.length - 1, 0, covered);
  }
  for (const merged of regions) {
    if (merged.group)
      footer.splice(
        footer.length - 1,
        0,
        `${capitalized(merged.group.name)} region: union of ${plural(merged.members.length, merged.group.memberInCaption)}: ${merged.members.map((c) => c.id).join(', ')}.`,
      );
  }
  const bandShown = pref !== null && presence[m].preferred;
  const band = pref?.active.def.band;
  if (pref && !bandShown)
    footer.splice(footer.length - 1, 0, `${band!.label} 2σ band (${pref.active.datasetId}): not reached anywhere on this map.`);
  // Trace every drawn shape in one pass over the map's columns (contours keep the boundary, not the map).
  const ny = grid.gx.length;
  const regionTracers = regions.map(() => new ContourTracer(ny));
  const projectionTracers = projections.map(() => new ContourTracer(ny));
  const bandTracer = bandShown ? new ContourTracer(ny) : null;
  const observable = scan.cells.bandObservable !== null;
  const centralTracer = bandShown && observable && central !== undefined ? new ObservableLine(grid, central) : null;
  const limitTracer = limit && observable && presence[m].aboveLimit ? new ObservableLine(grid, limit.upperLimit!.central) : null;
  const union = new Uint8Array(ny);
  forEachMapColumn(scan, grid, m, (col) => {
    regions.forEach((r, i) => regionTracers[i].push(unionColumn(col.byConstraint, r.memberIndices, union)));
    projections.forEach((p, i) => projectionTracers[i].push(col.byConstraint[p.k]));
    bandTracer?.push(col.preferred!);
    centralTracer?.push(col.ix, col.bandObservable!);
    limitTracer?.push(col.ix, col.bandObservable!);
  });
  const traced = (t: ContourTracer): TracedShape => ({ contours: t.finish(grid.mx, grid.gx, MAP_INTERPOLATION) });
  const centralLine: CentralLine | undefined = centralTracer?.result();
  const limitLine: CentralLine | undefined = limitTracer?.result();
  const projectionLines = projections.map((p, i): ProjectionInput => ({
    id: p.id,
    label: p.label,
    mask: traced(projectionTracers[i]),
    color: p.color,
  }));
  const limitBand = limit?.active.def.band;
  const svg = renderExclusionMap({
    title: literal(model.name),
    subtitle,
    x: { values: grid.mx, label: 'm_X [GeV]' },
    y: { values: grid.gx, label: 'g_X' },
    regions: regions.map((r, i): RegionInput => ({ id: r.key, label: r.label, mask: traced(regionTracers[i]), color: colorOf(r.key) })),
    preferred: bandShown
      ? {
          id: pref.id,
          label: `${band!.label} 2σ (${literal(pref.active.datasetId ?? 'no dataset')})`,
          inside: traced(bandTracer!),
          central: centralLine,
        }
      : undefined,
    centralLine:
      limit && limitLine
        ? {
            id: `${limit.id}-central`,
            label: `${limitBand!.label} central value ${limitBand!.observableLabel} = ${limit.upperLimit!.central}${unitInFigureText(limit.upperLimit!.unit)} (${literal(limit.upperLimit!.dataset)})`,
            line: limitLine,
          }
        : undefined,
    projections: projectionLines,
    footer,
  });
  const drawnLine = centralLine ?? limitLine;
  const base = join(scan.dir, 'plots', scan.slugs[m]);
  const written = await writePlot(base, svg, ['svg', 'png', 'pdf']);
  return {
    model: model.id,
    files: written.map((p) => `plots/${basename(p)}`),
    regions: regions.map((r) => ({ key: r.key, label: r.label.replace(/\\(.)/g, '$1'), constraints: r.members.map((c) => c.id) })),
    ...(projectionLines.length
      ? { projections: projectionLines.map((p) => ({ id: p.id, color: p.color, style: 'dashed line, legend heading "projected"' })) }
      : {}),
    preferred_band: bandShown,
    band_upper_limit: limit !== null,
    central_line:
      drawnLine === undefined
        ? false
        : 'contours' in drawnLine
          ? `contour of ${(band ?? limitBand)!.observable} > central`
          : 'interpolated per m_X column',
  };
}

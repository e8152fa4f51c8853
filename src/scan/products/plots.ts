// plots/<model>.svg|png|pdf: the exclusion map per model (SPEC §5.4).

import { basename, join } from 'node:path';
import { experimentColor, renderExclusionMap, REGION_COLORS, writePlot, type ProjectionInput, type RegionInput } from '../../plot/index.js';
import type { ConstraintDef, LegendGroup } from '../../constraints/define.js';
import { RADIATIVE_LABEL } from '../../constraints/radiative.js';
import { unitInFigureText } from '../../constraints/bandLimit.js';
import type { ConstraintInfo } from './cells.js';
import { coverageFooter, modelCoverage } from './coverage.js';
import { capitalized, LEGEND_GROUPS, PREFERRED_IDS, PREFERRED_NAMES } from './constraintTexts.js';
import type { FinishedScan, ProductRecord, ScanProduct } from './finishedScan.js';
import { literal, plural } from './format.js';
import { anySet, fixedWord, mixingText, modelMaps, type MapGrid, type ModelMaps } from './mapGrid.js';

interface PlannedRegion {
  /** Colour key: a constraint id, or a legend group's key for its merged members. */
  key: string;
  label: string;
  members: ConstraintInfo[];
  mask: Uint8Array;
  /** Set on a merged region. */
  group?: LegendGroup;
}

/**
 * Regions of one map: every exclusion constraint that excludes something, in plan order; the members
 * of legend groups (the resonance searches) after them, one region each when few, else merged (they are
 * many and mostly overlap, and a legend of 20 near-identical entries reads worse than one region listing
 * them in the caption).
 */
function planRegions(maps: ModelMaps, infos: readonly ConstraintInfo[]): PlannedRegion[] {
  const shown = infos.map((c, k) => ({ c, mask: maps.byConstraint[k] })).filter((r) => !r.c.preferred && !r.c.projection && anySet(r.mask));
  const plain = shown.filter((r) => !r.c.group);
  const grouped = shown.filter((r) => r.c.group);
  const single = (r: { c: ConstraintInfo; mask: Uint8Array }): PlannedRegion => ({
    key: r.c.id,
    label: regionLabel(r.c),
    members: [r.c],
    mask: r.mask,
  });
  const regions = plain.map(single);
  for (const group of new Set(grouped.map((r) => r.c.group!))) {
    const members = grouped.filter((r) => r.c.group === group);
    const merge = members.length > group.maxSeparate || (members.length > 1 && plain.length + grouped.length > REGION_COLORS.length);
    if (!merge) {
      regions.push(...members.map(single));
      continue;
    }
    const union = new Uint8Array(members[0].mask.length);
    for (const r of members) for (let i = 0; i < union.length; i++) union[i] |= r.mask[i];
    regions.push({
      key: group.key,
      label: `${group.name} (${plural(members.length, group.member)})`,
      members: members.map((r) => r.c),
      mask: union,
      group,
    });
  }
  return regions;
}

/**
 * The projections that reach into this map, as dashed lines: each in the colour of its experiment's own region
 * when the map draws one apart (not merged), else in the experiment's fixed colour (plot/palette.ts).
 */
function planProjections(
  maps: ModelMaps,
  infos: readonly ConstraintInfo[],
  regions: readonly PlannedRegion[],
  colorOf: (key: string) => string | undefined,
): ProjectionInput[] {
  const out: ProjectionInput[] = [];
  infos.forEach((c, k) => {
    if (!c.projection || !anySet(maps.byConstraint[k])) return;
    const experiment = c.active.def.experiment ?? c.title;
    const own = regions.find((r) => !r.group && r.members[0].active.def.experiment === experiment);
    out.push({
      id: c.id,
      label: `${literal(c.title.replace(/ \(projected\)$/, ''))} [${literal(c.id)}]`,
      mask: maps.byConstraint[k],
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
 */
export function centralPolyline(
  delta: ArrayLike<number>,
  mx: Float64Array,
  gx: Float64Array,
  central: number,
): { x: number[]; y: number[] } | null {
  const ny = gx.length;
  const x: number[] = [];
  const y: number[] = [];
  let ended = false;
  for (let ix = 0; ix < mx.length; ix++) {
    let hit: number | null = null;
    for (let iy = 0; iy + 1 < ny; iy++) {
      const d0 = delta[ix * ny + iy];
      const d1 = delta[ix * ny + iy + 1];
      if (d0 <= central === d1 <= central || Number.isNaN(d0) || Number.isNaN(d1)) continue;
      if (hit !== null) return null;
      const t = d0 > 0 && d1 > 0 && central > 0 ? Math.log(central / d0) / Math.log(d1 / d0) : (central - d0) / (d1 - d0);
      hit = Math.exp(Math.log(gx[iy]) + t * Math.log(gx[iy + 1] / gx[iy]));
    }
    if (hit === null) {
      if (x.length > 0) ended = true;
      continue;
    }
    if (ended) return null;
    x.push(mx[ix]);
    y.push(hit);
  }
  return x.length >= 2 ? { x, y } : null;
}

export const plotsProduct: ScanProduct = { key: 'plots', name: 'plots', write: plots };

type CentralLine = Uint8Array | { x: number[]; y: number[] };

/** What every figure of a scan shares: the band's constraint and centre, the colours, the footer, the subtitle. */
interface FigureCommon {
  grid: MapGrid;
  pref: ConstraintInfo | null;
  central: number | undefined;
  /** A band drawn as an upper limit (its central value as a dashed line over the exclusion regions). */
  limit: ConstraintInfo | null;
  colorOf: (key: string) => string | undefined;
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
  const { plan, layout: l, constraints: infos, cells: files } = scan;
  const pref = infos.find((c) => c.preferred && c.bit >= 0) ?? null;
  const central = pref?.active.datasetId ? pref.active.def.dataset?.entries[pref.active.datasetId]?.central : undefined;
  const limit = infos.find((c) => c.upperLimit && c.bit >= 0) ?? null;
  // Plan every figure first (keeping only the region keys: maps are re-read per figure, so memory stays
  // at one model), so that each region key keeps one colour across all models' figures.
  const keys: string[] = [];
  for (let m = 0; m < plan.models.length; m++) {
    for (const r of planRegions(modelMaps(files, m, l, infos, grid), infos)) if (!keys.includes(r.key)) keys.push(r.key);
  }
  // Stable colours only when they do not repeat; beyond the palette, each figure cycles its own.
  const colorOf = (key: string) => (keys.length <= REGION_COLORS.length ? REGION_COLORS[keys.indexOf(key)] : undefined);
  const baseFooter = footerLines(scan);
  const mixing = mixingText(plan, true);
  const subtitle = mixing.fixed ? mixing.text : `profiled over ${mixing.text.replace(/ \(.*\)$/, '')}`;
  return { grid, pref, central, limit, colorOf, baseFooter, subtitle };
}

/** One model's figure, written as svg, png and pdf; returns its manifest entry. */
async function drawFigure(scan: FinishedScan, common: FigureCommon, m: number): Promise<unknown> {
  const { grid, pref, central, limit, colorOf, baseFooter, subtitle } = common;
  const model = scan.plan.models[m];
  const maps = modelMaps(scan.cells, m, scan.layout, scan.constraints, grid);
  const regions = planRegions(maps, scan.constraints);
  const projectionLines = planProjections(maps, scan.constraints, regions, colorOf);
  const footer = [...baseFooter];
  if (scan.constraints.some((c) => c.projection)) {
    const covered = coverageFooter(
      modelCoverage(scan.cells.modelWords(m, scan.layout), scan.layout.words, scan.constraints, scan.layout.cellsPerModel),
    );
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
  const bandShown = pref !== null && maps.preferred !== null && anySet(maps.preferred);
  const band = pref?.active.def.band;
  if (pref && !bandShown)
    footer.splice(footer.length - 1, 0, `${band!.label} 2σ band (${pref.active.datasetId}): not reached anywhere on this map.`);
  let centralLine: CentralLine | undefined;
  if (bandShown && maps.bandObservable && central !== undefined) {
    const d = maps.bandObservable;
    centralLine =
      centralPolyline(d, grid.mx, grid.gx, central) ?? Uint8Array.from({ length: d.length }, (_, i) => (d[i] > central ? 1 : 0));
  }
  let limitLine: CentralLine | undefined;
  if (limit && maps.bandObservable) {
    const d = maps.bandObservable;
    const c0 = limit.upperLimit!.central;
    if (Array.prototype.some.call(d, (v: number) => v > c0)) {
      limitLine = centralPolyline(d, grid.mx, grid.gx, c0) ?? Uint8Array.from({ length: d.length }, (_, i) => (d[i] > c0 ? 1 : 0));
    }
  }
  const limitBand = limit?.active.def.band;
  const svg = renderExclusionMap({
    title: literal(model.name),
    subtitle,
    x: { values: grid.mx, label: 'm_X [GeV]' },
    y: { values: grid.gx, label: 'g_X' },
    regions: regions.map((r): RegionInput => ({ id: r.key, label: r.label, mask: r.mask, color: colorOf(r.key) })),
    preferred: bandShown
      ? {
          id: pref.id,
          label: `${band!.label} 2σ (${literal(pref.active.datasetId ?? 'no dataset')})`,
          inside: maps.preferred!,
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
        : drawnLine instanceof Uint8Array
          ? `contour of ${(band ?? limitBand)!.observable} > central`
          : 'interpolated per m_X column',
  };
}

// plots/<model>.svg|png|pdf: the exclusion map per model (SPEC §5.4).

import { basename, join } from 'node:path';
import { renderExclusionMap, REGION_COLORS, writePlot, type RegionInput } from '../../plot/index.js';
import type { ScanPlan } from '../plan.js';
import { RESONANCE_IDS, type CellFiles, type ConstraintInfo, type Layout } from './cells.js';
import { literal, plural } from './format.js';
import { anySet, mixingText, modelMaps, type MapGrid, type ModelMaps } from './mapGrid.js';
import type { MapOutputContext } from './index.js';

/** Resonance searches get one region each on a map when at most this many exclude something there. */
export const MAX_SEPARATE_RESONANCE = 3;

interface PlannedRegion {
  /** Colour key: a constraint id, or 'resonance' for the merged resonance searches. */
  key: string;
  label: string;
  members: ConstraintInfo[];
  mask: Uint8Array;
}

/**
 * Regions of one map: every exclusion constraint that excludes something, in plan order; resonance
 * searches after them, one region each when few, else merged (they are many and mostly overlap, and a
 * legend of 20 near-identical entries reads worse than one region listing them in the caption).
 */
function planRegions(maps: ModelMaps, infos: readonly ConstraintInfo[]): PlannedRegion[] {
  const shown = infos.map((c, k) => ({ c, mask: maps.byConstraint[k] })).filter((r) => !r.c.preferred && anySet(r.mask));
  const plain = shown.filter((r) => !r.c.resonance);
  const res = shown.filter((r) => r.c.resonance);
  const single = (r: { c: ConstraintInfo; mask: Uint8Array }): PlannedRegion => ({ key: r.c.id, label: `${literal(r.c.title)} [${literal(r.c.id)}]`, members: [r.c], mask: r.mask });
  const merge = res.length > MAX_SEPARATE_RESONANCE || (res.length > 1 && plain.length + res.length > REGION_COLORS.length);
  if (!merge) return [...plain, ...res].map(single);
  const union = new Uint8Array(res[0].mask.length);
  for (const r of res) for (let i = 0; i < union.length; i++) union[i] |= r.mask[i];
  return [...plain.map(single), { key: 'resonance', label: `resonance searches (${plural(res.length, 'limit')})`, members: res.map((r) => r.c), mask: union }];
}

function footerLines(plan: ScanPlan, ctx: MapOutputContext, infos: readonly ConstraintInfo[], version: string): string[] {
  const lines: string[] = [];
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
    `Each region: that constraint's ${dchi2} or a failed bound, ${mixing.fixed ? `at fixed ${mixing.text}` : `at the minimum of the objective χ² over ${mixing.text}`}.` +
      (infos.some((c) => c.preferred) ? ' (g−2)_μ band: its Δχ² ≤ 4 (1-D Δa_μ ± 2σ); dashed: Δa_μ = central value.' : ''),
  );
  lines.push(`Precision: ${ctx.provenance.precision === 'float32' ? 'float32 WebGPU kernel; tables float64' : 'float64 CPU reference'}. Backend: ${ctx.provenance.backend}.`);
  for (const c of infos) {
    if (/fallback|provisional/i.test(c.active.inst.variant ?? '')) lines.push(`${c.title}: ${c.active.inst.variant}.`);
  }
  // Skipped constraints grouped by reason: the resonance searches share one reason and are many.
  const byReason = new Map<string, string[]>();
  for (const s of plan.skipped) byReason.set(s.reason, [...(byReason.get(s.reason) ?? []), s.def.id]);
  for (const [reason, ids] of byReason) {
    const allResonance = ids.every((id) => RESONANCE_IDS.has(id));
    const who = allResonance && ids.length > 1 ? `resonance searches (${plural(ids.length, 'limit')})` : ids.join(', ');
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
export function centralPolyline(delta: ArrayLike<number>, mx: Float64Array, gx: Float64Array, central: number): { x: number[]; y: number[] } | null {
  const ny = gx.length;
  const x: number[] = [];
  const y: number[] = [];
  let ended = false;
  for (let ix = 0; ix < mx.length; ix++) {
    let hit: number | null = null;
    for (let iy = 0; iy + 1 < ny; iy++) {
      const d0 = delta[ix * ny + iy];
      const d1 = delta[ix * ny + iy + 1];
      if ((d0 <= central) === (d1 <= central) || Number.isNaN(d0) || Number.isNaN(d1)) continue;
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

export async function plots(dir: string, plan: ScanPlan, ctx: MapOutputContext, l: Layout, infos: readonly ConstraintInfo[], files: CellFiles, grid: MapGrid | string, slugs: string[], version: string): Promise<Record<string, unknown>> {
  if (!ctx.plots.includes('exclusion')) return { skipped: 'no plots requested (outputs.plots)' };
  if (typeof grid === 'string') return { skipped: grid };
  const pref = infos.find((c) => c.preferred && c.bit >= 0) ?? null;
  const central = pref?.active.datasetId ? pref.active.def.dataset?.entries[pref.active.datasetId]?.central : undefined;
  // Plan every figure first (keeping only the region keys: maps are re-read per figure, so memory stays
  // at one model), so that each region key keeps one colour across all models' figures.
  const keys: string[] = [];
  for (let m = 0; m < plan.models.length; m++) {
    for (const r of planRegions(modelMaps(files, m, l, infos, grid), infos)) if (!keys.includes(r.key)) keys.push(r.key);
  }
  // Stable colours only when they do not repeat; beyond the palette, each figure cycles its own.
  const colorOf = (key: string) => (keys.length <= REGION_COLORS.length ? REGION_COLORS[keys.indexOf(key)] : undefined);
  const baseFooter = footerLines(plan, ctx, infos, version);
  const mixing = mixingText(plan, true);
  const subtitle = mixing.fixed ? mixing.text : `profiled over ${mixing.text.replace(/ \(.*\)$/, '')}`;
  const figures: unknown[] = [];
  for (let m = 0; m < plan.models.length; m++) {
    const model = plan.models[m];
    const maps = modelMaps(files, m, l, infos, grid);
    const regions = planRegions(maps, infos);
    const footer = [...baseFooter];
    const merged = regions.find((r) => r.key === 'resonance');
    if (merged) footer.splice(footer.length - 1, 0, `Resonance searches region: union of ${plural(merged.members.length, 'recast DarkCast limit')}: ${merged.members.map((c) => c.id).join(', ')}.`);
    const bandShown = pref !== null && maps.preferred !== null && anySet(maps.preferred);
    if (pref && !bandShown) footer.splice(footer.length - 1, 0, `(g−2)_μ 2σ band (${pref.active.datasetId}): not reached anywhere on this map.`);
    let centralLine: Uint8Array | { x: number[]; y: number[] } | undefined;
    if (bandShown && maps.deltaAmu && central !== undefined) {
      const d = maps.deltaAmu;
      centralLine = centralPolyline(d, grid.mx, grid.gx, central) ?? Uint8Array.from({ length: d.length }, (_, i) => (d[i] > central ? 1 : 0));
    }
    const svg = renderExclusionMap({
      title: literal(model.name),
      subtitle,
      x: { values: grid.mx, label: 'm_X [GeV]' },
      y: { values: grid.gx, label: 'g_X' },
      regions: regions.map((r): RegionInput => ({ id: r.key, label: r.label, mask: r.mask, color: colorOf(r.key) })),
      preferred: bandShown
        ? { id: pref.id, label: `(g−2)_μ 2σ (${literal(pref.active.datasetId ?? 'no dataset')})`, inside: maps.preferred!, central: centralLine }
        : undefined,
      footer,
    });
    const base = join(dir, 'plots', slugs[m]);
    const written = await writePlot(base, svg, ['svg', 'png', 'pdf']);
    figures.push({
      model: model.id,
      files: written.map((p) => `plots/${basename(p)}`),
      regions: regions.map((r) => ({ key: r.key, label: r.label.replace(/\\(.)/g, '$1'), constraints: r.members.map((c) => c.id) })),
      preferred_band: bandShown,
      central_line: centralLine === undefined ? false : centralLine instanceof Uint8Array ? 'contour of delta_amu > central' : 'interpolated per m_X column',
    });
  }
  return {
    figures,
    resonance_searches: `one region each when at most ${MAX_SEPARATE_RESONANCE} exclude something on a map (and the regions fit the ${REGION_COLORS.length}-colour palette), else merged into one region 'resonance searches (N limits)' listed in the caption`,
    central_line: !pref ? 'no (g-2)_mu band: amu is not active' : files.deltaAmu ? 'from cells/obs_amu.delta_amu.npy' : 'not drawn: cells/obs_amu.delta_amu.npy was not stored',
  };
}

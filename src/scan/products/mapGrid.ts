// Per-model maps in (m_X, g_X) with both axes ascending, row-major [ix][iy] as src/plot expects.

import type { NpyData } from '../../io/npyRead.js';
import { RADIATIVE_LABEL, RADIATIVE_LABEL_ASCII } from '../../constraints/radiative.js';
import type { ScanPlan } from '../plan.js';
import { decodeMasks, type CellFiles, type ConstraintInfo, type Layout } from './cells.js';
import { headerNumber, prettyNumber } from './format.js';

/** Indices that sort `values` ascending, or null when two values are equal (no monotone axis). */
export function ascendingOrder(values: Float64Array): Int32Array | null {
  const order = Int32Array.from(values, (_, i) => i).sort((a, b) => values[a] - values[b]);
  for (let k = 1; k < order.length; k++) if (!(values[order[k]] > values[order[k - 1]])) return null;
  return order;
}

export interface MapGrid {
  mx: Float64Array;
  gx: Float64Array;
  /** Cell index within a model of sorted position [ix][iy]. */
  cellOf: Int32Array;
}

/** Null with the reason when the scan is not one (m_X, g_X) plane per model. */
export function mapGrid(plan: ScanPlan): MapGrid | string {
  if (!plan.profileEps && plan.mix.values.length > 1) {
    return `${plan.mix.kind} is a scanned (not profiled) axis with ${plan.mix.values.length} values, so there is no single (m_X, g_X) map per model`;
  }
  if (plan.mx.values.length < 2 || plan.gx.values.length < 2) return 'the m_X and g_X axes need at least two values each';
  const ox = ascendingOrder(plan.mx.values);
  const oy = ascendingOrder(plan.gx.values);
  if (!ox || !oy) return 'an axis repeats a value';
  const ny = oy.length;
  const cellOf = new Int32Array(ox.length * ny);
  for (let ix = 0; ix < ox.length; ix++) for (let iy = 0; iy < ny; iy++) cellOf[ix * ny + iy] = ox[ix] * ny + oy[iy];
  return { mx: Float64Array.from(ox, (i) => plan.mx.values[i]), gx: Float64Array.from(oy, (i) => plan.gx.values[i]), cellOf };
}

export function onGrid<T extends NpyData>(values: T, grid: MapGrid): T {
  const out = new (values.constructor as new (n: number) => T)(grid.cellOf.length);
  for (let k = 0; k < grid.cellOf.length; k++) out[k] = values[grid.cellOf[k]];
  return out;
}

export function anySet(mask: Uint8Array): boolean {
  for (let i = 0; i < mask.length; i++) if (mask[i]) return true;
  return false;
}

/** 'at fixed eps = 0', but 'with eps radiative (0 in the UV)' (k_rad varies with the momentum). */
export function fixedWord(plan: ScanPlan): string {
  return plan.mix.kind === 'radiative' ? 'with' : 'at fixed';
}

/** How the map was taken over the mixing axis, for captions and file headers. */
export function mixingText(plan: ScanPlan, pretty: boolean): { fixed: boolean; text: string } {
  if (plan.mix.kind === 'radiative') return { fixed: true, text: pretty ? RADIATIVE_LABEL : RADIATIVE_LABEL_ASCII };
  const symbol = plan.mix.kind === 'eps' ? (pretty ? 'ε' : 'eps') : 'k';
  const fmt = pretty ? prettyNumber : headerNumber;
  const vs = plan.mix.values;
  if (vs.length === 1) return { fixed: true, text: `${symbol} = ${fmt(vs[0])}` };
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of vs) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  return { fixed: false, text: `${symbol} in [${fmt(lo)}, ${fmt(hi)}] (${vs.length} values, ${plan.mix.scale})` };
}

export interface ModelMaps {
  /** Per constraint (infos order), on the sorted grid. */
  byConstraint: Uint8Array[];
  preferred: Uint8Array | null;
  /** The preferred band's observable (Delta a_mu, 1e-11) at each cell's minimum, when stored. */
  bandObservable: NpyData | null;
}

export function modelMaps(files: CellFiles, model: number, l: Layout, infos: readonly ConstraintInfo[], grid: MapGrid): ModelMaps {
  const masks = decodeMasks(files.modelWords(model, l), l.words, infos, l.cellsPerModel);
  const obs = files.bandObservable?.read(model * l.cellsPerModel, l.cellsPerModel) ?? null;
  return {
    byConstraint: masks.byConstraint.map((m) => onGrid(m, grid)),
    preferred: masks.preferred ? onGrid(masks.preferred, grid) : null,
    bandObservable: obs ? onGrid(obs, grid) : null,
  };
}

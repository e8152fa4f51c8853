// Per-model maps in (m_X, g_X) with both axes ascending, column by column (one m_X at a time, g_X
// ascending: a column of the row-major [ix][iy] layout src/plot expects), read from cells/*.npy in blocks
// of rows so that no product holds a model's whole map.

import type { NpyData } from '../../io/npyRead.js';
import { RADIATIVE_LABEL, RADIATIVE_LABEL_ASCII } from '../../constraints/radiative.js';
import type { ScanPlan } from '../plan.js';
import { decodeMasks } from './cells.js';
import type { FinishedScan } from './finishedScan.js';
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
  /** Index into the plan's m_X axis of sorted position ix (so the cells of map column ix are one m_X row of the model). */
  mxOrder: Int32Array;
  /** Index into the plan's g_X axis of sorted position iy. */
  gxOrder: Int32Array;
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
  return {
    mx: Float64Array.from(ox, (i) => plan.mx.values[i]),
    gx: Float64Array.from(oy, (i) => plan.gx.values[i]),
    mxOrder: ox,
    gxOrder: oy,
  };
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

/** One column (fixed m_X, g_X ascending) of a model's map. */
export interface MapColumn {
  /** Sorted m_X position. */
  ix: number;
  /** Per constraint (infos order): 0/1 over the sorted g_X axis. */
  byConstraint: Uint8Array[];
  /** Inside the preferred band; null without one. */
  preferred: Uint8Array | null;
  /** The preferred band's observable (Delta a_mu, 1e-11) at each cell's minimum, when stored. */
  bandObservable: NpyData | null;
}

/**
 * Visit one model's map column by column, m_X ascending: the cells are read in blocks of whole m_X rows
 * (at most `scan.blockCells` cells, at least one row), so memory holds a block, never the model's map.
 */
export function forEachMapColumn(scan: FinishedScan, grid: MapGrid, model: number, visit: (column: MapColumn) => void): void {
  const { layout: l, constraints: infos, cells: files } = scan;
  const nMx = grid.mxOrder.length;
  const ny = grid.gxOrder.length;
  const oy = grid.gxOrder;
  const rowsPerBlock = Math.max(1, Math.floor(scan.blockCells / ny));
  const sorted = (values: ArrayLike<number>, at: number, out: Uint8Array | NpyData) => {
    for (let iy = 0; iy < ny; iy++) out[iy] = values[at + oy[iy]];
    return out;
  };
  for (let ix = 0; ix < nMx;) {
    // A block: consecutive rows on disk that are also consecutive on the sorted grid (all of them when
    // m_X is ascending), read at once.
    const row0 = grid.mxOrder[ix];
    let rows = 1;
    while (rows < rowsPerBlock && ix + rows < nMx && grid.mxOrder[ix + rows] === row0 + rows) rows++;
    const first = model * l.cellsPerModel + row0 * ny;
    const masks = decodeMasks(files.words(first, rows * ny, l), l.words, infos, rows * ny);
    const obs = files.bandObservable?.read(first, rows * ny) ?? null;
    for (let r = 0; r < rows; r++) {
      const at = r * ny;
      visit({
        ix: ix + r,
        byConstraint: masks.byConstraint.map((m) => sorted(m, at, new Uint8Array(ny)) as Uint8Array),
        preferred: masks.preferred ? (sorted(masks.preferred, at, new Uint8Array(ny)) as Uint8Array) : null,
        bandObservable: obs ? sorted(obs, at, new (obs.constructor as new (n: number) => NpyData)(ny)) : null,
      });
    }
    ix += rows;
  }
}

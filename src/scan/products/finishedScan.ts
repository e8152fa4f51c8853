// What every scan product reads: one typed view of a finished grid scan's directory (its plan, the
// shape of cells/*.npy, the constraints behind the mask bits, the (m_X, g_X) map grid) and the product
// interface. Built once per scan by writeProducts (./index.ts).

import type { CompiledKernel } from '../../kernel/compile.js';
import type { NpyDtype } from '../../io/npy.js';
import type { ScanPlan } from '../plan.js';
import {
  bandObservableFile,
  CellFiles,
  PRODUCT_BLOCK_CELLS,
  constraintInfos,
  layoutOf,
  type ConstraintInfo,
  type Layout,
} from './cells.js';
import { modelSlugs } from './format.js';
import { mapGrid, type MapGrid } from './mapGrid.js';

/** What the runner hands over besides the directory. */
export interface ProductOptions {
  plan: ScanPlan;
  kernel: Pick<CompiledKernel, 'bits' | 'maskWords'>;
  floatType: NpyDtype;
  /** outputs.plots of the spec. */
  plots: readonly 'exclusion'[];
  /** outputs.csv of the spec (undefined: the default size rule). */
  csv: boolean | undefined;
  provenance: { backend: string; precision: 'float32' | 'float64' };
  /** `u1x <version> (git <sha>)`, for figure footers. */
  version: string;
  /**
   * Most cells a product reads from cells/*.npy at once (default PRODUCT_BLOCK_CELLS; a map reads at least
   * one m_X row). Changes no output byte, only memory (tests use tiny blocks to show that).
   */
  blockCells?: number;
}

export interface FinishedScan extends ProductOptions {
  /** The (partial) output directory the runner wrote cells/*.npy into. */
  dir: string;
  blockCells: number;
  layout: Layout;
  /** The active constraints in plan order, with their mask bits. */
  constraints: readonly ConstraintInfo[];
  /** Open readers of cells/*.npy; closed by writeProducts. */
  cells: CellFiles;
  /** The sorted (m_X, g_X) plane of every model, or why the scan has none. */
  grid: MapGrid | string;
  /** File-system-safe model names (plans' model order). */
  slugs: string[];
}

/** A product's entry in manifest.json (`products.<key>`): what was written, or why it was skipped. */
export type ProductRecord = Record<string, unknown>;

export interface ScanProduct {
  /** Key of its record in manifest.json `products`. */
  key: string;
  /** Name in warnings. */
  name: string;
  /** null: nothing to write and no manifest entry (a product that only some scans have, e.g. coverage). */
  write(scan: FinishedScan): ProductRecord | null | Promise<ProductRecord | null>;
}

export function openFinishedScan(dir: string, o: ProductOptions): FinishedScan {
  const constraints = constraintInfos(o.plan, o.kernel);
  return {
    ...o,
    dir,
    blockCells: Math.max(1, Math.floor(o.blockCells ?? PRODUCT_BLOCK_CELLS)),
    layout: layoutOf(o.plan, o.kernel),
    constraints,
    cells: new CellFiles(dir, o.plan.profileEps, bandObservableFile(constraints)),
    grid: mapGrid(o.plan),
    slugs: modelSlugs(o.plan.models),
  };
}

// Products of a finished scan, written into the (not yet committed) output directory:
//   masks.npz                   one uint8 mask per active constraint + allowed/preferred/viable + axes (NumPy)
//   cells.csv                   long table, one row per cell (streamed; default up to CSV_DEFAULT_MAX_CELLS)
//   boundaries/<model>/<id>.lmt DarkCast-style exclusion edges per m_X column (+ <id>.csv with every band)
//   plots/<model>.svg|png|pdf   exclusion map per model (SPEC §5.4)
// and a "products" entry in manifest.json saying what was written and what was skipped, and why.
//
// Everything is read back from the cells/*.npy files the runner wrote, model by model (or in chunks of
// cells for the CSV), so memory stays bounded by one model's map, not by the scan; only masks.npz is
// assembled whole, and is skipped above MASKS_NPZ_MAX_BYTES. A failure in one
// product is recorded in the manifest and printed, and does not throw: the scan's arrays are worth more

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CompiledKernel } from '../../kernel/compile.js';
import { writeFileAtomic } from '../../io/atomic.js';
import type { NpyDtype } from '../../io/npy.js';
import type { ScanPlan } from '../plan.js';
import { boundaries } from './boundaries.js';
import { CellFiles, constraintInfos, layoutOf } from './cells.js';
import { cellsCsv } from './cellsCsv.js';
import { modelSlugs } from './format.js';
import { mapGrid } from './mapGrid.js';
import { masksNpz } from './masksNpz.js';
import { plots } from './plots.js';

export { CSV_DEFAULT_MAX_CELLS } from './cellsCsv.js';
export { MASKS_NPZ_MAX_BYTES } from './masksNpz.js';
export { MAX_SEPARATE_RESONANCE, centralPolyline } from './plots.js';
export { LMT_SENTINEL, lmtNumber } from './boundaries.js';
export { modelSlugs, prettyNumber } from './format.js';

export interface MapOutputContext {
  plan: ScanPlan;
  kernel: CompiledKernel;
  floatType: NpyDtype;
  plots: readonly 'exclusion'[];
  csv: boolean | undefined;
  provenance: { backend: string; precision: 'float32' | 'float64' };
}

/** Run one product; a failure is recorded (and printed) instead of losing the whole scan. */
async function guarded(name: string, make: () => Record<string, unknown> | Promise<Record<string, unknown>>): Promise<Record<string, unknown>> {
  try {
    return await make();
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    process.stderr.write(`warning: map output ${name} failed: ${message}\n`);
    return { error: message };
  }
}

export async function writeMapOutputs(dir: string, ctx: MapOutputContext): Promise<void> {
  const { plan, kernel } = ctx;
  const l = layoutOf(plan, kernel);
  const infos = constraintInfos(plan, kernel);
  const manifestPath = join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, unknown>;
  const version = `u1x ${String(manifest.u1x_version ?? '?')}${manifest.git_sha ? ` (git ${String(manifest.git_sha).slice(0, 7)})` : ''}`;
  const slugs = modelSlugs(plan.models);
  const grid = mapGrid(plan);
  const files = new CellFiles(dir, plan.profileEps);
  const products: Record<string, unknown> = {};
  try {
    products.masks = await guarded('masks.npz', () => masksNpz(dir, plan, l, infos, files));
    products.cells_csv = await guarded('cells.csv', () => cellsCsv(dir, plan, l, infos, files, ctx.csv));
    products.boundaries = await guarded('boundaries', () => boundaries(dir, plan, l, infos, files, grid, slugs));
    products.plots = await guarded('plots', () => plots(dir, plan, ctx, l, infos, files, grid, slugs, version));
  } finally {
    files.close();
  }
  products.model_slugs = Object.fromEntries(plan.models.map((m, i) => [m.id, slugs[i]]));
  manifest.products = products;
  writeFileAtomic(manifestPath, JSON.stringify(manifest, null, 2) + '\n');
}

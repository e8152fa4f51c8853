// Products of a finished scan, written into the (not yet committed) output directory:
//   masks.npz                   one uint8 mask per active constraint + allowed/preferred/viable + axes (NumPy)
//   cells.csv                   long table, one row per cell (streamed; default up to CSV_DEFAULT_MAX_CELLS)
//   boundaries/<model>/<id>.lmt DarkCast-style exclusion edges per m_X column (+ <id>.csv with every band)
//   coverage.csv                per projection: the share of allowed/viable cells it would exclude (only with projections)
//   plots/<model>.svg|png|pdf   exclusion map per model (SPEC §5.4)
// and a "products" entry for manifest.json saying what was written and what was skipped, and why.
//
// Each product is one module with one entry point over a FinishedScan (./finishedScan.ts); adding one
// is a module plus its line in SCAN_PRODUCTS.
//
// Everything is read back from the cells/*.npy files the runner wrote in blocks of cells (ProductOptions
// blockCells, default PRODUCT_BLOCK_CELLS; a map reads whole m_X rows, at least one), and every product is
// accumulated block by block: masks.npz is streamed to disk (still skipped above MASKS_NPZ_MAX_BYTES), the
// CSV written as it goes, boundaries kept as bands per m_X column, figures traced column by column into
// contours (plot/contours.ts ContourTracer), coverage counted. So memory does not grow with the number of
// (m_X, g_X) cells of a model: what remains grows with one row or column (n_gx, n_mx) and with the drawn
// boundaries' length (contours, the SVG, and svg-to-pdfkit's copy for the PDF: ~370 MiB for a 4096 x 4096
// map with 6 shapes, bench/README.md "Map products in blocks"). The block size changes no output byte
// (test/scan/productBlocks.test.ts). A failure in one
// product is recorded in its manifest entry and printed, and does not throw: the scan's arrays are worth more
// than a figure, and the runner commits the directory only if writeProducts returns.

import { isDiskFull } from '../../io/checkedWrite.js';
import { boundariesProduct } from './boundaries.js';
import { cellsCsvProduct } from './cellsCsv.js';
import { openFinishedScan, type ProductOptions, type ProductRecord, type ScanProduct } from './finishedScan.js';
import { coverageProduct } from './coverage.js';
import { masksNpzProduct } from './masksNpz.js';
import { plotsProduct } from './plots.js';

export { CSV_DEFAULT_MAX_CELLS } from './cellsCsv.js';
export { MASKS_NPZ_MAX_BYTES } from './masksNpz.js';
export { PRODUCT_BLOCK_CELLS } from './cells.js';
export { centralPolyline } from './plots.js';
export { LMT_SENTINEL, lmtNumber } from './boundaries.js';
export { modelSlugs, prettyNumber } from './format.js';
export type { FinishedScan, ProductOptions, ProductRecord, ScanProduct } from './finishedScan.js';

/** The products of a grid scan with per-cell arrays, in the order they are written (and listed in the manifest). */
export const SCAN_PRODUCTS: readonly ScanProduct[] = [masksNpzProduct, cellsCsvProduct, boundariesProduct, coverageProduct, plotsProduct];

/** manifest.json `products`: one record per product, then the model slugs the file names use. */
export type ProductsRecord = Record<string, ProductRecord> & { model_slugs: Record<string, string> };

/** Run one product; a failure is recorded (and printed) instead of losing the whole scan. */
async function guarded(name: string, make: () => ProductRecord | null | Promise<ProductRecord | null>): Promise<ProductRecord | null> {
  try {
    return await make();
  } catch (e) {
    // A full disk is not a product's failure: the whole run stops and keeps its checkpoint.
    if (isDiskFull(e)) throw e;
    const message = e instanceof Error ? e.message : String(e);
    process.stderr.write(`warning: map output ${name} failed: ${message}\n`);
    return { error: message };
  }
}

/** Write every product into `dir` (which holds cells/*.npy) and return their manifest records. */
export async function writeProducts(dir: string, options: ProductOptions): Promise<ProductsRecord> {
  const scan = openFinishedScan(dir, options);
  const records: Record<string, ProductRecord> = {};
  try {
    for (const product of SCAN_PRODUCTS) {
      const record = await guarded(product.name, () => product.write(scan));
      if (record !== null) records[product.key] = record;
    }
  } finally {
    scan.cells.close();
  }
  return { ...records, model_slugs: Object.fromEntries(options.plan.models.map((m, i) => [m.id, scan.slugs[i]])) };
}

// What a grid scan will need before it starts: disk for its outputs and memory for what the runner and
// the map products hold at once. A scan that cannot fit is refused with the numbers (exit 2) instead
// of filling the disk or running out of memory hours in. The estimate counts what the code writes and
// allocates (see runner.ts, outputs.ts and products/); figures are an allowance per model.

import { statfsSync, statSync } from 'node:fs';
import { totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { UserError } from '../util/errors.js';
import type { CellFile } from './checkpoint.js';
import { CSV_DEFAULT_MAX_CELLS, MASKS_NPZ_MAX_BYTES, PRODUCT_BLOCK_CELLS } from './products/index.js';
import { MAX_CHUNK_CELLS } from './chunks.js';
import type { ScanPlan } from './plan.js';

/** Disk allowance per model for its SVG, PNG and PDF map (the default scan's are ~0.6 MiB together). */
const PLOT_BYTES_PER_MODEL = 2 ** 20;
/** Disk allowance per model for the boundary files (.lmt and .csv per constraint). */
const BOUNDARY_BYTES_PER_MODEL = 2 ** 16;
/** Text of one cells.csv row: model id, four numbers of up to 24 characters, 2 per constraint column. */
const csvRowBytes = (plan: ScanPlan, constraints: number) =>
  Math.max(...plan.models.map((m) => m.id.length)) + 4 * 25 + 2 * constraints + 1;
/** Memory of one m_X column's bands of one constraint (plot/contours.ts ColumnBands: an object, an array, a pair). */
const BAND_BYTES = 160;
/**
 * Memory per grid step of a drawn boundary while a figure is made: the traced contour, its SVG path and
 * above all svg-to-pdfkit's parsed copy for the PDF. Measured (bench/README.md "Map products in blocks"): svgToPdf
 * on a 4096 x 4096 map's figure with 5 drawn shapes plus the band (1.9 MB SVG) peaks ~370 MiB above Node's
 * baseline; 370 MiB / (8192 grid steps x 6 shapes) ~ 7.7 KiB.
 */
const FIGURE_BYTES_PER_EDGE_STEP = 8 << 10;
/** Fraction of the machine's memory a scan may plan to use. */
const MEMORY_FRACTION = 0.75;

export interface ScanNeeds {
  diskBytes: number;
  memoryBytes: number;
}

export function estimateScanNeeds(
  plan: ScanPlan,
  o: { cellFiles: readonly CellFile[]; writeCells: boolean; constraints: number; maskWords: number; stride: number },
): ScanNeeds {
  const cells = plan.cells;
  const segments = plan.cells / plan.segmentCells;
  const cellBytes = o.cellFiles.reduce((a, f) => a + f.totalBytes, 0);
  const masks = o.writeCells ? cells * (o.constraints + 3) : 0;
  const masksOnDisk = masks <= MASKS_NPZ_MAX_BYTES ? masks : 0;
  const csv = plan.spec.outputs?.csv;
  const csvWritten = o.writeCells && csv !== false && (csv === true || cells <= CSV_DEFAULT_MAX_CELLS);
  const csvBytes = csvWritten ? cells * csvRowBytes(plan, o.constraints) : 0;
  const plotted = (plan.spec.outputs?.plots ?? []).length > 0;
  const plots = o.writeCells ? plan.models.length * ((plotted ? PLOT_BYTES_PER_MODEL : 0) + BOUNDARY_BYTES_PER_MODEL) : 0;
  const minima = 2 * 20 * segments; // checkpoint generation + minima.npy/csv
  // + 64 KiB for the manifest, spec, models and axes files.
  const diskBytes = cellBytes + masksOnDisk + csvBytes + plots + minima + (1 << 16);

  const axes = 8 * (3 * plan.mx.values.length + plan.gx.values.length + plan.mix.values.length);
  const chunk = 2 * MAX_CHUNK_CELLS * o.stride * 8;
  const nMx = plan.mx.values.length;
  const nGx = plan.gx.values.length;
  // The products read the cells in blocks (products/cells.ts; a map reads at least one m_X row): the mask
  // words, a byte per constraint and per combination, chi2, argmin and the band observable, and the CSV
  // text of a block. masks.npz is streamed too (io/npz.ts NpzStream): nothing of the model's size stays.
  const blockCells = Math.max(PRODUCT_BLOCK_CELLS, nGx);
  const block = o.writeCells ? blockCells * (4 * o.maskWords + o.constraints + 3 + 8 + 4 + 8 + 2 * csvRowBytes(plan, o.constraints)) : 0;
  // Per m_X column of a map: the boundary bands of every constraint, kept until its .lmt is written.
  const bands = o.writeCells ? nMx * (o.constraints + 1) * BAND_BYTES : 0;
  // A figure's contours and their SVG/PDF follow the boundaries' length (~ n_mx + n_gx per region), not the cells.
  const figure = o.writeCells && plotted ? (nMx + nGx) * (o.constraints + 3) * FIGURE_BYTES_PER_EDGE_STEP : 0;
  const memoryBytes = axes + 3 * minima + chunk + block + bands + figure;
  return { diskBytes, memoryBytes };
}

const gib = (b: number) => (b < 2 ** 30 ? `${(b / 2 ** 20).toFixed(1)} MiB` : `${(b / 2 ** 30).toFixed(1)} GiB`);

/** Space already taken by files a resumed run reuses (sparse files count what is allocated). */
export function allocatedBytes(partial: string, files: readonly CellFile[]): number {
  let total = 0;
  for (const f of files) {
    try {
      total += Math.min(f.totalBytes, statSync(join(partial, f.rel)).blocks * 512);
    } catch {
      // not there yet
    }
  }
  return total;
}

/** Refuse (exit 2) a scan whose outputs do not fit on the disk of `outDir` or whose buffers do not fit in memory. */
export function checkScanFits(outDir: string, needs: ScanNeeds, alreadyAllocated = 0): void {
  const memory = totalmem() * MEMORY_FRACTION;
  if (needs.memoryBytes > memory) {
    throw new UserError(
      `the scan needs about ${gib(needs.memoryBytes)} of memory, more than ${MEMORY_FRACTION * 100}% of this machine's ${gib(totalmem())}; use fewer points (or split the scan)`,
    );
  }
  const st = statfsSync(dirname(outDir));
  const free = Number(st.bavail) * Number(st.bsize);
  const needed = needs.diskBytes - alreadyAllocated;
  if (needed > free) {
    throw new UserError(
      `the scan needs about ${gib(needed)} of disk for its outputs in ${dirname(outDir)}, and only ${gib(free)} is free; free space, use fewer points, or pass --no-cells`,
    );
  }
}

// What a grid scan will need before it starts: disk for its outputs and memory for what the runner and
// the map products hold at once. A scan that cannot fit is refused with the numbers (exit 2) instead
// of filling the disk or running out of memory hours in. The estimate counts what the code writes and
// allocates (see runner.ts, outputs.ts and products/); figures are an allowance per model.

import { statfsSync, statSync } from 'node:fs';
import { totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { UserError } from '../util/errors.js';
import type { CellFile } from './checkpoint.js';
import { CSV_DEFAULT_MAX_CELLS, MASKS_NPZ_MAX_BYTES } from './products/index.js';
import { MAX_CHUNK_CELLS } from './chunks.js';
import type { ScanPlan } from './plan.js';

/** Disk allowance per model for its SVG, PNG and PDF map (the default scan's are ~0.6 MiB together). */
const PLOT_BYTES_PER_MODEL = 2 ** 20;
/** Disk allowance per model for the boundary files (.lmt and .csv per constraint). */
const BOUNDARY_BYTES_PER_MODEL = 2 ** 16;
/** Text of one cells.csv row: model id, four numbers of up to 24 characters, 2 per constraint column. */
const csvRowBytes = (plan: ScanPlan, constraints: number) =>
  Math.max(...plan.models.map((m) => m.id.length)) + 4 * 25 + 2 * constraints + 1;
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
  // The map products read one model's cells at a time: chi2, argmin, mask words and a byte per constraint.
  const perModel = o.writeCells ? (cells / plan.models.length) * (8 + 4 + 4 * o.maskWords + o.constraints + 3) : 0;
  // masks.npz is assembled whole: the masks, their zip copy and the npy buffers.
  const masksMemory = masksOnDisk * 3;
  const memoryBytes = axes + 3 * minima + chunk + perModel + masksMemory;
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

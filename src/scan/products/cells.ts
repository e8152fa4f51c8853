// The per-cell arrays of a finished scan (cells/*.npy, written by the runner) as the products read them:
// their shape, the constraints behind the mask bits, and readers that decode one model at a time.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ActiveConstraint } from '../../constraints/activate.js';
import { bandAsUpperLimit, type BandUpperLimit } from '../../constraints/bandLimit.js';
import type { LegendGroup } from '../../constraints/define.js';
import type { CompiledKernel } from '../../kernel/compile.js';
import { NpyFile } from '../../io/npyRead.js';
import type { ScanPlan } from '../plan.js';

export interface ConstraintInfo {
  id: string;
  title: string;
  active: ActiveConstraint;
  /** Mask bit, or -1 when the kernel has none for it (then it never excludes). */
  bit: number;
  /** (g-2)_mu: the region inside the band is the interesting one; never an exclusion. */
  preferred: boolean;
  /**
   * A preferred-role constraint whose 2 sigma band includes zero (amu-2025, constraints/bandLimit.ts): no
   * preferred region exists and it acts as an exclusion (outside the band: above its upper edge); preferred is false.
   */
  upperLimit: BandUpperLimit | null;
  /** Maps may merge its region with the group's other members. */
  group: LegendGroup | null;
  /** A future search's projected reach (role 'projection'): its mask never counts in allowed; maps draw it as a dashed line. */
  projection: boolean;
}

export interface Layout {
  nModels: number;
  nMx: number;
  nGx: number;
  /** eps/k values per cell (1 when profiled). */
  nMixCells: number;
  cellsPerModel: number;
  cells: number;
  shape: number[];
  words: number;
}

export function layoutOf(plan: ScanPlan, kernel: Pick<CompiledKernel, 'maskWords'>): Layout {
  const nMixCells = plan.profileEps ? 1 : plan.mix.values.length;
  const nMx = plan.mx.values.length;
  const nGx = plan.gx.values.length;
  const shape = [plan.models.length, nMx, nGx, ...(plan.profileEps ? [] : [nMixCells])];
  const cellsPerModel = nMx * nGx * nMixCells;
  return {
    nModels: plan.models.length,
    nMx,
    nGx,
    nMixCells,
    cellsPerModel,
    cells: cellsPerModel * plan.models.length,
    shape,
    words: kernel.maskWords,
  };
}

export function constraintInfos(plan: ScanPlan, kernel: Pick<CompiledKernel, 'bits'>): ConstraintInfo[] {
  // Information-only entries (radiative mixing's k tables) exclude nothing: no mask, region or boundary.
  return plan.active
    .filter((a) => a.def.role !== 'info')
    .map((a) => {
      const upperLimit = bandAsUpperLimit(a);
      return {
        id: a.def.id,
        title: a.def.title,
        active: a,
        bit: kernel.bits.indexOf(a.def.id),
        preferred: a.def.role === 'preferred' && upperLimit === null,
        upperLimit,
        group: a.def.legendGroup ?? null,
        projection: a.def.role === 'projection',
      };
    });
}

export { decodeMasks, type CellMasks } from './maskBits.js';

/** Cells the products read at once by default (CSV rows, mask words): a few MiB whatever the grid size. */
export const PRODUCT_BLOCK_CELLS = 1 << 16;

/**
 * Cell ranges [first, first + count) of one model in blocks of at most `blockCells` (the products'
 * cell-order passes: masks.npz, coverage).
 */
export function* modelBlocks(l: Layout, model: number, blockCells: number): Generator<[number, number]> {
  const end = (model + 1) * l.cellsPerModel;
  for (let first = model * l.cellsPerModel; first < end; first += blockCells) yield [first, Math.min(blockCells, end - first)];
}

export class CellFiles {
  readonly chi2: NpyFile;
  readonly argmin: NpyFile | null;
  readonly mask: NpyFile;
  /** The preferred band's observable at each cell's minimum (Delta a_mu), when stored. */
  readonly bandObservable: NpyFile | null;
  /** `bandFile`: name in cells/ of the preferred band's observable, or null without a preferred constraint. */
  constructor(
    dir: string,
    profiled: boolean,
    readonly bandFile: string | null,
  ) {
    const cells = join(dir, 'cells');
    this.chi2 = new NpyFile(join(cells, 'chi2.npy'));
    this.mask = new NpyFile(join(cells, 'mask.npy'));
    this.argmin = profiled ? new NpyFile(join(cells, 'argmin_eps.npy')) : null;
    const obs = bandFile === null ? null : join(cells, bandFile);
    this.bandObservable = obs !== null && existsSync(obs) ? new NpyFile(obs) : null;
  }
  /** Mask words of cells [first, first + count). */
  words(first: number, count: number, l: Layout): Uint32Array {
    return this.mask.read(first * l.words, count * l.words) as Uint32Array;
  }
  close(): void {
    for (const f of [this.chi2, this.argmin, this.mask, this.bandObservable]) f?.close();
  }
}

/**
 * The cells/ file of the first preferred constraint's band observable, or of a band drawn as an upper limit
 * (its central line); the runner names it obs_<id>.<name>.npy.
 */
export function bandObservableFile(infos: readonly ConstraintInfo[]): string | null {
  const pref = infos.find((c) => c.preferred && c.active.def.band) ?? infos.find((c) => c.upperLimit && c.active.def.band);
  return pref ? `obs_${pref.id}.${pref.active.def.band!.observable}.npy` : null;
}

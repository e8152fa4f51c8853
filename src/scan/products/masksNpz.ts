// masks.npz: one uint8 mask per active constraint + allowed/preferred/viable + axes (NumPy), streamed to
// disk block by block; still skipped above MASKS_NPZ_MAX_BYTES (its size, not memory, is the reason now:
// the same bits are in cells/mask.npy, and the limit keeps outputs as they were).

import { join } from 'node:path';
import { NpzStream, type NamedArray } from '../../io/npz.js';
import { decodeMasks, modelBlocks, type ConstraintInfo } from './cells.js';
import { PREFERRED_IDS, PREFERRED_MASKS, PREFERRED_NAMES } from './constraintTexts.js';
import type { FinishedScan, ProductRecord, ScanProduct } from './finishedScan.js';

/** Beyond this many mask bytes masks.npz is skipped (it was assembled in memory when the limit was set; it is streamed now). */
export const MASKS_NPZ_MAX_BYTES = 512 * 2 ** 20;

export const masksNpzProduct: ScanProduct = { key: 'masks', name: 'masks.npz', write: masksNpz };

function masksNpz(scan: FinishedScan): ProductRecord {
  const { dir, plan, layout: l, constraints: infos, cells: files } = scan;
  // The constraint whose band decodeMasks fills `preferred` from.
  const pref = infos.find((c) => c.preferred && c.bit >= 0);
  const hasPreferred = pref !== undefined;
  const nArrays = infos.length + (hasPreferred ? 3 : 1);
  const bytes = l.cells * nArrays;
  if (bytes > MASKS_NPZ_MAX_BYTES) {
    return {
      file: null,
      skipped: `${bytes} bytes of masks exceed the in-memory limit of ${MASKS_NPZ_MAX_BYTES}; the same bits are in cells/mask.npy`,
    };
  }
  const arrays: Omit<NamedArray, 'data'>[] = infos.map((c) => ({ name: `mask_${c.id}`, dtype: '<u1', shape: l.shape }));
  arrays.push({ name: 'allowed', dtype: '<u1', shape: l.shape });
  if (hasPreferred) arrays.push({ name: 'preferred', dtype: '<u1', shape: l.shape }, { name: 'viable', dtype: '<u1', shape: l.shape });
  const axes: NamedArray[] = [
    { name: 'mx', dtype: '<f8', shape: [l.nMx], data: plan.mx.values },
    { name: 'gx', dtype: '<f8', shape: [l.nGx], data: plan.gx.values },
    { name: plan.mix.kind, dtype: '<f8', shape: [plan.mix.values.length], data: plan.mix.values },
  ];
  // Streamed: every mask member is filled block by block of cells (cell order, model after model), so
  // memory holds one block whatever the size; the bytes are those of the whole archive built at once.
  const out = new NpzStream(join(dir, 'masks.npz'), [...arrays, ...axes]);
  try {
    const allowedAt = infos.length;
    for (let m = 0; m < l.nModels; m++) {
      for (const [first, n] of modelBlocks(l, m, scan.blockCells)) {
        const masks = decodeMasks(files.words(first, n, l), l.words, infos, n);
        masks.byConstraint.forEach((mask, k) => out.append(k, mask));
        out.append(allowedAt, masks.allowed);
        if (hasPreferred && masks.preferred) {
          const viable = new Uint8Array(n);
          for (let i = 0; i < n; i++) viable[i] = masks.allowed[i] & masks.preferred[i];
          out.append(allowedAt + 1, masks.preferred);
          out.append(allowedAt + 2, viable);
        }
      }
    }
    axes.forEach((a, k) => out.append(arrays.length + k, a.data));
    out.commit();
  } catch (e) {
    out.abort();
    throw e;
  }
  arrays.push(...axes);
  const exclusionIds = infos.filter((c) => !c.preferred && !c.projection).map((c) => c.id);
  const limit = infos.find((c) => c.upperLimit);
  const limitText = limit ? upperLimitNote(limit) : null;
  return {
    file: 'masks.npz',
    shape: l.shape,
    dims: ['model', 'mx', 'gx', ...(plan.profileEps ? [] : [plan.mix.kind])],
    arrays: arrays.map((a) => a.name),
    meaning: {
      'mask_<id>': `uint8, 1 where that constraint excludes the cell at its minimum (${PREFERRED_MASKS})`,
      ...(infos.some((c) => c.projection)
        ? {
            'mask_proj_<...>':
              'uint8, 1 where that projected future search would exclude the cell at its minimum; never counts in allowed or viable',
          }
        : {}),
      allowed: limit
        ? `uint8, 1 where no exclusion constraint excludes (${exclusionIds.length} constraints, including the ${limit.active.def.band!.plain} upper limit: its ${limit.upperLimit!.dataset} 2 sigma band includes zero)`
        : `uint8, 1 where no exclusion constraint excludes (${exclusionIds.length} constraints; the preferred-role ${PREFERRED_NAMES} term does not count)`,
      ...(pref
        ? {
            preferred: `uint8, 1 inside the ${pref.active.def.band!.plain} 2 sigma band (${pref.id} bit clear)`,
            viable: 'allowed and preferred',
          }
        : {}),
      axes: `mx [GeV], gx, ${plan.mix.kind} (float64; ${plan.profileEps ? `${plan.mix.kind} profiled: see cells/argmin_eps.npy` : `last mask axis`})`,
    },
    ...(hasPreferred
      ? {}
      : { note: limitText ?? `no active preferred-role constraint (${PREFERRED_IDS}): preferred and viable not written` }),
  };
}

function upperLimitNote(c: ConstraintInfo): string {
  const u = c.upperLimit!;
  const band = c.active.def.band!;
  return (
    `${band.plain} is an upper limit here: the 2 sigma band of ${u.dataset} (${u.lower} to ${u.upper} x ${u.unit}) includes ${band.observablePlain} = 0, ` +
    `so no preferred region exists and preferred/viable are not written; mask_${c.id} marks the excluded cells and counts in allowed (SPEC §4.1, §5.3-5.4)`
  );
}

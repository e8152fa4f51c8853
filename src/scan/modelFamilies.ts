// The (alpha, R) plane of vector models (SPEC §3.6, G2 eq. 4.4 and Fig. 2), expanded into ordinary
// models so that the engine treats it like any other: the model axis of the grid is the family's
// parameter.

import { vectorFromAlphaR } from '../models/index.js';
import { chargesFromVector, couplingRecordFromCharges, type ScanModel } from '../models/types.js';
import { buildAxis } from './axes.js';
import type { ScanSpec } from './spec.js';

type Family = Exclude<ScanSpec['models'], string | string[] | undefined>;

export function familyModels(family: Family): ScanModel[] {
  const alpha = buildAxis('models.alphaR.alpha', family.alphaR.alpha, {});
  const R = buildAxis('models.alphaR.R', family.alphaR.R, {});
  const out: ScanModel[] = [];
  for (const a of alpha.values) {
    for (const r of R.values) {
      const c = vectorFromAlphaR((a * Math.PI) / 180, r);
      const charges = chargesFromVector(c);
      const name = `alpha=${a.toPrecision(6)}deg,R=${r.toPrecision(6)}`;
      out.push({ id: `alphaR:${a}:${r}`, name, category: 'vector', charges, c, record: couplingRecordFromCharges(charges) });
    }
  }
  return out;
}

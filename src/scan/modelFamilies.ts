// Synthetic model families for model-space scans, expanded into ordinary models so that the engine
// treats them like any other: the model axis of the grid is the family's parameter.
//  - alphaR: the (alpha, R) plane of vector models (SPEC §3.6, G2 eq. 4.4 and Fig. 2);
//  - muonCouplings: directions (x_L2, x_E2) = (cos t, sin t) of a boson coupled only to the second
//    lepton family, for the model-independent mass bound of SPEC §5.5 (g_X sets the magnitude). Not
//    anomaly free by itself; it stands for the muon couplings of any model.

import { vectorFromAlphaR } from '../models/index.js';
import { chargesFromVector, couplingRecordFromCharges, type ChargeTable, type ScanModel } from '../models/types.js';
import { buildAxis } from './axes.js';
import type { ScanSpec } from './spec.js';

type Family = Exclude<ScanSpec['models'], string | string[]>;

export function familyModels(family: Family): ScanModel[] {
  if ('alphaR' in family) {
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
  const n = family.muonCouplings.n;
  return Array.from({ length: n }, (_, i) => {
    // Half a turn covers every direction: (a, b) and (-a, -b) differ only by the sign of g_X.
    const t = (Math.PI * i) / n;
    const zero: [number, number, number] = [0, 0, 0];
    const charges: ChargeTable = {
      Q: [...zero], U: [...zero], D: [...zero], N: [...zero],
      L: [0, Math.cos(t), 0], E: [0, Math.sin(t), 0],
    };
    return { id: `muon:${i}/${n}`, name: `x_L2=cos(${((180 * i) / n).toFixed(3)}deg)`, category: 'custom', charges, record: couplingRecordFromCharges(charges) };
  });
}

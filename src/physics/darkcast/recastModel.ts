// What a recast needs to know about a model: its charges per unit g_X, possibly mass dependent (DarkCast's
// L_i − L_j models carry a loop-induced κ(m)), and an optional width into dark states.

import type { CouplingRecord } from '../../models/types.js';
import { couplingsFromRecord, type FermionCouplings } from './fermionCouplings.js';

export interface RecastModel {
  /** Readable name, printed with recast output. */
  name: string;
  /** Charges x_f at mass m (GeV), per unit g_X, before kinetic mixing. */
  couplings(m: number): FermionCouplings;
  /**
   * Width into dark (non-SM) states relative to the SM width, Γ_dark = r · Γ_SM. Zero when absent: u1x
   * models have no dark sector unless they say so.
   */
  darkWidthOverSm?: number;
}

/** Adapter from a u1x scan model's coupling record (SPEC §2.3; charges are mass independent). */
export function recastModelFromRecord(name: string, record: CouplingRecord): RecastModel {
  const x = couplingsFromRecord(record);
  return { name, couplings: () => x };
}

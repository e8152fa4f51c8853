// What a recast needs to know about a model: its charges per unit g_X, possibly mass dependent (DarkCast's
// L_i − L_j models carry a loop-induced κ(m)), and an optional width into dark states.

import type { CouplingRecord } from '../../models/types.js';
import { onShellRadiativeMixing, radiativeMixingAtZero, type LeptonVectorCharges } from '../radiativeMixing.js';
import { couplingsFromRecord, ELECTRIC_CHARGE, type FermionCouplings, type FermionField } from './fermionCouplings.js';

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

/**
 * A u1x model with eps = 0 in the UV (SPEC §4.15): every vector charge picks up k Q_f with the on-shell
 * k = |k_rad(m²)| (sign of k_rad(0)), the modulus convention of DarkCast's L_i − L_j models. Unlike DarkCast,
 * which attaches κ only to the fermions without a direct charge, the induced mixing also shifts the charged
 * leptons that carry X charge (the μ and τ of L_μ − L_τ: 1 − k, −1 − k). Below 2 m_μ no rate of an
 * L_μ − L_τ boson involves the muon coupling, and the two recasts coincide. The caller checks the scope
 * (no quark charges, lepton charges summing to zero).
 */
export function recastModelWithRadiativeMixing(name: string, record: CouplingRecord): RecastModel {
  const x = couplingsFromRecord(record);
  const leptons: LeptonVectorCharges = { e: record.eV, mu: record.muV, tau: record.tauV };
  const k0 = radiativeMixingAtZero(leptons);
  const charged = Object.entries(ELECTRIC_CHARGE) as [FermionField, number][];
  return {
    name: `${name} (eps radiative, 0 in the UV)`,
    couplings: (m) => {
      const k = onShellRadiativeMixing(m, leptons, k0);
      const y = { ...x };
      for (const [f, q] of charged) y[f] += k * q;
      return y;
    },
  };
}

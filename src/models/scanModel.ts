// From exact charges to the engine's ScanModel (types.ts): category, decimal charges, coupling record.
import {
  hasVectorLeptons,
  hasVectorQuarksPerFamily,
  toChargeTable,
  universalQuarkCharge,
  vectorCoefficientsOf,
  type ChargeAssignment,
} from './charges.js';
import { couplingRecordFromCharges, type ModelCategory, type ScanModel } from './types.js';

/**
 * vector: universal quarks and x_Li = x_Ei in every family (SPEC §3.2, flavour by flavour);
 * chiral: universal quarks, some charged lepton with x_Li != x_Ei (SPEC §3.4);
 * nonuniversal: quarks vector-like within each family but different across families (SPEC §3.7);
 * custom: anything else (chiral quark charges).
 */
export function categorize(ca: ChargeAssignment): ModelCategory {
  if (universalQuarkCharge(ca)) return hasVectorLeptons(ca) ? 'vector' : 'chiral';
  return hasVectorQuarksPerFamily(ca) ? 'nonuniversal' : 'custom';
}

// The engine's ScanModel carries decimals; the exact charges it was built from are kept beside it, so
// that reports (anomaly check, catalog id) about a resolved model stay exact, e.g. for x_q = 1/3.
const exactCharges = new WeakMap<ScanModel, ChargeAssignment>();

/** The exact charges of a model built by this module (undefined for a ScanModel made elsewhere). */
export function exactChargesOf(model: ScanModel): ChargeAssignment | undefined {
  return exactCharges.get(model);
}

export function scanModelFromAssignment(id: string, name: string, ca: ChargeAssignment): ScanModel {
  const charges = toChargeTable(ca);
  const category = categorize(ca);
  const model: ScanModel = { id, name, category, charges, record: couplingRecordFromCharges(charges) };
  const c = category === 'vector' ? vectorCoefficientsOf(ca) : undefined;
  if (c) model.c = { B: c.B.toNumber(), e: c.e.toNumber(), mu: c.mu.toNumber(), tau: c.tau.toNumber() };
  exactCharges.set(model, ca);
  return model;
}

// Charge sets of SPEC §3.5 step 1: integer charges in [-maxCharge, maxCharge], up to per-species family
// permutations, overall sign and rescaling. The single-thread path lives here; parallelEnumeration.ts
// spreads the same kernel over worker threads and must give the identical, identically ordered list.
import type { Triple } from './charges.js';
import { enumerateSetsForSums, leptonSums, SET_STRIDE } from './enumerationKernel.js';
import { UserError } from '../util/errors.js';

/** A canonical charge set: universal quark charge and sorted L, E, N triples (integers). */
export interface ChargeSet {
  xq: number;
  L: Triple<number>;
  E: Triple<number>;
  N: Triple<number>;
}

/**
 * "Maximal ratio of largest to smallest non-zero charge at most N" is, in practice, integers in [-N, N]
 * (SPEC §3.5 step 1). Bigger bounds only cost time; 200 keeps the output to about a million sets.
 */
export const MAX_CHARGE_LIMIT = 200;

export function checkMaxCharge(maxCharge: number): number {
  if (!Number.isInteger(maxCharge) || maxCharge < 0 || maxCharge > MAX_CHARGE_LIMIT) {
    throw new UserError(`--max-charge must be an integer between 0 and ${MAX_CHARGE_LIMIT} (got ${maxCharge})`);
  }
  return maxCharge;
}

/** Decode the kernel's flat output (already in (x_q, L, E, N) order, see enumerationKernel.ts). */
export function decodeSets(flat: Int32Array): ChargeSet[] {
  const sets: ChargeSet[] = [];
  for (let i = 0; i < flat.length; i += SET_STRIDE) {
    const t = (k: number): Triple<number> => [flat[i + k], flat[i + k + 1], flat[i + k + 2]];
    sets.push({ xq: flat[i], L: t(1), E: t(4), N: t(7) });
  }
  return sets;
}

export function enumerateChargeSets(maxCharge: number): ChargeSet[] {
  checkMaxCharge(maxCharge);
  return decodeSets(enumerateSetsForSums(maxCharge, leptonSums(maxCharge)));
}

// The catalog entry (and so the catalog id) of any quark-universal charge assignment, whatever its
// normalisation and sign, so that ids, benchmarks, files and expressions meet the catalog's entries
// (ids.ts states the id rule).
import { primitiveIntegers } from './canonical.js';
import { canonicalChiralTuple, canonicalVectorTuple, chiralCatalogEntry, vectorCatalogEntry, type CatalogEntry } from './catalog.js';
import { hasVectorLeptons, universalQuarkCharge, type ChargeAssignment } from './charges.js';

/** undefined for assignments outside the catalog's model space (non-universal quarks). */
export function catalogEntryOf(ca: ChargeAssignment): CatalogEntry | undefined {
  const xq = universalQuarkCharge(ca);
  if (!xq) return undefined;
  if (hasVectorLeptons(ca)) {
    const [q, ...l] = primitiveIntegers([xq, ...ca.L]);
    return vectorCatalogEntry(canonicalVectorTuple(q, l));
  }
  const ints = primitiveIntegers([xq, ...ca.L, ...ca.E, ...ca.N]);
  return chiralCatalogEntry(canonicalChiralTuple(ints[0], ints.slice(1, 4), ints.slice(4, 7), ints.slice(7)));
}

export const catalogIdOf = (ca: ChargeAssignment): string | undefined => catalogEntryOf(ca)?.id;

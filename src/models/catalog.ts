// The model catalog: charge sets (SPEC §3.5 step 1) expanded into phenomenologically distinct models
// (step 2 for vector sets; one entry per flavour assignment for chiral sets).
import { universalFromIntegers, type Triple } from './charges.js';
import { canonicalSign, gcdInt, negated, setKey, sortedTriple, vectorTupleSign } from './canonical.js';
import { chiralPattern, hasFlavourUniversalLeptons, isVectorSet, vectorClasses, vectorClassLabel, type ChiralPattern } from './classify.js';
import { enumerateChargeSets, type ChargeSet } from './enumerate.js';
import { chiralModelId, vectorModelId, type ChiralTuple, type VectorTuple } from './ids.js';
import { Rational } from './rational.js';
import { scanModelFromAssignment } from './scanModel.js';
import type { ScanModel, VectorCoefficients } from './types.js';
import { vectorModelName } from './vectorNames.js';

export type CatalogCategory = 'vector' | 'chiral';

export interface CatalogEntry {
  id: string;
  name: string;
  category: CatalogCategory;
  /**
   * vector: classes of the sterile-neutrino solutions found for these lepton charges, e.g. `1+2`
   * (class 1 is always among them: x_N = leptons); chiral: `b-pattern` (MF Table 1) or `sporadic`.
   */
  classLabel: string;
  /** Integer charges in the catalog normalisation: (x_q, leptons[, N]) primitive. */
  xq: number;
  /** Per flavour e, mu, tau. */
  L: Triple<number>;
  E: Triple<number>;
  /** Sorted; no flavour meaning. Vector models carry x_N = leptons (class 1, always a solution). */
  N: Triple<number>;
  c?: VectorCoefficients;
}

export interface ClassifiedSet extends ChargeSet {
  category: CatalogCategory;
  classLabel: string;
}

export interface CatalogCounts {
  maxCharge: number;
  sets: number;
  vectorSets: number;
  chiralSets: number;
  /** Among vector sets (SPEC §3.5; VALIDATION §1: 79 / 187 / 13 / 2 at N = 10). */
  vectorClasses: { class1: number; class2: number; both: number; class3: number };
  chiralPatterns: Record<ChiralPattern, number>;
  /** Sets with x_L1 = x_L2 = x_L3 and x_E1 = x_E2 = x_E3 (3 at N = 10). */
  flavourUniversalLeptonSets: number;
  vectorModels: number;
  /** Step 2 without dividing by the gcd after dropping N (446 at N = 10): shows the step is needed. */
  vectorModelsWithoutRescaling: number;
  /** Step 2 without identifying a tuple with its negative (422 at N = 10). */
  vectorModelsWithoutSignIdentification: number;
  chiralModels: number;
}

export interface Catalog {
  maxCharge: number;
  sets: ClassifiedSet[];
  vector: CatalogEntry[];
  chiral: CatalogEntry[];
  counts: CatalogCounts;
}

/** Distinct orderings of a triple (1, 3 or 6 of them). */
function distinctPermutations<T>(t: readonly T[], key: (x: T) => string): T[][] {
  const orders = [
    [0, 1, 2],
    [0, 2, 1],
    [1, 0, 2],
    [1, 2, 0],
    [2, 0, 1],
    [2, 1, 0],
  ];
  const seen = new Map<string, T[]>();
  for (const o of orders) {
    const p = o.map((i) => t[i]);
    seen.set(p.map(key).join('|'), p);
  }
  return [...seen.values()];
}

/** Canonical vector tuple (SPEC §3.5 step 2.2), with switches for the diagnostic counts of VALIDATION §1. */
export function canonicalVectorTuple(
  xq: number,
  l: readonly number[],
  opts: { rescale?: boolean; identifySign?: boolean } = {},
): VectorTuple {
  let [q, a, b, c] = [xq, l[0], l[1], l[2]];
  const g = opts.rescale === false ? 1 : gcdInt(gcdInt(q, a), gcdInt(b, c));
  if (g > 1) [q, a, b, c] = [q / g, a / g, b / g, c / g];
  const s = opts.identifySign === false ? 1 : vectorTupleSign(q, a, b, c);
  return { xq: s * q + 0, l: [s * a + 0, s * b + 0, s * c + 0] }; // + 0: no -0 in ids
}

export function canonicalChiralTuple(xq: number, L: readonly number[], E: readonly number[], N: readonly number[]): ChiralTuple {
  const ordered = [xq, ...L, ...E, ...sortedTriple(N)];
  const key = setKey(xq, [L, E, N]);
  const negKey = setKey(-xq, [negated(L), negated(E), negated(N)]);
  const s = canonicalSign(key, negKey, ordered) === 1 ? ordered : negated(ordered);
  const t3 = (i: number): Triple<number> => [s[i], s[i + 1], s[i + 2]];
  return { xq: s[0], L: t3(1), E: t3(4), N: sortedTriple(t3(7)) };
}

const exactVector = (c: VectorCoefficients) => ({
  B: Rational.of(c.B),
  e: Rational.of(c.e),
  mu: Rational.of(c.mu),
  tau: Rational.of(c.tau),
});

/** A vector catalog entry from its canonical tuple; `classLabel` is known only inside a catalog build. */
export function vectorCatalogEntry(t: VectorTuple, classLabel = ''): CatalogEntry {
  const c: VectorCoefficients = { B: 3 * t.xq, e: t.l[0], mu: t.l[1], tau: t.l[2] };
  return {
    id: vectorModelId(t),
    name: vectorModelName(exactVector(c)),
    category: 'vector',
    classLabel,
    xq: t.xq,
    L: [...t.l],
    E: [...t.l],
    N: sortedTriple(t.l),
    c,
  };
}

/** A chiral catalog entry; its name gives the nucleon charge, then (L, E) per flavour e, mu, tau. */
export function chiralCatalogEntry(t: ChiralTuple, classLabel = ''): CatalogEntry {
  // No commas: names must survive CSV cells and comma-separated --model lists unquoted.
  const b = t.xq === 0 ? '' : `${3 * t.xq}B `;
  const name = `${b}L(${t.L.join(' ')}) E(${t.E.join(' ')})`;
  return { id: chiralModelId(t), name, category: 'chiral', classLabel, ...t };
}

/** Catalog order: smallest largest |charge| first, then by (x_q, L, E) descending; keys built once. */
function sortEntries(entries: CatalogEntry[]): CatalogEntry[] {
  const keyed = entries.map((e) => {
    const key = [e.xq, ...e.L, ...e.E];
    return { e, size: Math.max(...key.map(Math.abs)), key };
  });
  keyed.sort((x, y) => {
    if (x.size !== y.size) return x.size - y.size;
    for (let i = 0; i < x.key.length; i++) if (x.key[i] !== y.key[i]) return y.key[i] - x.key[i];
    return 0;
  });
  return keyed.map((k) => k.e);
}

export function buildCatalog(maxCharge: number, sets: ChargeSet[] = enumerateChargeSets(maxCharge)): Catalog {
  const classified: ClassifiedSet[] = [];
  // Vector tuples are keyed by a number (base 2N + 1 digits; < 2^53 up to N = 200), not by their id
  // string: hundreds of thousands of tuples pass through here at N = 40, ids are made once per model.
  const base = 2 * maxCharge + 1;
  const tupleKey = (t: VectorTuple) =>
    (((t.xq + maxCharge) * base + t.l[0] + maxCharge) * base + t.l[1] + maxCharge) * base + t.l[2] + maxCharge;
  const vectorClassesByTuple = new Map<number, { t: VectorTuple; classes: number }>();
  const noRescale = new Set<number>();
  const noSign = new Set<number>();
  const chiral = new Map<string, CatalogEntry>();
  const classCounts = { class1: 0, class2: 0, both: 0, class3: 0 };
  const patternCounts: Record<ChiralPattern, number> = { 'b-pattern': 0, sporadic: 0 };

  for (const s of sets) {
    if (isVectorSet(s)) {
      const cls = vectorClasses(s);
      classCounts.class1 += +cls.class1;
      classCounts.class2 += +cls.class2;
      classCounts.both += +(cls.class1 && cls.class2);
      classCounts.class3 += +cls.class3;
      classified.push({ ...s, category: 'vector', classLabel: vectorClassLabel(cls) });
      const classBits = (cls.class1 ? 1 : 0) | (cls.class2 ? 2 : 0) | (cls.class3 ? 4 : 0);
      // Step 2: drop N, every distinct flavour ordering of the lepton multiset, normalise.
      for (const l of distinctPermutations(s.L, String)) {
        const t = canonicalVectorTuple(s.xq, l);
        const key = tupleKey(t);
        const slot = vectorClassesByTuple.get(key);
        if (slot) slot.classes |= classBits;
        else vectorClassesByTuple.set(key, { t, classes: classBits });
        noRescale.add(tupleKey(canonicalVectorTuple(s.xq, l, { rescale: false })));
        noSign.add(tupleKey(canonicalVectorTuple(s.xq, l, { identifySign: false })));
      }
    } else {
      const pattern = chiralPattern(s);
      patternCounts[pattern] += 1;
      classified.push({ ...s, category: 'chiral', classLabel: pattern });
      // Rank pairing fixes which E shares a charged lepton with which L (classify.ts); the three
      // (L, E) pairs are then assigned to (e, mu, tau) in every distinct way.
      const pairs = s.L.map((x, i) => [x, s.E[i]] as const);
      for (const p of distinctPermutations(pairs, (q) => q.join(','))) {
        const t = canonicalChiralTuple(
          s.xq,
          p.map((q) => q[0]),
          p.map((q) => q[1]),
          s.N,
        );
        chiral.set(chiralModelId(t), chiralCatalogEntry(t, pattern));
      }
    }
  }

  const vector = [...vectorClassesByTuple.values()].map(({ t, classes }) =>
    vectorCatalogEntry(t, vectorClassLabel({ class1: !!(classes & 1), class2: !!(classes & 2), class3: !!(classes & 4) })),
  );
  const chiralEntries = sortEntries([...chiral.values()]);
  const vectorSets = classified.filter((s) => s.category === 'vector').length;
  return {
    maxCharge,
    sets: classified,
    vector: sortEntries(vector),
    chiral: chiralEntries,
    counts: {
      maxCharge,
      sets: sets.length,
      vectorSets,
      chiralSets: sets.length - vectorSets,
      vectorClasses: classCounts,
      chiralPatterns: patternCounts,
      flavourUniversalLeptonSets: sets.filter(hasFlavourUniversalLeptons).length,
      vectorModels: vector.length,
      vectorModelsWithoutRescaling: noRescale.size,
      vectorModelsWithoutSignIdentification: noSign.size,
      chiralModels: chiralEntries.length,
    },
  };
}

const cache = new Map<number, Catalog>();

/** The catalog for a charge bound, built once per process. */
export function getCatalog(maxCharge: number): Catalog {
  let c = cache.get(maxCharge);
  if (!c) {
    c = buildCatalog(maxCharge);
    cache.set(maxCharge, c);
  }
  return c;
}

export function catalogEntryToScanModel(e: CatalogEntry): ScanModel {
  return scanModelFromAssignment(e.id, e.name, universalFromIntegers(e.xq, e.L, e.E, e.N));
}

export type CategorySelector = CatalogCategory | 'all';

export function catalogEntries(maxCharge: number, category: CategorySelector): CatalogEntry[] {
  const c = getCatalog(maxCharge);
  return category === 'vector' ? c.vector : category === 'chiral' ? c.chiral : [...c.vector, ...c.chiral];
}

/** Catalog models for the engine: the 419 vector models at N = 10, the chiral entries, or both. */
export function catalogModels(opts: { maxCharge?: number; category?: CategorySelector } = {}): ScanModel[] {
  return catalogEntries(opts.maxCharge ?? 10, opts.category ?? 'vector').map(catalogEntryToScanModel);
}

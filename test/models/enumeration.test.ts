import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../../src/models/catalog.js';
import { hasFlavourUniversalLeptons, isVectorSet, vectorClasses } from '../../src/models/classify.js';
import { enumerateChargeSets, type ChargeSet } from '../../src/models/enumerate.js';
import { enumerateChargeSetsParallel, splitSums } from '../../src/models/parallelEnumeration.js';
import { leptonSums } from '../../src/models/enumerationKernel.js';
import { CLASS_3_SETS, COUNTS_N10, PUBLISHED_CHIRAL_SETS } from './published.js';

const sorted = (t: readonly number[]) => [...t].sort((a, b) => a - b);
/** A set and its negative written the same way, to compare with published sets "up to overall sign". */
const signFree = (xq: number, L: number[], E: number[], N: number[]) => {
  const key = (s: number) =>
    JSON.stringify([s * xq, sorted(L.map((x) => s * x)), sorted(E.map((x) => s * x)), sorted(N.map((x) => s * x))]);
  return [key(1), key(-1)].sort()[0];
};
const keyOf = (s: ChargeSet) => signFree(s.xq, s.L, s.E, s.N);

const sets10 = enumerateChargeSets(10);

describe('charge sets at integer charges in [-10, 10] (VALIDATION §1)', () => {
  it('276 sets: 255 vector, 21 chiral', () => {
    expect(sets10).toHaveLength(COUNTS_N10.sets);
    expect(sets10.filter(isVectorSet)).toHaveLength(COUNTS_N10.vectorSets);
    expect(sets10.filter((s) => !isVectorSet(s))).toHaveLength(COUNTS_N10.chiralSets);
  });

  it('the chiral sets are exactly the 18 of MF Table 1 plus the 3 of MF eqs. 2.27-2.29', () => {
    const ours = new Set(sets10.filter((s) => !isVectorSet(s)).map(keyOf));
    const published = new Set(PUBLISHED_CHIRAL_SETS.map((s) => signFree(s.xq, s.L, s.E, s.N)));
    expect(published.size).toBe(21);
    expect(ours).toEqual(published);
  });

  it('spot checks: tilde-L_{mu-tau}, B - L, the N-only set and the all-zero set are there', () => {
    const keys = new Set(sets10.map(keyOf));
    expect(keys.has(signFree(0, [-6, -1, 7], [-7, 1, 6], [-7, -2, 9]))).toBe(true); // VALIDATION §1, G2 eq. 5.1
    expect(keys.has(signFree(1, [-3, -3, -3], [-3, -3, -3], [-3, -3, -3]))).toBe(true);
    expect(keys.has(signFree(0, [0, 0, 0], [0, 0, 0], [-1, 0, 1]))).toBe(true);
    expect(keys.has(signFree(0, [0, 0, 0], [0, 0, 0], [0, 0, 0]))).toBe(true);
  });

  it('class counts among vector sets: 79 / 187 / 13 / 2', () => {
    const cls = sets10.filter(isVectorSet).map(vectorClasses);
    expect(cls.filter((c) => c.class1)).toHaveLength(COUNTS_N10.vectorClasses.class1);
    expect(cls.filter((c) => c.class2)).toHaveLength(COUNTS_N10.vectorClasses.class2);
    expect(cls.filter((c) => c.class1 && c.class2)).toHaveLength(COUNTS_N10.vectorClasses.both);
    expect(cls.filter((c) => c.class3)).toHaveLength(COUNTS_N10.vectorClasses.class3);
  });

  it('the two class-3 sets are those of MF eq. 2.22', () => {
    const class3 = sets10
      .filter((s) => isVectorSet(s) && vectorClasses(s).class3)
      .map(keyOf)
      .sort();
    const published = CLASS_3_SETS.map(({ l, N }) => signFree(-(l[0] + l[1] + l[2]) / 9, l, l, N)).sort();
    expect(class3).toEqual(published);
  });

  it('three sets have flavour-universal charged leptons: all-zero, B - L, N-only', () => {
    const universal = sets10.filter(hasFlavourUniversalLeptons).map(keyOf).sort();
    expect(universal).toEqual(
      [
        signFree(0, [0, 0, 0], [0, 0, 0], [0, 0, 0]),
        signFree(1, [-3, -3, -3], [-3, -3, -3], [-3, -3, -3]),
        signFree(0, [0, 0, 0], [0, 0, 0], [-1, 0, 1]),
      ].sort(),
    );
  });

  it('every set is primitive, inside the bound, and listed once up to sign', () => {
    const keys = sets10.map(keyOf);
    expect(new Set(keys).size).toBe(keys.length);
    for (const s of sets10) {
      const all = [s.xq, ...s.L, ...s.E, ...s.N];
      expect(Math.max(...all.map(Math.abs))).toBeLessThanOrEqual(10);
    }
  });

  it('comes out sorted by (x_q, L, E, N) without a sort (the kernel generates in that order)', () => {
    const keys = enumerateChargeSets(17).map((s) => [s.xq, ...s.L, ...s.E, ...s.N]);
    for (let i = 1; i < keys.length; i++) {
      const k = keys[i - 1].findIndex((x, j) => x !== keys[i][j]);
      expect(k >= 0 && keys[i - 1][k] < keys[i][k], `sets ${i - 1} and ${i}`).toBe(true);
    }
  });

  it('N = 0 leaves only the dark photon', () => {
    expect(enumerateChargeSets(0)).toEqual([{ xq: 0, L: [0, 0, 0], E: [0, 0, 0], N: [0, 0, 0] }]);
  });
});

describe('parallel enumeration', () => {
  it('splits the lepton sums without losing or repeating one', () => {
    for (const parts of [1, 2, 3, 8]) {
      const split = splitSums(20, parts);
      const ascending = (xs: number[]) => [...xs].sort((a, b) => a - b);
      expect(ascending(split.flat())).toEqual(ascending(leptonSums(20)));
    }
  });

  it('worker threads give the same sets in the same order as the single thread', async () => {
    for (const n of [10, 17]) {
      expect(await enumerateChargeSetsParallel(n, 3)).toEqual(enumerateChargeSets(n));
    }
    const counts = buildCatalog(10, await enumerateChargeSetsParallel(10, 2)).counts;
    expect(counts.sets).toBe(COUNTS_N10.sets);
    expect(counts.vectorModels).toBe(COUNTS_N10.vectorModels);
  });
});

import { describe, expect, it } from 'vitest';
import { buildCatalog, catalogModels, getCatalog } from '../../src/models/catalog.js';
import { parseModelId } from '../../src/models/ids.js';
import { resolveModel } from '../../src/models/resolve.js';
import { checkAnomalies } from '../../src/models/anomaly.js';
import { exactChargesOf } from '../../src/models/scanModel.js';
import { COUNTS_N10, PUBLISHED_CHIRAL_SETS } from './published.js';

const catalog = getCatalog(10);

describe('phenomenologically distinct models at N = 10 (VALIDATION §1)', () => {
  it('419 vector models, 446 without rescaling, 422 without sign identification', () => {
    expect(catalog.counts.vectorModels).toBe(COUNTS_N10.vectorModels);
    expect(catalog.vector).toHaveLength(COUNTS_N10.vectorModels);
    expect(catalog.counts.vectorModelsWithoutRescaling).toBe(COUNTS_N10.vectorModelsWithoutRescaling);
    expect(catalog.counts.vectorModelsWithoutSignIdentification).toBe(COUNTS_N10.vectorModelsWithoutSignIdentification);
  });

  it('all counts of VALIDATION §1 in one object', () => {
    const { sets, vectorSets, chiralSets, vectorClasses, flavourUniversalLeptonSets } = catalog.counts;
    expect({ sets, vectorSets, chiralSets, vectorClasses, flavourUniversalLeptonSets }).toEqual({
      sets: COUNTS_N10.sets,
      vectorSets: COUNTS_N10.vectorSets,
      chiralSets: COUNTS_N10.chiralSets,
      vectorClasses: COUNTS_N10.vectorClasses,
      flavourUniversalLeptonSets: COUNTS_N10.flavourUniversalLeptonSets,
    });
  });

  it('the 419 include the all-zero tuple (pure dark photon) and the SPEC §3.7 benchmarks', () => {
    const ids = new Set(catalog.vector.map((e) => e.id));
    // ids in integer normalisation (x_q, l) primitive: B - 3L_mu is x_q = 1, l_mu = -9, i.e. cB = 3
    for (const id of ['v:0:0:0:0', 'v:0:0:1:-1', 'v:0:1:-1:0', 'v:3:0:-9:0', 'v:3:-9:0:0', 'v:3:-6:0:-3', 'v:3:-6:-3:0', 'v:3:-3:-3:-3']) {
      expect(ids.has(id), id).toBe(true);
    }
    // G2 §4.2 family members 3B - 6L_e - 3L_tau + n (L_mu - L_tau) with |charges| <= 10
    for (let n = -7; n <= 4; n++) expect(ids.has(`v:3:-6:${n}:${-3 - n}`), `n = ${n}`).toBe(true);
  });

  it('every vector model is anomaly free and its id reads back to its own charges', () => {
    for (const e of catalog.vector) {
      const id = parseModelId(e.id);
      expect(id).toEqual({ kind: 'vector', cB: 3 * e.xq, l: e.L });
      expect(9 * e.xq + e.L[0] + e.L[1] + e.L[2]).toBe(0); // (A2): c_B = 3 x_q = -(sum l)/3, SPEC §3.3
    }
    for (const m of catalogModels({ maxCharge: 10, category: 'all' })) {
      expect(checkAnomalies(exactChargesOf(m)!).anomalyFree, m.id).toBe(true);
    }
  });

  it('names read as the issue asks, e.g. 3B-6Le-3Ltau+3(Lmu-Ltau)', () => {
    const byId = new Map(catalog.vector.map((e) => [e.id, e.name]));
    expect(byId.get('v:3:-6:3:-6')).toBe('3B-6Le-3Ltau+3(Lmu-Ltau)');
    expect(byId.get('v:3:-6:1:-4')).toBe('3B-6Le-3Ltau+(Lmu-Ltau)');
    expect(byId.get('v:0:0:1:-1')).toBe('Lmu-Ltau');
    expect(byId.get('v:3:-3:-3:-3')).toBe('3B-3L');
    expect(byId.get('v:0:0:0:0')).toBe('dark-photon');
    // every name is itself a valid --model argument naming the same model
    for (const e of catalog.vector) expect(resolveModel(e.name).c, e.name).toEqual(e.c);
  });

  it('ids do not depend on the charge bound or on enumeration order', () => {
    const larger = new Map(buildCatalog(13).vector.map((e) => [e.id, e.name]));
    for (const e of catalog.vector) expect(larger.get(e.id), e.id).toBe(e.name);
    expect(new Set(catalog.vector.map((e) => e.id)).size).toBe(catalog.vector.length);
  });
});

describe('chiral catalog entries', () => {
  it('each of the 21 sets appears once per distinct assignment of its rank-paired (L, E) to (e, mu, tau)', () => {
    const distinctOrders = (L: number[], E: number[]) => {
      const pairs = L.map((l, i) => `${l},${E[i]}`);
      return new Set(
        [
          [0, 1, 2],
          [0, 2, 1],
          [1, 0, 2],
          [1, 2, 0],
          [2, 0, 1],
          [2, 1, 0],
        ].map((o) => o.map((i) => pairs[i]).join('|')),
      ).size;
    };
    const expected = PUBLISHED_CHIRAL_SETS.reduce((n, s) => n + distinctOrders(s.L, s.E), 0);
    expect(catalog.chiral).toHaveLength(expected);
    expect(catalog.counts.chiralModels).toBe(expected);
  });

  it('tilde-L_{mu-tau} with the flavour assignment of SPEC §3.4 is an entry, with the spec signs', () => {
    const entry = catalog.chiral.find((e) => e.id === 'c:0:-1:7:-6:1:6:-7:-7:-2:9');
    expect(entry).toMatchObject({ xq: 0, L: [-1, 7, -6], E: [1, 6, -7], N: [-7, -2, 9], classLabel: 'b-pattern' });
  });

  it('18 sets follow b = (b1, -2 b1, b1), 3 do not', () => {
    expect(catalog.counts.chiralPatterns).toEqual({ 'b-pattern': 18, sporadic: 3 });
  });

  it('catalogModels gives ScanModels with records, by category', () => {
    expect(catalogModels()).toHaveLength(COUNTS_N10.vectorModels); // default: vector, N = 10
    expect(catalogModels({ category: 'chiral' })).toHaveLength(catalog.chiral.length);
    const chiral = catalogModels({ category: 'chiral' }).find((m) => m.id === 'c:0:-1:7:-6:1:6:-7:-7:-2:9')!;
    expect(chiral.category).toBe('chiral');
    expect(chiral.record).toMatchObject({ eV: 0, eA: -1, muV: 6.5, muA: 0.5, nue: -1, numu: 7, nutau: -6, pV: 0 });
  });
});

import { describe, expect, it } from 'vitest';
import { BENCHMARKS, benchmarkModel, findBenchmark } from '../../src/models/benchmarks.js';
import { packCouplingRecords } from '../../src/models/records.js';
import { resolveModel } from '../../src/models/resolve.js';
import { COUPLING_FIELDS, type CouplingRecord } from '../../src/models/types.js';
import { E_CHARGE } from '../../src/physics/constants.js';

/** Effective couplings of SPEC §2.3 from a record: y = g_X q + eps_hat e Q (only vector parts shift). */
function couplings(r: CouplingRecord, gX: number, eps: number) {
  const epsHatE = (eps / Math.sqrt(1 - eps * eps)) * E_CHARGE;
  return {
    yVe: gX * r.eV - epsHatE,
    yAe: gX * r.eA,
    yVmu: gX * r.muV - epsHatE,
    yAmu: gX * r.muA,
    ynu: [gX * r.nue, gX * r.numu, gX * r.nutau],
    yp: gX * r.pV + epsHatE,
    yn: gX * r.nV,
    yu: gX * r.uV + (2 / 3) * epsHatE,
    yd: gX * r.dV - (1 / 3) * epsHatE,
  };
}

const rel = (x: number, want: number) => expect(Math.abs(x - want)).toBeLessThanOrEqual(1e-4 * Math.abs(want) + 1e-15);

describe('benchmarks (SPEC §3.7)', () => {
  it('VALIDATION §5: B - 2L_e - L_tau at g_X = 1e-3, eps = 1e-3', () => {
    const y = couplings(resolveModel('B-2Le-Ltau').record, 1e-3, 1e-3);
    rel(y.yVe, -2.302822e-3);
    rel(y.yVmu, -3.028223e-4);
    rel(y.ynu[0], -2.0e-3);
    rel(y.yp, 1.302822e-3);
    rel(y.yn, 1.0e-3);
    rel(y.yu, 5.352148e-4);
    rel(y.yd, 2.323926e-4);
    expect(y.yAe).toBe(0);
    expect(y.yAmu).toBe(0);
  });

  it('VALIDATION §5: tilde-L_{mu-tau} at g_X = 1e-4, eps = 1e-5', () => {
    const y = couplings(resolveModel('tLmu-tau').record, 1e-4, 1e-5);
    rel(y.yVe, -3.028221e-6);
    rel(y.yAe, -1.0e-4);
    rel(y.yVmu, 6.469718e-4);
    rel(y.yAmu, 5.0e-5);
    y.ynu.forEach((v, i) => rel(v, [-1e-4, 7e-4, -6e-4][i]));
    rel(y.yp, 3.028221e-6);
    expect(y.yn).toBe(0);
  });

  it('tilde-L_{mu-tau} has the exact charges of SPEC §3.4', () => {
    const m = resolveModel('tLmu-tau');
    expect(m.category).toBe('chiral');
    expect(m.charges).toEqual({
      Q: [0, 0, 0],
      U: [0, 0, 0],
      D: [0, 0, 0],
      L: [-1, 7, -6],
      E: [1, 6, -7],
      N: [-7, -2, 9],
    });
  });

  it('9B3 - 8L_mu - L_tau: third-family quarks only (SPEC §3.7)', () => {
    const m = resolveModel('9B3-8Lmu-Ltau');
    expect(m.category).toBe('nonuniversal');
    expect(m.charges.Q).toEqual([0, 0, -3]);
    expect(m.charges.U).toEqual([0, 0, -3]);
    expect(m.charges.D).toEqual([0, 0, -3]);
    // x_f = -(9 B3 - 8 L_mu - L_tau) in the sign of SPEC §3.7 (x_q3 = -3): e 0, mu 8, tau 1
    expect(m.charges.L).toEqual([0, 8, 1]);
    expect(m.c).toBeUndefined();
    const r = m.record;
    expect([r.uV, r.dV, r.sV, r.cV, r.pV, r.nV]).toEqual([0, 0, 0, 0, 0, 0]);
    expect([r.bV, r.tV]).toEqual([-3, -3]);
    expect([r.uA, r.dA, r.sA, r.cA, r.bA, r.tA]).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('dark photon: every charge and coupling zero, category vector', () => {
    const m = resolveModel('dark-photon');
    expect(m.category).toBe('vector');
    for (const f of COUPLING_FIELDS) expect(m.record[f], f).toBe(0);
    expect(m.c).toEqual({ B: 0, e: 0, mu: 0, tau: 0 });
  });

  it('vector benchmarks carry the (c_B; l) of the SPEC §3.7 table and quark charge c_B/3', () => {
    const table: Record<string, [number, number, number, number]> = {
      'Lmu-Ltau': [0, 0, 1, -1],
      'B-3Lmu': [1, 0, -3, 0],
      'Le-Lmu': [0, 1, -1, 0],
      'B-3Le': [1, -3, 0, 0],
      'B-2Le-Ltau': [1, -2, 0, -1],
      'B-2Le-Lmu': [1, -2, -1, 0],
      'B-L': [1, -1, -1, -1],
    };
    for (const [name, [B, e, mu, tau]] of Object.entries(table)) {
      const m = resolveModel(name);
      expect(m.c, name).toEqual({ B, e, mu, tau });
      expect(m.record.uV, name).toBeCloseTo(B / 3, 15);
      expect(m.record.pV, name).toBeCloseTo(B, 14);
      expect(m.record.nV, name).toBeCloseTo(B, 14);
      expect([m.record.eV, m.record.muV, m.record.tauV], name).toEqual([e, mu, tau]);
      expect([m.record.nue, m.record.numu, m.record.nutau], name).toEqual([e, mu, tau]);
    }
  });

  it('aliases are case-insensitive and forgiving about separators', () => {
    for (const alias of ['Lmu-Ltau', 'LmuLtau', 'lmu-ltau', 'L_mu-L_tau', 'L_mu - L_tau', 'LMULTAU']) {
      expect(findBenchmark(alias)?.key, alias).toBe('Lmu-Ltau');
    }
    expect(findBenchmark('b-3lmu')?.key).toBe('B-3Lmu');
    expect(findBenchmark('dark photon')?.key).toBe('dark-photon');
    expect(findBenchmark('tilde-Lmu-tau')?.key).toBe('tLmu-tau');
    expect(findBenchmark('third-family')?.key).toBe('9B3-8Lmu-Ltau');
    expect(findBenchmark('9B_3 - 8L_mu - L_tau')?.key).toBe('9B3-8Lmu-Ltau');
    // '-' is a sign, never a separator to drop: B3-Lmu is not B-3Lmu
    expect(findBenchmark('B3-Lmu')).toBeUndefined();
    expect(findBenchmark('B3Lmu')).toBeUndefined();
  });

  it('packs records in COUPLING_FIELDS order for the kernels', () => {
    const models = BENCHMARKS.map(benchmarkModel);
    const buf = packCouplingRecords(models);
    expect(buf.length).toBe(models.length * COUPLING_FIELDS.length);
    const k = COUPLING_FIELDS.indexOf('muA');
    const tilde = models.findIndex((m) => m.id === 'tLmu-tau');
    expect(buf[tilde * COUPLING_FIELDS.length + k]).toBe(0.5);
  });
});

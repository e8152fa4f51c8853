import { describe, expect, it } from 'vitest';
import { BENCHMARKS } from '../../src/models/benchmarks.js';
import { resolveModel, resolveModels } from '../../src/models/resolve.js';
import { UserError } from '../../src/util/errors.js';
import { COUNTS_N10 } from './published.js';

const userError = (f: () => unknown): string => {
  try {
    f();
  } catch (err) {
    expect(err).toBeInstanceOf(UserError);
    expect((err as Error).message).not.toContain('\n');
    return (err as Error).message;
  }
  throw new Error('expected a UserError');
};

describe('resolveModel', () => {
  it('benchmark keys are the ids of benchmark models', () => {
    for (const b of BENCHMARKS) expect(resolveModel(b.key).id).toBe(b.key);
    expect(resolveModel('  LmuLtau ').id).toBe('Lmu-Ltau');
  });

  it('catalog ids give the catalog entry, whatever scale or sign they are written in', () => {
    const m = resolveModel('v:3:0:-9:0');
    expect(m).toMatchObject({ id: 'v:3:0:-9:0', name: '3B-9Lmu', category: 'vector', c: { B: 3, e: 0, mu: -9, tau: 0 } });
    expect(resolveModel('v:-1:0:3:0').id).toBe('v:3:0:-9:0'); // B - 3L_mu as cB = -1, negated
    expect(resolveModel('v:0:0:-2:2').id).toBe('v:0:0:1:-1');
    expect(resolveModel('c:0:1:-7:6:-1:-6:7:-9:2:7').id).toBe('c:0:-1:7:-6:1:6:-7:-7:-2:9'); // tilde, negated
    expect(resolveModel('v:60:-40:-50:-90').id).toBe('v:6:-4:-5:-9'); // beyond any catalog bound is fine
  });

  it('bad catalog ids say what is wrong', () => {
    expect(userError(() => resolveModel('v:1:0:0:0'))).toMatch(/catalog id v:1:0:0:0 is not anomaly free: A2 .* = 3 instead of 0/);
    expect(userError(() => resolveModel('v:1:2'))).toMatch(/bad catalog id 'v:1:2'/);
    expect(userError(() => resolveModel('c:0:0:1:-1:0:1:-1:-1:0:1'))).toMatch(/vector model/);
  });

  it('vector expressions, in the normalisation written', () => {
    const m = resolveModel('3B-6Le-3Ltau+2(Lmu-Ltau)');
    expect(m.c).toEqual({ B: 3, e: -6, mu: 2, tau: -5 });
    expect(m.id).toBe('3B-6Le-3Ltau+2(Lmu-Ltau)');
    expect(resolveModel('B - (3/2)(L_mu + L_tau)').c).toEqual({ B: 1, e: 0, mu: -1.5, tau: -1.5 });
    expect(resolveModel('2*(B-L)').c).toEqual({ B: 2, e: -2, mu: -2, tau: -2 });
    expect(resolveModel('-Lmu+Ltau').c).toEqual({ B: 0, e: 0, mu: -1, tau: 1 });
    // printed names read back, fractions included
    const half = resolveModel('B - (3/2)(L_mu + L_tau)');
    expect(half.name).toBe('B-(3/2)Lmu-(3/2)Ltau');
    expect(resolveModel(half.name).c).toEqual(half.c);
  });

  it('anomalous or malformed expressions are refused with the reason', () => {
    expect(userError(() => resolveModel('B-Lmu'))).toMatch(/vector model B-Lmu is not anomaly free: A2 .* = 2 instead of 0/);
    expect(resolveModel('B-Lmu', { allowAnomalous: true }).c).toEqual({ B: 1, e: 0, mu: -1, tau: 0 });
    expect(userError(() => resolveModel('3B-6Le-3Ltau+N(Lmu-Ltau)'))).toMatch(/replace N by an integer, e.g. 3B-6Le-3Ltau\+2\(Lmu-Ltau\)/);
    expect(userError(() => resolveModel('B3-Lmu'))).toMatch(/B3.*9B3-8Lmu-Ltau/);
    expect(userError(() => resolveModel('Lmu*Ltau'))).toMatch(/product of two charges/);
  });

  it('unknown names list what would have been accepted', () => {
    const msg = userError(() => resolveModel('Zprime'));
    expect(msg).toMatch(/unknown model 'Zprime'/);
    expect(msg).toContain('Lmu-Ltau');
    expect(msg).toContain('.json');
    expect(userError(() => resolveModel(''))).toMatch(/empty/);
  });
});

describe('resolveModels', () => {
  it('comma-separated lists, deduplicated by id, in order', () => {
    expect(resolveModels('Lmu-Ltau, B-3Lmu,LmuLtau').map((m) => m.id)).toEqual(['Lmu-Ltau', 'B-3Lmu']);
  });

  it('catalog selectors', () => {
    expect(resolveModels('catalog:vector:10')).toHaveLength(COUNTS_N10.vectorModels);
    expect(resolveModels('catalog')).toHaveLength(COUNTS_N10.vectorModels);
    const all = resolveModels('catalog:all:10');
    expect(all.filter((m) => m.category === 'chiral').length).toBeGreaterThan(0);
    expect(all.filter((m) => m.category === 'vector')).toHaveLength(COUNTS_N10.vectorModels);
    expect(resolveModels('benchmarks')).toHaveLength(BENCHMARKS.length);
    expect(userError(() => resolveModels('catalog:weird'))).toMatch(/bad catalog selector/);
    expect(userError(() => resolveModels(' , '))).toMatch(/no models/);
  });
});

// Named benchmark models (SPEC §3.7, §3.4). Charges are in the normalisation the spec prints, which is
// the one VALIDATION §5 tests couplings in (e.g. B - 3L_mu has x_q = 1/3, not the catalog's x_q = 1).
import { universalFromIntegers, vectorAssignment, type ChargeAssignment, type Triple } from './charges.js';
import { Rational } from './rational.js';
import { scanModelFromAssignment } from './scanModel.js';
import type { ScanModel } from './types.js';

export interface Benchmark {
  /** The canonical key, also the ScanModel id. */
  key: string;
  /** Other accepted spellings (matched after lowercasing and dropping spaces and '_'; '-' is kept, it is a sign). */
  aliases: string[];
  description: string;
  source: string;
  charges: () => ChargeAssignment;
}

const vector = (cB: number, e: number, mu: number, tau: number) => () =>
  vectorAssignment({ B: Rational.of(cB), e: Rational.of(e), mu: Rational.of(mu), tau: Rational.of(tau) });

export const BENCHMARKS: readonly Benchmark[] = [
  {
    key: 'Lmu-Ltau',
    aliases: ['LmuLtau', 'mu-tau'],
    charges: vector(0, 0, 1, -1),
    description: 'standard benchmark; electron coupling only via kinetic mixing',
    source: 'SPEC §3.7; MF §3.5.1, G2',
  },
  {
    key: 'B-3Lmu',
    aliases: [],
    charges: vector(1, 0, -3, 0),
    description: 'quark charge 1/3',
    source: 'SPEC §3.7; MF §3.5.2, MA',
  },
  {
    key: 'Le-Lmu',
    aliases: ['LeLmu'],
    charges: vector(0, 1, -1, 0),
    description: 'a flavour permutation of L_mu - L_tau',
    source: 'SPEC §3.7; MF §3.5.3',
  },
  {
    key: 'B-3Le',
    aliases: [],
    charges: vector(1, -3, 0, 0),
    description: 'electron-flavoured baryon minus lepton number',
    source: 'SPEC §3.7; G2 Fig. 2',
  },
  {
    key: 'B-2Le-Ltau',
    aliases: [],
    charges: vector(1, -2, 0, -1),
    description: 'matter nearly X-neutral; muon coupling only via kinetic mixing',
    source: 'SPEC §3.7; G2 §3.2-3.3',
  },
  {
    key: 'B-2Le-Lmu',
    aliases: [],
    charges: vector(1, -2, -1, 0),
    description: 'matter nearly X-neutral',
    source: 'SPEC §3.7; MF §3.5.3, G2',
  },
  {
    key: 'B-L',
    aliases: [],
    charges: vector(1, -1, -1, -1),
    description: 'flavour universal (not a (g-2) candidate)',
    source: 'SPEC §3.7',
  },
  {
    key: 'dark-photon',
    aliases: ['darkphoton', 'DP'],
    charges: vector(0, 0, 0, 0),
    description: 'no U(1)_X charges; X couples only through kinetic mixing',
    source: 'SPEC §3.7; G2 §2.2',
  },
  {
    key: 'tLmu-tau',
    aliases: ['tilde-Lmu-tau', 'tLmu-Ltau', 'tilde-Lmu-Ltau', 'chiral-Lmu-Ltau', 'tLmutau'],
    // SPEC §3.4 / G2 eq. 5.1: e <-> (L, E) = (-1, 1), mu <-> (7, 6), tau <-> (-6, -7).
    charges: () => universalFromIntegers(0, [-1, 7, -6], [1, 6, -7], [-7, -2, 9]),
    description: 'chiral: axial electron, nearly vector muon, no quark charges',
    source: 'SPEC §3.4; G2 eq. 5.1, MF eq. 3.15',
  },
  {
    key: '9B3-8Lmu-Ltau',
    aliases: ['third-family'],
    charges: thirdFamilyCharges,
    description: 'third-family quarks only (x_q3 = -3), leptons (e, mu, tau) = (0, 8, 1)',
    source: 'SPEC §3.7; MF §2.3, §3.5.4',
  },
];

/**
 * 9B_3 - 8L_mu - L_tau in the sign of SPEC §3.7 (x_q12 = 0, x_q3 = -3): the name fixes the flavours,
 * x_mu = -(-8) = 8 and x_tau = 1, i.e. the multiset (0, 1, 8) of SPEC §3.7 in the order (e, mu, tau) =
 * (0, 8, 1). Anomaly condition (A2): 3 (0 + 0 - 3) + (0 + 8 + 1) = 0; N = L makes (A4), (A6) hold.
 */
function thirdFamilyCharges(): ChargeAssignment {
  const r = (x: number) => Rational.of(x);
  const q: Triple<Rational> = [r(0), r(0), r(-3)];
  const l: Triple<Rational> = [r(0), r(8), r(1)];
  return { Q: [...q], U: [...q], D: [...q], L: [...l], E: [...l], N: [...l] };
}

/** Vector families of G2 §4.2, base + N (L_mu - L_tau) for integer N; members resolve as expressions. */
export const BENCHMARK_FAMILIES = [
  { pattern: '3B-6Le-3Ltau+N(Lmu-Ltau)', source: 'SPEC §3.7; G2 §4.2' },
  { pattern: '3B-7Le-2Ltau+N(Lmu-Ltau)', source: 'SPEC §3.7; G2 §4.2' },
] as const;

/** The family a text names with a literal N, e.g. `3B-6Le-3Ltau+N(Lmu-Ltau)`. */
export function findBenchmarkFamily(text: string) {
  return BENCHMARK_FAMILIES.find((f) => normalizeBenchmarkKey(f.pattern) === normalizeBenchmarkKey(text));
}

export const normalizeBenchmarkKey = (s: string) => s.toLowerCase().replace(/[\s_]/g, '');

const byKey = new Map<string, Benchmark>();
for (const b of BENCHMARKS) for (const k of [b.key, ...b.aliases]) byKey.set(normalizeBenchmarkKey(k), b);

export function findBenchmark(name: string): Benchmark | undefined {
  return byKey.get(normalizeBenchmarkKey(name));
}

export function benchmarkModel(b: Benchmark): ScanModel {
  return scanModelFromAssignment(b.key, b.key, b.charges());
}

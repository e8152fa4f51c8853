// Exact U(1)_X charges of the chiral fields (SPEC §2.1), one entry per family; the Higgs charge is 0
// (SPEC §2.5: any other choice is a hypercharge shift away).
import { Rational } from './rational.js';
import type { ChargeTable, VectorCoefficients } from './types.js';

export const SPECIES = ['Q', 'U', 'D', 'L', 'E', 'N'] as const;
export type Species = (typeof SPECIES)[number];

export type Triple<T> = [T, T, T];

export type ChargeAssignment = Record<Species, Triple<Rational>>;

const triple = <A, B>(t: readonly [A, A, A], f: (a: A) => B): Triple<B> => [f(t[0]), f(t[1]), f(t[2])];

/** A quark-flavour-universal assignment: x_Qi = x_Ui = x_Di = xq (SPEC §3.2). */
export function universalAssignment(xq: Rational, L: Triple<Rational>, E: Triple<Rational>, N: Triple<Rational>): ChargeAssignment {
  const q: Triple<Rational> = [xq, xq, xq];
  return { Q: [...q], U: [...q], D: [...q], L: [...L], E: [...E], N: [...N] };
}

/** Integer convenience for the catalog and tests. */
export function universalFromIntegers(
  xq: number,
  L: readonly [number, number, number],
  E: readonly [number, number, number],
  N: readonly [number, number, number],
): ChargeAssignment {
  const r = (x: number) => Rational.of(x);
  return universalAssignment(r(xq), triple(L, r), triple(E, r), triple(N, r));
}

/**
 * Vector model x_f = cB B + ce L_e + cmu L_mu + ctau L_tau (SPEC §3.3): x_q = cB/3, L = E = (ce, cmu, ctau),
 * and by default N = (ce, cmu, ctau), the class-1 solution that always exists (SPEC §3.3).
 */
export function vectorAssignment(
  c: Record<keyof VectorCoefficients, Rational>,
  N: Triple<Rational> = [c.e, c.mu, c.tau],
): ChargeAssignment {
  const l: Triple<Rational> = [c.e, c.mu, c.tau];
  return universalAssignment(c.B.div(Rational.of(3)), l, l, N);
}

export function toChargeTable(ca: ChargeAssignment): ChargeTable {
  const out = {} as ChargeTable;
  for (const s of SPECIES) out[s] = triple(ca[s], (x) => x.toNumber());
  return out;
}

/** All nine quark charges equal (SPEC §3.2); returns that charge, else undefined. */
export function universalQuarkCharge(ca: ChargeAssignment): Rational | undefined {
  const xq = ca.Q[0];
  return [...ca.Q, ...ca.U, ...ca.D].every((x) => x.equals(xq)) ? xq : undefined;
}

/** Every charged lepton couples vectorially: x_Li = x_Ei family by family (SPEC §2.3). */
export function hasVectorLeptons(ca: ChargeAssignment): boolean {
  return ca.L.every((x, i) => x.equals(ca.E[i]));
}

/** Quarks vector-like within each family (x_Qi = x_Ui = x_Di), as in the third-family model of SPEC §3.7. */
export function hasVectorQuarksPerFamily(ca: ChargeAssignment): boolean {
  return [0, 1, 2].every((i) => ca.Q[i].equals(ca.U[i]) && ca.Q[i].equals(ca.D[i]));
}

/**
 * Vector coefficients of an assignment with universal quarks and vector leptons:
 * cB = 3 x_q (nucleon charge), (ce, cmu, ctau) = x_L (SPEC §3.3).
 */
export function vectorCoefficientsOf(ca: ChargeAssignment): Record<keyof VectorCoefficients, Rational> | undefined {
  const xq = universalQuarkCharge(ca);
  if (!xq || !hasVectorLeptons(ca)) return undefined;
  return { B: xq.mul(Rational.of(3)), e: ca.L[0], mu: ca.L[1], tau: ca.L[2] };
}

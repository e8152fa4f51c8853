// Canonical forms of charge tuples: one representative per model under overall rescaling and sign
// (SPEC §2.5: a common factor is absorbed in g_X, an overall sign in (g_X, eps) -> (-g_X, -eps)).
import type { Triple } from './charges.js';
import { commonDenominator, type Rational } from './rational.js';

export function gcdInt(a: number, b: number): number {
  a = Math.abs(a);
  b = Math.abs(b);
  while (b) [a, b] = [b, a % b];
  return a;
}

/** Rationals scaled to the primitive integer tuple with the same ratios (and the same signs). */
export function primitiveIntegers(xs: readonly Rational[]): number[] {
  const lcm = commonDenominator(xs);
  const ints = xs.map((x) => x.num * (lcm / x.den));
  let g = 0n;
  for (const v of ints) {
    let a = v < 0n ? -v : v;
    let b = g;
    while (b) [a, b] = [b, a % b];
    g = a;
  }
  const scaled = g > 1n ? ints.map((v) => v / g) : ints;
  if (scaled.some((v) => v > BigInt(Number.MAX_SAFE_INTEGER) || v < -BigInt(Number.MAX_SAFE_INTEGER))) {
    throw new RangeError('charges too large for an integer model id');
  }
  return scaled.map((v) => Number(v) + 0);
}

export const sortedTriple = (t: readonly number[]): Triple<number> => {
  const s = [...t].sort((a, b) => a - b);
  return [s[0], s[1], s[2]];
};

export const negated = (xs: readonly number[]): number[] => xs.map((x) => -x + 0);

function compareLex(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

/**
 * The sign rule, one for charge sets and flavour-ordered models alike (SPEC §3.5 step 5 leaves the
 * representative open): of a model and its negative keep the one whose *set key* — (x_q, L, E, N)
 * with each species sorted ascending — is lexicographically larger; when the set is its own negative,
 * keep the flavour-ordered tuple whose first non-zero entry is positive.
 * This keeps x_q > 0 whenever quarks are charged (B - L, B - 3L_mu) and gives tilde-L_{mu-tau} the
 * signs of SPEC §3.4. Returns +1 to keep the tuple as it is, -1 to negate it.
 */
export function canonicalSign(setKey: readonly number[], negatedSetKey: readonly number[], ordered: readonly number[]): 1 | -1 {
  const cmp = compareLex(setKey, negatedSetKey);
  if (cmp !== 0) return cmp > 0 ? 1 : -1;
  const first = ordered.find((x) => x !== 0) ?? 0;
  return first >= 0 ? 1 : -1;
}

/**
 * canonicalSign() for a vector tuple (x_q; l_e, l_mu, l_tau) with set key (x_q, sorted l), computed
 * without building keys: the catalog calls it some 10^5 times at N = 40. The negative's sorted leptons
 * are (-s3, -s2, -s1), so after x_q only s1 + s3 and s2 decide.
 */
export function vectorTupleSign(xq: number, a: number, b: number, c: number): 1 | -1 {
  if (xq !== 0) return xq > 0 ? 1 : -1;
  const s1 = Math.min(a, b, c);
  const s3 = Math.max(a, b, c);
  const s2 = a + b + c - s1 - s3;
  if (s1 + s3 !== 0) return s1 + s3 > 0 ? 1 : -1;
  if (s2 !== 0) return s2 > 0 ? 1 : -1;
  const first = a !== 0 ? a : b !== 0 ? b : c;
  return first >= 0 ? 1 : -1;
}

/** Set key of a quark-universal assignment given per species (N may be omitted for vector models). */
export function setKey(xq: number, species: readonly (readonly number[])[]): number[] {
  return [xq, ...species.flatMap((t) => sortedTriple(t))];
}

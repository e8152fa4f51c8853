// The Diophantine search of SPEC §3.5, step 1, as one self-contained function.
//
// SELF-CONTAINED ON PURPOSE: `enumerateSetsForSums.toString()` is shipped verbatim to worker threads
// (see parallelEnumeration.ts), so the body may reference nothing outside itself — no imports, no
// module-level helpers, no TypeScript-only runtime constructs.

/** Ints per set in the kernel's flat output: x_q, L1..3, E1..3, N1..3, each triple sorted ascending. */
export const SET_STRIDE = 10;

/**
 * Quark-flavour-universal anomaly-free charge sets (SPEC §3.2) with every charge an integer in
 * [-maxCharge, maxCharge], restricted to lepton-doublet sums x_L1 + x_L2 + x_L3 in `sums` (each a
 * multiple of 9, because x_q = -(sum x_L)/9 must be an integer, SPEC §3.5 step 3).
 *
 * Only primitive sets (gcd 1, the all-zero set kept) in their canonical sign are returned (SPEC §3.5
 * steps 4-5). Canonical sign: of a set and its negative, the one whose tuple (x_q, L, E, N) — triples
 * sorted ascending — is lexicographically larger. Because the rule looks at one set only, splitting
 * `sums` across workers can neither lose nor duplicate a set.
 *
 * Order: triples are generated in lexicographic order and the lookup lists keep that order, so each
 * sum's block comes out sorted by (L, E, N); x_q = -sum/9 is constant in a block. Blocks follow `sums`.
 */
export function enumerateSetsForSums(maxCharge: number, sums: readonly number[]): Int32Array {
  let out = new Int32Array(1024);
  let used = 0;
  const n = maxCharge;
  const gcd = (a: number, b: number): number => {
    a = Math.abs(a);
    b = Math.abs(b);
    while (b) [a, b] = [b, a % b];
    return a;
  };
  for (const s of sums) {
    // All sorted triples a <= b <= c in [-n, n] with a + b + c = s.
    const tri: number[] = [];
    for (let a = -n; a <= n; a++) {
      const bLo = Math.max(a, s - a - n);
      const bHi = Math.floor((s - a) / 2);
      for (let b = bLo; b <= bHi; b++) tri.push(a, b, s - a - b);
    }
    const count = tri.length / 3;
    // (A3) and (A4) fix sum E = sum N = sum L = s; index E by sum of squares (A5) and N by sum of
    // cubes (A6), so the remaining conditions are lookups (the indexing trick of SPEC §3.5).
    const bySquares = new Map<number, number[]>();
    const byCubes = new Map<number, number[]>();
    const sq = new Float64Array(count);
    const cu = new Float64Array(count);
    for (let t = 0; t < count; t++) {
      const a = tri[3 * t],
        b = tri[3 * t + 1],
        c = tri[3 * t + 2];
      sq[t] = a * a + b * b + c * c;
      cu[t] = a * a * a + b * b * b + c * c * c;
      const qs = bySquares.get(sq[t]);
      if (qs) qs.push(t);
      else bySquares.set(sq[t], [t]);
      const cs = byCubes.get(cu[t]);
      if (cs) cs.push(t);
      else byCubes.set(cu[t], [t]);
    }
    const xq = -s / 9;
    const set = new Array<number>(10);
    const neg = new Array<number>(10);
    for (let l = 0; l < count; l++) {
      const eCandidates = bySquares.get(sq[l]);
      if (!eCandidates) continue;
      for (const e of eCandidates) {
        // (A6): sum E^3 + sum N^3 = 2 sum L^3.
        const nCandidates = byCubes.get(2 * cu[l] - cu[e]);
        if (!nCandidates) continue;
        for (const m of nCandidates) {
          set[0] = xq;
          for (let k = 0; k < 3; k++) {
            set[1 + k] = tri[3 * l + k];
            set[4 + k] = tri[3 * e + k];
            set[7 + k] = tri[3 * m + k];
          }
          let g = 0;
          for (let k = 0; k < 10; k++) g = gcd(g, set[k]);
          if (g > 1) continue; // a multiple of a smaller set (step 4); g = 0 is the all-zero set, kept
          // The negative, re-sorted within each species (step 5).
          neg[0] = -xq;
          for (let k = 0; k < 3; k++) {
            neg[1 + k] = -set[3 - k];
            neg[4 + k] = -set[6 - k];
            neg[7 + k] = -set[9 - k];
          }
          let cmp = 0;
          for (let k = 0; k < 10 && cmp === 0; k++) cmp = set[k] - neg[k];
          if (cmp < 0) continue;
          if (used + 10 > out.length) {
            const grown = new Int32Array(out.length * 2);
            grown.set(out);
            out = grown;
          }
          for (let k = 0; k < 10; k++) out[used++] = set[k];
        }
      }
    }
  }
  return out.slice(0, used);
}

/**
 * The lepton sums the search must visit for a charge bound: multiples of 9 with |sum| <= 3 maxCharge,
 * in decreasing order, i.e. increasing x_q = -sum/9, so the kernel's output is sorted by (x_q, L, E, N).
 */
export function leptonSums(maxCharge: number): number[] {
  const sums: number[] = [];
  for (let s = 9 * Math.floor((3 * maxCharge) / 9); s >= -3 * maxCharge; s -= 9) sums.push(s);
  return sums;
}

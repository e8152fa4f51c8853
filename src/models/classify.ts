// Categories and classes of charge sets (SPEC §3.2-§3.4).
import type { Triple } from './charges.js';
import type { ChargeSet } from './enumerate.js';

/** Vector category: the sorted L triple equals the sorted E triple (SPEC §3.2). */
export function isVectorSet(s: ChargeSet): boolean {
  return s.L.every((x, i) => x === s.E[i]);
}

/** Classes of a vector set's sterile-neutrino solution (SPEC §3.3, MF eqs. 2.19-2.21). */
export interface VectorClasses {
  /** x_N is the lepton multiset. */
  class1: boolean;
  /** Some ordering has l_e = x_N1, l_mu = -l_tau, x_N2 = -x_N3. */
  class2: boolean;
  /** Neither of the above. */
  class3: boolean;
}

export function vectorClasses(s: ChargeSet): VectorClasses {
  const l = s.L;
  const n = s.N;
  const class1 = l.every((x, i) => x === n[i]);
  let class2 = false;
  for (let i = 0; i < 3 && !class2; i++) {
    for (let j = 0; j < 3 && !class2; j++) {
      if (l[i] !== n[j]) continue;
      const lRest = l.filter((_, k) => k !== i);
      const nRest = n.filter((_, k) => k !== j);
      class2 = lRest[0] + lRest[1] === 0 && nRest[0] + nRest[1] === 0;
    }
  }
  return { class1, class2, class3: !class1 && !class2 };
}

export function vectorClassLabel(c: VectorClasses): string {
  return [c.class1 && '1', c.class2 && '2', c.class3 && '3'].filter(Boolean).join('+');
}

/**
 * Offsets b = E - L when the i-th smallest L charge is paired with the i-th smallest E charge.
 * This "rank pairing" is the pairing of every one of the 21 chiral sets of SPEC §3.4 (MF Table 1 and
 * eqs. 2.27-2.29 list L ascending and E = L + b comes out ascending too), so u1x uses it to decide
 * which E charge shares a charged lepton with which L charge.
 */
export function rankPairingOffsets(s: ChargeSet): Triple<number> {
  return [s.E[0] - s.L[0], s.E[1] - s.L[1], s.E[2] - s.L[2]];
}

export type ChiralPattern = 'b-pattern' | 'sporadic';

/** MF Table 1 sets have b = (b1, -2 b1, b1) (SPEC §3.4); the other chiral sets are 'sporadic'. */
export function chiralPattern(s: ChargeSet): ChiralPattern {
  const [b1, b2, b3] = rankPairingOffsets(s);
  return b1 !== 0 && b1 === b3 && b2 === -2 * b1 ? 'b-pattern' : 'sporadic';
}

/** Charged-lepton charges all equal within L and within E (the 3 sets MF §2.2 removes from 276). */
export function hasFlavourUniversalLeptons(s: ChargeSet): boolean {
  return s.L[0] === s.L[2] && s.E[0] === s.E[2];
}

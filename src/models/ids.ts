// Model ids. They are derived from the canonical integer charges only, never from enumeration order,
// so an id means the same model in every run, at every --max-charge and in every version:
//
//   vector  v:cB:le:lmu:ltau                       e.g. v:0:0:1:-1 (L_mu - L_tau), v:3:0:-9:0 (B - 3L_mu)
//   chiral  c:cB:Le:Lmu:Ltau:Ee:Emu:Etau:N1:N2:N3  e.g. c:0:-1:7:-6:1:6:-7:-7:-2:9 (tilde-L_{mu-tau})
//
// cB = 3 x_q is the nucleon charge (SPEC §3.3), leptons are listed per flavour (e, mu, tau), sterile
// neutrinos sorted ascending (they carry no flavour, SPEC §2.1). The numbers are the primitive integer
// tuple (x_q, leptons[, N]) — gcd 1 — in the sign fixed by canonicalSign() (canonical.ts).
import type { Triple } from './charges.js';

export interface VectorTuple {
  xq: number;
  l: Triple<number>;
}

export interface ChiralTuple {
  xq: number;
  L: Triple<number>;
  E: Triple<number>;
  N: Triple<number>;
}

export function vectorModelId(t: VectorTuple): string {
  return ['v', 3 * t.xq, ...t.l].join(':');
}

export function chiralModelId(t: ChiralTuple): string {
  return ['c', 3 * t.xq, ...t.L, ...t.E, ...t.N].join(':');
}

/** An id read back: cB is the integer nucleon charge (x_q = cB/3), the rest as in the id. */
export type ParsedId =
  | { kind: 'vector'; cB: number; l: Triple<number> }
  | { kind: 'chiral'; cB: number; L: Triple<number>; E: Triple<number>; N: Triple<number> };

/**
 * Read an id back into integers. Ids that are not canonical (a common factor, the other sign) still
 * parse; the caller normalises. Returns undefined when `text` is not shaped like an id.
 */
export function parseModelId(text: string): ParsedId | undefined {
  const m = /^([vc]):(-?\d+(?::-?\d+)*)$/i.exec(text.trim());
  if (!m) return undefined;
  const nums = m[2].split(':').map(Number);
  if (!nums.every(Number.isSafeInteger)) return undefined;
  const t3 = (i: number): Triple<number> => [nums[i], nums[i + 1], nums[i + 2]];
  if (m[1].toLowerCase() === 'v' && nums.length === 4) return { kind: 'vector', cB: nums[0], l: t3(1) };
  if (m[1].toLowerCase() === 'c' && nums.length === 10) {
    return { kind: 'chiral', cB: nums[0], L: t3(1), E: t3(4), N: t3(7) };
  }
  return undefined;
}

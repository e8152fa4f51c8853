// The contract between the model catalog and the scan engine.
//
// A model reaches the kernels only as a CouplingRecord: the U(1)_X charges of each light fermion split
// into vector and axial parts, in units of g_X and *before* kinetic mixing (SPEC §2.3). Kinetic mixing
// is added inside the kernel from the grid's ε, because it depends on the grid point.

/** Field order of a coupling record as laid out in the kernels' per-model buffer. Never reorder. */
export const COUPLING_FIELDS = [
  'eV',
  'eA',
  'muV',
  'muA',
  'tauV',
  'tauA', // charged leptons: q_V = (x_L + x_E)/2, q_A = (x_L - x_E)/2
  'nue',
  'numu',
  'nutau', //                  left-handed neutrino charges x_L(alpha)
  'uV',
  'uA',
  'dV',
  'dA',
  'sV',
  'sA', //      first/second-family quarks (vector, axial)
  'cV',
  'cA',
  'bV',
  'bA',
  'tV',
  'tA',
  'pV',
  'nV', //                              nucleons: vector charges 2u+d and u+2d (first family)
] as const;

export type CouplingField = (typeof COUPLING_FIELDS)[number];
export type CouplingRecord = Record<CouplingField, number>;

export type ModelCategory = 'vector' | 'chiral' | 'nonuniversal' | 'custom';

/** Charges of the chiral fields, one entry per family (SPEC §2.1), as decimals. */
export interface ChargeTable {
  Q: [number, number, number];
  U: [number, number, number];
  D: [number, number, number];
  L: [number, number, number];
  E: [number, number, number];
  N: [number, number, number];
}

/** Vector-model coefficients x_f = cB B + ce L_e + cmu L_mu + ctau L_tau (SPEC §3.3, this spec's signs). */
export interface VectorCoefficients {
  B: number;
  e: number;
  mu: number;
  tau: number;
}

/** A model as the engine sees it. */
export interface ScanModel {
  /** Stable id (catalog id, benchmark key, or a user file's name). */
  id: string;
  /** Readable name, e.g. `Lmu-Ltau` or `3B-6Le-3Ltau+3(Lmu-Ltau)`. */
  name: string;
  category: ModelCategory;
  /** Charges as decimals (exact rationals are kept by the catalog; the engine needs floats). */
  charges: ChargeTable;
  /** Present for vector models. */
  c?: VectorCoefficients;
  record: CouplingRecord;
}

/** Build the coupling record from chiral charges (SPEC §2.3; first family for u, d, p, n). */
export function couplingRecordFromCharges(ch: ChargeTable): CouplingRecord {
  const v = (l: number, r: number) => (l + r) / 2;
  const a = (l: number, r: number) => (l - r) / 2;
  const uV = v(ch.Q[0], ch.U[0]);
  const dV = v(ch.Q[0], ch.D[0]);
  return {
    eV: v(ch.L[0], ch.E[0]),
    eA: a(ch.L[0], ch.E[0]),
    muV: v(ch.L[1], ch.E[1]),
    muA: a(ch.L[1], ch.E[1]),
    tauV: v(ch.L[2], ch.E[2]),
    tauA: a(ch.L[2], ch.E[2]),
    nue: ch.L[0],
    numu: ch.L[1],
    nutau: ch.L[2],
    uV,
    uA: a(ch.Q[0], ch.U[0]),
    dV,
    dA: a(ch.Q[0], ch.D[0]),
    sV: v(ch.Q[1], ch.D[1]),
    sA: a(ch.Q[1], ch.D[1]),
    cV: v(ch.Q[1], ch.U[1]),
    cA: a(ch.Q[1], ch.U[1]),
    bV: v(ch.Q[2], ch.D[2]),
    bA: a(ch.Q[2], ch.D[2]),
    tV: v(ch.Q[2], ch.U[2]),
    tA: a(ch.Q[2], ch.U[2]),
    pV: 2 * uV + dV,
    nV: uV + 2 * dV,
  };
}

/** Charges of a vector model from its coefficients (SPEC §3.3): x_q = cB/3, leptons l_alpha, N = leptons. */
export function chargesFromVector(c: VectorCoefficients): ChargeTable {
  const xq = c.B / 3;
  const l: [number, number, number] = [c.e, c.mu, c.tau];
  return { Q: [xq, xq, xq], U: [xq, xq, xq], D: [xq, xq, xq], L: [...l], E: [...l], N: [...l] };
}

// Numbers and charge sets published in ../shared/physics (VALIDATION §1, §5, §6; SPEC §3.4, §3.7),
// typed in by hand. Tests pin the code to these, never to values the code computed.

/** VALIDATION §1 at integer charges in [-10, 10]. */
export const COUNTS_N10 = {
  sets: 276,
  vectorSets: 255,
  chiralSets: 21,
  vectorClasses: { class1: 79, class2: 187, both: 13, class3: 2 },
  flavourUniversalLeptonSets: 3,
  vectorModels: 419,
  vectorModelsWithoutRescaling: 446,
  vectorModelsWithoutSignIdentification: 422,
};

type T3 = [number, number, number];

/** SPEC §3.4, MF Table 1: L charges, b1 (E = L + (b1, -2 b1, b1) in the listed order), N charges. */
export const MF_TABLE_1: { L: T3; b1: number; N: T3 }[] = [
  { L: [-1, -1, 2], b1: -1, N: [-2, -1, 3] },
  { L: [-6, -1, 7], b1: -1, N: [-7, -2, 9] },
  { L: [-5, -2, 7], b1: -2, N: [-7, -3, 10] },
  { L: [-3, -2, 5], b1: -2, N: [-9, -1, 10] },
  { L: [-5, -1, 6], b1: -1, N: [-9, -1, 10] },
  { L: [-2, 5, 6], b1: 2, N: [1, 3, 5] },
  { L: [-1, 5, 5], b1: 2, N: [1, 3, 5] },
  { L: [-3, 5, 7], b1: 2, N: [1, 3, 5] },
  { L: [0, 4, 5], b1: 1, N: [1, 3, 5] },
  { L: [-4, 5, 8], b1: 2, N: [1, 3, 5] },
  { L: [-3, 4, 8], b1: 1, N: [-1, 3, 7] },
  { L: [-2, 4, 7], b1: 1, N: [-1, 4, 6] },
  { L: [-3, 6, 6], b1: 3, N: [3, 3, 3] },
  { L: [1, 1, 7], b1: -2, N: [-3, 5, 7] },
  { L: [-2, 2, 9], b1: -1, N: [-6, 5, 10] },
  { L: [-1, 2, 8], b1: -1, N: [-6, 7, 8] },
  { L: [3, 5, 10], b1: -1, N: [2, 6, 10] },
  { L: [2, 2, 5], b1: -1, N: [1, 3, 5] },
];

/** SPEC §3.4, MF eqs. 2.27-2.29: L, b, N in matching order, E = L + b. */
export const MF_EXTRA_CHIRAL: { L: T3; b: T3; N: T3 }[] = [
  { L: [-7, 0, 7], b: [-1, 3, -2], N: [-5, -3, 8] },
  { L: [-5, -3, 8], b: [-2, 3, -1], N: [-6, -4, 10] },
  { L: [-5, 6, 8], b: [1, -3, 2], N: [0, 3, 6] },
];

/** The 21 chiral sets as (x_q, L, E, N) with x_q = -(sum L)/9 (SPEC §3.2 (A2)). */
export const PUBLISHED_CHIRAL_SETS = [
  ...MF_TABLE_1.map(({ L, b1, N }) => ({ L, E: [L[0] + b1, L[1] - 2 * b1, L[2] + b1] as T3, N })),
  ...MF_EXTRA_CHIRAL.map(({ L, b, N }) => ({ L, E: L.map((x, i) => x + b[i]) as T3, N })),
].map((s) => ({ xq: -(s.L[0] + s.L[1] + s.L[2]) / 9, ...s }));

/** VALIDATION §1: the two class-3 vector sets (up to overall sign). */
export const CLASS_3_SETS = [
  { l: [-5, -1, 6] as T3, N: [-3, -2, 5] as T3 },
  { l: [-3, -2, 5] as T3, N: [-5, -1, 6] as T3 },
];

/** VALIDATION §6: (c_B; l_e, l_mu, l_tau) -> alpha in degrees, R. */
export const ALPHA_R_TABLE: { c: [number, number, number, number]; alphaDeg: number; R: number }[] = [
  { c: [1, -2, 0, -1], alphaDeg: -33.69, R: 0.27735 },
  { c: [1, -2, -1, 0], alphaDeg: -33.69, R: 0 },
  { c: [1, -3, 0, 0], alphaDeg: -45.0, R: 0 },
  { c: [1, 0, -3, 0], alphaDeg: 0, R: 0 },
  { c: [0, 1, -1, 0], alphaDeg: 90.0, R: 0 },
  { c: [3, -6, 1, -4], alphaDeg: -33.69, R: 0.3698 },
  { c: [3, -7, 0, -2], alphaDeg: -37.875, R: 0.175412 },
];

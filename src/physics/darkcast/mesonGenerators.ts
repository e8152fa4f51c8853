// Flavour matrices of the light mesons, diagonal in (u, d, s) (RESONANCE_RECAST.md §3.3 table). They fix
// how X couples to each vector meson (t_V = Tr(T_V Q_X)) and the flavour factor Tr(T_A T_B T_V) of a meson
// decay A → B X (§4).

export type Diagonal = readonly [number, number, number];

const S6 = Math.sqrt(6);
const S3 = Math.sqrt(3);

export const GENERATORS: Readonly<Record<string, Diagonal>> = {
  rho0: [0.5, -0.5, 0],
  pi0: [0.5, -0.5, 0],
  omega: [0.5, 0.5, 0],
  phi: [0, 0, Math.SQRT1_2],
  eta: [1 / S6, 1 / S6, -1 / S6],
  "eta'": [1 / (2 * S3), 1 / (2 * S3), 2 / (2 * S3)],
  /** The photon: quark charge matrix divided by e. */
  gamma: [2 / 3, -1 / 3, -1 / 3],
};

/** Vector mesons in the order used by the meson-trace products (ρ, ω, φ). */
export const VECTOR_ORDER = ['rho0', 'omega', 'phi'] as const;

export function generator(name: string): Diagonal {
  const t = GENERATORS[name];
  if (!t) throw new Error(`no flavour matrix for meson '${name}'`);
  return t;
}

/** Tr(A B C) for diagonal matrices. */
export function trace3(a: Diagonal, b: Diagonal, c: Diagonal): number {
  return a[0] * b[0] * c[0] + a[1] * b[1] * c[1] + a[2] * b[2] * c[2];
}

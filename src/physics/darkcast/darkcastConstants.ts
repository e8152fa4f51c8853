// DarkCast v1.2's own constants (`pars`), RESONANCE_RECAST.md §8. The recast uses these instead of u1x's
// PDG constants (src/physics/constants.ts) so that it reproduces DarkCast's tables: the limit files were
// produced with them, and the reference dark photon must be the one DarkCast assumed.

/** Speed of light, m/s. */
export const C_LIGHT = 2.99792458e8;
/** ħ in GeV·s. */
export const HBAR = 6.58211951e-25;
/** Electric charge, α = e²/4π = 1/137.036. */
export const E_DC = 0.302822;
/** α from E_DC, used by the 3γ width (§3.2). */
export const ALPHA_DC = (E_DC * E_DC) / (4 * Math.PI);

/** Fermion masses in GeV (§8); u, d, s never enter perturbatively (§3.1). */
export const MASS = {
  e: 5.11e-4,
  mu: 0.10566,
  tau: 1.77682,
  c: 1.5,
  b: 4.8,
  t: 171.0,
} as const;

/** Meson masses and widths in GeV (§8). */
export const M_RHO = 0.77549;
export const W_RHO = 0.1491;
export const M_OMEGA = 0.78265;
export const W_OMEGA = 0.00849;
export const M_PHI = 1.01946;
export const W_PHI = 0.00426;
export const M_PI0 = 0.13498;
export const M_PI_CHARGED = 0.13957;
export const M_ETA = 0.54785;
export const M_K_CHARGED = 0.49368;
export const M_K_NEUTRAL = 0.49761;

/** DarkCast's cap on a recast coupling ("gmax", §8); u1x scans g_X no higher. */
export const G_MAX = 1e5;

/** Above this mass the VMD R curves are held at their last value (§2.3). */
export const VMD_FREEZE_MASS = 2.0;

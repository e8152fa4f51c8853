// Constants of the full COHERENT CsI 2017 likelihood exactly as the 7stats code uses them (SPEC §4.6.1,
// §4.6.2). Several differ from SPEC §1 on purpose (rounded hbar c, radiatively corrected nucleon
// couplings, the MeV-to-kg factor); swapping in the §1 values moves Delta chi^2 by up to 0.2
// (VALIDATION §18.6). The rate-only fallback (SPEC §4.6.4) uses §1 instead: see fallback.ts.
// Units follow the reference code: MeV for neutrino energies and nuclear masses, keV for recoil energy,
// GeV wherever G_F appears.

/** Fermi constant, GeV^-2 (SPEC §4.6.1; 7stats value, last digit differs from §1). */
export const GF = 1.1663787e-5;
/** Proton and neutron masses, MeV (SPEC §4.6.1). */
export const M_PROTON_MEV = 938.27208816;
export const M_NEUTRON_MEV = 939.56542052;
/** Muon mass for the decay-at-rest spectra, MeV (SPEC §4.6.1). */
export const M_MU_MEV = 105.6583745;
/** Prompt nu_mu line, MeV (SPEC §4.6.1). */
export const E_PROMPT_MEV = 29.79;
/** Upper end of the delayed-spectrum integrals, MeV: past m_mu/2 = 52.83, unclipped (SPEC §4.6.1). */
export const E_UP_DELAYED_MEV = 53;
/** The code's rounded hbar c: GeV cm for cross-section units, MeV fm for the form factor (SPEC §4.6.1). */
export const HBARC_GEV_CM = 1.97e-14;
export const HBARC_MEV_FM = 197;
/** Mass conversion used for the target count, kg per MeV (SPEC §4.6.1). */
export const KG_PER_MEV = 1.79e-30;

/** Source and geometry (SPEC §4.6.1). */
export const NU_PER_FLAVOUR_PER_POT = 0.08;
export const PROTONS_ON_TARGET = 1.76e23;
export const BASELINE_CM = 1930;
export const CSI_MASS_KG = 14.6;
/** Neutrino fluence per flavour at the detector, cm^-2 (SPEC §4.6.1: 3.00800e14). */
export const FLUENCE_CM2 = (NU_PER_FLAVOUR_PER_POT * PROTONS_ON_TARGET) / (4 * Math.PI * BASELINE_CM ** 2);

/** Live days: beam on (measurement and AC-on background), beam off (AC-off, C-off backgrounds) (SPEC §4.6.1). */
export const LIVE_DAYS_BEAM_ON = 308.1;
export const LIVE_DAYS_BEAM_OFF = 153.5;
/** Scale of the summed steady-state files to the beam-on exposure (SPEC §4.6.2: 0.500894). */
export const STEADY_STATE_WEIGHT = LIVE_DAYS_BEAM_ON / (LIVE_DAYS_BEAM_ON + 2 * LIVE_DAYS_BEAM_OFF);

/** Quenching factor and light yield (PE per keVee): PE = Q_F Y T[keV], no energy dependence (SPEC §4.6.1). */
export const QUENCHING_FACTOR = 0.0878;
export const LIGHT_YIELD_PE_PER_KEVEE = 13.348;
export const PE_PER_KEV_NR = QUENCHING_FACTOR * LIGHT_YIELD_PE_PER_KEVEE;

/** Radiative corrections in the rho-kappa-lambda form, same for all flavours (SPEC §4.6.1, arXiv:1806.01310). */
export const RHO_NC = 1.0082;
export const KAPPA_HAT = 0.9972;
export const SZ2 = 0.23129;
export const LAMBDA_UL = -0.0031;
export const LAMBDA_DL = -0.0025;
export const LAMBDA_DR = 7.5e-5;
export const LAMBDA_UR = LAMBDA_DR / 2;
/** Proton and neutron weak couplings (SPEC §4.6.1: 0.03048269, -0.5120125). */
export const G_P = RHO_NC * (0.5 - 2 * KAPPA_HAT * SZ2) + 2 * LAMBDA_UL + 2 * LAMBDA_UR + LAMBDA_DL + LAMBDA_DR;
export const G_N = -RHO_NC / 2 + LAMBDA_UL + LAMBDA_UR + 2 * LAMBDA_DL + 2 * LAMBDA_DR;

/** Klein-Nystrand form factor: R_A = 1.2 A^(1/3) fm, Yukawa range a = 0.7 fm (SPEC §4.6.1). */
export const KN_R0_FM = 1.2;
export const KN_A_FM = 0.7;

export interface Nucleus {
  readonly name: 'Cs' | 'I';
  readonly A: number;
  readonly Z: number;
  readonly N: number;
  /** M = Z m_p + N m_n - B, MeV (SPEC §4.6.1). */
  readonly massMeV: number;
  /** Standard-Model coupling Q = Z g_p + N g_n (SPEC §4.6.1: -38.26043, -36.27334). */
  readonly qSM: number;
  /** Target nuclei in the 14.6 kg detector (SPEC §4.6.1: 3.37096e25, 3.37111e25). */
  readonly targets: number;
}

function nucleus(name: 'Cs' | 'I', A: number, Z: number, N: number, bindingMeV: number): Omit<Nucleus, 'targets'> {
  return { name, A, Z, N, massMeV: Z * M_PROTON_MEV + N * M_NEUTRON_MEV - bindingMeV, qSM: Z * G_P + N * G_N };
}

// Binding energies in MeV as the code has them (SPEC §4.6.1).
const cs = nucleus('Cs', 133, 55, 78, 1118.532104);
const iodine = nucleus('I', 127, 53, 74, 1072.580322);
const targetsOf = (n: Omit<Nucleus, 'targets'>) => ((n.A / (cs.A + iodine.A)) * CSI_MASS_KG) / (n.massMeV * KG_PER_MEV);

/** Cs-133 and I-127, in the order every per-nucleus array of this module uses. */
export const NUCLEI: readonly Nucleus[] = [
  { ...cs, targets: targetsOf(cs) },
  { ...iodine, targets: targetsOf(iodine) },
];

/** Flux components. Index order is used by every per-flux array of this module. */
export const FLUXES = ['numuPrompt', 'nue', 'numubar'] as const;
export const FLUX_PROMPT = 0;
export const FLUX_NUE = 1;
export const FLUX_NUMUBAR = 2;

/** Binning (SPEC §4.6.2): 12 time bins of 0.5 us, true-PE unit bins p = 4..36, 12 observed 2-PE bins from 6. */
export const N_TIME = 12;
export const TIME_BIN_US = 0.5;
export const PE_TRUE_MIN = 4;
export const N_PE_TRUE = 33;
export const N_ENERGY = 12;
export const PE_OBS_MIN = 6;
/** Analysis bins, index b = N_TIME * jE + k (PE outer, time inner, the order of Co_data.dat). */
export const N_BINS = N_ENERGY * N_TIME;

/** Efficiency at integer observed PE m: 0.6655/(1 + exp(-0.4942 (m - 10.4512))) (SPEC §4.6.2 item 2). */
export const EFF_MAX = 0.6655;
export const EFF_SLOPE = 0.4942;
export const EFF_MIDPOINT_PE = 10.4512;

/** Widths of the signal, neutron and steady-state normalisation pulls (SPEC §4.6.2). */
export const SIGMA_ALPHA = 0.28;
export const SIGMA_BETA = 0.25;
export const SIGMA_GAMMA = 0.171;

// u1x's catalog of recastable dark-photon limits. Facts (production, final states, lifetime window,
// reference) are written from RESONANCE_RECAST.md and the per-limit facts DarkCast v1.2 declares
// (summarised in shared/data/darkcast/manifest.json, which a test cross-checks against this file). The
// limit tables themselves are the user's DarkCast data; only the file stem links an entry to them.
//
// Ids are stable: <experiment>_<year of the DarkCast Inspire tag>_<kind>. Never rename one; add a new id.

import type { DecaySpec, SmState } from './decayStates.js';
import type { T1Form } from './efficiencyWindows.js';
import { LIMITS_2023, PROJECTION_CATALOG } from './projectionCatalog.js';

export type LimitLayout = 'single_sided' | 'double_sided' | 'r_values';

export type ProductionSpec =
  /** Fixed fractions of the dark-photon signal per mechanism. */
  | { kind: 'fixed'; fractions: Readonly<Record<string, number>> }
  /** Mass-dependent fractions from `limits/<prdStem>.prd` (§2.2). */
  | { kind: 'table'; prdStem: string };

export type EfficiencySpec =
  /** t0 = 0, t1 = ∞: efficiency ratio 1 (§5.1). */
  | { type: 'prompt' }
  /** t0 = 0, finite t1(m) (§5.2). */
  | { type: 'prompt_t1'; t1: T1Form }
  /** Beam dump / displaced: t1/t0 = 1 + L_dec/L_sh, t0 from the dark-photon island (§5.3). */
  | { type: 'displaced'; decayLengthM: number; shieldLengthM: number }
  /** r-value grid, acceptance carried by the grid itself (§5.4, §6.3). */
  | { type: 'r_values' };

export interface LimitReference {
  /** Inspire key of the publication DarkCast cites for this limit. */
  inspire: string;
  arxiv?: string;
  doi?: string;
  year: number;
  title: string;
}

/** A recast definition: how the signal is produced and detected, relative to a reference boson. */
export interface RecastDefinition {
  production: ProductionSpec;
  decay: readonly DecaySpec[];
  /** Boson the table's coupling refers to: DarkCast's dark photon, or tree-level L_μ − L_τ (§10.1). */
  referenceModel: 'dark_photon' | 'lmu_ltau_tree';
  /** Restricts the reference boson's total width to these states (KLOE_Babusci2012cr, §10.8). */
  referenceWidthStates?: readonly SmState[];
}

export interface LimitCatalogEntry extends RecastDefinition {
  /** Stable u1x id, e.g. `babar_2014_visible`. */
  id: string;
  /** DarkCast file stem: `limits/<stem>.lmt`. */
  stem: string;
  experiment: string;
  category: 'visible' | 'invisible' | 'g-2';
  layout: LimitLayout;
  efficiency: EfficiencySpec;
  reference: LimitReference;
  /**
   * Tolerance class of the regression against DarkCast's shipped recasts (2 % prompt, 5 % beam dumps and
   * displaced searches).
   */
  regression: 'prompt' | 'displaced';
  /** u1x's physical treatment where it deliberately departs from DarkCast's definition (§10). */
  u1xOverride?: RecastDefinition & { reason: string };
  /** Folder of the table: `limits/` (default) or `reach/` (DarkCast 2023 projections). */
  folder?: 'limits' | 'reach';
  /** A projected sensitivity of a future search (projectionCatalog.ts): drawn and reported, never an exclusion. */
  projection?: true;
  /** The table exists only in the DarkCast 2023 data set. */
  release?: '2023';
  notes?: readonly string[];
}

const PROMPT = { type: 'prompt' } as const;
/** KLOE: L = 8 cm, γ for e⁺e⁻ → γX at √s = m_φ (§5.2). */
const KLOE_T1 = { type: 'prompt_t1', t1: { kind: 'decay_length', lengthM: 0.08, boost: 'phi_to_gamma_x' } } as const;
/** LHCb prompt t1 = [0.004/(m − 2m_μ) + 0.1] ps: the value DarkCast computes with, not its notes' 0.04 (§10.4). */
const LHCB_T1 = { type: 'prompt_t1', t1: { kind: 'lhcb', aPsGeV: 0.004, bPs: 0.1 } } as const;
const dump = (decayLengthM: number, shieldLengthM: number) => ({ type: 'displaced', decayLengthM, shieldLengthM }) as const;
const only = (mechanism: string) => ({ kind: 'fixed', fractions: { [mechanism]: 1 } }) as const;
const LHCB_PRD = { kind: 'table', prdStem: 'LHCb_Aaij2017rft' } as const;

const BODAS = {
  inspire: 'Bodas:2021fsy',
  arxiv: '2102.07781',
  year: 2021,
  title: 'Solving the electron and muon g-2 anomalies in Z′ models',
};
const MERKEL_2014 = {
  inspire: 'Merkel:2014avp',
  arxiv: '1404.5502',
  doi: '10.1103/PhysRevLett.112.221802',
  year: 2014,
  title: 'Search at the Mainz Microtron for light massive gauge bosons relevant for the muon g-2 anomaly',
};
const KLOE_2018 = {
  inspire: 'Anastasi:2018azp',
  arxiv: '1807.02691',
  year: 2018,
  title: 'Combined limit on the production of a light gauge boson decaying into μ⁺μ⁻ and π⁺π⁻',
};
const LHCB_2017 = {
  inspire: 'Aaij:2017rft',
  arxiv: '1710.02867',
  doi: '10.1103/PhysRevLett.120.061801',
  year: 2018,
  title: 'Search for dark photons produced in 13 TeV pp collisions',
};
const LHCB_2019 = { inspire: 'Aaij:2019bvg', arxiv: '1910.06926', year: 2019, title: "Search for A' → μ⁺μ⁻ decays" };
const TSAI_2019 = {
  inspire: 'Tsai:2019mtm',
  arxiv: '1908.07525',
  year: 2019,
  title: 'The high-energy frontier of the intensity frontier: closing the dark photon, inelastic dark matter, and muon g-2 windows',
};

const AMM_NOTE = 'dark-photon-equivalent g−2 bound from 2021 inputs; u1x computes g−2 itself (§10.7)';
const INVISIBLE_NOTE =
  "DarkCast's recast assumes Γ_inv = 99 Γ_visible (BR_inv ≈ 0.99) for every model; u1x counts νν̄ + dark states as invisible (§10.3)";

export const LIMIT_CATALOG: readonly LimitCatalogEntry[] = [
  {
    id: 'a1_2011_visible',
    stem: 'A1_Merkel2011ze',
    experiment: 'A1',
    category: 'visible',
    layout: 'single_sided',
    production: only('e_brem'),
    decay: ['e_e'],
    efficiency: PROMPT,
    referenceModel: 'dark_photon',
    regression: 'prompt',
    reference: MERKEL_2014,
  },
  {
    id: 'a1_2014_visible',
    stem: 'A1_Merkel2014avp',
    experiment: 'A1',
    category: 'visible',
    layout: 'single_sided',
    production: only('e_brem'),
    decay: ['e_e'],
    efficiency: PROMPT,
    referenceModel: 'dark_photon',
    regression: 'prompt',
    reference: MERKEL_2014,
  },
  {
    id: 'amm_e_2021_cs',
    stem: 'AMMe_Bodas2021fsy_cs',
    experiment: 'AMMe',
    category: 'g-2',
    layout: 'single_sided',
    production: only('e_e'),
    decay: ['none'],
    efficiency: PROMPT,
    referenceModel: 'dark_photon',
    regression: 'prompt',
    reference: BODAS,
    notes: [AMM_NOTE, 'Δa_e from the Cs measurement of α'],
  },
  {
    id: 'amm_e_2021_rb',
    stem: 'AMMe_Bodas2021fsy_rb',
    experiment: 'AMMe',
    category: 'g-2',
    layout: 'single_sided',
    production: only('e_e'),
    decay: ['none'],
    efficiency: PROMPT,
    referenceModel: 'dark_photon',
    regression: 'prompt',
    reference: BODAS,
    notes: [AMM_NOTE, 'Δa_e from the Rb measurement of α'],
  },
  {
    id: 'amm_mu_2021',
    stem: 'AMMmu_Bodas2021fsy',
    experiment: 'AMMmu',
    category: 'g-2',
    layout: 'single_sided',
    production: only('mu_mu'),
    decay: ['none'],
    efficiency: PROMPT,
    referenceModel: 'dark_photon',
    regression: 'prompt',
    reference: BODAS,
    notes: [AMM_NOTE, 'Δa_μ + 5σ'],
  },
  {
    id: 'amm_mu_2021_2l',
    stem: 'AMMmu_Bodas2021fsy_2l',
    experiment: 'AMMmu',
    category: 'g-2',
    layout: 'single_sided',
    production: only('mu_mu'),
    decay: ['none'],
    efficiency: PROMPT,
    referenceModel: 'dark_photon',
    regression: 'prompt',
    reference: BODAS,
    notes: [AMM_NOTE, 'Δa_μ − 2σ'],
  },
  {
    id: 'amm_mu_2021_2u',
    stem: 'AMMmu_Bodas2021fsy_2u',
    experiment: 'AMMmu',
    category: 'g-2',
    layout: 'single_sided',
    production: only('mu_mu'),
    decay: ['none'],
    efficiency: PROMPT,
    referenceModel: 'dark_photon',
    regression: 'prompt',
    reference: BODAS,
    notes: [AMM_NOTE, 'Δa_μ + 2σ'],
  },
  {
    id: 'apex_2011_visible',
    stem: 'APEX_Abrahamyan2011gv',
    experiment: 'APEX',
    category: 'visible',
    layout: 'single_sided',
    production: only('e_brem'),
    decay: ['e_e'],
    efficiency: PROMPT,
    referenceModel: 'dark_photon',
    regression: 'prompt',
    reference: {
      inspire: 'Abrahamyan:2011gv',
      arxiv: '1108.2750',
      doi: '10.1103/PhysRevLett.107.191804',
      year: 2011,
      title: 'Search for a new gauge boson in electron-nucleus fixed-target scattering by the APEX experiment',
    },
  },
  {
    id: 'besiii_2017_visible',
    stem: 'BESIII_Ablikim2017aab',
    experiment: 'BESIII',
    category: 'visible',
    layout: 'single_sided',
    production: only('e_e'),
    decay: ['e_e', 'mu_mu'],
    efficiency: PROMPT,
    referenceModel: 'dark_photon',
    regression: 'prompt',
    reference: {
      inspire: 'Ablikim:2017aab',
      arxiv: '1705.04265',
      doi: '10.1016/j.physletb.2017.09.067',
      year: 2017,
      title: 'Dark photon search in the mass range between 1.5 and 3.4 GeV/c²',
    },
  },
  {
    id: 'babar_2014_visible',
    stem: 'BaBar_Lees2014xha',
    experiment: 'BaBar',
    category: 'visible',
    layout: 'single_sided',
    production: only('e_e'),
    decay: ['e_e', 'mu_mu'],
    efficiency: PROMPT,
    referenceModel: 'dark_photon',
    regression: 'prompt',
    reference: {
      inspire: 'Lees:2014xha',
      arxiv: '1406.2980',
      doi: '10.1103/PhysRevLett.113.201801',
      year: 2014,
      title: 'Search for a dark photon in e⁺e⁻ collisions at BaBar',
    },
    notes: ['vetoed mass windows around the ω, φ, J/ψ, ψ(2S) and Υ states are bracketed by 1e5 sentinel rows (§10.5)'],
  },
  {
    id: 'babar_2017_invisible',
    stem: 'BaBar_Lees2017lec',
    experiment: 'BaBar',
    category: 'invisible',
    layout: 'single_sided',
    production: only('e_e'),
    decay: ['invisible'],
    efficiency: PROMPT,
    referenceModel: 'dark_photon',
    regression: 'prompt',
    reference: {
      inspire: 'Lees:2017lec',
      arxiv: '1702.03327',
      doi: '10.1103/PhysRevLett.119.131804',
      year: 2017,
      title: 'Search for invisible decays of a dark photon produced in e⁺e⁻ collisions at BaBar',
    },
    notes: [INVISIBLE_NOTE],
  },
  {
    id: 'babar_2016_4mu',
    stem: 'BaBar_TheBABAR2016rlg',
    experiment: 'BaBar',
    category: 'visible',
    layout: 'single_sided',
    production: only('e_e'),
    decay: ['mu_mu'],
    efficiency: PROMPT,
    referenceModel: 'dark_photon',
    regression: 'prompt',
    reference: {
      inspire: 'TheBABAR:2016rlg',
      arxiv: '1606.03501',
      doi: '10.1103/PhysRevD.94.011102',
      year: 2016,
      title: 'Search for a muonic dark force at BABAR',
    },
    u1xOverride: {
      production: only('mu_mu'),
      decay: ['mu_mu'],
      referenceModel: 'lmu_ltau_tree',
      reason:
        "the table is BaBar's bound on g′ of an L_μ−L_τ boson radiated off muons (e⁺e⁻ → μ⁺μ⁻Z′, Z′ → μ⁺μ⁻); DarkCast's e_e production makes its L_μ−L_τ recast 50-100× too weak (§10.1)",
    },
  },
  {
    id: 'belle2_2019_invisible',
    stem: 'BelleII_Adachi2019otg',
    experiment: 'Belle II',
    category: 'invisible',
    layout: 'single_sided',
    production: only('mu_brem'),
    decay: ['invisible'],
    efficiency: PROMPT,
    referenceModel: 'dark_photon',
    regression: 'prompt',
    reference: {
      inspire: 'Adachi:2019otg',
      arxiv: '1912.11276',
      year: 2019,
      title: 'Search for an invisibly decaying Z′ boson at Belle II in e⁺e⁻ → μ⁺μ⁻(e^±μ^∓) plus missing energy final states',
    },
    notes: [
      "the table holds the published g′ divided by e (0.302822); with mu_brem production a dark photon's 'ε' then maps back onto g′ x_μ (§10.2)",
      INVISIBLE_NOTE,
    ],
  },
  {
    id: 'charm_1985_visible',
    stem: 'CHARM_Bergsma1985qz',
    experiment: 'CHARM',
    category: 'visible',
    layout: 'double_sided',
    production: { kind: 'fixed', fractions: { eta_gamma: 1, "eta'_gamma": 0 } },
    decay: ['e_e'],
    efficiency: dump(10, 480),
    referenceModel: 'dark_photon',
    regression: 'displaced',
    reference: {
      inspire: 'Bergsma:1985qz',
      doi: '10.1016/0370-2693(85)90400-9',
      year: 1985,
      title: 'Search for axion-like particle production in 400 GeV proton-copper interactions',
    },
    notes: ['η with fraction 1 and η′ with fraction 0 (§10.9)'],
  },
  {
    id: 'charm_2019_visible',
    stem: 'CHARM_Tsai2019mtm',
    experiment: 'CHARM',
    category: 'visible',
    layout: 'double_sided',
    production: { kind: 'fixed', fractions: { eta_gamma: 1, "eta'_gamma": 0 } },
    decay: ['e_e'],
    efficiency: dump(10, 480),
    referenceModel: 'dark_photon',
    regression: 'displaced',
    reference: TSAI_2019,
    notes: ['η with fraction 1 and η′ with fraction 0 (§10.9)'],
  },
  {
    id: 'cms_2019_visible',
    stem: 'CMS_CMS2019kiy',
    experiment: 'CMS',
    category: 'visible',
    layout: 'single_sided',
    production: { kind: 'table', prdStem: 'CMS_CMS2019kiy' },
    decay: ['mu_mu'],
    referenceModel: 'dark_photon',
    regression: 'prompt',
    // t1 = ∞ below 45 GeV, 5 ps below 130 GeV, then −36.6 ps + 0.312 ps/GeV · m (§5.2)
    efficiency: {
      type: 'prompt_t1',
      t1: {
        kind: 'piecewise',
        pieces: [
          { below: 45, t1: null },
          { below: 130, t1: 5e-12 },
          { a: -3.66e-11, b: 3.12e-13 },
        ],
      },
    },
    reference: {
      inspire: 'CMS:2019kiy',
      year: 2019,
      title: 'Search for a narrow resonance decaying to a pair of muons in proton-proton collisions at 13 TeV',
    },
  },
  {
    id: 'e137_2012_visible',
    stem: 'E137_Andreas2012mt',
    experiment: 'E137',
    category: 'visible',
    layout: 'double_sided',
    production: only('e_brem'),
    decay: ['e_e'],
    efficiency: dump(204, 179),
    referenceModel: 'dark_photon',
    regression: 'displaced',
    reference: {
      inspire: 'Andreas:2012mt',
      arxiv: '1209.6083',
      doi: '10.1103/PhysRevD.86.095019',
      year: 2012,
      title: 'New limits on hidden photons from past electron beam dumps',
    },
  },
  {
    id: 'e137_2009_visible',
    stem: 'E137_Bjorken2009mm',
    experiment: 'E137',
    category: 'visible',
    layout: 'double_sided',
    production: only('e_brem'),
    decay: ['e_e'],
    efficiency: dump(204, 179),
    referenceModel: 'dark_photon',
    regression: 'displaced',
    reference: {
      inspire: 'Bjorken:2009mm',
      arxiv: '0906.0580',
      doi: '10.1103/PhysRevD.80.075018',
      year: 2009,
      title: 'New fixed-target experiments to search for dark gauge forces',
    },
    notes: ['37 repeated masses: the last row wins (§2.1)'],
  },
  {
    id: 'e141_1987_visible',
    stem: 'E141_Riordan1987aw',
    experiment: 'E141',
    category: 'visible',
    layout: 'double_sided',
    production: only('e_brem'),
    decay: ['e_e'],
    efficiency: dump(35, 0.12),
    referenceModel: 'dark_photon',
    regression: 'displaced',
    reference: {
      inspire: 'Riordan:1987aw',
      doi: '10.1103/PhysRevLett.59.755',
      year: 1987,
      title: 'A search for short lived axions in an electron beam dump experiment',
    },
  },
  {
    id: 'e774_1989_visible',
    stem: 'E774_Bross1989mp',
    experiment: 'E774',
    category: 'visible',
    layout: 'double_sided',
    production: only('e_brem'),
    decay: ['e_e'],
    efficiency: dump(2, 0.3),
    referenceModel: 'dark_photon',
    regression: 'displaced',
    reference: {
      inspire: 'Bross:1989mp',
      doi: '10.1103/PhysRevLett.67.2942',
      year: 1991,
      title: 'A search for short-lived particles produced in an electron beam dump',
    },
  },
  {
    id: 'hps_2018_visible',
    stem: 'HPS_Adrian2018scb',
    experiment: 'HPS',
    category: 'visible',
    layout: 'single_sided',
    production: only('e_brem'),
    decay: ['e_e'],
    efficiency: PROMPT,
    referenceModel: 'dark_photon',
    regression: 'prompt',
    reference: {
      inspire: 'Adrian:2018scb',
      arxiv: '1807.11530',
      year: 2018,
      title: 'Search for a dark photon in electro-produced e⁺e⁻ pairs with the Heavy Photon Search experiment at JLab',
    },
  },
  {
    id: 'kek_1986_visible',
    stem: 'KEK_Konaka1986cb',
    experiment: 'KEK',
    category: 'visible',
    layout: 'double_sided',
    production: only('e_brem'),
    decay: ['e_e'],
    efficiency: dump(2.2, 2.4),
    referenceModel: 'dark_photon',
    regression: 'displaced',
    reference: {
      inspire: 'Konaka:1986cb',
      doi: '10.1103/PhysRevLett.57.659',
      year: 1986,
      title: 'Search for neutral particles in electron beam dump experiment',
    },
  },
  {
    id: 'kloe_2015_visible',
    stem: 'KLOE_Anastasi2015qla',
    experiment: 'KLOE',
    category: 'visible',
    layout: 'single_sided',
    production: only('e_e'),
    decay: ['e_e'],
    efficiency: KLOE_T1,
    referenceModel: 'dark_photon',
    regression: 'prompt',
    reference: {
      inspire: 'Anastasi:2015qla',
      arxiv: '1509.00740',
      doi: '10.1016/j.physletb.2015.10.003',
      year: 2015,
      title: 'Limit on the production of a low-mass vector boson in e⁺e⁻ → Uγ, U → e⁺e⁻ with the KLOE experiment',
    },
  },
  {
    id: 'kloe_2016_visible',
    stem: 'KLOE_Anastasi2016ktq',
    experiment: 'KLOE',
    category: 'visible',
    layout: 'single_sided',
    production: only('e_e'),
    decay: ['pi+_pi-'],
    efficiency: KLOE_T1,
    referenceModel: 'dark_photon',
    regression: 'prompt',
    reference: {
      inspire: 'Anastasi:2016ktq',
      arxiv: '1603.06086',
      doi: '10.1016/j.physletb.2016.04.019',
      year: 2016,
      title: 'Limit on the production of a new vector boson in e⁺e⁻ → Uγ, U → π⁺π⁻ with the KLOE experiment',
    },
  },
  {
    id: 'kloe_2018_combined',
    stem: 'KLOE_Anastasi2018azp_combined',
    experiment: 'KLOE',
    category: 'visible',
    layout: 'single_sided',
    production: only('e_e'),
    decay: ['mu_mu', 'pi+_pi-'],
    efficiency: KLOE_T1,
    referenceModel: 'dark_photon',
    regression: 'prompt',
    reference: KLOE_2018,
  },
  {
    id: 'kloe_2018_mumu',
    stem: 'KLOE_Anastasi2018azp_mumu',
    experiment: 'KLOE',
    category: 'visible',
    layout: 'single_sided',
    production: only('e_e'),
    decay: ['mu_mu'],
    efficiency: KLOE_T1,
    referenceModel: 'dark_photon',
    regression: 'prompt',
    reference: KLOE_2018,
  },
  {
    id: 'kloe_2012_visible',
    stem: 'KLOE_Babusci2012cr',
    experiment: 'KLOE',
    category: 'visible',
    layout: 'single_sided',
    production: only('phi_eta'),
    decay: ['e_e'],
    referenceModel: 'dark_photon',
    referenceWidthStates: ['e_e', 'mu_mu'],
    regression: 'prompt',
    // φ → ηX with the φ at rest fixes the boost (§5.2)
    efficiency: { type: 'prompt_t1', t1: { kind: 'decay_length', lengthM: 0.08, boost: 'phi_to_eta_x' } },
    reference: {
      inspire: 'Babusci:2012cr',
      arxiv: '1210.3927',
      doi: '10.1016/j.physletb.2013.01.067',
      year: 2013,
      title: 'Limit on the production of a light vector gauge boson in φ meson decays with the KLOE detector',
    },
    notes: ["the reference dark photon's total width is ee + μμ only (§10.8)"],
  },
  {
    id: 'kloe_2014_visible',
    stem: 'KLOE_Babusci2014sta',
    experiment: 'KLOE',
    category: 'visible',
    layout: 'single_sided',
    production: only('e_e'),
    decay: ['mu_mu'],
    efficiency: KLOE_T1,
    referenceModel: 'dark_photon',
    regression: 'prompt',
    reference: {
      inspire: 'Babusci:2014sta',
      arxiv: '1404.7772',
      doi: '10.1016/j.physletb.2014.08.005',
      year: 2014,
      title: 'Search for light vector boson production in e⁺e⁻ → μ⁺μ⁻γ interactions with the KLOE experiment',
    },
  },
  {
    id: 'lep_2011_invisible',
    stem: 'LEP_Fox2011fx',
    experiment: 'LEP',
    category: 'invisible',
    layout: 'single_sided',
    production: only('e_e'),
    decay: ['invisible'],
    efficiency: PROMPT,
    referenceModel: 'dark_photon',
    regression: 'prompt',
    reference: {
      inspire: 'Fox:2011fx',
      arxiv: '1103.0240',
      doi: '10.1103/PhysRevD.84.014028',
      year: 2011,
      title: 'LEP shines light on dark matter',
    },
    notes: [INVISIBLE_NOTE],
  },
  {
    id: 'lhcb_2017_displaced',
    stem: 'LHCb_Aaij2017rft_displaced',
    experiment: 'LHCb',
    category: 'visible',
    layout: 'r_values',
    production: LHCB_PRD,
    decay: ['mu_mu'],
    efficiency: { type: 'r_values' },
    referenceModel: 'dark_photon',
    regression: 'displaced',
    reference: LHCB_2017,
  },
  {
    id: 'lhcb_2017_prompt',
    stem: 'LHCb_Aaij2017rft_prompt',
    experiment: 'LHCb',
    category: 'visible',
    layout: 'single_sided',
    production: LHCB_PRD,
    decay: ['mu_mu'],
    efficiency: LHCB_T1,
    referenceModel: 'dark_photon',
    regression: 'prompt',
    reference: LHCB_2017,
    notes: ['1e5 sentinel rows at the vetoed 0.53, 0.75, 0.96, 2.9, 3.6 and 9.1 GeV windows (§10.5)'],
  },
  {
    id: 'lhcb_2019_displaced',
    stem: 'LHCb_Aaij2019bvg_displaced',
    experiment: 'LHCb',
    category: 'visible',
    layout: 'r_values',
    production: LHCB_PRD,
    decay: ['mu_mu'],
    efficiency: { type: 'r_values' },
    referenceModel: 'dark_photon',
    regression: 'displaced',
    reference: LHCB_2019,
  },
  {
    id: 'lhcb_2019_prompt',
    stem: 'LHCb_Aaij2019bvg_prompt',
    experiment: 'LHCb',
    category: 'visible',
    layout: 'single_sided',
    production: LHCB_PRD,
    decay: ['mu_mu'],
    efficiency: LHCB_T1,
    referenceModel: 'dark_photon',
    regression: 'prompt',
    reference: LHCB_2019,
  },
  // NA48/2: π⁰ → γX with L = 1 m and E_X = 50 GeV (§5.2)
  {
    id: 'na48_2015_visible',
    stem: 'NA48_Batley2015lha',
    experiment: 'NA48/2',
    category: 'visible',
    layout: 'single_sided',
    production: only('pi0_gamma'),
    decay: ['e_e'],
    efficiency: { type: 'prompt_t1', t1: { kind: 'decay_length', lengthM: 1, boost: { energyGeV: 50 } } },
    referenceModel: 'dark_photon',
    regression: 'prompt',
    reference: {
      inspire: 'Batley:2015lha',
      arxiv: '1504.00607',
      doi: '10.1016/j.physletb.2015.04.068',
      year: 2015,
      title: 'Search for the dark photon in π⁰ decays',
    },
  },
  {
    id: 'na62_2019_invisible',
    stem: 'NA62_CortinaGil2019nuo',
    experiment: 'NA62',
    category: 'invisible',
    layout: 'single_sided',
    production: only('pi0_gamma'),
    decay: ['invisible'],
    efficiency: PROMPT,
    referenceModel: 'dark_photon',
    regression: 'prompt',
    reference: {
      inspire: 'CortinaGil:2019nuo',
      arxiv: '1903.08767',
      year: 2019,
      title: 'Search for production of an invisible dark photon in π⁰ decays',
    },
    notes: [INVISIBLE_NOTE],
  },
  {
    id: 'na64_2016_invisible',
    stem: 'NA64_Banerjee2016tad',
    experiment: 'NA64',
    category: 'invisible',
    layout: 'single_sided',
    production: only('e_brem'),
    decay: ['invisible'],
    efficiency: PROMPT,
    referenceModel: 'dark_photon',
    regression: 'prompt',
    reference: {
      inspire: 'Banerjee:2016tad',
      arxiv: '1610.02988',
      doi: '10.1103/PhysRevLett.118.011802',
      year: 2017,
      title: 'Search for invisible decays of sub-GeV dark photons in missing-energy events at the CERN SPS',
    },
    notes: [INVISIBLE_NOTE],
  },
  {
    id: 'na64_2017_invisible',
    stem: 'NA64_Banerjee2017hhz',
    experiment: 'NA64',
    category: 'invisible',
    layout: 'single_sided',
    production: only('e_brem'),
    decay: ['invisible'],
    efficiency: PROMPT,
    referenceModel: 'dark_photon',
    regression: 'prompt',
    reference: {
      inspire: 'Banerjee:2017hhz',
      arxiv: '1710.00971',
      doi: '10.1103/PhysRevD.97.072002',
      year: 2018,
      title: 'Search for vector mediator of dark matter production in invisible decay mode',
    },
    notes: [INVISIBLE_NOTE],
  },
  {
    id: 'na64_2018_visible',
    stem: 'NA64_Banerjee2018vgk',
    experiment: 'NA64',
    category: 'visible',
    layout: 'double_sided',
    production: only('e_brem'),
    decay: ['e_e'],
    efficiency: dump(4, 1),
    referenceModel: 'dark_photon',
    regression: 'displaced',
    reference: {
      inspire: 'Banerjee:2018vgk',
      arxiv: '1803.07748',
      year: 2018,
      title: 'Search for a new X(16.7) boson and dark photons in the NA64 experiment at CERN',
    },
  },
  {
    id: 'na64_2019_visible',
    stem: 'NA64_Banerjee2019hmi',
    experiment: 'NA64',
    category: 'visible',
    layout: 'double_sided',
    production: only('e_brem'),
    decay: ['e_e'],
    efficiency: dump(4, 1),
    referenceModel: 'dark_photon',
    regression: 'displaced',
    reference: {
      inspire: 'Banerjee:2019hmi',
      arxiv: '1912.11389',
      year: 2019,
      title: 'Improved limits on a hypothetical X(16.7) boson and a dark photon decaying into e⁺e⁻ pairs',
    },
  },
  {
    id: 'na64_2019_invisible',
    stem: 'NA64_NA642019imj',
    experiment: 'NA64',
    category: 'invisible',
    layout: 'single_sided',
    production: only('e_brem'),
    decay: ['invisible'],
    efficiency: PROMPT,
    referenceModel: 'dark_photon',
    regression: 'prompt',
    reference: {
      inspire: 'NA64:2019imj',
      arxiv: '1906.00176',
      doi: '10.1103/PhysRevLett.123.121801',
      year: 2019,
      title: 'Dark matter search in missing energy events with NA64',
    },
    notes: ['newest NA64 invisible result in DarkCast v1.2; later NA64 data are not included (§10.3)', INVISIBLE_NOTE],
  },
  {
    id: 'nomad_2001_visible',
    stem: 'NOMAD_Astier2001ck',
    experiment: 'NOMAD',
    category: 'visible',
    layout: 'double_sided',
    production: only('pi0_gamma'),
    decay: ['e_e'],
    efficiency: dump(7.5, 835),
    referenceModel: 'dark_photon',
    regression: 'displaced',
    reference: {
      inspire: 'Astier:2001ck',
      arxiv: 'hep-ex/0101041',
      doi: '10.1016/S0370-2693(01)00362-8',
      year: 2001,
      title: 'Search for heavy neutrinos mixing with tau neutrinos',
    },
  },
  {
    id: 'nucal_1990_visible',
    stem: 'NuCAL_Blumlein1990ay',
    experiment: 'NuCal',
    category: 'visible',
    layout: 'double_sided',
    production: only('pi0_gamma'),
    decay: ['e_e'],
    efficiency: dump(23, 64),
    referenceModel: 'dark_photon',
    regression: 'displaced',
    reference: {
      inspire: 'Blumlein:1990ay',
      doi: '10.1007/BF01548556',
      year: 1991,
      title: 'Limits on neutral light scalar and pseudoscalar particles in a proton beam dump experiment',
    },
  },
  {
    id: 'nucal_1991_visible',
    stem: 'NuCAL_Blumlein1991xh',
    experiment: 'NuCal',
    category: 'visible',
    layout: 'double_sided',
    production: only('p_brem'),
    decay: ['e_e'],
    efficiency: dump(23, 64),
    referenceModel: 'dark_photon',
    regression: 'displaced',
    reference: {
      inspire: 'Blumlein:1991xh',
      doi: '10.1142/S0217751X9200171X',
      year: 1992,
      title:
        'Limits on the mass of light (pseudo)scalar particles from Bethe-Heitler e⁺e⁻ and μ⁺μ⁻ pair production in a proton-iron beam dump experiment',
    },
    notes: ['proton bremsstrahlung with no nuclear or proton form factor in the ratio (§10.9)'],
  },
  {
    id: 'nucal_2019_visible',
    stem: 'NuCAL_Tsai2019mtm',
    experiment: 'NuCal',
    category: 'visible',
    layout: 'double_sided',
    production: only('pi0_gamma'),
    decay: ['e_e'],
    efficiency: dump(23, 64),
    referenceModel: 'dark_photon',
    regression: 'displaced',
    reference: TSAI_2019,
  },
  {
    id: 'orsay_1989_visible',
    stem: 'Orsay_Davier1989wz',
    experiment: 'Orsay',
    category: 'visible',
    layout: 'double_sided',
    production: only('e_brem'),
    decay: ['e_e'],
    efficiency: dump(2, 1),
    referenceModel: 'dark_photon',
    regression: 'displaced',
    reference: {
      inspire: 'Davier:1989wz',
      doi: '10.1016/0370-2693(89)90174-3',
      year: 1989,
      title: 'An unambiguous search for a light Higgs boson',
    },
  },
  {
    id: 'ps191_1985_visible',
    stem: 'PS191_Bernardi1985ny',
    experiment: 'PS191',
    category: 'visible',
    layout: 'double_sided',
    production: only('pi0_gamma'),
    decay: ['e_e'],
    efficiency: dump(7, 128),
    referenceModel: 'dark_photon',
    regression: 'displaced',
    reference: { inspire: 'Bernardi:1985ny', doi: '10.1016/0370-2693(86)91602-3', year: 1986, title: 'Search for neutrino decay' },
  },
];

/**
 * DarkCast entries that cannot be recast: h → XX lepton-jet searches quoted for an assumed BR(h → XX)
 * (file suffix `_brN`, in %), with no production or decay definition (§10.6).
 */
export const REFERENCE_ONLY_LIMITS: readonly string[] = [
  'ATLAS_Aad2014yea',
  'ATLAS_Aad2015sms',
  'ATLAS_Aad2019tua',
  'CMS_CMS2016tgd',
  'CMS_CMS2018rdr',
];

/** Entry by exact id or DarkCast stem: the v1.2 limits, then the 2023 limits and projections (projectionCatalog.ts). */
export function findLimit(idOrStem: string): LimitCatalogEntry | undefined {
  const match = (e: LimitCatalogEntry) => e.id === idOrStem || e.stem === idOrStem;
  return LIMIT_CATALOG.find(match) ?? LIMITS_2023.find(match) ?? PROJECTION_CATALOG.find(match);
}

/**
 * Entry by id, DarkCast stem (any case), or unique id prefix (`babar_2014`). Returns the candidates when
 * the prefix is ambiguous so the caller can say which ids it matched.
 */
export function resolveLimit(query: string): { entry: LimitCatalogEntry } | { entry: null; candidates: LimitCatalogEntry[] } {
  const q = query.trim().toLowerCase();
  const exact = LIMIT_CATALOG.find((e) => e.id === q || e.stem.toLowerCase() === q);
  if (exact) return { entry: exact };
  const prefixed = LIMIT_CATALOG.filter((e) => e.id.startsWith(q));
  if (prefixed.length === 1) return { entry: prefixed[0] };
  return { entry: null, candidates: prefixed };
}

// Measurement inputs that change over time, as named, year-stamped datasets. An entry is never edited
// in place: a new measurement is a new id. Scans select them by id and print the id they used.

export interface Measurement {
  id: string;
  /** Central value and 1-sigma error, in the family's unit. */
  central: number;
  sigma: number;
  unit: string;
  source: string;
}

export interface DatasetFamily {
  key: string;
  title: string;
  default: string;
  entries: Record<string, Measurement>;
}

/** Delta a_mu = a_mu(exp) - a_mu(SM), in units of 1e-11 (SPEC §4.1 "Named datasets"). */
export const AMU: DatasetFamily = {
  key: 'amu',
  title: 'muon g-2 discrepancy Delta a_mu',
  default: 'amu-2021',
  entries: {
    'amu-2021': {
      id: 'amu-2021',
      central: 251,
      sigma: 59,
      unit: '1e-11',
      source: 'FNAL run 1 + BNL average vs 2020 Theory Initiative WP (arXiv:2104.03281, arXiv:2006.04822); G2 §2.4',
    },
    'amu-2025': {
      id: 'amu-2025',
      central: 38,
      sigma: 63,
      unit: '1e-11',
      source: 'final FNAL world average runs 1-6 (arXiv:2506.03069) vs 2025 Theory Initiative update (arXiv:2505.21476)',
    },
  },
};

/** Delta a_e for the two fine-structure-constant inputs, in units of 1e-13 (SPEC §4.2). */
export const AE: DatasetFamily = {
  key: 'ae',
  title: 'electron g-2 discrepancy Delta a_e',
  default: 'ae-cs-2018',
  entries: {
    'ae-cs-2018': {
      id: 'ae-cs-2018',
      central: -8.8,
      sigma: 3.6,
      unit: '1e-13',
      source: 'alpha from Cs recoil (Parker et al., Science 360 (2018) 191); G2 §5.2',
    },
    'ae-rb-2020': {
      id: 'ae-rb-2020',
      central: 4.8,
      sigma: 3.0,
      unit: '1e-13',
      source: 'alpha from Rb recoil (Morel et al., Nature 588 (2020) 61); G2 §5.2',
    },
  },
};

export const DATASET_FAMILIES: readonly DatasetFamily[] = [AMU, AE];

export function datasetFamily(key: string): DatasetFamily | undefined {
  return DATASET_FAMILIES.find((f) => f.key === key);
}

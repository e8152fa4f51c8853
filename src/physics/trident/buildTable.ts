// Generator of the CCFR trident coefficient table (data/tables/ccfr-trident.json), called by
// `u1x tables build`. See integrate.ts for the method and inputs.ts for every supplied choice.

import { readFileSync } from 'node:fs';
import { ALPHA, G_F, M_MU, SW2, contactStrength } from '../constants.js';
import { crossings, eftBoundaryComparison, logGrid } from './diagnostics.js';
import { eftCoefficients, type TridentCoefficientSet } from './eft.js';
import {
  DEFAULT_SETTINGS,
  GEV2_TO_CM2,
  QUICK_SETTINGS,
  coefficientsFromEvents,
  coherentPart,
  generateEvents,
  smWeights,
  type EventSample,
  type TridentSettings,
} from './integrate.js';
import {
  CCFR_FLUX,
  CCFR_R95,
  CCFR_RATIO,
  CCFR_SIGMA,
  EFT_AXIAL_WEIGHT,
  FE56,
  G_A_SM,
  G_V_SM,
  HELM,
  INCOHERENT_WEIGHT,
  K_FERMI_FE,
} from './inputs.js';
import { COEFFICIENT_KEYS, type CoefficientArrays, type TridentTable } from './table.js';

/** 2: adds coherentOnly (the same events without the nucleon-level photon flux). */
export const TABLE_VERSION = 2;

/** Table grid: 301 nodes, 50 per decade, from 1 MeV to 1000 GeV. */
export function defaultMassGrid(): number[] {
  return Array.from({ length: 301 }, (_, i) => 10 ** (-3 + i / 50));
}

/** (g-2)_mu dataset amu-2021 (SPEC §4.1): central value and 2 sigma edges. */
const AMU_2021 = { central: 251e-11, lower2s: 133e-11, upper2s: 369e-11 };

export interface BuildOptions {
  masses?: number[];
  /** Overrides of the Monte Carlo settings (seed, statistics, supplied inputs). */
  settings?: Partial<TridentSettings>;
  /** Reduced statistics (seconds); the settings otherwise equal the committed table's. */
  quick?: boolean;
  /** Re-run the calculation with varied supplied inputs and record the effect in the header. */
  sensitivity?: boolean;
  /** Statistics of each sensitivity run. */
  sensitivityEvents?: number;
  /** Progress messages. */
  log?: (msg: string) => void;
  /** ISO date for the header (default: now). */
  date?: string;
}

function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version?: string };
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

const round = (x: number, digits = 7) => (x === 0 ? 0 : Number(x.toPrecision(digits)));

function toArrays<T>(cs: T[], pick: (c: T) => TridentCoefficientSet, digits = 7): CoefficientArrays {
  const out = Object.fromEntries(COEFFICIENT_KEYS.map((k) => [k, [] as number[]])) as CoefficientArrays;
  for (const c of cs) {
    const p = pick(c);
    for (const k of COEFFICIENT_KEYS) out[k].push(round(p[k], digits));
  }
  return out;
}

/** Summary numbers of one event sample: SM weights, EFT comparison and g-2 crossings. */
export function summarise(ev: EventSample) {
  const w = smWeights(ev);
  const heavy = [5, 10, 20, 50];
  const scan = logGrid(0.05, 5, 240);
  const cs = coefficientsFromEvents(ev, [...heavy, ...scan, Infinity]);
  const contact = cs[cs.length - 1];
  const eftCmp = heavy.map((m, i) => {
    const K = contactStrength(m);
    return {
      mX: m,
      aVOverContact: round(cs[i].aV / (contact.aV * K), 5),
      bVVOverContact: round(cs[i].bVV / (contact.bVV * K * K), 5),
      vsEft113: mapRound(eftBoundaryComparison(cs[i], eftCoefficients(m))),
      vsEftCalculatedWeight: mapRound(eftBoundaryComparison(cs[i], eftCoefficients(m, w.axialWeight))),
    };
  });
  const scanCs = cs.slice(heavy.length, heavy.length + scan.length);
  const cross = {
    central: crossings(scan, scanCs, AMU_2021.central).map((x) => round(x, 4)),
    lower2sigma: crossings(scan, scanCs, AMU_2021.lower2s).map((x) => round(x, 4)),
    upper2sigma: crossings(scan, scanCs, AMU_2021.upper2s).map((x) => round(x, 4)),
  };
  return {
    sigmaSMcm2: round(ev.sigmaSM * GEV2_TO_CM2, 4),
    sigmaSMRelErr: round(ev.sigmaSMErr / ev.sigmaSM, 3),
    incoherentFraction: round(ev.incoherentFraction, 4),
    meanEventEnergyGeV: round(ev.meanEventEnergy, 4),
    meanFluxEnergyGeV: round(ev.meanFluxEnergy, 4),
    axialWeight: round(w.axialWeight, 5),
    axialWeightErr: round(w.axialWeightErr, 2),
    vectorAxialInterference: round(w.vaWeight, 3),
    eftComparison: eftCmp,
    lmultauCrossingsGeV: cross,
  };
}

function mapRound(o: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, round(v, 4)]));
}

interface Variation {
  name: string;
  settings: Partial<TridentSettings>;
}

const VARIATIONS: Variation[] = [
  { name: 'baseline (reduced statistics)', settings: {} },
  { name: 'E_mu > 0 (no muon-energy cut)', settings: { eMuMinGeV: 0 } },
  { name: 'E_mu > 10 GeV', settings: { eMuMinGeV: 10 } },
  { name: 'softer flux, theta = 35 GeV', settings: { flux: { ...CCFR_FLUX, thetaGeV: 35 } } },
  { name: 'harder flux, theta = 60 GeV', settings: { flux: { ...CCFR_FLUX, thetaGeV: 60 } } },
  { name: 'no incoherent (proton) photons', settings: { incoherentWeight: 0 } },
  { name: 'incoherent photon flux x 2', settings: { incoherentWeight: 2 } },
  { name: 'nuclear radius x 0.9', settings: { radiusScale: 0.9 } },
  { name: 'nuclear radius x 1.1', settings: { radiusScale: 1.1 } },
];

/** Build the CCFR trident table. Deterministic for given options (apart from the header date). */
export function buildCcfrTridentTable(opts: BuildOptions = {}): TridentTable {
  const log = opts.log ?? (() => {});
  const masses = opts.masses ?? defaultMassGrid();
  const base = opts.quick ? QUICK_SETTINGS : DEFAULT_SETTINGS;
  const settings: TridentSettings = { ...base, ...opts.settings, flux: { ...base.flux, ...opts.settings?.flux } };
  const t0 = Date.now();
  log(`trident: generating ${settings.events} events (seed ${settings.seed})`);
  const ev = generateEvents(settings);
  log(`trident: ${ev.count} events pass the cuts (${((Date.now() - t0) / 1000).toFixed(1)} s); coefficients at ${masses.length} masses`);
  const cs = coefficientsFromEvents(ev, [...masses, Infinity]);
  const contactC = cs.pop()!;
  const summary = summarise(ev);
  const coherentEv = coherentPart(ev);
  const csCoh = coefficientsFromEvents(coherentEv, [...masses, Infinity]);
  const contactCoh = csCoh.pop()!;
  const coherentSummary = summarise(coherentEv);
  log(`trident: main sample done (${((Date.now() - t0) / 1000).toFixed(1)} s)`);

  let sensitivity: unknown[] | undefined;
  if (opts.sensitivity) {
    const nSens = opts.sensitivityEvents ?? Math.min(settings.events, 1_500_000);
    sensitivity = VARIATIONS.map((v) => {
      const st = { ...settings, ...v.settings, events: nSens, flux: { ...settings.flux, ...v.settings.flux } };
      const s = summarise(generateEvents(st));
      log(`trident: sensitivity '${v.name}': crossings ${JSON.stringify(s.lmultauCrossingsGeV)}`);
      return {
        variation: v.name,
        settings: v.settings,
        axialWeight: s.axialWeight,
        meanEventEnergyGeV: s.meanEventEnergyGeV,
        incoherentFraction: s.incoherentFraction,
        aVOverContactAt5GeV: s.eftComparison[0].aVOverContact,
        lmultauCrossingsGeV: s.lmultauCrossingsGeV,
      };
    });
  }

  const maxRel = (k: keyof TridentCoefficientSet, lo: number) => {
    let m = 0;
    cs.forEach((c, i) => {
      if (masses[i] >= lo && c[k] !== 0) m = Math.max(m, Math.abs(c.err[k] / c[k]));
    });
    return round(m, 2);
  };

  const header = {
    title: 'CCFR neutrino trident (nu_mu Fe -> nu_mu Fe mu+ mu-): coefficients of R_trident(m_X)',
    tableVersion: TABLE_VERSION,
    generator: 'src/physics/trident/buildTable.ts (u1x tables build --only ccfr)',
    u1xVersion: packageVersion(),
    date: opts.date ?? new Date().toISOString(),
    node: process.version,
    mode: opts.quick ? 'quick (reduced statistics; not for committing)' : 'full',
    definition: {
      ratio: 'R = 1 + aV*YV + aA*YA + bVV*YV^2 + bAA*YA^2 + bVA*YV*YA',
      couplings: 'YV = y_nu^mu * y_V^mu, YA = y_nu^mu * y_A^mu (couplings incl. kinetic mixing; SPEC §2.3, §4 preamble)',
      chi2: `((R - ${CCFR_RATIO}) / ${CCFR_SIGMA})^2; 95% CL exclusion R > ${CCFR_R95.toFixed(2)} (SPEC §4.3)`,
      interpolation:
        'log-log linear in m_X for positive coefficients, linear in ln m_X otherwise; above the grid: contact limit x K^n; below: lowest node',
      units: 'm_X in GeV; coefficients dimensionless per unit YV, YA',
    },
    method: {
      process:
        "nu_mu gamma -> nu_mu mu- mu+ with the full tree-level matrix element: SM contact term (Z and W, g_V = 1/2 + 2 s_w^2, g_A = 1/2) plus X exchange with propagator 1/(m_X^2 + Q^2), Q^2 = -(p_nu - p_nu')^2; V and A muon couplings separate; spin sums with explicit chiral-representation spinors (equivalent to the Dirac traces)",
      epa: 'sigma = int dE phi(E) int ds/s sigma_nu_gamma(s) (alpha/pi)[Z^2 G_coh(Q2min) + Z G_inc(Q2min)], Q2min = (s/2E)^2, G(x) = int_x dQ2/Q2 |F|^2 (SPEC §4.3 point 1)',
      coherentFormFactor: `Helm (Lewin & Smith 1996): c = 1.23 A^(1/3) - 0.60 fm, a = ${HELM.aFm} fm, s = ${HELM.sFm} fm, A = ${FE56.A}, Z = ${FE56.Z}`,
      incoherent: `per proton: dipole (G_E^2 + tau G_M^2)/(1 + tau) x Fermi-gas Pauli blocking (k_F = ${K_FERMI_FE} GeV) [supplied]; neutrons neglected; weight ${INCOHERENT_WEIGHT}`,
      flux: `phi(E) ∝ E^(k-1) exp(-E/theta), k = ${settings.flux.shapeK}, theta = ${settings.flux.thetaGeV} GeV, ${settings.flux.eMinGeV}-${settings.flux.eMaxGeV} GeV [supplied: selected-event mean energy ~160 GeV as quoted for CCFR]`,
      cuts: `both muons E_mu > ${settings.eMuMinGeV} GeV in the lab [supplied; CCFR thresholds not given in the papers]; no angular or hadronic-energy cut`,
      integration:
        'VEGAS-adapted Monte Carlo over (E, ln s, ln m_mumu^2, ln Q^2, cos theta*, phi*) with uniform floors; one event sample for all masses (coefficients correlated across m_X, smooth in m_X); mu+ <-> mu- symmetrised so that bVA = 0 exactly',
      constants: { alpha: ALPHA, G_F, sw2: SW2, m_mu: M_MU, gV: G_V_SM, gA: G_A_SM },
    },
    settings: { ...settings },
    seeds: { adaptation: [settings.seed, 1], production: [settings.seed, 2] },
    results: summary,
    coherentOnlyResults: {
      definition:
        'coherentOnly.*: the same events with every weight times its coherent share of the photon flux (no scattering off individual protons), i.e. incoherentWeight = 0 on the same sample; the CCFR option nucleon=false',
      sigmaSMcm2: coherentSummary.sigmaSMcm2,
      axialWeight: coherentSummary.axialWeight,
      eftComparison: coherentSummary.eftComparison,
      lmultauCrossingsGeV: coherentSummary.lmultauCrossingsGeV,
    },
    uncertainty: {
      monteCarlo:
        'errors.* hold the one-sigma MC error of every coefficient at every node (delta method on the ratio to sigma_SM); neighbouring nodes are strongly correlated (same events)',
      maxRelativeError: {
        all: Object.fromEntries((['aV', 'aA', 'bVV', 'bAA'] as const).map((k) => [k, maxRel(k, 0)])),
        mXabove0p1GeV: Object.fromEntries((['aV', 'aA', 'bVV', 'bAA'] as const).map((k) => [k, maxRel(k, 0.1)])),
      },
      systematic: 'dominated by the supplied flux, cuts, form factor and incoherent treatment; see sensitivity',
      reproducibility: 'bit-identical for the same settings on the same Node/V8 build; across platforms within the MC errors',
    },
    sensitivity: sensitivity ?? 'not run (pass --sensitivity)',
    eftReference: `eft.*: SPEC §4.3 EFT formula with axial weight ${EFT_AXIAL_WEIGHT}; contact: this calculation's m_X -> infinity limit divided by K^n (K = 1/(sqrt2 G_F m_X^2))`,
  };

  return {
    header,
    mX: masses.map((m) => round(m, 10)),
    coefficients: toArrays(cs, (c) => c),
    errors: toArrays(cs, (c) => c.err, 3),
    coherentOnly: {
      coefficients: toArrays(csCoh, (c) => c),
      errors: toArrays(csCoh, (c) => c.err, 3),
      contact: {
        aV: round(contactCoh.aV),
        aA: round(contactCoh.aA),
        bVV: round(contactCoh.bVV),
        bAA: round(contactCoh.bAA),
        bVA: round(contactCoh.bVA),
      },
    },
    eft: toArrays(
      masses.map((m) => eftCoefficients(m)),
      (c) => c,
    ),
    contact: {
      aV: round(contactC.aV),
      aA: round(contactC.aA),
      bVV: round(contactC.bVV),
      bAA: round(contactC.bAA),
      bVA: round(contactC.bVA),
    },
  };
}

/** JSON text of a table: header indented, numeric arrays on one line each. */
export function formatTable(table: TridentTable): string {
  return (
    JSON.stringify(table, null, 1).replace(/\[\s*(-?[0-9][-0-9.eE+,\s]*?)\s*\]/g, (_, body: string) => `[${body.replace(/\s+/g, '')}]`) +
    '\n'
  );
}

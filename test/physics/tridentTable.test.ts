// CCFR neutrino trident (SPEC §4.3, VALIDATION §10): the committed coefficient table
// data/tables/ccfr-trident.json against the EFT formula, the L_mu - L_tau / (g-2)_mu crossing, and the
// interpolation contract.
import { describe, expect, it } from 'vitest';
import { contactStrength, M_MU } from '../../src/physics/constants.js';
import { eftCoefficients, eftRatio, ratioFromCoefficients } from '../../src/physics/trident/eft.js';
import { CCFR_R95, CCFR_RATIO, CCFR_SIGMA, EFT_AXIAL_WEIGHT, G_A_SM, G_V_SM } from '../../src/physics/trident/inputs.js';
import { ccfrTridentTable, COEFFICIENT_KEYS, tridentCoefficientsAt, tridentRatio } from '../../src/physics/trident/table.js';

const table = ccfrTridentTable();
const t = CCFR_R95 - 1;

/** Y for R = R95 along one direction of a quadratic form 1 + a Y + b Y^2. */
const boundary = (a: number, b: number) => (2 * t) / (a + Math.sqrt(a * a + 4 * b * t));

// Delta a_mu = g^2 F_V(m_mu/m_X) / (8 pi^2) (SPEC §4.1), F_V by a local Gauss-Legendre-free Simpson rule.
function FV(r: number): number {
  const n = 2000;
  const f = (x: number) => (2 * r * r * x * x * (1 - x)) / (1 - x + r * r * x * x);
  let s = f(0) + f(1);
  for (let i = 1; i < n; i++) s += (i % 2 ? 4 : 2) * f(i / n);
  return s / (3 * n);
}
const gG2 = (m: number, damu: number) => Math.sqrt((8 * Math.PI ** 2 * damu) / FV(M_MU / m));
/** L_mu - L_tau at eps = 0: Y_V = g^2, Y_A = 0. */
const gCCFR = (m: number, nucleon = true) => {
  const c = tridentCoefficientsAt(table, m, { nucleon });
  return Math.sqrt(boundary(c.aV, c.bVV));
};
function crossing(damu: number, nucleon = true): number {
  let prev = { lm: Math.log(0.05), d: Math.log(gCCFR(0.05, nucleon) / gG2(0.05, damu)) };
  for (let i = 1; i <= 400; i++) {
    const lm = Math.log(0.05) + (i / 400) * Math.log(100);
    const d = Math.log(gCCFR(Math.exp(lm), nucleon) / gG2(Math.exp(lm), damu));
    if (prev.d > 0 && d <= 0) return Math.exp(prev.lm + (prev.d / (prev.d - d)) * (lm - prev.lm));
    prev = { lm, d };
  }
  return NaN;
}

describe('VALIDATION §10: EFT numbers', () => {
  it('R = 1 at zero couplings (EFT and table), chi2(SM) = 0.41327', () => {
    expect(eftRatio(0, 0)).toBe(1);
    for (const m of [1e-3, 0.1, 1, 50, 5000]) expect(tridentRatio(m, 0, 0)).toBe(1);
    expect(((1 - CCFR_RATIO) / CCFR_SIGMA) ** 2).toBeCloseTo(0.41327, 5);
  });

  it('EFT 2 sigma limit for a pure vector coupling: C_V < 0.214686', () => {
    // (g_V + C)^2 + w g_A^2 = 1.38 D
    const D = G_V_SM ** 2 + EFT_AXIAL_WEIGHT * G_A_SM ** 2;
    const C = Math.sqrt(CCFR_R95 * D - EFT_AXIAL_WEIGHT * G_A_SM ** 2) - G_V_SM;
    expect(C / 0.214686).toBeCloseTo(1, 4);
    expect(eftRatio(C, 0)).toBeCloseTo(CCFR_R95, 12);
  });

  it('L_mu - L_tau heavy-X bound from the EFT coefficients: g/m_X < 1.8818e-3 / GeV', () => {
    for (const m of [1, 30]) {
      const c = eftCoefficients(m);
      expect(Math.sqrt(boundary(c.aV, c.bVV)) / m / 1.8818e-3).toBeCloseTo(1, 4);
    }
  });
});

describe('CCFR trident table: structure and interpolation', () => {
  it('has the requested grid and a complete header', () => {
    expect(table.mX.length).toBeGreaterThanOrEqual(200);
    expect(table.mX[0]).toBeCloseTo(1e-3, 12);
    expect(table.mX[table.mX.length - 1]).toBeCloseTo(1e3, 6);
    const h = table.header as Record<string, unknown>;
    for (const key of ['generator', 'date', 'settings', 'seeds', 'method', 'uncertainty', 'results', 'sensitivity']) {
      expect(h[key], key).toBeDefined();
    }
  });

  it('is smooth in log m_X and positive (except b_VA = 0 by C symmetry)', () => {
    for (const k of ['aV', 'aA', 'bVV', 'bAA'] as const) {
      const c = table.coefficients[k];
      expect(
        c.every((x) => x > 0),
        k,
      ).toBe(true);
      // second differences of ln c in ln m are small (no MC jitter between nodes)
      for (let i = 1; i < c.length - 1; i++) {
        const d2 = Math.log(c[i + 1]) - 2 * Math.log(c[i]) + Math.log(c[i - 1]);
        expect(Math.abs(d2), `${k} node ${i}`).toBeLessThan(0.01);
      }
    }
    const { bVA, bVV } = table.coefficients;
    expect(bVA.every((x, i) => Math.abs(x) < 1e-12 * bVV[i])).toBe(true);
  });

  it('interpolates through the nodes, continues with the contact limit above and freezes below', () => {
    const i = 150;
    const m = table.mX[i];
    const c = tridentCoefficientsAt(table, m);
    for (const k of ['aV', 'aA', 'bVV', 'bAA'] as const) expect(c[k] / table.coefficients[k][i]).toBeCloseTo(1, 12);
    const top = table.mX[table.mX.length - 1];
    const below = tridentCoefficientsAt(table, top * 0.999999),
      above = tridentCoefficientsAt(table, top * 1.000001);
    for (const k of ['aV', 'aA', 'bVV', 'bAA'] as const) expect(above[k] / below[k]).toBeCloseTo(1, 3);
    const low = tridentCoefficientsAt(table, 1e-5);
    for (const k of COEFFICIENT_KEYS) expect(low[k]).toBe(table.coefficients[k][0]);
  });
});

describe('CCFR trident table vs the EFT formula (SPEC §4.3)', () => {
  const w = table.contact.bAA / table.contact.bVV; // this calculation's SM axial/vector weight

  it('has the EFT structure in the contact limit, with its own axial weight', () => {
    const D = G_V_SM ** 2 + w * G_A_SM ** 2;
    expect((table.contact.aV * D) / (2 * G_V_SM)).toBeCloseTo(1, 6);
    expect((table.contact.aA * D) / (2 * G_A_SM * w)).toBeCloseTo(1, 6);
    expect(table.contact.bVV * D).toBeCloseTo(1, 6);
    expect(Math.abs(table.contact.bVA)).toBeLessThan(1e-12 * table.contact.bVV); // 0 up to rounding (C symmetry)
    // The calculated weight is 1.08 (muon-mass effects at the CCFR energies, after the E_mu cut; it
    // rises to 1.10 without cuts and to 1.3 at E_nu = 20 GeV), 4 % below the papers' empirical 1.13.
    expect(w).toBeGreaterThan(1.05);
    expect(w).toBeLessThan(1.12);
  });

  it('agrees with the EFT (weight 1.13) within 2 % at the 95 % CL boundary couplings for m_X >= 20 GeV', () => {
    for (const m of [20, 50, 100, 300, 1000, 3000]) {
      const full = tridentCoefficientsAt(table, m),
        eft = eftCoefficients(m);
      const yV = boundary(eft.aV, eft.bVV),
        yA = boundary(eft.aA, eft.bAA);
      expect(Math.abs(ratioFromCoefficients(full, yV, 0) / CCFR_R95 - 1), `vector ${m}`).toBeLessThan(0.02);
      expect(Math.abs(ratioFromCoefficients(full, 0, yA) / CCFR_R95 - 1), `axial ${m}`).toBeLessThan(0.02);
    }
  });

  it('is below the EFT by a few per cent at 5-10 GeV: the X propagator at <Q^2> ~ several GeV^2', () => {
    // Not the 2 % the issue asked for at 5 GeV: the SM-weighted momentum transfer on the neutrino line
    // has a median ~2 GeV^2 and a mean ~9 GeV^2 (coherent s up to ~2 E / R_Fe ~ 30 GeV^2, plus the
    // incoherent tail), so m_X^2/(m_X^2 + Q^2) is 0.85 on average at 5 GeV. The EFT is good to 2 % for
    // a vector coupling from ~10 GeV and for an axial one from ~20 GeV.
    const dev = (m: number) => {
      const full = tridentCoefficientsAt(table, m),
        eft = eftCoefficients(m);
      const yV = boundary(eft.aV, eft.bVV);
      return ratioFromCoefficients(full, yV, 0) / CCFR_R95 - 1;
    };
    expect(dev(5)).toBeLessThan(-0.02);
    expect(dev(5)).toBeGreaterThan(-0.07);
    expect(Math.abs(dev(10))).toBeLessThan(0.02);
    // propagator suppression of the interference term relative to the contact limit
    const a5 = tridentCoefficientsAt(table, 5).aV / (table.contact.aV * contactStrength(5));
    expect(a5).toBeGreaterThan(0.8);
    expect(a5).toBeLessThan(0.9);
  });
});

describe('L_mu - L_tau (eps = 0): CCFR 95 % CL bound vs the (g-2)_mu line (amu-2021)', () => {
  it('the bound is far weaker than the EFT below 1 GeV (the light-X problem of SPEC §4.3 is fixed)', () => {
    // EFT at 0.1 GeV: g < 1.9e-4 (SPEC); the full calculation allows the g-2 band there (starts at 6.9e-4).
    expect(gCCFR(0.1)).toBeGreaterThan(1e-3);
    expect(gCCFR(0.1)).toBeGreaterThan(gG2(0.1, 251e-11));
  });

  it('excludes the whole 2 sigma band above ~0.5 GeV (papers: "m_X <~ 0.5 GeV")', () => {
    const lower = crossing(133e-11);
    expect(lower).toBeGreaterThan(0.3);
    expect(lower).toBeLessThan(0.6);
  });

  it('crosses the central line at ~0.23 GeV (below the 0.3-0.6 GeV asked for; see the report)', () => {
    // The target puts the central-line crossing in 0.3-0.6 GeV. This calculation gives 0.23 GeV
    // (0.18-0.30 GeV over the supplied flux/cut/form-factor/incoherent variations in the table header);
    // the papers' "m_X <~ 0.5 GeV" matches the crossing with the lower 2 sigma edge instead (test above).
    const central = crossing(251e-11);
    expect(central).toBeGreaterThan(0.18);
    expect(central).toBeLessThan(0.3);
  });
});

describe('coherent-only coefficients (CCFR option nucleon = false; issue 14)', () => {
  const coh = table.coherentOnly!;
  const smFraction = 1 - (table.header.results as { incoherentFraction: number }).incoherentFraction;

  it('are in the table (version 2), positive and smooth, with b_VA = 0', () => {
    expect(table.header.tableVersion).toBeGreaterThanOrEqual(2);
    expect(coh).toBeDefined();
    for (const k of ['aV', 'aA', 'bVV', 'bAA'] as const) {
      const c = coh.coefficients[k];
      expect(
        c.every((x) => x > 0),
        k,
      ).toBe(true);
      for (let i = 1; i < c.length - 1; i++) {
        expect(Math.abs(Math.log(c[i + 1]) - 2 * Math.log(c[i]) + Math.log(c[i - 1])), `${k} node ${i}`).toBeLessThan(0.01);
      }
    }
    expect(coh.coefficients.bVA.every((x, i) => Math.abs(x) < 1e-12 * coh.coefficients.bVV[i])).toBe(true);
    // the nucleon-level term is a sizeable part of the SM rate (header: 16 %)
    expect(smFraction).toBeGreaterThan(0.75);
    expect(smFraction).toBeLessThan(0.95);
  });

  it('have the EFT structure in the contact limit with their own axial weight', () => {
    const w = coh.contact.bAA / coh.contact.bVV;
    const D = G_V_SM ** 2 + w * G_A_SM ** 2;
    expect((coh.contact.aV * D) / (2 * G_V_SM)).toBeCloseTo(1, 6);
    expect(coh.contact.bVV * D).toBeCloseTo(1, 6);
    expect(w).toBeGreaterThan(1.05);
    expect(w).toBeLessThan(1.15);
  });

  it('give a stronger light-X bound than with the nucleon term: photons off protons carry larger Q^2, where the X propagator is suppressed', () => {
    for (const m of [0.05, 0.2, 0.5]) expect(gCCFR(m, false)).toBeLessThan(gCCFR(m, true));
  });

  it('cross the lower 2 sigma (g-2)_mu edge near 0.4 GeV, as the papers and arXiv:1406.2332 (MF §3.4, SPEC §4.3)', () => {
    const coherent = crossing(133e-11, false),
      withNucleon = crossing(133e-11, true);
    expect(coherent).toBeGreaterThan(0.38);
    expect(coherent).toBeLessThan(0.46);
    expect(withNucleon).toBeGreaterThan(0.46);
    expect(withNucleon).toBeLessThan(0.53);
  });
});

// Building blocks of the recast against the numbers in RESONANCE_RECAST.md: loop mixing κ (§7), widths
// (§3), production ratios (§4), Breit–Wigner normalisation, lifetime windows (§5).
import { describe, expect, test } from 'vitest';
import { DARKCAST_DIR, requireShared } from '../helpers/shared.js';
import { DarkcastDirectory } from '../../src/io/darkcast/index.js';
import type { T1Form } from '../../src/physics/darkcast/efficiencyWindows.js';
import {
  breitWigner,
  couplingProducts,
  darkcastKappa,
  darkPhotonCouplings,
  detectionEfficiency,
  dotRow,
  E_DC,
  fermionPairCoefficients,
  findDarkcastModel,
  HADRONIC_STATES,
  HBAR,
  loopMixing,
  MASS,
  mesonDecayAmplitudes,
  productionRow,
  promptT1,
  smWidthRows,
  solveDisplacedT0,
  threePhotonCoefficient,
  VECTOR_MESONS,
  VmdSet,
  vectorCharges,
  type FermionCouplings,
} from '../../src/physics/darkcast/index.js';

const data = DarkcastDirectory.open(requireShared(DARKCAST_DIR));
const vmd = new VmdSet(data.vmdCurves());
const model = (name: string) => findDarkcastModel(name)!;

function width(state: string, m: number, y: FermionCouplings): number {
  return dotRow(smWidthRows(m, vmd).get(state as never)!, 0, couplingProducts(y));
}

function relClose(actual: number, expected: number, rel: number): void {
  expect(Math.abs(actual / expected - 1)).toBeLessThan(rel);
}

describe('loop-induced mixing κ(m) (§7)', () => {
  test('tends to (e²/12π²) ln(m_τ²/m_μ²) = 4.37e-3 as m → 0', () => {
    const limit = ((E_DC * E_DC) / (12 * Math.PI * Math.PI)) * Math.log((MASS.tau / MASS.mu) ** 2);
    relClose(limit, 4.37e-3, 1e-3);
    relClose(darkcastKappa(1e-6), limit, 1e-9);
  });

  test.each([
    [0.1, 4.52e-3],
    [0.2, 5.5e-3],
    [0.5, 4.23e-3],
    [1, 3.27e-3],
    [3, 2.44e-3],
  ])('κ(%s GeV) = %s', (m, k) => {
    expect(darkcastKappa(m)).toBeCloseTo(k, 5);
  });

  test('κ(0.2) = 5.5010e-3 as in the BaBar → L_μ−L_τ example (§9.1)', () => {
    relClose(darkcastKappa(0.2), 5.501e-3, 2e-5);
  });

  test('the integral is independent of the quadrature: a 10⁻¹⁰ check against a coarse split', () => {
    // Below threshold the integrand is smooth: compare with a plain midpoint rule on a fine grid.
    const m = 0.15;
    let s = 0;
    const n = 200000;
    for (let k = 0; k < n; k++) {
      const x = (k + 0.5) / n;
      const u = x * (1 - x) * m * m;
      s += x * (1 - x) * Math.log((MASS.tau ** 2 - u) / (MASS.mu ** 2 - u));
    }
    relClose(loopMixing(m, MASS.mu, MASS.tau), ((E_DC * E_DC) / (2 * Math.PI * Math.PI)) * (s / n), 1e-9);
  });
});

describe('widths (§3)', () => {
  test('B−L at 0.78 GeV: γ(3π) = 0.675, γ(π⁰γ) = 0.072, γ(ee) = 0.0207 GeV per unit g² (§3.3)', () => {
    const x = model('B-L').couplings(0.78);
    expect(width('pi+_pi-_pi0', 0.78, x)).toBeCloseTo(0.675, 3);
    expect(width('pi0_gamma', 0.78, x)).toBeCloseTo(0.072, 3);
    expect(width('e_e', 0.78, x)).toBeCloseTo(0.0207, 4);
    // c_ρ = 0 for B−L: no ππ or 4π width.
    for (const s of ['pi+_pi-', 'pi+_pi-_pi+_pi-', 'pi+_pi-_pi0_pi0']) expect(width(s, 0.78, x)).toBe(0);
  });

  test('a neutrino charge x gives x² m/(24π) (§3.1)', () => {
    const y = vectorCharges({ e: 0, mu: 0, tau: 0, nue: 0, numu: 2, nutau: 0, u: 0, d: 0, s: 0, c: 0, b: 0, t: 0 });
    relClose(width('numu_numu', 0.2, y), (4 * 0.2) / (24 * Math.PI), 1e-14);
  });

  test('fermion pairs: threshold, and vector/axial coefficients', () => {
    expect(fermionPairCoefficients(0.2, MASS.mu, 1)).toEqual({ vector: 0, axial: 0 });
    const c = fermionPairCoefficients(1, MASS.mu, 1);
    const r = MASS.mu ** 2;
    relClose(c.vector, (1 / (12 * Math.PI)) * Math.sqrt(1 - 4 * r) * (1 + 2 * r), 1e-14);
    relClose(c.axial, (1 / (12 * Math.PI)) * (1 - 4 * r) ** 1.5, 1e-14);
  });

  test('3γ: only below 2 m_e, and the Pospelov limit 17 α⁴ m⁹/(2⁷3⁶5²π³ m_e⁸) for m ≪ m_e', () => {
    expect(threePhotonCoefficient(2 * MASS.e)).toBe(0);
    const m = 1e-6;
    const alpha = (E_DC * E_DC) / (4 * Math.PI);
    const pospelov = (17 * alpha ** 3 * m ** 9) / (4 * Math.PI * 5 * 2 ** 7 * 3 ** 6 * 5 ** 2 * Math.PI ** 3 * MASS.e ** 8);
    relClose(threePhotonCoefficient(m), pospelov, 1e-5);
  });

  test('hadronic curves freeze above 2 GeV: the dark photon R ≈ 2.18 (§2.3)', () => {
    const dp = darkPhotonCouplings(1);
    const R = (m: number) => HADRONIC_STATES.reduce((s, st) => s + width(st, m, dp), 0) / ((E_DC * E_DC * m) / (12 * Math.PI));
    expect(R(2.0)).toBeCloseTo(2.18, 2);
    relClose(R(5.0), R(2.0), 1e-12);
  });

  test('§9 hadronic widths: dark photon 1.89e-10 (π⁰γ) at 0.2 GeV, 6.1404e-4 at 0.5; B−L 6.75e-6 at 0.5', () => {
    const total = (m: number, y: FermionCouplings) => HADRONIC_STATES.reduce((s, st) => s + width(st, m, y), 0);
    relClose(total(0.2, darkPhotonCouplings(1)), 1.89e-10, 3e-3);
    relClose(total(0.2, model('Lmu-Ltau').couplings(0.2)), 6.2e-14, 0.011);
    relClose(total(0.5, darkPhotonCouplings(1)), 6.1404e-4, 1e-4);
    relClose(total(0.5, model('B-L').couplings(0.5)), 6.75e-6, 1e-3);
    relClose(width('pi+_pi-_pi0', 0.5, model('B-L').couplings(0.5)), 2.0e-6, 0.011); // quoted to 2 digits
    relClose(width('pi0_gamma', 0.5, model('B-L').couplings(0.5)), 4.7e-6, 0.011);
  });
});

describe('production ratios per unit coupling (§4 table)', () => {
  const ratio = (mech: string, name: string, m: number) => {
    const row = productionRow(mech, m);
    return dotRow(row, 0, couplingProducts(model(name).couplings(m))) / dotRow(row, 0, couplingProducts(darkPhotonCouplings(1)));
  };
  const table: [string, number, Record<string, number>][] = [
    ['B-L', 0.05, { e_e: 10.9, mu_mu: 10.9, p_brem: 10.9, pi0_gamma: 10.9, eta_gamma: 2.719, omega: 43.62, rho0: 0 }],
    ['B-L', 0.78, { e_e: 10.9, mu_mu: 10.9, p_brem: 10.9, pi0_gamma: 39.31, eta_gamma: 20.18, omega: 43.62, rho0: 0 }],
    [
      'Lmu-Ltau',
      0.05,
      { e_e: 2.117e-4, mu_mu: 10.9, p_brem: 2.117e-4, pi0_gamma: 2.117e-4, eta_gamma: 2.117e-4, omega: 2.117e-4, rho0: 2.117e-4 },
    ],
  ];
  test.each(table)('%s at %s GeV', (name, m, expected) => {
    for (const [mech, v] of Object.entries(expected)) {
      if (v === 0) expect(ratio(mech, name, m)).toBe(0);
      else relClose(ratio(mech, name, m), v, 5e-4);
    }
  });

  test('π⁰ → γX amplitude is (2x_u + x_d)/12 while BW ≈ 1; ω → π⁰X runs only through the ρ', () => {
    const a = mesonDecayAmplitudes('pi0_gamma', 1e-6);
    expect([a[0], a[2], a[4]]).toEqual([expect.closeTo(1 / 12, 10), expect.closeTo(1 / 4, 10), 0]);
    const w = mesonDecayAmplitudes('omega_pi0', 0.1);
    expect(w[2]).toBe(0);
    expect(w[4]).toBe(0);
  });

  test('Breit–Wigner: 1 at m = 0 and purely imaginary at the peak, i m_V/Γ_V(m_V)', () => {
    for (const v of VECTOR_MESONS) {
      expect(breitWigner(v, 0)).toEqual([1, 0]);
      const [re, im] = breitWigner(v, v.mass);
      const sumBr = v.channels.reduce((s, c) => s + c.br, 0);
      expect(re).toBeCloseTo(0, 12);
      relClose(im, v.mass / (v.width * sumBr), 1e-12);
    }
  });

  test('unsupported mechanisms are refused', () => {
    expect(() => productionRow('none', 0.1)).toThrow(/not supported/);
  });
});

describe('lifetime windows (§5)', () => {
  test('KLOE t1 = L/(γc) with γ = (m_φ² + m²)/(2 m_φ m); φ → ηX subtracts m_η²', () => {
    const m = 0.5;
    const g = (1.01946 ** 2 + m * m) / (2 * 1.01946 * m);
    relClose(promptT1({ kind: 'decay_length', lengthM: 0.08, boost: 'phi_to_gamma_x' }, m), 0.08 / (g * 2.99792458e8), 1e-14);
    const g2 = (1.01946 ** 2 + m * m - 0.54785 ** 2) / (2 * 1.01946 * m);
    relClose(promptT1({ kind: 'decay_length', lengthM: 0.08, boost: 'phi_to_eta_x' }, m), 0.08 / (g2 * 2.99792458e8), 1e-14);
    relClose(promptT1({ kind: 'decay_length', lengthM: 1, boost: { energyGeV: 50 } }, 0.1), 0.1 / (50 * 2.99792458e8), 1e-14);
  });

  test('LHCb t1 uses 0.004/(m − 2m_μ) + 0.1 ps; CMS is piecewise', () => {
    relClose(promptT1({ kind: 'lhcb', aPsGeV: 0.004, bPs: 0.1 }, 0.5), (0.004 / (0.5 - 2 * 0.10566) + 0.1) * 1e-12, 1e-14);
    const cms = {
      kind: 'piecewise',
      pieces: [
        { below: 45, t1: null },
        { below: 130, t1: 5e-12 },
        { a: -3.66e-11, b: 3.12e-13 },
      ],
    } satisfies T1Form;
    expect(promptT1(cms, 20)).toBe(Infinity);
    expect(promptT1(cms, 45)).toBe(5e-12);
    relClose(promptT1(cms, 150), -3.66e-11 + 3.12e-13 * 150, 1e-14);
  });

  test('ε_det keeps precision for long lifetimes and is 1 for an unbounded prompt window', () => {
    expect(detectionEfficiency(0, Infinity, 123)).toBe(1);
    relClose(detectionEfficiency(1, 3, 1e-12), 2e-12, 1e-9);
  });

  test('displaced t0: both island edges give equal yields (NA64 2019 at 5 MeV, §9.3)', () => {
    const gammaRef = HBAR / (6.643e-12 * 9.0289e-5 ** 2);
    const t0 = solveDisplacedT0(9.0289e-5, 3.5025e-3, gammaRef, 4);
    relClose(t0, 4.8035e-14, 2e-4);
    const y = (eps: number) =>
      eps * eps * (Math.exp((-t0 * eps * eps * gammaRef) / HBAR) - Math.exp((-5 * t0 * eps * eps * gammaRef) / HBAR));
    relClose(y(3.5025e-3), y(9.0289e-5), 1e-10);
    expect(solveDisplacedT0(1e-4, 1e-4, gammaRef, 4)).toBeNaN();
  });
});

// Integration machinery of the CCFR trident table (src/physics/trident): VEGAS sampler, EPA photon flux,
// flux sampler, determinism, and agreement of the committed table with a quick rebuild.
import { describe, expect, it } from 'vitest';
import { helmFormFactor, LogIntegralTable, makePhotonFlux, pauliBlocking } from '../../src/physics/trident/epa.js';
import { SpectrumSampler } from '../../src/physics/trident/flux.js';
import { coefficientsFromEvents, generateEvents, QUICK_SETTINGS } from '../../src/physics/trident/integrate.js';
import { Rng } from '../../src/physics/trident/rng.js';
import { ccfrTridentTable, COEFFICIENT_KEYS, tridentCoefficientsAt } from '../../src/physics/trident/table.js';
import { VegasGrid } from '../../src/physics/trident/vegas.js';

describe('VEGAS sampler', () => {
  it('integrates a peaked 3-d function without bias after adaptation', () => {
    // f = prod_d g(x_d), g(x) = exp(-(x - 0.3)^2 / (2 w^2)) / (w sqrt(2 pi)) ~ 1 on [0, 1] (w = 0.05)
    const w = 0.05;
    const g = (x: number) => Math.exp(-((x - 0.3) ** 2) / (2 * w * w)) / (w * Math.sqrt(2 * Math.PI));
    const grid = new VegasGrid(3, 50, [0.1, 0.1, 0.1]);
    const rng = new Rng(7);
    const x = new Float64Array(3),
      bins = new Int32Array(3);
    for (let it = 0; it < 6; it++) {
      for (let i = 0; i < 20000; i++) {
        const wt = grid.sample(rng, x, bins);
        grid.accumulate(bins, g(x[0]) * g(x[1]) * g(x[2]) * wt);
      }
      grid.refine();
    }
    let s = 0,
      s2 = 0;
    const n = 100000;
    for (let i = 0; i < n; i++) {
      const v = grid.sample(rng, x, bins) * g(x[0]) * g(x[1]) * g(x[2]);
      s += v;
      s2 += v * v;
    }
    const mean = s / n,
      err = Math.sqrt((s2 / n - mean * mean) / n);
    expect(err / mean).toBeLessThan(0.01); // adapted: a plain MC would have ~6 % here
    expect(Math.abs(mean - 1)).toBeLessThan(4 * err + 1e-6);
  });
});

describe('equivalent-photon flux', () => {
  it('tabulated log integral matches the exponential integral E1', () => {
    // int_x^inf dQ2/Q2 exp(-Q2) = E1(x) = -gamma - ln x + x - x^2/4 + ... (series for small x)
    const t = new LogIntegralTable((Q2) => Math.exp(-Q2), 1e-16, 60, 20000);
    const E1 = (x: number) => {
      let s = -0.5772156649015329 - Math.log(x),
        term = 1;
      for (let k = 1; k < 80; k++) {
        term *= -x / k;
        s -= term / k;
      }
      return s;
    };
    for (const x of [1e-12, 1e-6, 1e-3, 0.1, 1, 3]) expect(t.at(x) / E1(x)).toBeCloseTo(1, 4);
  });

  it('Helm form factor of Fe is normalised and has the right radius; Pauli blocking saturates', () => {
    expect(helmFormFactor(0)).toBeCloseTo(1, 12);
    // F = 1 - Q^2 <r^2>/6 + ..., <r^2> = 3/5 r_n^2 + 3 s^2 = (3.72 fm)^2 for A = 56
    const Q2 = 1e-6; // GeV^2
    const r2 = ((6 * (1 - helmFormFactor(Q2))) / Q2) * 0.1973269804 ** 2; // fm^2
    expect(Math.sqrt(r2)).toBeCloseTo(3.72, 1);
    expect(pauliBlocking(0.6)).toBe(1);
    expect(pauliBlocking(0)).toBe(0);
  });

  it('coherent flux dominates and scales like Z^2 ln(1/Q2min) at small s/E', () => {
    const f = makePhotonFlux();
    const E = 160;
    expect(f.coherent(0.1, E) / f.incoherent(0.1, E)).toBeGreaterThan(20);
    // d f / d ln s = -2 (alpha/pi) Z^2 at s << 2E/R
    const d = f.coherent(0.01, E) - f.coherent(0.01 * Math.E, E);
    expect(d / (2 * (1 / 137.035999084 / Math.PI) * 26 * 26)).toBeCloseTo(1, 2);
  });
});

describe('CCFR spectrum sampler', () => {
  it('reproduces the gamma-shape mean (k theta, truncated)', () => {
    const s = new SpectrumSampler({ shapeK: 2, thetaGeV: 45, eMinGeV: 0.001, eMaxGeV: 1000 });
    expect(s.meanE).toBeCloseTo(90, 1);
    expect(s.energyAt(0)).toBeCloseTo(0.001, 6);
    expect(s.energyAt(1)).toBeCloseTo(1000, 6);
    // median of the gamma(2) distribution: 1.67835 theta
    expect(s.energyAt(0.5) / (1.67835 * 45)).toBeCloseTo(1, 4);
  });
});

describe('CCFR trident table reproducibility', () => {
  const masses = [0.003, 0.03, 0.1, 0.3, 0.5, 1, 3, 10, 100];
  const ev = generateEvents(QUICK_SETTINGS);
  const quick = coefficientsFromEvents(ev, masses);

  it('quick mode is deterministic', () => {
    const again = coefficientsFromEvents(generateEvents(QUICK_SETTINGS), masses);
    expect(again).toEqual(quick);
  });

  it('the committed table agrees with a quick rebuild within the combined Monte Carlo errors', () => {
    const table = ccfrTridentTable();
    const node = (m: number) => table.mX.findIndex((x) => Math.abs(Math.log(x / m)) < 1e-9);
    for (let i = 0; i < masses.length; i++) {
      const m = masses[i];
      const c = tridentCoefficientsAt(table, m);
      const j = node(m);
      for (const k of COEFFICIENT_KEYS) {
        if (k === 'bVA') {
          expect(Math.abs(quick[i].bVA)).toBeLessThan(1e-9 * quick[i].bVV);
          expect(Math.abs(c.bVA)).toBeLessThan(1e-9 * c.bVV);
          continue;
        }
        const tableErr = j >= 0 ? table.errors[k][j] : 0.01 * c[k];
        const sigma = Math.hypot(quick[i].err[k], tableErr);
        expect(Math.abs(quick[i][k] - c[k]), `${k} at ${m} GeV`).toBeLessThan(4 * sigma);
        expect(quick[i].err[k] / quick[i][k]).toBeLessThan(0.1);
      }
    }
  });
});

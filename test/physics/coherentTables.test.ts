// Per-mass tables of the full COHERENT likelihood (SPEC §4.6.3): quadrature convergence, the factorisation
// identity, the two coefficient bases, and the build time.
import { describe, expect, it } from 'vitest';
import { loadCoherentData } from '../../src/io/coherentData.js';
import { benchCoherentTables } from '../../src/physics/coherent/bench.js';
import { N_BINS } from '../../src/physics/coherent/constants.js';
import { CouplingProducts, ZERO_COUPLINGS } from '../../src/physics/coherent/couplingProducts.js';
import { buildCoherentExperiment } from '../../src/physics/coherent/experiment.js';
import {
  COEF,
  NUCLEON_STRIDE,
  NUCLEUS_STRIDE,
  TableBasis,
  buildCoherentTables,
  directSignal,
  signalFromTable,
} from '../../src/physics/coherent/tables.js';
import { COHERENT_DIR, requireShared } from '../helpers/shared.js';

const data = loadCoherentData(requireShared(COHERENT_DIR));
const exp = buildCoherentExperiment(data);
const MASSES = [1e-3, 0.01, 0.05, 0.2, 1, 10, 100];
const BASES: TableBasis[] = ['nucleon', 'nucleus'];

/** Couplings spanning SM-like to X-dominated signals, both flavour groups, p and n of either sign. */
const COUPLINGS: CouplingProducts[] = [
  { ue: 2e-8, ve: -1e-8, umu: -3e-8, vmu: 5e-8 },
  { ue: -4e-7, ve: 3e-7, umu: 0, vmu: 0 },
  { ue: 0, ve: 0, umu: 1e-6, vmu: 1e-6 },
  { ue: 3e-9, ve: 3e-9, umu: -9e-9, vmu: -9e-9 },
];

describe('table layout', () => {
  it('[mass][bin][coef]: stride 11 (nucleon basis, SPEC §4.6.3) or 9 (nucleus basis)', () => {
    const a = buildCoherentTables(exp, MASSES, 'nucleon');
    const b = buildCoherentTables(exp, MASSES, 'nucleus');
    expect(a.coef).toHaveLength(MASSES.length * N_BINS * NUCLEON_STRIDE);
    expect(b.coef).toHaveLength(MASSES.length * N_BINS * NUCLEUS_STRIDE);
    // S^SM sits first in every bin of every mass.
    for (const t of [a, b]) {
      for (let m = 0; m < MASSES.length; m++) {
        for (let bin = 0; bin < N_BINS; bin++) expect(t.coef[(m * N_BINS + bin) * t.stride]).toBe(exp.smSignal[bin]);
      }
    }
  });

  it('a one-mass build equals the same row of a many-mass build', () => {
    const many = buildCoherentTables(exp, MASSES);
    const one = buildCoherentTables(exp, [MASSES[3]]);
    expect(Array.from(one.coef)).toEqual(Array.from(many.coef.subarray(3 * N_BINS * NUCLEON_STRIDE, 4 * N_BINS * NUCLEON_STRIDE)));
  });

  it('signs: X-SM interference is destructive for positive couplings (Q^SM < 0), squares are positive', () => {
    const t = buildCoherentTables(exp, [0.2]);
    for (let bin = 0; bin < N_BINS; bin++) {
      const at = bin * NUCLEON_STRIDE;
      for (const c of [COEF.lpE, COEF.lnE, COEF.lpMu, COEF.lnMu]) expect(t.coef[at + c]).toBeLessThan(0);
      for (const c of [COEF.kppE, COEF.kpnE, COEF.knnE, COEF.kppMu, COEF.kpnMu, COEF.knnMu]) expect(t.coef[at + c]).toBeGreaterThan(0);
    }
  });
});

describe('factorised form = direct X cross section (VALIDATION §18.2, an algebraic identity)', () => {
  for (const basis of BASES) {
    it(`${basis} basis: zero couplings give the SM signal exactly, at every mass`, () => {
      const t = buildCoherentTables(exp, MASSES, basis);
      for (let m = 0; m < MASSES.length; m++) {
        expect(signalFromTable(t, m, ZERO_COUPLINGS)).toEqual(exp.smSignal);
        expect(directSignal(exp, MASSES[m], ZERO_COUPLINGS)).toEqual(exp.smSignal);
      }
    });

    it(`${basis} basis: equal to rounding at several masses and couplings`, () => {
      const t = buildCoherentTables(exp, MASSES, basis);
      let worst = 0;
      MASSES.forEach((mX, m) => {
        for (const c of COUPLINGS) {
          const direct = directSignal(exp, mX, c);
          const factorised = signalFromTable(t, m, c);
          for (let b = 0; b < N_BINS; b++) worst = Math.max(worst, Math.abs(factorised[b] / direct[b] - 1));
        }
      });
      expect(worst).toBeLessThan(1e-11);
    });
  }
});

describe('quadrature convergence (SPEC §4.6.3: 16 Gauss-Legendre nodes per PE bin, 64 in E)', () => {
  it('doubling the nodes (32 per PE bin, 128 in E) changes no coefficient by 1e-6 relative', () => {
    const fine = buildCoherentExperiment(data, { tNodesPerBin: 32, eNodes: 128 });
    for (const basis of BASES) {
      const a = buildCoherentTables(exp, MASSES, basis).coef;
      const b = buildCoherentTables(fine, MASSES, basis).coef;
      let worst = 0;
      for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]) / Math.abs(b[i]));
      console.log(`[coherent] ${basis} basis: largest relative change on doubling the nodes ${worst.toExponential(2)}`);
      expect(worst).toBeLessThan(1e-6);
    }
  });
});

describe('build time (budget: 2048 masses in < 10 s on 2 cores)', () => {
  it('prints the time for 2048 masses (not asserted: shared machines vary)', () => {
    for (const basis of BASES) {
      const r = benchCoherentTables(data, 2048, basis);
      console.log(
        `[coherent] ${basis} basis: experiment ${r.experimentMs.toFixed(0)} ms, tables for ${r.masses} masses ` +
          `${r.tablesMs.toFixed(0)} ms (${(r.tableBytes / 2 ** 20).toFixed(1)} MiB float64)`,
      );
      expect(r.tableBytes).toBeGreaterThan(0);
    }
  });
});

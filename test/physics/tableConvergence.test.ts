// The per-mass tables converge: an independent composite Simpson rule with N and 2N panels per piece
// agrees with itself and with the production (adaptive Gauss-Kronrod) tables to < 1e-6 relative
// (issue 5). COHERENT's own node-doubling check is in coherentTables.test.ts.
import { describe, expect, it } from 'vitest';
import { M_E } from '../../src/physics/constants.js';
import { BE7_ENERGY, maxRecoil, recoilMoments } from '../../src/physics/borexino.js';
import { CHARM2_BEAM_ENERGY, CHARM2_RECOIL_MIN, charm2Moments } from '../../src/physics/charm2.js';

/** Composite Simpson over [a, b] split at `breaks`, `panels` panels per piece. */
function simpson(f: (x: number) => number, a: number, b: number, breaks: number[], panels: number): number {
  const pts = [a, ...breaks.filter((x) => x > a && x < b).sort((x, y) => x - y), b];
  let total = 0;
  for (let p = 0; p + 1 < pts.length; p++) {
    const [lo, hi] = [pts[p], pts[p + 1]];
    const h = (hi - lo) / panels;
    let s = f(lo) + f(hi);
    for (let i = 1; i < panels; i++) s += (i % 2 ? 4 : 2) * f(lo + i * h);
    total += (s * h) / 3;
  }
  return total;
}

const MASSES = [0.001, 0.005, 0.02, 0.1, 0.5, 3];

function expectConverged(production: number, f: (x: number) => number, a: number, b: number, breaks: number[], what: string) {
  const coarse = simpson(f, a, b, breaks, 4096);
  const fine = simpson(f, a, b, breaks, 8192);
  const scale = Math.max(Math.abs(fine), 1e-300);
  expect(Math.abs(fine - coarse) / scale, `${what}: doubling`).toBeLessThan(1e-6);
  expect(Math.abs(production - fine) / scale, `${what}: production vs independent`).toBeLessThan(1e-6);
}

describe('table convergence', () => {
  it('Borexino recoil moments', () => {
    const E = BE7_ENERGY;
    const Tmax = maxRecoil(E);
    for (const mX of MASSES) {
      const L = recoilMoments(mX, E, 0);
      const m2 = mX * mX;
      const knee = m2 / (2 * M_E);
      const w = [(_T: number) => 1, (T: number) => (1 - T / E) ** 2, (T: number) => (M_E * T) / (E * E)];
      for (let k = 0; k < 3; k++) {
        for (let n = 0; n < 3; n++) {
          expectConverged(
            L[k][n],
            (T) => w[k](T) * (m2 / (2 * M_E * T + m2)) ** n,
            0,
            Tmax,
            [knee, 10 * knee, 100 * knee],
            `Borexino m=${mX} k=${k} n=${n}`,
          );
        }
      }
    }
  });

  it('CHARM-II y moments', () => {
    for (const [beam, E] of Object.entries(CHARM2_BEAM_ENERGY)) {
      for (const mX of MASSES) {
        const M = charm2Moments(mX, E, CHARM2_RECOIL_MIN);
        const y0 = CHARM2_RECOIL_MIN / E;
        const m2 = mX * mX;
        const q = 2 * E * M_E;
        const w = [(_y: number) => 1, (y: number) => (1 - y) ** 2];
        for (let k = 0; k < 2; k++) {
          for (let n = 0; n < 3; n++) {
            expectConverged(
              M[k][n],
              (y) => w[k](y) * (m2 / (q * y + m2)) ** n,
              y0,
              1,
              [m2 / q, (10 * m2) / q],
              `CHARM-II ${beam} m=${mX} k=${k} n=${n}`,
            );
          }
        }
      }
    }
  });
});

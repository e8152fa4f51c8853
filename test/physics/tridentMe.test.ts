// Matrix element and phase space of nu gamma -> nu mu+ mu- (src/physics/trident): algebraic checks.
import { describe, expect, it } from 'vitest';
import { M_MU } from '../../src/physics/constants.js';
import { boostFromRest, dot, vec4 } from '../../src/physics/trident/lorentz.js';
import { transversePolarisations, tridentTraces, type Traces } from '../../src/physics/trident/matrixElement.js';
import { buildPoint, mapCosStar, newPoint, phaseSpaceFactor } from '../../src/physics/trident/phaseSpace.js';
import { massiveSpinor, neutrinoCurrent } from '../../src/physics/trident/weyl.js';

function point(s: number, l: number, Q2: number, u: number, phi: number, m = M_MU, swap = false) {
  const beta = Math.sqrt(1 - (4 * m * m) / l);
  const omb = (4 * m * m) / l / (1 + beta);
  const c = new Float64Array(4);
  mapCosStar(u, beta, omb, c);
  const pt = newPoint();
  buildPoint(s, l, Q2, c[0], c[1], c[2], phi, m, pt, swap);
  return pt;
}

function traces(pt: ReturnType<typeof newPoint>, m = M_MU, eps?: [Float64Array, Float64Array]): Traces {
  const e1 = new Float64Array(4),
    e2 = new Float64Array(4);
  if (eps) {
    e1.set(eps[0]);
    e2.set(eps[1]);
  } else transversePolarisations(pt.q, e1, e2);
  return tridentTraces(pt.p1, pt.p2, pt.p3, pt.p4, pt.q, m, e1, e2, pt.d1, pt.d2, { vv: 0, aa: 0, va: 0 });
}

const cases: [number, number, number, number, number][] = [
  [2.0, 0.3, 0.05, 0.8, 0.4],
  [10, 0.1, 1e-4, 0.2, 2.5],
  [0.5, 0.2, 0.2, 0.55, 5.0],
  [40, 3.0, 5.0, 0.999, 1.0],
];

describe('trident phase space', () => {
  it('conserves momentum, puts particles on shell and gives the analytic invariants', () => {
    for (const [s, l, Q2, u, phi] of cases) {
      const pt = point(s, l, Q2, u, phi);
      for (let k = 0; k < 4; k++) {
        const lhs = pt.p1[k] + pt.q[k];
        const rhs = pt.p2[k] + pt.p3[k] + pt.p4[k];
        expect(Math.abs(lhs - rhs)).toBeLessThan(1e-12 * Math.sqrt(s));
      }
      expect(dot(pt.p2, pt.p2)).toBeCloseTo(0, 10);
      expect(dot(pt.p3, pt.p3) / (M_MU * M_MU)).toBeCloseTo(1, 8);
      expect(dot(pt.p4, pt.p4) / (M_MU * M_MU)).toBeCloseTo(1, 8);
      const k = vec4(pt.p1[0] - pt.p2[0], pt.p1[1] - pt.p2[1], pt.p1[2] - pt.p2[2], pt.p1[3] - pt.p2[3]);
      expect(-dot(k, k) / Q2).toBeCloseTo(1, 8);
      const P34 = vec4(pt.p3[0] + pt.p4[0], pt.p3[1] + pt.p4[1], pt.p3[2] + pt.p4[2], pt.p3[3] + pt.p4[3]);
      expect(dot(P34, P34) / l).toBeCloseTo(1, 10);
      expect((-2 * dot(pt.p3, pt.q)) / pt.d1).toBeCloseTo(1, 7);
      expect((-2 * dot(pt.p4, pt.q)) / pt.d2).toBeCloseTo(1, 7);
    }
  });

  it('integrates to the massless three-body volume s/(256 pi^3)', () => {
    const s = 3;
    // int dQ2 dl dc dphi beta/(512 pi^4 s) with m = 0: 4 pi * int_0^s (s - l) dl / (512 pi^4 s)
    const f = phaseSpaceFactor(s, 1, 0);
    expect((f * 4 * Math.PI * s * s) / 2 / (s / (256 * Math.PI ** 3))).toBeCloseTo(1, 12);
  });
});

describe('trident matrix element', () => {
  it('spinors satisfy the completeness relations sum u ubar = pslash + m, sum v vbar = pslash - m', () => {
    const p = vec4(0, 0.3, -0.2, 0.7);
    const m = 0.4;
    p[0] = Math.sqrt(m * m + 0.09 + 0.04 + 0.49);
    for (const isV of [false, true]) {
      // sum_s psi psi^dagger gamma0 compared with (pslash +- m) in the chiral representation
      const sum = Array.from({ length: 4 }, () => Array.from({ length: 4 }, () => [0, 0]));
      const sp = new Float64Array(8);
      for (const s of [0, 1] as const) {
        massiveSpinor(sp, p, m, s, isV);
        const c = [0, 1, 2, 3].map((i) => [sp[2 * i], sp[2 * i + 1]]);
        // psibar = psi^dagger gamma0: swap blocks and conjugate
        const bar = [c[2], c[3], c[0], c[1]].map(([r, i]) => [r, -i]);
        for (let i = 0; i < 4; i++)
          for (let j = 0; j < 4; j++) {
            sum[i][j][0] += c[i][0] * bar[j][0] - c[i][1] * bar[j][1];
            sum[i][j][1] += c[i][0] * bar[j][1] + c[i][1] * bar[j][0];
          }
      }
      const [E, x, y, z] = [p[0], p[1], p[2], p[3]];
      const mm = isV ? -m : m;
      // pslash = [[0, E - p.sigma], [E + p.sigma, 0]]
      const expected = [
        [
          [mm, 0],
          [0, 0],
          [E - z, 0],
          [-x, y],
        ],
        [
          [0, 0],
          [mm, 0],
          [-x, -y],
          [E + z, 0],
        ],
        [
          [E + z, 0],
          [x, -y],
          [mm, 0],
          [0, 0],
        ],
        [
          [x, y],
          [E - z, 0],
          [0, 0],
          [mm, 0],
        ],
      ];
      for (let i = 0; i < 4; i++)
        for (let j = 0; j < 4; j++) {
          expect(sum[i][j][0]).toBeCloseTo(expected[i][j][0], 12);
          expect(sum[i][j][1]).toBeCloseTo(expected[i][j][1], 12);
        }
    }
  });

  it('builds the left-handed neutrino current: sum N^a N^b* = 8 (p1^a p2^b + p2^a p1^b - g^ab p1.p2), k.N = 0', () => {
    const pt = point(3, 0.4, 0.3, 0.3, 1.2);
    const N = new Float64Array(8);
    neutrinoCurrent(N, pt.p1, pt.p2);
    const g = [1, -1, -1, -1];
    const p12 = dot(pt.p1, pt.p2);
    for (let a = 0; a < 4; a++)
      for (let b = 0; b < 4; b++) {
        const re = N[2 * a] * N[2 * b] + N[2 * a + 1] * N[2 * b + 1];
        const exp = 8 * (pt.p1[a] * pt.p2[b] + pt.p2[a] * pt.p1[b] - (a === b ? g[a] : 0) * p12);
        expect(re).toBeCloseTo(exp, 10);
      }
    const k = [0, 1, 2, 3].map((i) => pt.p1[i] - pt.p2[i]);
    const kNr = k[0] * N[0] - k[1] * N[2] - k[2] * N[4] - k[3] * N[6];
    const kNi = k[0] * N[1] - k[1] * N[3] - k[2] * N[5] - k[3] * N[7];
    expect(Math.hypot(kNr, kNi)).toBeLessThan(1e-12);
  });

  it('obeys the photon Ward identity (eps -> q gives zero)', () => {
    for (const [s, l, Q2, u, phi] of cases) {
      const pt = point(s, l, Q2, u, phi);
      const ref = traces(pt);
      const qv = new Float64Array(pt.q);
      const zero = traces(pt, M_MU, [qv, qv]);
      expect(zero.vv / ref.vv).toBeLessThan(1e-20);
      expect(zero.aa / ref.aa).toBeLessThan(1e-20);
    }
  });

  it('is Lorentz invariant (same traces after a boost, polarisations rebuilt in the new frame)', () => {
    for (const [s, l, Q2, u, phi] of cases) {
      const pt = point(s, l, Q2, u, phi);
      const ref = traces(pt);
      const P = vec4(Math.sqrt(1 + 0.49 + 0.04 + 4), 0.7, -0.2, 2.0);
      const b = newPoint();
      for (const key of ['p1', 'q', 'p2', 'p3', 'p4'] as const) boostFromRest(b[key], pt[key], P, 1);
      b.d1 = pt.d1;
      b.d2 = pt.d2;
      const t = traces(b);
      expect(t.vv / ref.vv).toBeCloseTo(1, 8);
      expect(t.aa / ref.aa).toBeCloseTo(1, 8);
      expect((t.va - ref.va) / ref.vv).toBeCloseTo(0, 8);
    }
  });

  it('gives equal vector and axial weights for massless muons, and a C-odd V-A interference', () => {
    const m = 1e-7;
    for (const [s, l, Q2, u, phi] of cases) {
      const t = traces(point(s, l, Q2, u, phi, m), m);
      expect(t.aa / t.vv).toBeCloseTo(1, 8);
      const ts = traces(point(s, l, Q2, u, phi, m, true), m);
      expect((t.va + ts.va) / t.vv).toBeCloseTo(0, 8);
    }
    for (const [s, l, Q2, u, phi] of cases) {
      const t = traces(point(s, l, Q2, u, phi));
      const ts = traces(point(s, l, Q2, u, phi, M_MU, true));
      expect((t.va + ts.va) / t.vv).toBeCloseTo(0, 8); // exchange mu+ <-> mu- flips the sign of T_VA
      expect(ts.vv / t.vv).toBeCloseTo(1, 8); //            and leaves T_VV, T_AA unchanged
      expect(ts.aa / t.aa).toBeCloseTo(1, 8);
    }
  });
});

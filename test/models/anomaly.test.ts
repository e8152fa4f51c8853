import { describe, expect, it } from 'vitest';
import { checkAnomalies, describeAnomalies } from '../../src/models/anomaly.js';
import { universalFromIntegers, vectorAssignment, type ChargeAssignment } from '../../src/models/charges.js';
import { Rational } from '../../src/models/rational.js';
import { BENCHMARKS } from '../../src/models/benchmarks.js';
import { PUBLISHED_CHIRAL_SETS } from './published.js';

const values = (ca: ChargeAssignment) => Object.fromEntries(checkAnomalies(ca).conditions.map((c) => [c.id, String(c.value)]));

const r = (x: number | string) => (typeof x === 'number' ? Rational.of(x) : Rational.parse(x)!);
const tilde = () => universalFromIntegers(0, [-1, 7, -6], [1, 6, -7], [-7, -2, 9]); // SPEC §3.4

describe('anomaly conditions (SPEC §3.1)', () => {
  it('every benchmark is anomaly free', () => {
    for (const b of BENCHMARKS) expect(checkAnomalies(b.charges()).anomalyFree, b.key).toBe(true);
  });

  it('the 21 published chiral sets are anomaly free', () => {
    for (const s of PUBLISHED_CHIRAL_SETS) {
      expect(Number.isInteger(s.xq)).toBe(true); // SPEC §3.4: x_q is an integer in all of them
      expect(checkAnomalies(universalFromIntegers(s.xq, s.L, s.E, s.N)).anomalyFree, JSON.stringify(s)).toBe(true);
    }
  });

  it('near miss: B - 3L_mu with x_q = 0.333 fails (A2) by -3/1000 and (A3) by 9/1000 only', () => {
    // (A2) = 9 x_q + sum l = 2.997 - 3; (A3) = -27 x_q - 3 sum l = -8.991 + 9 (SPEC §3.1, hand-evaluated)
    const ca = vectorAssignment({ B: r('0.999'), e: r(0), mu: r(-3), tau: r(0) });
    expect(values(ca)).toEqual({ A1: '0', A2: '-3/1000', A3: '9/1000', A4: '0', A5: '0', A6: '0' });
    expect(describeAnomalies(checkAnomalies(ca))).toBe('A2 (SU(2)^2 U(1)_X) = -3/1000 instead of 0; A3 (Y^2 U(1)_X) = 9/1000 instead of 0');
    // ... while x_q = 1/3 exactly passes.
    expect(checkAnomalies(vectorAssignment({ B: r(1), e: r(0), mu: r(-3), tau: r(0) })).anomalyFree).toBe(true);
  });

  it('near miss: tilde-L_{mu-tau} with x_E2 = 5 instead of 6 fails (A3)-(A6)', () => {
    const ca = tilde();
    ca.E[1] = r(5);
    // Delta A3 = -6 (5 - 6), Delta A4 = -(5 - 6), Delta A5 = 25 - 36, Delta A6 = -(125 - 216)
    expect(values(ca)).toEqual({ A1: '0', A2: '0', A3: '6', A4: '1', A5: '-11', A6: '91' });
  });

  it('near miss: a sterile charge off by one breaks only the gravitational and cubic anomalies', () => {
    const ca = tilde();
    ca.N[2] = r(8);
    // Delta A4 = -(8 - 9), Delta A6 = -(512 - 729)
    expect(values(ca)).toEqual({ A1: '0', A2: '0', A3: '0', A4: '1', A5: '0', A6: '217' });
    const lmuLtau = universalFromIntegers(0, [0, 1, -1], [0, 1, -1], [0, 1, -2]);
    expect(values(lmuLtau)).toEqual({ A1: '0', A2: '0', A3: '0', A4: '1', A5: '0', A6: '7' });
  });

  it('near miss: a chiral quark charge breaks (A1) alone among the linear conditions it enters', () => {
    const ca = tilde();
    ca.U[0] = r(1); // 2 x_Q - x_U - x_D: -1; 3 x_Q + x_L: unchanged
    const v = values(ca);
    expect(v.A1).toBe('-1');
    expect(v.A2).toBe('0');
    expect(v.A3).toBe('-8'); // -8 x_U
    expect(v.A5).toBe('-2'); // -2 x_U^2
  });

  it('third-family model: x_q3 = -2 instead of -3 fails (A2) by 3 and (A3) by -9', () => {
    const q = [r(0), r(0), r(-2)] as [Rational, Rational, Rational];
    const l = [r(0), r(8), r(1)] as [Rational, Rational, Rational];
    const ca: ChargeAssignment = { Q: [...q], U: [...q], D: [...q], L: [...l], E: [...l], N: [...l] };
    // (A2) = 3 (-2) + 9, (A3) = -9 (-2) - 3 * 9 (per-family vector-like quarks, vector leptons)
    expect(values(ca)).toEqual({ A1: '0', A2: '3', A3: '-9', A4: '0', A5: '0', A6: '0' });
  });
});

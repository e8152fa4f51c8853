// Effective couplings with kinetic mixing (VALIDATION §5, SPEC §2.3), the inputs of borexino and the
// other neutrino-electron constraints. A tiny float64 interpreter evaluates the coupling IR directly.
import { describe, expect, it } from 'vitest';
import { buildCouplings, type Couplings } from '../../src/constraints/couplings.js';
import * as ir from '../../src/ir/build.js';
import type { Node } from '../../src/ir/expr.js';
import type { ScanModel } from '../../src/models/types.js';
import { chiralModel, evaluateF64, vectorModel } from '../helpers/evaluate.js';

function interpret(n: Node, inputs: Record<string, number>, model: ScanModel): number {
  const v = (x: Node) => interpret(x, inputs, model);
  switch (n.k) {
    case 'num':
      return n.v;
    case 'input':
      return inputs[n.name];
    case 'model':
      return model.record[n.name as keyof ScanModel['record']];
    case 'un': {
      const a = v(n.a);
      const ops: Record<string, (x: number) => number> = { neg: (x) => -x, abs: Math.abs, sqrt: Math.sqrt, exp: Math.exp, log: Math.log };
      return ops[n.op](a);
    }
    case 'bin': {
      const [a, b] = [v(n.a), v(n.b)];
      const ops: Record<string, (x: number, y: number) => number> = {
        add: (x, y) => x + y,
        sub: (x, y) => x - y,
        mul: (x, y) => x * y,
        div: (x, y) => x / y,
        min: Math.min,
        max: Math.max,
      };
      return ops[n.op](a, b);
    }
    default:
      throw new Error(`interpreter: node ${n.k} not needed for couplings`);
  }
}

/** Photon-mixing couplings on the eps axis, and an evaluator of their IR at one point. */
const epsCouplings = (): Couplings => buildCouplings(ir.input('gx'), { kind: 'eps', eps: ir.input('eps') }, 'photon', ir.input('mx'));
const couplingsAt = (model: ScanModel, gx: number, eps: number) => (x: Node) => interpret(x, { gx, eps, mx: 0.1 }, model);

const close = (x: number, expected: number, rel = 1e-6) =>
  expect(Math.abs(x - expected)).toBeLessThanOrEqual(rel * Math.abs(expected) + 1e-15);

describe('couplings with kinetic mixing (VALIDATION §5)', () => {
  it('B - 2L_e - L_tau at g_X = 1e-3, eps = 1e-3', () => {
    const m = vectorModel('B-2Le-Ltau', { B: 1, e: -2, mu: 0, tau: -1 });
    const c = epsCouplings();
    const at = couplingsAt(m, 1e-3, 1e-3);
    close(at(c.epsHat), 1.0000005e-3);
    close(at(c.k), 0.3028223);
    close(at(c.vector('e')), -2.302822e-3);
    close(at(c.vector('mu')), -3.028223e-4);
    close(at(c.neutrino('e')), -2.0e-3);
    close(at(c.proton), 1.302822e-3);
    close(at(c.neutron), 1.0e-3);
    close(at(c.vector('u')), 5.352148e-4);
    close(at(c.vector('d')), 2.323926e-4);
    for (const f of ['e', 'mu', 'tau', 'u', 'd'] as const) expect(at(c.axial(f))).toBe(0);
  });

  it('tilde-L_mu-tau at g_X = 1e-4, eps = 1e-5', () => {
    const m = chiralModel('tLmu-tau', { Q: [0, 0, 0], U: [0, 0, 0], D: [0, 0, 0], L: [-1, 7, -6], E: [1, 6, -7], N: [-7, -2, 9] });
    const c = epsCouplings();
    const at = couplingsAt(m, 1e-4, 1e-5);
    close(at(c.vector('e')), -3.028221e-6);
    close(at(c.axial('e')), -1.0e-4);
    close(at(c.vector('mu')), 6.469718e-4);
    close(at(c.axial('mu')), 5.0e-5);
    close(at(c.neutrino('e')), -1e-4);
    close(at(c.neutrino('mu')), 7e-4);
    close(at(c.neutrino('tau')), -6e-4);
    close(at(c.proton), 3.028221e-6);
    expect(at(c.neutron)).toBe(0);
  });

  it('special values of k: the electron coupling of 3B - 6L_e - 3L_tau + N(L_mu - L_tau) vanishes at k = -6, Cs at k = -7.2545, I at k = -7.1887', async () => {
    const m = vectorModel('3B-6Le-3Ltau+1(Lmu-Ltau)', { B: 3, e: -6, mu: 1, tau: -4 });
    // R_Be = 1 exactly where the electron coupling vanishes (k = l_e), observed through the pipeline
    const [r] = await evaluateF64(['borexino'], m, [{ mx: 0.2, gx: 2e-4, eps: -6 }], { mixingAxis: 'k' });
    expect(Math.abs(r.constraints.borexino.observables.R_Be - 1)).toBeLessThan(1e-12);
    // nucleus charge Z (3 + k) + 3 N (neutron charge 3, proton 3 + k)
    const kZero = (Z: number, N: number) => -3 - (3 * N) / Z;
    expect(kZero(55, 78)).toBeCloseTo(-7.2545, 4);
    expect(kZero(53, 74)).toBeCloseTo(-7.1887, 4);
    const c = buildCouplings(ir.input('gx'), { kind: 'k', k: ir.input('eps') }, 'photon', ir.input('mx'));
    const at = (k: number) => (x: Node) => interpret(x, { gx: 2e-4, eps: k, mx: 0.2 }, m);
    for (const [Z, N, k] of [
      [55, 78, -7.2545],
      [53, 74, -7.1887],
    ]) {
      const nucleus = at(k)(c.proton) * Z + at(k)(c.neutron) * N;
      expect(Math.abs(nucleus)).toBeLessThan(1e-4 * 2e-4 * Z); // |dk| <= 5e-5 from the 4 printed decimals
    }
  });
});

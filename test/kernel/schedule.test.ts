import { describe, expect, it } from 'vitest';
import * as ir from '../../src/ir/build.js';
import type { F, Node, U } from '../../src/ir/expr.js';
import { schedule } from '../../src/kernel/schedule.js';
import { jsArrays, jsStatements, jsStores } from '../../src/kernel/emitJs.js';
import { wgslArrays, wgslStatements } from '../../src/kernel/emitWgsl.js';
import { rewriteGraph } from '../../src/kernel/rewrite.js';

function load(i: number | Node): ir.FLike {
  return { k: 'load', ty: 'f', buf: 'axes', index: typeof i === 'number' ? ir.uint(i) : i } as never;
}

function runJs(roots: Node[], A: number[]): number[] {
  const p = schedule(roots);
  const src = [...jsArrays(p, ''), ...jsStatements(p.body, ''), 'const o = 0;', ...jsStores(p, '')].join('\n');
  const out = new Float64Array(roots.length);
  new Function('T', 'M', 'A', 'out', 'cell', src)([], [], A, out, 0);
  return [...out];
}

describe('scheduler', () => {
  it('shares common subexpressions and evaluates arithmetic', () => {
    const x = load(0);
    const y = load(1);
    const a = ir.mul(ir.add(x, y), ir.add(x, y));
    const [v] = runJs([ir.sub(a, 1)], [2, 3]);
    expect(v).toBe(24);
    const p = schedule([ir.sub(a, 1)]);
    const lets = p.body.filter((s) => s.s === 'let');
    expect(lets.length).toBe(5); // two loads, one shared sum, product, difference
  });

  it('hoists loop-invariant work out of folds and runs the loop', () => {
    const x = load(0);
    const [acc] = ir.fold({ count: 10, init: [ir.num(0)] }, (i, [s]) => [ir.add(s, ir.mul(ir.exp(x), ir.toFloat(i)))]);
    const [v] = runJs([acc], [0.5]);
    expect(v).toBeCloseTo(Math.exp(0.5) * 45, 12);
    const p = schedule([acc]);
    const loop = p.body.find((s) => s.s === 'loop');
    expect(loop).toBeDefined();
    // exp(x) is computed once, before the loop
    const rootLets = p.body.filter((s) => s.s === 'let').map((s) => JSON.stringify(s));
    expect(rootLets.some((s) => s.includes('"exp"'))).toBe(true);
  });

  it('stops a fold early with until and keeps state consistent', () => {
    // Newton iteration for sqrt(2) with early exit
    const [xn, n] = ir.fold(
      { count: 50, init: [ir.num(1), ir.uint(0)] },
      (_i, [x, k]) => [ir.mul(0.5, ir.add(x as F, ir.div(2, x as F))), ir.add(k as U, 1)],
      ([x]) => ir.lt(ir.abs(ir.sub(ir.mul(x as F, x as F), 2)), 1e-15),
    );
    const [v, iters] = runJs([xn, n], []);
    expect(v).toBeCloseTo(Math.SQRT2, 15);
    expect(iters).toBeLessThan(10);
  });

  it('sinks work used only by a lazy branch into the branch', () => {
    const x = load(0);
    const heavy = ir.sumOver(100, (i) => ir.mul(ir.log(ir.add(x, ir.toFloat(i))), 2));
    const z = ir.lazy(ir.gt(x, 1), heavy, -1);
    expect(runJs([z], [0.5])[0]).toBe(-1);
    let ref = 0;
    for (let i = 0; i < 100; i++) ref += 2 * Math.log(2 + i);
    expect(runJs([z], [2])[0]).toBeCloseTo(ref, 10);
    const p = schedule([z]);
    expect(p.body.some((s) => s.s === 'loop')).toBe(false);
    const branch = p.body.find((s) => s.s === 'if');
    expect(branch && branch.s === 'if' && branch.then.some((s) => s.s === 'loop')).toBe(true);
  });

  it('keeps work in the outer scope when it is also used outside the branch', () => {
    const x = load(0);
    const shared = ir.exp(x);
    const z = ir.lazy(ir.gt(x, 1), ir.mul(shared, 3), 0);
    const [a, b] = runJs([z, shared], [2]);
    expect(a).toBeCloseTo(3 * Math.exp(2), 12);
    expect(b).toBeCloseTo(Math.exp(2), 12);
  });

  it('handles nested folds whose inner loop depends on the outer state', () => {
    const [outer] = ir.fold({ count: 3, init: [ir.num(1)] }, (_i, [s]) => {
      const inner = ir.sumOver(4, (j) => ir.mul(s as F, ir.toFloat(j)));
      return [ir.add(s as F, inner)];
    });
    // s -> s + 6 s = 7 s, three times
    expect(runJs([outer], [])[0]).toBe(343);
  });

  it('emits WGSL with typed lets and f32 literals', () => {
    const x = load(0);
    const p = schedule([ir.add(ir.mul(x, 1e-7), ir.select(ir.gt(x, 0), 2, -3))]);
    const text = wgslStatements(p.body, '').join('\n');
    expect(text).toContain('let v1: f32 = axes[0u];');
    expect(text).toContain('select((-3.00000000f), 2.00000000f,');
    expect(text).toContain('1.00000001e-7f'); // Math.fround(1e-7) printed to 9 digits
  });

  it('tabulates per-point values once and reads them back in later loops (inside a lazy branch)', () => {
    const x = load(0);
    let calls = 0;
    const table = ir.tabulate(
      5,
      (i) => {
        calls++;
        return ir.log(ir.add(x, ir.toFloat(i)));
      },
      'logs',
    );
    expect(calls).toBe(1); // the value is built once, as a loop body
    // Three passes that each read every element, plus a direct read: the value of sum_i log(x + i) * (1 + pass).
    const [acc] = ir.fold({ count: 3, init: [ir.num(0)] }, (pass, [s]) => [
      ir.add(
        s as F,
        ir.mul(
          ir.sumOver(5, (i) => table(i)),
          ir.add(1, ir.toFloat(pass)),
        ),
      ),
    ]);
    const z = ir.lazy(ir.gt(x, 1), ir.add(acc, table(ir.uint(4))), -1);
    let sum = 0;
    for (let i = 0; i < 5; i++) sum += Math.log(2 + i);
    expect(runJs([z], [2])[0]).toBe(sum + 2 * sum + 3 * sum + Math.log(6));
    expect(runJs([z], [0.5])[0]).toBe(-1);
    const p = schedule([z]);
    expect(p.arrays).toEqual([{ name: expect.stringMatching(/^a\d+$/), length: 5 }]);
    // The filling loop sits in the branch, not before it (no work where the branch is not taken).
    expect(p.body.some((s) => s.s === 'loop')).toBe(false);
    const branch = p.body.find((s) => s.s === 'if');
    const fill = branch && branch.s === 'if' ? branch.then.find((s) => s.s === 'loop' && s.body.some((b) => b.s === 'store')) : undefined;
    expect(fill).toBeDefined();
    const wgsl = [...wgslArrays(p, ''), ...wgslStatements(p.body, '')].join('\n');
    expect(wgsl).toMatch(/var a\d+: array<f32, 5>;/);
    expect(wgsl).toMatch(/a\d+\[i\d+\] = /);
  });

  it('gives a rewritten copy of a tabulated value its own array', () => {
    const x = ir.input('mx');
    const table = ir.tabulate(3, (i) => ir.mul(x, ir.toFloat(i)), 't');
    const total = ir.sumOver(3, (i) => table(i));
    const [a] = rewriteGraph([total], (n) => (n.k === 'input' ? load(0) : n) as Node);
    const [b] = rewriteGraph([total], (n) => (n.k === 'input' ? load(1) : n) as Node);
    expect(runJs([a as F, b as F], [2, 5])).toEqual([6, 15]);
    expect(schedule([a, b]).arrays.length).toBe(2);
  });
});

import { describe, expect, it } from 'vitest';
import * as ir from '../../src/ir/build.js';
import type { F, Node } from '../../src/ir/expr.js';
import { schedule, type Program } from '../../src/kernel/schedule.js';
import { boundCounts, bufferLoads, costTree, executedCounts, exprCounts, flops, zeroCounts } from '../../src/bench/cost.js';

const axis = (i: number | Node) =>
  ({ k: 'load', ty: 'f', buf: 'axes', index: typeof i === 'number' ? ir.uint(i) : i }) as never as ir.FLike;
const table = (i: Node) => ({ k: 'load', ty: 'f', buf: 'tables', index: i }) as never as ir.FLike;

/** A hand-built program: s = sum_{i<4} tables[i] * x; then, only where x > 1, sqrt(s) / 2 + x. */
function tiny(): { program: Program; roots: Node[] } {
  const x = axis(0);
  const [s] = ir.fold({ count: 4, init: [ir.num(0)], label: 'sum' }, (i, [acc]) => [ir.add(acc as F, ir.mul(table(i), x))]);
  const branch = ir.lazy(ir.gt(x, 1), ir.add(ir.div(ir.sqrt(s as F), 2), x), 0);
  const roots = [ir.add(branch, 1)];
  return { program: schedule(roots), roots };
}

describe('kernel cost counting', () => {
  it('counts the operation classes of one expression', () => {
    const c = zeroCounts();
    exprCounts(
      {
        e: 'bin',
        op: 'add',
        ty: 'f',
        operandTy: 'f',
        a: { e: 'un', op: 'sqrt', ty: 'f', a: { e: 'f', v: 2 } },
        b: { e: 'load', buf: 'tables', index: { e: 'bin', op: 'mul', ty: 'u', operandTy: 'u', a: { e: 'cell' }, b: { e: 'u', v: 3 } } },
      },
      c,
    );
    expect(c.add).toBe(1);
    expect(c.sqrt).toBe(1);
    expect(c.loadTables).toBe(1);
    expect(c.int).toBe(1); // the u32 index multiply is not a flop
    expect(c.mul).toBe(0);
    expect(flops(c)).toBe(2);
  });

  it('multiplies loops by their count and brackets lazy branches', () => {
    const { program } = tiny();
    const tree = costTree(program, { stores: false });
    const upper = boundCounts(tree, 'upper');
    const lower = boundCounts(tree, 'lower');
    // Loop: 4 x (mul + add) and 4 table loads; the x load; branch: sqrt, div, add; the final add.
    expect(upper.loadTables).toBe(4);
    expect(upper.loadAxes).toBe(1);
    expect(upper.mul).toBe(4);
    expect(upper.sqrt).toBe(1);
    expect(upper.div).toBe(1);
    expect(upper.add).toBe(4 + 1 + 1);
    // The sum is used only inside the branch: the scheduler sinks the whole loop into it.
    expect(lower.sqrt).toBe(0);
    expect(lower.loadTables).toBe(0);
    expect(lower.loadAxes).toBe(1);
    expect(lower.add).toBe(1);
    expect(flops(upper) - flops(lower)).toBe(4 + 4 + 3);
    expect(bufferLoads(upper) - bufferLoads(lower)).toBe(4);
    const loop = tree.children[0].children[0];
    expect(loop).toMatchObject({ kind: 'loop', label: 'sum', count: 4, earlyExit: false });
  });

  it('counts what really runs, per lane and in SIMD lockstep', () => {
    const { program } = tiny();
    // Every cell reads x = axes[0]: all take the branch or none does.
    const tables = Float64Array.of(1, 2, 3, 4);
    const taken = executedCounts(program, { tables, models: new Float64Array(1), axes: Float64Array.of(2) }, 0, 8, [4, 8]);
    const skipped = executedCounts(program, { tables, models: new Float64Array(1), axes: Float64Array.of(0.5) }, 0, 8, [4, 8]);
    expect(taken.perCell.sqrt).toBe(1);
    expect(skipped.perCell.sqrt).toBe(0);
    expect(taken.visits.find((v) => v.kind === 'if')?.perCell).toBe(1);
    for (const l of taken.lockstep) expect(l.flopEfficiency).toBe(1);
  });

  it('charges a SIMD group for a branch any lane takes', () => {
    // x = axes[cell]: lanes with x > 1 take the branch.
    const x = axis(ir.add({ k: 'cell', ty: 'u' } as never, 0) as never);
    const b = ir.lazy(ir.gt(x, 1), ir.exp(ir.sqrt(ir.add(ir.mul(x, x), 1))), 0);
    const program = schedule([b]);
    const axes = Float64Array.of(2, 0, 0, 0, 0, 0, 0, 0); // one lane of eight takes it
    const r = executedCounts(program, { tables: new Float64Array(1), models: new Float64Array(1), axes }, 0, 8, [8]);
    expect(r.perCell.exp).toBeCloseTo(1 / 8, 12);
    expect(r.lockstep[0].perCell.exp).toBeCloseTo(1, 12);
    expect(r.lockstep[0].flopEfficiency).toBeLessThan(0.5);
  });
});

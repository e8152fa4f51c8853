// The session's non-finite readers (KernelOutputs.nonfinite, countNonfinite) on a kernel with two test
// constraints, the non-finite probe in the second mask bit: its flags at every eps, nothing flagged for the finite
// constraint, and the term slots that sit after the non-finite words (grid mode) still read their terms.
// The probe is chi2(eps) = 2 + 10 sqrt(eps) + 0.1 ln(eps): NaN for eps < 0, -Inf at eps = 0, finite above.
import { describe, expect, it } from 'vitest';
import * as ir from '../../src/ir/build.js';
import { activateConstraints } from '../../src/constraints/activate.js';
import { defineConstraint } from '../../src/constraints/define.js';
import { cpuBackend } from '../../src/backends/cpu.js';
import { openKernel } from '../../src/kernel/session.js';
import { vectorModel } from '../helpers/evaluate.js';

const probe = defineConstraint({
  id: 'nan_probe',
  title: 'non-finite probe (test only)',
  kind: 'chi2',
  reference: 'test',
  inGlobalFit: true,
  setup: () => ({
    evaluate: (ctx) => ({ chi2: ir.sum(2, ir.mul(10, ir.sqrt(ctx.c.eps)), ir.mul(0.1, ir.log(ctx.c.eps))) }),
  }),
});

// Finite at every eps: chi2 = 1 + eps^2 (its bit must never be flagged).
const finite = defineConstraint({
  id: 'finite_probe',
  title: 'finite probe (test only)',
  kind: 'chi2',
  reference: 'test',
  inGlobalFit: true,
  setup: () => ({ evaluate: (ctx) => ({ chi2: ir.add(1, ir.mul(ctx.c.eps, ctx.c.eps)) }) }),
});

const EPS = [-1, 0, 0.01, 1];
// Independent values of the probe at the finite points.
const probeChi2 = (eps: number) => 2 + 10 * Math.sqrt(eps) + 0.1 * Math.log(eps);

describe('non-finite readers of the kernel session', () => {
  it('flag the probe (second bit) where its chi2 is NaN or -Inf, count it, and leave the term slots in place', async () => {
    const { active } = activateConstraints({
      ids: ['finite_probe', 'nan_probe'],
      extra: [finite, probe],
      dataDirs: { coherent: null, darkcast: null },
      mixing: 'photon',
    });
    expect(active.map((a) => a.def.id)).toEqual(['finite_probe', 'nan_probe']);
    const session = await openKernel(
      {
        constraints: active,
        objective: new Set(['finite_probe', 'nan_probe']),
        models: [vectorModel('Lmu-Ltau', { B: 0, e: 0, mu: 1, tau: -1 })],
        mode: {
          kind: 'grid',
          mx: Float64Array.of(0.1),
          gx: Float64Array.of(1e-3),
          mix: Float64Array.from(EPS),
          profile: false,
          prune: false,
          terms: true,
        },
        mixing: { convention: 'photon', axis: 'eps' },
      },
      cpuBackend(1),
    );
    try {
      const out = await session.run(0, session.cells);
      expect(out.count).toBe(EPS.length);
      expect(EPS.map((_, c) => out.nonfinite(c, 'nan_probe'))).toEqual([true, true, false, false]);
      expect(EPS.map((_, c) => out.nonfinite(c, 'finite_probe'))).toEqual([false, false, false, false]);
      expect(EPS.map((_, c) => out.term(c, 'finite_probe'))).toEqual(EPS.map((e) => 1 + e * e));
      expect(EPS.map((_, c) => out.excluded(c, 'nan_probe'))).toEqual([true, true, false, true]);
      expect(out.term(2, 'nan_probe')).toBeCloseTo(probeChi2(0.01), 10);
      expect(out.term(3, 'nan_probe')).toBeCloseTo(probeChi2(1), 10);
      const counts = [0, 0];
      for (let c = 0; c < out.count; c++) out.countNonfinite(c, counts);
      expect(counts).toEqual([0, 2]);
    } finally {
      session.dispose();
    }
  });
});

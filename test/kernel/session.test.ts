// The kernel session's typed readers against independent evaluations of the same physics: a grid kernel's
// profiled minimum, argmin, terms and masks against a points kernel run at every grid point (the minimum
// taken here, by hand); mask bits beyond the first 32-bit word against the bound constraints' penalty terms;
// the in-thread evaluator against the CPU backend; and the IR program the kernel keeps against its sources.

import { describe, expect, it } from 'vitest';
import { cpuBackend } from '../../src/backends/cpu.js';
import { activateConstraints } from '../../src/constraints/activate.js';
import { jsStatements } from '../../src/kernel/emitJs.js';
import { wgslStatements } from '../../src/kernel/emitWgsl.js';
import { buildKernel, openKernel, openLocalKernel, type PointInput } from '../../src/kernel/session.js';
import { resolveModel } from '../../src/models/index.js';
import { samplePoints, VERIFY_MODELS } from '../../src/scan/verify.js';
import { DARKCAST_DIR, requireShared } from '../helpers/shared.js';

const cpu = cpuBackend(1);
const photonEps = { convention: 'photon' as const, axis: 'eps' as const };
const logNodes = (lo: number, hi: number, n: number) => Float64Array.from({ length: n }, (_, i) => lo * (hi / lo) ** (i / (n - 1)));

describe('grid session readers', () => {
  const ids = ['amu', 'borexino', 'nsi_osc', 'ccfr', 'bbn', 'ae'];
  const { active } = activateConstraints({ ids, dataDirs: { coherent: null, darkcast: null }, mixing: 'photon' });
  const objective = new Set(['amu', 'borexino', 'nsi_osc', 'ccfr']);
  const models = ['Lmu-Ltau', 'B-3Lmu', 'Le-Lmu'].map((m) => resolveModel(m));
  const mx = Float64Array.of(0.01, 0.05, 0.3);
  const gx = Float64Array.of(3e-4, 1e-3, 4e-3);
  const eps = Float64Array.of(-1e-3, -1e-4, 0, 2e-4, 1e-3);

  it('minimum, argmin, terms, masks and an observable match a points kernel at every grid point', async () => {
    const grid = await openKernel(
      {
        constraints: active,
        objective,
        models,
        mode: { kind: 'grid', mx, gx, mix: eps, profile: true, prune: true, terms: true, observables: ['amu.delta_amu'] },
        mixing: photonEps,
      },
      cpu,
    );
    const points: PointInput[] = [];
    for (let m = 0; m < models.length; m++) {
      for (const x of mx) for (const g of gx) for (const e of eps) points.push({ model: m, mx: x, gx: g, eps: e });
    }
    const pts = await openKernel(
      {
        constraints: active,
        objective,
        models,
        masses: { nodes: mx, exact: true },
        mode: { kind: 'points', points, observables: true },
        mixing: photonEps,
      },
      cpu,
    );
    try {
      expect(grid.cells).toBe(models.length * mx.length * gx.length);
      const g = await grid.run(0, grid.cells);
      const p = await pts.run(0, points.length);
      let excludedSeen = 0;
      for (let cell = 0; cell < grid.cells; cell++) {
        // The profile by hand: the lowest total over eps, the lower index on ties.
        let best = Infinity;
        for (let k = 0; k < eps.length; k++) best = Math.min(best, p.chi2(cell * eps.length + k));
        expect(g.chi2(cell)).toBeCloseTo(best, 9);
        const at = cell * eps.length + g.argmin(cell);
        expect(Math.abs(p.chi2(at) - best)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(best)));
        for (const id of ids) {
          expect(g.term(cell, id), `${id} at cell ${cell}`).toBeCloseTo(p.term(at, id), 9);
          expect(g.excluded(cell, id), `${id} at cell ${cell}`).toBe(p.excluded(at, id));
          if (g.excluded(cell, id)) excludedSeen++;
        }
        expect(g.observable(cell, 'amu.delta_amu')).toBeCloseTo(p.observable(at, 'amu.delta_amu'), 20);
      }
      // The mask comparison was not vacuous.
      expect(excludedSeen).toBeGreaterThan(0);
    } finally {
      grid.dispose();
      pts.dispose();
    }
  });

  it('refuses what the kernel does not output', async () => {
    const s = await openKernel(
      { constraints: active, objective, models, mode: { kind: 'grid', mx, gx, mix: eps, profile: true, prune: true }, mixing: photonEps },
      cpu,
    );
    try {
      const out = await s.run(0, 1);
      expect(() => out.term(0, 'amu')).toThrow(/no chi2 term of 'amu'/);
      expect(() => out.excluded(0, 'coherent')).toThrow(/'coherent' is not an active constraint/);
      expect(() => out.observable(0, 'amu.delta_amu')).toThrow(/no observable/);
    } finally {
      s.dispose();
    }
  });
});

describe('points session readers', () => {
  it("mask bits in every word agree with the bound constraints' penalty terms", async () => {
    const { active } = activateConstraints({ dataDirs: { coherent: null, darkcast: requireShared(DARKCAST_DIR) }, mixing: 'photon' });
    const models = VERIFY_MODELS.map((m) => resolveModel(m));
    const sample = samplePoints(models, 300, 11).eps;
    const objective = new Set(active.filter((a) => a.def.inGlobalFit).map((a) => a.def.id));
    const s = await openKernel(
      {
        constraints: active,
        objective,
        models,
        masses: { nodes: logNodes(2e-3, 200, 64), exact: false },
        mode: { kind: 'points', points: sample },
        mixing: photonEps,
      },
      cpu,
    );
    try {
      expect(s.kernel.bits.length).toBeGreaterThan(32);
      const out = await s.run(0, sample.length);
      const excludedPerWord = [0, 0];
      for (const a of active.filter((x) => x.def.kind === 'bound')) {
        const bit = s.kernel.bits.indexOf(a.def.id);
        for (let i = 0; i < sample.length; i++) {
          // A bound's term is its penalty exactly where it excludes (kernel/compile.ts), 0 elsewhere.
          expect(out.excluded(i, a.def.id), `${a.def.id} at point ${i}`).toBe(out.term(i, a.def.id) === (a.def.penalty ?? 100));
          if (out.excluded(i, a.def.id)) excludedPerWord[Math.min(1, bit >> 5)]++;
        }
      }
      expect(excludedPerWord[0]).toBeGreaterThan(0);
      expect(excludedPerWord[1]).toBeGreaterThan(0);
      expect(() => out.argmin(0)).toThrow(/no argmin/);
    } finally {
      s.dispose();
    }
  });

  it('the in-thread evaluator gives what the CPU backend gives, and only at its table masses', async () => {
    const { active } = activateConstraints({
      ids: ['amu', 'ae', 'ccfr', 'bbn'],
      dataDirs: { coherent: null, darkcast: null },
      mixing: 'photon',
    });
    const models = [resolveModel('Lmu-Ltau'), resolveModel('B-L')];
    const nodes = Float64Array.of(0.02, 0.2, 2);
    const points: PointInput[] = [
      { model: 0, mx: 0.02, gx: 1e-3, eps: 0 },
      { model: 1, mx: 0.2, gx: 3e-4, eps: 1e-4 },
      { model: 0, mx: 2, gx: 5e-2, eps: -1e-3 },
    ];
    const request = { constraints: active, objective: new Set(['amu', 'ccfr']), models, masses: { nodes, exact: true }, mixing: photonEps };
    const local = openLocalKernel({ ...request, mode: { kind: 'points', points: [] } });
    const backend = await openKernel({ ...request, mode: { kind: 'points', points } }, cpu);
    try {
      const a = local.evaluate(points);
      const b = await backend.run(0, points.length);
      for (let i = 0; i < points.length; i++) {
        expect(a.chi2(i)).toBe(b.chi2(i));
        for (const a2 of active) {
          expect(a.term(i, a2.def.id)).toBe(b.term(i, a2.def.id));
          expect(a.excluded(i, a2.def.id)).toBe(b.excluded(i, a2.def.id));
        }
      }
      // The total is the objective's terms only.
      expect(a.chi2(0)).toBeCloseTo(a.term(0, 'amu') + a.term(0, 'ccfr'), 12);
      expect(() => local.evaluate([{ model: 0, mx: 0.5, gx: 1e-3, eps: 0 }])).toThrow(/not one of the table masses/);
    } finally {
      backend.dispose();
    }
  });
});

describe('the compiled kernel keeps its IR program', () => {
  it('both sources print the kept program', () => {
    const { active } = activateConstraints({ ids: ['amu', 'nsi_osc'], dataDirs: { coherent: null, darkcast: null }, mixing: 'photon' });
    const { kernel } = buildKernel({
      constraints: active,
      objective: new Set(['amu', 'nsi_osc']),
      models: [resolveModel('Lmu-Ltau')],
      mode: {
        kind: 'grid',
        mx: Float64Array.of(0.1),
        gx: Float64Array.of(1e-3),
        mix: Float64Array.of(0, 1e-4),
        profile: true,
        prune: true,
      },
      mixing: photonEps,
    });
    expect(kernel.program.body.length).toBeGreaterThan(0);
    expect(kernel.program.outputs.length).toBe(kernel.outputs.length);
    expect(kernel.wgsl).toContain(wgslStatements(kernel.program.body, '  ').join('\n'));
    expect(kernel.js).toContain(jsStatements(kernel.program.body, '  ').join('\n'));
  });
});

// A non-finite chi2 (NaN, -Inf) must exclude, never be a profiled minimum, and be counted — on the
// float64 CPU path and the float32 WebGPU kernel alike (issue 12, item 7). The probe constraint below
// is built for it: chi2(eps) = 2 + 10 sqrt(eps) + 0.1 ln(eps) is NaN for eps < 0, -Inf at eps = 0,
// and finite for eps > 0. Before the fix the GPU clamp turned NaN into -1e6 and the CPU clamp turned
// -Inf into -1e6: both became "allowed" minima.
import { describe, expect, it } from 'vitest';
import * as ir from '../../src/ir/build.js';
import { activateConstraints } from '../../src/constraints/activate.js';
import { defineConstraint } from '../../src/constraints/define.js';
import { cpuBackend } from '../../src/backends/cpu.js';
import { webgpuBackend } from '../../src/backends/webgpu.js';
import type { Backend } from '../../src/backends/types.js';
import { compileKernel, NONFINITE_CHI2 } from '../../src/kernel/compile.js';
import { buildModelData, buildTables } from '../../src/kernel/layout.js';
import { hasGpu } from '../helpers/gpu.js';
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

const EPS = [-1, 0, 0.01, 1];
// Independent values at the finite points: 2 + 10 sqrt(eps) + 0.1 ln(eps).
const FINITE_MIN = 2 + 10 * 0.1 + 0.1 * Math.log(0.01); // eps = 0.01: 2.5394830...

async function runGrid(backend: Backend, profileEps: boolean) {
  const { active } = activateConstraints({
    ids: ['nan_probe'],
    extra: [probe],
    dataDirs: { coherent: null, darkcast: null },
    mixing: 'photon',
  });
  const models = [vectorModel('Lmu-Ltau', { B: 0, e: 0, mu: 1, tau: -1 })];
  const masses = Float64Array.of(0.1);
  const tables = buildTables(active, masses, models);
  const modelData = buildModelData(models, active);
  const kernel = compileKernel({
    mode: { kind: 'grid', nModels: 1, nMx: 1, nGx: 1, nEps: EPS.length, profileEps, prune: profileEps, termsAtBest: true },
    active,
    objective: new Set(['nan_probe']),
    mixing: { convention: 'photon', axis: 'eps' },
    tables,
    models: modelData,
    exactMass: true,
  });
  const a = kernel.axes!;
  const axes = new Float64Array(a.length);
  axes.set([0.1], a.mx);
  axes.set([0], a.mIndex);
  axes.set([0], a.mFrac);
  axes.set([1e-3], a.gx);
  axes.set(EPS, a.eps);
  const prepared = await backend.prepare(kernel, { tables: tables.data, models: modelData.data, axes });
  try {
    const block = await prepared.run(0, kernel.cells);
    const slot = new Map(kernel.outputs.map((s, k) => [s.name, k]));
    return Array.from({ length: kernel.cells }, (_, c) => ({
      chi2: block.float(c, slot.get('chi2')!),
      term: block.float(c, slot.get('chi2_nan_probe')!),
      argmin: block.uint(c, slot.get('argmin_eps')!),
      excluded: (block.uint(c, slot.get('mask0')!) & 1) === 1,
      nonfinite: (block.uint(c, slot.get('nonfinite0')!) & 1) === 1,
    }));
  } finally {
    prepared.dispose();
  }
}

async function checkBackend(backend: Backend) {
  // One cell per eps value: the NaN and -Inf points are excluded and flagged, with the sentinel chi2.
  const cells = await runGrid(backend, false);
  expect(cells.map((c) => c.nonfinite)).toEqual([true, true, false, false]);
  expect(cells.map((c) => c.excluded)).toEqual([true, true, false, true]);
  for (const c of cells.slice(0, 2)) expect(c.chi2).toBeCloseTo(NONFINITE_CHI2, -26);
  expect(cells[2].chi2).toBeCloseTo(FINITE_MIN, 5);
  expect(cells[3].chi2).toBeCloseTo(12, 5);
  // Profiled over eps: the minimum is the finite point eps = 0.01, allowed, and the cell records that
  // the profile met a non-finite chi2.
  const [best] = await runGrid(backend, true);
  expect(best.argmin).toBe(2);
  expect(best.chi2).toBeCloseTo(FINITE_MIN, 5);
  expect(best.excluded).toBe(false);
  expect(best.nonfinite).toBe(true);
}

describe('non-finite chi2 terms', () => {
  it('exclude, are counted and never win the profile (CPU float64)', async () => {
    await checkBackend(cpuBackend(1));
  });
  it.skipIf(!hasGpu)('exclude, are counted and never win the profile (WebGPU float32)', async () => {
    await checkBackend(await webgpuBackend());
  });
});

// Soak: hundreds of consecutive chunk dispatches in one process, no hang or abort, and results equal
// to a single dispatch of the same cells.
import { describe, expect, it } from 'vitest';
import { activateConstraints } from '../../src/constraints/activate.js';
import { webgpuBackend } from '../../src/backends/webgpu.js';
import { compileKernel } from '../../src/kernel/compile.js';
import { buildModelData, buildTables } from '../../src/kernel/layout.js';
import { resolveModels } from '../../src/models/index.js';
import { hasGpu } from '../helpers/gpu.js';

describe.skipIf(!hasGpu)('WebGPU soak', () => {
  it('runs 600 consecutive chunk dispatches without hang or abort', async () => {
    const { active } = activateConstraints({ ids: ['amu'], dataDirs: { coherent: null, darkcast: null }, mixing: 'photon' });
    const models = resolveModels('Lmu-Ltau,B-3Lmu,Le-Lmu');
    const nMx = 40,
      nGx = 200,
      nEps = 32;
    const mx = Float64Array.from({ length: nMx }, (_, i) => 0.01 * Math.pow(100, i / (nMx - 1)));
    const tables = buildTables(active, mx, models);
    const layout = buildModelData(models, active);
    const kernel = compileKernel({
      mode: { kind: 'grid', nModels: models.length, nMx, nGx, nEps, profileEps: true, prune: true, termsAtBest: false },
      active,
      objective: new Set(['amu']),
      mixing: { convention: 'photon', axis: 'eps' },
      tables,
      models: layout,
      exactMass: true,
    });
    const a = kernel.axes!;
    const axes = new Float64Array(a.length);
    axes.set(mx, a.mx);
    axes.set(
      Float64Array.from(mx, (_, i) => i),
      a.mIndex,
    );
    axes.set(
      Float64Array.from({ length: nGx }, (_, i) => 1e-5 * Math.pow(1e3, i / (nGx - 1))),
      a.gx,
    );
    axes.set(
      Float64Array.from({ length: nEps }, (_, i) => -1e-3 + (2e-3 * i) / (nEps - 1)),
      a.eps,
    );
    const backend = await webgpuBackend();
    const run = await backend.prepare(kernel, { tables: tables.data, models: layout.data, axes });
    const whole = await run.run(0, kernel.cells);
    const chunk = 40; // 24000 cells / 40 = 600 dispatches
    let dispatches = 0;
    let mismatches = 0;
    for (let base = 0; base < kernel.cells; base += chunk) {
      const block = await run.run(base, Math.min(chunk, kernel.cells - base));
      dispatches++;
      for (let c = 0; c < block.count; c++) {
        for (let s = 0; s < block.stride; s++) if (block.uint(c, s) !== whole.uint(base + c, s)) mismatches++;
      }
    }
    run.dispose();
    expect(dispatches).toBeGreaterThanOrEqual(500);
    expect(mismatches).toBe(0);
  });
});

// The map kernel of a view: built once on the server (tables in float64 at every m_X of the map, the
// compiled WGSL) and shipped to the page, which runs it on its own GPU; or run here on a Node backend
// when the page has no WebGPU. Both read the same build, so the physics has one source.

import type { Backend } from '../backends/types.js';
import { buildKernel, openKernel, type KernelBuild } from '../kernel/session.js';
import type { ScanPlan } from '../scan/plan.js';
import { scanKernelRequest } from '../scan/kernelRequest.js';
import { viewConstraints } from './view.js';
import { encodeF64, encodeU32, type WireKernel, type WireMapResult } from './wire.js';

export interface MapKernel {
  plan: ScanPlan;
  build: KernelBuild;
}

export function buildMapKernel(plan: ScanPlan): MapKernel {
  return { plan, build: buildKernel(scanKernelRequest(plan, { prune: false })) };
}

export function wireKernel({ plan, build }: MapKernel): WireKernel {
  const { kernel, buffers } = build;
  const model = plan.models[0];
  return {
    spec: plan.spec as Record<string, unknown>,
    model: { id: model.id, name: model.name },
    mixing: {
      axis: plan.mix.kind,
      value: plan.mix.kind === 'radiative' ? 0 : plan.mix.values[0],
      convention: plan.mixing,
    },
    mx: [...plan.mx.values],
    gx: [...plan.gx.values],
    constraints: viewConstraints(plan, kernel.bits),
    skipped: plan.skipped.map((s) => ({ id: s.def.id, reason: s.reason })),
    wgsl: kernel.wgsl,
    stride: kernel.outputs.length,
    slots: {
      chi2: kernel.slots.chi2,
      argmin: kernel.slots.argmin,
      maskWords: kernel.slots.maskWords,
      nonfiniteWords: kernel.slots.nonfiniteWords,
    },
    bits: kernel.bits,
    mixOffset: kernel.axes!.eps,
    buffers: { tables: encodeF64(buffers.tables), models: encodeF64(buffers.models), axes: encodeF64(buffers.axes) },
    buildMs: build.timings.tablesMs + build.timings.compileMs,
  };
}

/** Per-cell total chi2 and mask words of the whole map, on `backend`. */
export async function computeMap(mk: MapKernel, backend: Backend): Promise<{ chi2: Float64Array; masks: Uint32Array }> {
  const session = await openKernel(mk.build, backend);
  try {
    const n = session.cells;
    const words = session.kernel.maskWords;
    const chi2 = new Float64Array(n);
    const masks = new Uint32Array(n * words);
    for (let base = 0; base < n; base += session.maxCellsPerRun) {
      const count = Math.min(session.maxCellsPerRun, n - base);
      const out = await session.run(base, count);
      for (let c = 0; c < count; c++) {
        chi2[base + c] = out.chi2(c);
        for (let w = 0; w < words; w++) masks[(base + c) * words + w] = out.maskWord(c, w);
      }
    }
    return { chi2, masks };
  } finally {
    session.dispose();
  }
}

export async function wireMapResult(mk: MapKernel, backend: Backend, label: string): Promise<WireMapResult> {
  const t0 = performance.now();
  const { chi2, masks } = await computeMap(mk, backend);
  return { chi2: encodeF64(chi2), masks: encodeU32(masks), backend: label, ms: performance.now() - t0 };
}

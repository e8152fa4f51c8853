// The software-adapter variant of a kernel (CompiledKernel.wgslSoftware: static tables compiled in as WGSL
// constants) must give the same float32 words as the storage-buffer variant, bit for bit: COHERENT's per-bin
// constants, the LHCb r-value nodes and the resonance constants are the static tables of the full set.
import { describe, expect, it } from 'vitest';
import { webgpuBackend } from '../../src/backends/webgpu.js';
import type { KernelCode } from '../../src/backends/types.js';
import { activateConstraints } from '../../src/constraints/activate.js';
import { buildKernel } from '../../src/kernel/session.js';
import { resolveModel } from '../../src/models/index.js';
import { hasGpu } from '../helpers/gpu.js';
import { COHERENT_DIR, DARKCAST_DIR, requireShared } from '../helpers/shared.js';

const { active } = activateConstraints({
  dataDirs: { coherent: requireShared(COHERENT_DIR), darkcast: requireShared(DARKCAST_DIR) },
  mixing: 'photon',
});
const objective = new Set(active.filter((a) => a.def.inGlobalFit).map((a) => a.def.id));
// The global objective (COHERENT's bins, the resonance group's constants) and the LHCb r-value searches (their
// coupling nodes): every kind of static table, in a kernel small enough to compile quickly on lavapipe.
const constraints = active.filter((a) => objective.has(a.def.id) || a.def.id.startsWith('lhcb_'));
const models = ['Lmu-Ltau', 'B-L', 'dark-photon', 'B-3Lmu'].map((m) => resolveModel(m));
const logAxis = (lo: number, hi: number, n: number) => Float64Array.from({ length: n }, (_, i) => lo * (hi / lo) ** (i / (n - 1)));

async function words(code: KernelCode, buffers: ReturnType<typeof buildKernel>['buffers'], cells: number): Promise<number[]> {
  const gpu = await webgpuBackend();
  const k = await gpu.prepare(code, buffers);
  try {
    const out = await k.run(0, cells);
    return Array.from(out.uints.subarray(0, cells * out.stride));
  } finally {
    k.dispose();
  }
}

describe.skipIf(!hasGpu)('static tables as WGSL constants (software adapters)', () => {
  it('give the words of the storage-buffer kernel, bit for bit, on a profiled grid with the global objective and the r-value searches', async () => {
    const build = buildKernel({
      constraints,
      objective,
      models,
      mode: {
        kind: 'grid',
        mx: logAxis(0.003, 3, 9),
        gx: logAxis(1e-6, 0.3, 9),
        mix: Float64Array.from({ length: 33 }, (_, i) => -3e-2 + (6e-2 * i) / 32),
        profile: true,
        prune: true,
        terms: true,
      },
      mixing: { convention: 'photon', axis: 'eps' },
    });
    const k = build.kernel;
    expect(k.wgslSoftware, 'a static block small enough to inline').toBeDefined();
    expect(k.wgslSoftware).toContain('const u1x_statics = array<f32,');
    expect(build.tables.staticLength).toBeGreaterThan(864); // COHERENT's 144 bins x 6 fields at least
    const inline = await words(k, build.buffers, k.cells);
    const buffered = await words({ ...k, wgslSoftware: undefined }, build.buffers, k.cells);
    expect(inline).toEqual(buffered);
    // Not vacuous: some minima carry a resonance penalty (100), others do not.
    const chi2 = new Float32Array(Uint32Array.from(inline.filter((_, i) => i % k.outputs.length === k.slots.chi2)).buffer);
    expect(chi2.length).toBe(k.cells);
    expect(chi2.some((v) => v >= 100)).toBe(true);
    expect(chi2.some((v) => v < 100)).toBe(true);
  }, 120_000);
});

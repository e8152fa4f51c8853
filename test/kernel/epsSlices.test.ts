// GridMode.epsSlices: the profiled eps loop split over several device cells per (model, m_X, g_X) and
// reduced by the session (kernel/sliceReduce.ts) must give what the unsplit loop gives: the same minimum,
// the same argmin (first index of the minimum), the same masks and terms at it, bit for bit on the float64
// CPU path, with COHERENT's pruning and a per-model ceiling, at extreme couplings; and on WebGPU the split
// float32 kernel must equal the unsplit float32 kernel.
import { describe, expect, it } from 'vitest';
import type { Backend } from '../../src/backends/types.js';
import { cpuBackend } from '../../src/backends/cpu.js';
import { webgpuBackend } from '../../src/backends/webgpu.js';
import { activateConstraints } from '../../src/constraints/activate.js';
import { epsSlicesFor, MIN_SLICE_LENGTH } from '../../src/kernel/occupancy.js';
import { openKernel, type KernelRequest } from '../../src/kernel/session.js';
import { resolveModel } from '../../src/models/index.js';
import { gridMinima } from '../../src/scan/gridMinima.js';
import { hasGpu } from '../helpers/gpu.js';
import { COHERENT_DIR, DARKCAST_DIR, requireShared } from '../helpers/shared.js';

const logAxis = (lo: number, hi: number, n: number) => Float64Array.from({ length: n }, (_, i) => lo * (hi / lo) ** (i / (n - 1)));
const linAxis = (lo: number, hi: number, n: number) => Float64Array.from({ length: n }, (_, i) => lo + ((hi - lo) * i) / (n - 1));

const { active } = activateConstraints({
  dataDirs: { coherent: requireShared(COHERENT_DIR), darkcast: requireShared(DARKCAST_DIR) },
  mixing: 'photon',
});
const fitTerms = active.filter((a) => a.def.inGlobalFit);
const objective = new Set(fitTerms.map((a) => a.def.id));
const models = ['Lmu-Ltau', 'B-3Lmu', 'dark-photon', 'Le-Lmu'].map((m) => resolveModel(m));
const mx = Float64Array.of(0.005, 0.2, 0.9);
// Up to the extreme corners: g_X to 0.5, eps to +-3e-2, and eps = 0 in the middle (a tie-rich profile).
const gx = logAxis(1e-6, 0.5, 7);
const eps = linAxis(-3e-2, 3e-2, 61);
const ceiling = Float64Array.from(models, (_, i) => [40, 3, 1e30, 0.5][i]);

function request(epsSlices: number, withCeiling: boolean): KernelRequest {
  return {
    constraints: fitTerms,
    objective,
    models,
    mode: {
      kind: 'grid',
      mx,
      gx,
      mix: eps,
      profile: true,
      prune: true,
      terms: true,
      ceiling: withCeiling ? ceiling : undefined,
      epsSlices,
    },
    mixing: { convention: 'photon', axis: 'eps' },
  };
}

/** Every cell's total, argmin, mask words and terms, as bit patterns. */
async function cellsOf(backend: Backend, epsSlices: number, withCeiling: boolean): Promise<number[][]> {
  const s = await openKernel(request(epsSlices, withCeiling), backend);
  try {
    expect(s.cells).toBe(models.length * mx.length * gx.length);
    expect(s.pointsPerCell).toBe(eps.length);
    const out = await s.run(0, s.cells);
    const words = s.kernel.maskWords;
    return Array.from({ length: s.cells }, (_, c) => [
      out.chi2(c),
      out.argmin(c),
      ...Array.from({ length: words }, (_, w) => out.maskWord(c, w)),
      ...s.layout.termIds.map((id) => out.term(c, id)),
    ]);
  } finally {
    s.dispose();
  }
}

describe('eps loop split over device cells', () => {
  const cpu = cpuBackend(1);

  for (const withCeiling of [false, true]) {
    it(`float64: 3, 7 and ${eps.length} slices equal the unsplit loop${withCeiling ? ', with a per-model ceiling' : ''}`, async () => {
      const whole = await cellsOf(cpu, 1, withCeiling);
      // The grid must exercise what the split could get wrong: argmins away from 0 and pruned-out cells.
      expect(new Set(whole.map((c) => c[1])).size).toBeGreaterThan(3);
      if (withCeiling) expect(whole.some((c) => c[0] === 1e30)).toBe(true);
      for (const slices of [3, 7, eps.length]) expect(await cellsOf(cpu, slices, withCeiling), `${slices} slices`).toEqual(whole);
    });
  }

  it.skipIf(!hasGpu)('float32 WebGPU: 7 slices equal the unsplit kernel', async () => {
    const gpu = await webgpuBackend();
    expect(await cellsOf(gpu, 7, true)).toEqual(await cellsOf(gpu, 1, true));
  });

  it('gridMinima (the fit grid search) with slices equals it without', async () => {
    const o = {
      models,
      active: fitTerms,
      objective,
      mx,
      gx,
      mix: { kind: 'eps' as const, values: eps },
      mixing: 'photon' as const,
      backend: cpu,
    };
    const whole = await gridMinima({ ...o, epsSlices: 1 });
    const split = await gridMinima({ ...o, epsSlices: 5 });
    for (const k of ['chi2', 'gx', 'mix'] as const) expect(split[k]).toEqual(whole[k]);
  });

  it('splits only where a GPU keeps more threads resident than the grid has cells', () => {
    expect(epsSlicesFor(undefined, 100, 2001)).toBe(1); // CPU reference, lavapipe
    expect(epsSlicesFor(2 ** 18, 419 * 241, 2001)).toBe(3); // the fit: 101 k cells, 2001 k values
    expect(epsSlicesFor(2 ** 18, 2 ** 18, 2001)).toBe(1);
    expect(epsSlicesFor(2 ** 18, 10, 2001)).toBe(Math.floor(2001 / MIN_SLICE_LENGTH)); // slices never shorter than the minimum
    expect(epsSlicesFor(2 ** 18, 10, 32)).toBe(1);
  });
});

// Measured ceilings of the WebGPU adapter: tiny kernels in the u1x driver (same bindings, same dispatch
// path through the backend) that each time one kind of operation in a loop with a run-time bound. On lavapipe
// they show what a kernel's operation mix costs, which a datasheet peak does not: the roofline multiplies
// the kernel's counts per point by these costs and compares with the measured points/s.

import type { Backend } from '../backends/types.js';
import type { CompiledKernel } from '../kernel/compile.js';
import { driverWgsl } from '../kernel/wgslTemplate.js';
import type { OpCounts } from '../kernel/cost.js';

export interface MicroResult {
  id: string;
  what: string;
  /** Operations of the timed kind per second (lane operations: one per invocation per op). */
  opsPerSecond: number;
  /** The same per second of CPU time of this process (lavapipe's threads): independent of other load. */
  opsPerCpuSecond: number;
  ms: number;
}

const INVOCATIONS = 1 << 20;
const TABLE = 1 << 16;

/** The micro kernels: body inside the loop, timed operations per iteration, iterations. */
const MICRO: { id: string; what: string; body: string; ops: number; iters: number }[] = [
  { id: 'fma', what: 'f32 fma, 4 independent chains (2 flops each)', body: 'x = fma(x, 0.999f, 0.001f); y = fma(y, 0.999f, 0.001f); z = fma(z, 0.999f, 0.001f); w = fma(w, 0.999f, 0.001f);', ops: 8, iters: 256 },
  { id: 'addmul', what: 'f32 mul then add, 4 independent chains', body: 'x = x * 0.999f + 0.001f; y = y * 0.999f + 0.001f; z = z * 0.999f + 0.001f; w = w * 0.999f + 0.001f;', ops: 8, iters: 256 },
  { id: 'div', what: 'f32 division chain x = 1/(x + 1) (div + add)', body: 'x = 1.0f / (x + 1.0f);', ops: 2, iters: 256 },
  { id: 'log', what: 'f32 log chain x = log(x + 2) (log + add)', body: 'x = log(x + 2.0f);', ops: 2, iters: 256 },
  { id: 'loadUniform', what: 'storage-buffer load, same index in every invocation (4 chains, + add)', body: 'x = x + tables[i]; y = y + tables[i + 1u]; z = z + tables[i + 2u]; w = w + tables[i + 3u];', ops: 4, iters: 256 },
  { id: 'loadVarying', what: 'storage-buffer load, index varies per invocation (4 chains, + add)', body: 'let k = (cell * 7u + i) & 65535u; x = x + tables[k]; y = y + tables[k ^ 1u]; z = z + tables[k ^ 2u]; w = w + tables[k ^ 3u];', ops: 4, iters: 256 },
  { id: 'privateArray', what: 'private array of 27 f32: build + one indexed read', body: 'var a = array<f32, 27>(x, y, z, w, x, y, z, w, x, y, z, w, x, y, z, w, x, y, z, w, x, y, z, w, x, y, z); x = x + a[i % 27u] * 0.5f;', ops: 1, iters: 256 },
  { id: 'loop', what: 'loop iteration with run-time bound, body one f32 add', body: 'x = x + 1.0f;', ops: 1, iters: 4096 },
  { id: 'int', what: 'u32 index arithmetic (mul, add, add, and) + convert + add', body: 'let k = (i * 9u + 3u) + cell; x = x + f32(k & 1u);', ops: 4, iters: 256 },
];

function microKernel(body: string, iters: number): CompiledKernel {
  const wgsl = driverWgsl({
    header: '// u1x bench micro kernel',
    body: [
      '  var x: f32 = f32(cell & 1023u) * 0.001f + 1.0f;',
      '  var y: f32 = 0.5f;',
      '  var z: f32 = 0.25f;',
      '  var w: f32 = 0.125f;',
      `  for (var i: u32 = 0u; i < ${iters}u + params.pad; i++) {`,
      `    ${body}`,
      '  }',
    ].join('\n'),
    stores: '  out[o + 0u] = bitcast<u32>(x + y + z + w);',
    stride: 1,
  });
  return {
    wgsl, js: '', outputs: [{ name: 'x', ty: 'f' }], bits: [], maskWords: 0, cells: INVOCATIONS, pointsPerCell: 1,
  } as CompiledKernel;
}

/** Run each micro kernel (best of `repeats`) on a WebGPU backend. */
export async function measureCeilings(backend: Backend, repeats = 3): Promise<MicroResult[]> {
  const tables = new Float64Array(TABLE).map((_, i) => 1 + (i % 7) * 1e-3);
  const buffers = { tables, models: new Float64Array(4), axes: new Float64Array(4) };
  const out: MicroResult[] = [];
  for (const m of MICRO) {
    const k = await backend.prepare(microKernel(m.body, m.iters), buffers);
    try {
      await k.run(0, INVOCATIONS);
      let best = Infinity;
      let bestCpu = Infinity;
      for (let r = 0; r < repeats; r++) {
        const r0 = process.resourceUsage();
        const t = performance.now();
        await k.run(0, INVOCATIONS);
        best = Math.min(best, performance.now() - t);
        const r1 = process.resourceUsage();
        bestCpu = Math.min(bestCpu, (r1.userCPUTime - r0.userCPUTime + r1.systemCPUTime - r0.systemCPUTime) / 1000);
      }
      const ops = INVOCATIONS * m.iters * m.ops;
      out.push({ id: m.id, what: m.what, ms: best, opsPerSecond: ops / (best / 1000), opsPerCpuSecond: ops / (Math.max(bestCpu, 0.001) / 1000) });
    } finally {
      k.dispose();
    }
  }
  return out;
}

export interface CostModel {
  /** Seconds per point by operation class, from counts x measured costs. */
  terms: { what: string; count: number; opsPerSecond: number; seconds: number }[];
  predictedPointsPerSecond: number;
}

/**
 * A time model of a kernel on this adapter: every counted operation at its measured rate (adds, muls and
 * other float ops at the mul+add rate, divisions and special functions at theirs, loads at the varying-index
 * load rate, private-array traffic at its rate, integer/logic at the integer rate, loop iterations at the
 * empty-loop rate). The IR's integer index arithmetic is partly folded by the shader compiler, so the model
 * errs on the slow side; its point is the ranking of the classes.
 */
export function costModel(counts: OpCounts, ceilings: readonly MicroResult[], perCpuSecond = false): CostModel | null {
  const rate = (id: string) => {
    const c = ceilings.find((x) => x.id === id);
    return perCpuSecond ? c?.opsPerCpuSecond : c?.opsPerSecond;
  };
  const r = {
    addmul: rate('addmul'), div: rate('div'), log: rate('log'), load: rate('loadVarying'), arr: rate('privateArray'), int: rate('int'), loop: rate('loop'),
  };
  if (Object.values(r).some((x) => !x)) return null;
  const terms = [
    { what: 'add/mul/other float', count: counts.add + counts.mul + counts.minmax + counts.absneg + counts.floor + counts.fcmp + counts.fselect, opsPerSecond: r.addmul! },
    { what: 'div', count: counts.div, opsPerSecond: r.div! },
    { what: 'sqrt/exp/log/pow', count: counts.sqrt + counts.exp + counts.log + counts.pow, opsPerSecond: r.log! },
    { what: 'buffer loads', count: counts.loadTables + counts.loadModels + counts.loadAxes, opsPerSecond: r.load! },
    { what: 'private-array reads', count: counts.vecRead, opsPerSecond: r.arr! },
    { what: 'int/logic/convert', count: counts.int + counts.intDivMod + counts.logic + counts.convert, opsPerSecond: r.int! },
    { what: 'loop iterations', count: counts.loopIter, opsPerSecond: r.loop! },
  ].map((t) => ({ ...t, seconds: t.count / t.opsPerSecond }));
  const total = terms.reduce((s, t) => s + t.seconds, 0);
  return { terms, predictedPointsPerSecond: 1 / total };
}

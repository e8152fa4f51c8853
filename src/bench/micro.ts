// Measured ceilings of the WebGPU adapter: tiny kernels in the u1x driver (same bindings, same dispatch
// path through the backend) that each time one kind of operation in a loop with a run-time bound. On lavapipe
// they show what a kernel's operation mix costs, which a datasheet peak does not: the roofline multiplies
// the kernel's counts per point by these costs and compares with the measured points/s.

import type { Backend, KernelCode } from '../backends/types.js';
import { driverWgsl } from '../kernel/wgslTemplate.js';
import type { OpCounts } from './cost.js';

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

const repeat = (n: number, f: (j: number) => string) => Array.from({ length: n }, (_, j) => f(j)).join(' ');
const CHAINS = ['x', 'y', 'z', 'w'];

/**
 * The micro kernels: body inside the loop, timed operations per iteration, iterations. Bodies are unrolled
 * (32-64 operations per iteration) so that the loop's own cost, measured separately ('loop'), is small; the
 * rates are corrected for it (see measureCeilings).
 */
const MICRO: { id: string; what: string; body: string; ops: number; iters: number }[] = [
  { id: 'loop', what: 'loop iteration with run-time bound, body one f32 add', body: 'x = x + 1.0f;', ops: 1, iters: 2048 },
  {
    id: 'fma',
    what: 'f32 fma, 4 independent chains (1 op = 1 fma)',
    body: repeat(16, (j) => `${CHAINS[j % 4]} = fma(${CHAINS[j % 4]}, 0.999f, 0.001f);`),
    ops: 16,
    iters: 512,
  },
  {
    id: 'addmul',
    what: 'f32 mul and add, 4 independent chains (1 op = 1 mul or 1 add)',
    body: repeat(32, (j) => `${CHAINS[j % 4]} = ${CHAINS[j % 4]} * 0.999f + 0.001f;`),
    ops: 64,
    iters: 256,
  },
  {
    id: 'div',
    what: 'f32 division (+ an add), 4 independent chains',
    body: repeat(16, (j) => `${CHAINS[j % 4]} = 1.0f / (${CHAINS[j % 4]} + 1.0f);`),
    ops: 16,
    iters: 128,
  },
  {
    id: 'log',
    what: 'f32 log (+ an add), 4 independent chains',
    body: repeat(16, (j) => `${CHAINS[j % 4]} = log(${CHAINS[j % 4]} + 2.0f);`),
    ops: 16,
    iters: 64,
  },
  {
    id: 'loadUniform',
    what: 'storage-buffer load, same index in every invocation',
    body: `let k = i * 32u; ${repeat(32, (j) => `${CHAINS[j % 4]} = ${CHAINS[j % 4]} + tables[k + ${j}u];`)}`,
    ops: 32,
    iters: 64,
  },
  {
    id: 'loadVarying',
    what: 'storage-buffer load, index varies per invocation',
    body: `let k = (cell * 7u + i * 32u) & 65535u; ${repeat(32, (j) => `${CHAINS[j % 4]} = ${CHAINS[j % 4]} + tables[k ^ ${j}u];`)}`,
    ops: 32,
    iters: 64,
  },
  {
    id: 'privateArray',
    what: 'private array of 27 f32: build + indexed reads',
    body: `var a = array<f32, 27>(${repeat(27, (j) => `${CHAINS[j % 4]} + ${j}.0f,`).slice(0, -1)}); ${repeat(8, (j) => `${CHAINS[j % 4]} = ${CHAINS[j % 4]} + a[(i + ${j}u) % 27u];`)}`,
    ops: 8,
    iters: 128,
  },
  {
    id: 'int',
    what: 'u32 index arithmetic (mul, add, and)',
    body: `var k = i + cell; ${repeat(8, () => 'k = (k * 9u + 3u) & 65535u;')} x = x + f32(k);`,
    ops: 24,
    iters: 256,
  },
];

function microKernel(body: string, iters: number): KernelCode {
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
  return { wgsl, js: '', outputs: [{ name: 'x', ty: 'f' }], pointsPerCell: 1 };
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
      // Remove the loop's own cost (measured first) from the unrolled kernels, keeping at least half the time.
      const loop = out.find((x) => x.id === 'loop');
      const loopMs = (rate: number | undefined) => (m.id === 'loop' || !rate ? 0 : ((INVOCATIONS * m.iters) / rate) * 1000);
      const wall = Math.max(best - loopMs(loop?.opsPerSecond), best / 2);
      const cpu = Math.max(Math.max(bestCpu, 0.001) - loopMs(loop?.opsPerCpuSecond), bestCpu / 2);
      const ops = INVOCATIONS * m.iters * m.ops;
      out.push({ id: m.id, what: m.what, ms: best, opsPerSecond: ops / (wall / 1000), opsPerCpuSecond: ops / (cpu / 1000) });
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
 * empty-loop rate). Each micro rate is for that operation alone (the loop's cost removed), so the model
 * prices a kernel's mix; the IR's index arithmetic is partly folded by the shader compiler (a small term).
 */
export function costModel(counts: OpCounts, ceilings: readonly MicroResult[], perCpuSecond = false): CostModel | null {
  const rate = (id: string) => {
    const c = ceilings.find((x) => x.id === id);
    return perCpuSecond ? c?.opsPerCpuSecond : c?.opsPerSecond;
  };
  const r = {
    addmul: rate('addmul'),
    div: rate('div'),
    log: rate('log'),
    load: rate('loadVarying'),
    arr: rate('privateArray'),
    int: rate('int'),
    loop: rate('loop'),
  };
  if (Object.values(r).some((x) => !x)) return null;
  const terms = [
    {
      what: 'add/mul/other float',
      count: counts.add + counts.mul + counts.minmax + counts.absneg + counts.floor + counts.fcmp + counts.fselect,
      opsPerSecond: r.addmul!,
    },
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

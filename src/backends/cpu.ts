// The float64 CPU reference backend: the kernel's JavaScript emission, run on worker_threads over
// all cores. Buffers are SharedArrayBuffers, so workers read tables and write results in place.

import { availableParallelism, cpus } from 'node:os';
import { Worker } from 'node:worker_threads';
import { jsKernelFunction } from '../kernel/jsFunction.js';
import type { Backend, KernelBuffers, KernelCode, OutputBlock, PreparedKernel } from './types.js';

// The worker is self-contained source (works from dist/ and under vitest alike).
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
let fn = null, T, M, A;
parentPort.on('message', (msg) => {
  try {
    if (msg.type === 'init') {
      fn = new Function('T', 'M', 'A', 'out', 'base', 'count', msg.js);
      T = new Float64Array(msg.tables); M = new Float64Array(msg.models); A = new Float64Array(msg.axes);
      parentPort.postMessage({ ok: true });
    } else {
      const out = new Float64Array(msg.out, msg.outOffset * 8, msg.count * msg.stride);
      fn(T, M, A, out, msg.base, msg.count);
      parentPort.postMessage({ ok: true });
    }
  } catch (e) {
    parentPort.postMessage({ ok: false, error: String(e && e.stack || e) });
  }
});
`;

/**
 * One output array per prepared kernel, grown when a larger chunk comes and reused otherwise: a fresh
 * (Shared)ArrayBuffer per chunk is external memory that V8 collects late, and peak RSS would grow with the
 * number of chunks.
 */
class ReusedOutput {
  private array: Float64Array<ArrayBufferLike> = new Float64Array(0);
  constructor(private readonly isShared: boolean) {}

  get(length: number): Float64Array {
    if (this.array.length < length) {
      this.array = this.isShared ? new Float64Array(new SharedArrayBuffer(length * 8)) : new Float64Array(length);
    }
    return this.array.subarray(0, length);
  }
}

/**
 * The buffer workers read: a whole SharedArrayBuffer given by the caller is used as it is (so a caller can
 * rewrite its contents between runs, e.g. a new batch of points); anything else is copied once.
 */
function shared(src: Float64Array): SharedArrayBuffer {
  if (src.buffer instanceof SharedArrayBuffer && src.byteOffset === 0 && src.byteLength === src.buffer.byteLength && src.length > 0)
    return src.buffer;
  const sab = new SharedArrayBuffer(Math.max(src.byteLength, 8));
  new Float64Array(sab).set(src);
  return sab;
}

class Pool {
  private workers: Worker[];
  constructor(n: number) {
    this.workers = Array.from({ length: n }, () => {
      const w = new Worker(WORKER_SOURCE, { eval: true });
      w.unref();
      return w;
    });
  }
  get size(): number {
    return this.workers.length;
  }
  call(i: number, msg: unknown): Promise<void> {
    const w = this.workers[i];
    return new Promise((resolve, reject) => {
      const onMessage = (r: { ok: boolean; error?: string }) => {
        w.off('error', onError);
        if (r.ok) resolve();
        else reject(new Error(`cpu worker: ${r.error}`));
      };
      const onError = (e: Error) => {
        w.off('message', onMessage);
        reject(e);
      };
      w.once('message', onMessage);
      w.once('error', onError);
      w.postMessage(msg);
    });
  }
  terminate(): void {
    for (const w of this.workers) void w.terminate();
  }
}

function block(values: Float64Array, count: number, stride: number): OutputBlock {
  return {
    count,
    stride,
    floats: values,
    uints: values,
    float: (c, s) => values[c * stride + s],
    uint: (c, s) => values[c * stride + s],
  };
}

export function cpuBackend(threads = availableParallelism()): Backend {
  const model = cpus()[0]?.model?.trim() ?? 'CPU';
  return {
    name: 'cpu',
    precision: 'float64',
    description: `${model}, ${threads} thread${threads === 1 ? '' : 's'} (float64 reference)`,
    async prepare(kernel: KernelCode, buffers: KernelBuffers): Promise<PreparedKernel> {
      const stride = kernel.outputs.length;
      const fn = jsKernelFunction(kernel);
      // Below this much work a worker round-trip costs more than it saves.
      const inlineLimit = Math.max(1, Math.floor(20_000 / kernel.pointsPerCell));
      let pool: Pool | null = null;
      const local = new ReusedOutput(false);
      const sharedOut = new ReusedOutput(true);
      let sab: { tables: SharedArrayBuffer; models: SharedArrayBuffer; axes: SharedArrayBuffer } | null = null;
      const ensurePool = async () => {
        if (pool) return pool;
        sab = { tables: shared(buffers.tables), models: shared(buffers.models), axes: shared(buffers.axes) };
        const p = new Pool(threads);
        await Promise.all(Array.from({ length: p.size }, (_, i) => p.call(i, { type: 'init', js: kernel.js, ...sab })));
        pool = p;
        return p;
      };
      return {
        maxCellsPerRun: Math.floor(2 ** 27 / stride),
        async run(base, count) {
          if (count <= inlineLimit || threads === 1) {
            const out = local.get(count * stride);
            fn(buffers.tables, buffers.models, buffers.axes, out, base, count);
            return block(out, count, stride);
          }
          const p = await ensurePool();
          const outSab = sharedOut.get(count * stride).buffer as SharedArrayBuffer;
          // Interleaved slices balance cells of unequal cost (pruned vs evaluated profiles).
          const parts = Math.min(count, p.size * 8);
          const jobs: Promise<void>[] = [];
          const queue = Array.from({ length: parts }, (_, k) => {
            const lo = Math.floor((k * count) / parts);
            const hi = Math.floor(((k + 1) * count) / parts);
            return { lo, hi };
          });
          for (let w = 0; w < p.size; w++) {
            jobs.push(
              (async () => {
                for (let job = queue.shift(); job; job = queue.shift()) {
                  await p.call(w, {
                    type: 'run',
                    out: outSab,
                    outOffset: job.lo * stride,
                    base: base + job.lo,
                    count: job.hi - job.lo,
                    stride,
                  });
                }
              })(),
            );
          }
          await Promise.all(jobs);
          return block(new Float64Array(outSab, 0, count * stride), count, stride);
        },
        dispose() {
          pool?.terminate();
          pool = null;
        },
      };
    },
  };
}

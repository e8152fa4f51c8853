// The WebGPU backend: Dawn through the `webgpu` npm package. A hardware adapter on a workstation;
// Mesa's lavapipe (software Vulkan) on CPU-only machines, which is how CI runs the GPU path.
//
// The object returned by create() owns the Dawn instance. If it is garbage-collected while a device
// lives, the process crashes or hangs (see ../shared/notes/webgpu-on-lavapipe.md), so it lives in a
// module-level singleton together with the adapter and the device, for the whole process.

import { createRequire } from 'node:module';
import { setFlagsFromString } from 'node:v8';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WORKGROUP_SIZE } from '../kernel/wgslTemplate.js';
import { type Backend, DeviceLostError, type KernelBuffers, type KernelCode, type OutputBlock, type PreparedKernel } from './types.js';
import { quietDawnWarnings } from './dawnStderr.js';

interface GpuContext {
  gpu: GPU;
  adapter: GPUAdapter;
  device: GPUDevice;
  info: { vendor: string; architecture: string; device: string; description: string };
  lost: string | null;
}

export interface AdapterProbe {
  ok: boolean;
  /** Adapter description, or why there is none. */
  detail: string;
  limits?: Record<string, number>;
  isSoftware?: boolean;
}

let context: GpuContext | null = null;
let probe: Promise<AdapterProbe> | null = null;

const GPU_ENUMS = ['GPUBufferUsage', 'GPUMapMode', 'GPUShaderStage'] as const;

async function createContext(): Promise<GpuContext | string> {
  // Mesa warns without a runtime dir; a private one avoids touching the user's.
  if (!process.env.XDG_RUNTIME_DIR) {
    const dir = join(tmpdir(), `u1x-xdg-${process.getuid?.() ?? 'user'}`);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    process.env.XDG_RUNTIME_DIR = dir;
  }
  let mod: { create: (opts: string[]) => GPU; globals: Record<string, unknown> };
  try {
    mod = createRequire(import.meta.url)('webgpu');
  } catch (e) {
    return `the 'webgpu' package could not be loaded (${(e as Error).message.split('\n')[0]})`;
  }
  for (const name of GPU_ENUMS) {
    if (!(name in globalThis)) Object.assign(globalThis, { [name]: mod.globals[name] });
  }
  const gpu = mod.create([]);
  // While a map is pending dawn.node pumps its events from setImmediate, ~30 MB/s of short-lived heap
  // objects on lavapipe. With V8's default growth factor the old generation then climbs to ~100 MB before
  // each major GC, and peak RSS depends on how long the scan ran; a 10 % step keeps the sawtooth low
  // (measured, 10^10-point scan: peak RSS 325 -> ~245 MiB, same speed). Process-wide, set once.
  setFlagsFromString('--heap-growing-percent=10');
  const adapter = await quietDawnWarnings(() => gpu.requestAdapter({ powerPreference: 'high-performance' }));
  if (!adapter) {
    return 'no WebGPU adapter: no GPU driver found (on Linux without a GPU install Mesa >= 25 lavapipe: apt-get install -t bookworm-backports mesa-vulkan-drivers)';
  }
  const lim = adapter.limits;
  const device = await adapter.requestDevice({
    requiredLimits: {
      maxStorageBufferBindingSize: lim.maxStorageBufferBindingSize,
      maxBufferSize: lim.maxBufferSize,
      maxComputeWorkgroupsPerDimension: lim.maxComputeWorkgroupsPerDimension,
    },
  });
  const i = adapter.info;
  const ctx: GpuContext = {
    gpu,
    adapter,
    device,
    lost: null,
    info: { vendor: i.vendor, architecture: i.architecture, device: i.device, description: i.description },
  };
  void device.lost.then((e) => {
    ctx.lost = `${e.reason}: ${e.message}`;
  });
  return ctx;
}

/** Find (once per process) a WebGPU adapter; never throws. */
export function probeWebgpu(): Promise<AdapterProbe> {
  probe ??= createContext().then(
    (c) => {
      if (typeof c === 'string') return { ok: false, detail: c };
      context = c;
      const d = c.info;
      const name = [d.vendor, d.architecture, d.device, d.description].filter(Boolean).join(' / ');
      const limits: Record<string, number> = {};
      for (const key of [
        'maxStorageBufferBindingSize',
        'maxBufferSize',
        'maxComputeWorkgroupsPerDimension',
        'maxComputeInvocationsPerWorkgroup',
        'maxStorageBuffersPerShaderStage',
      ])
        limits[key] = (c.device.limits as unknown as Record<string, number>)[key];
      const isSoftware = /llvmpipe|lavapipe|swiftshader|software/i.test(name);
      return { ok: true, detail: name || 'unnamed adapter', limits, isSoftware };
    },
    (e: Error) => ({ ok: false, detail: `WebGPU initialisation failed: ${e.message}` }),
  );
  return probe;
}

function toF32(src: Float64Array, what: string): Float32Array {
  const out = new Float32Array(Math.max(src.length, 4));
  for (let i = 0; i < src.length; i++) {
    const v = src[i];
    // Float32 flushes tiny values; keep exact zeros and refuse overflow loudly.
    out[i] = Math.abs(v) < 1.1754943508222875e-38 ? 0 : v;
    if (!Number.isFinite(out[i])) throw new RangeError(`${what}[${i}] = ${v} does not fit in float32`);
  }
  return out;
}

/**
 * Resident threads of a large GPU, 2^18: H100 SXM and H200 have 132 SMs x 2048 resident threads = 270 336
 * (NVIDIA H100 Tensor Core GPU Architecture whitepaper, 2022: 132 SMs, 64 warps = 2048 threads per SM);
 * an RTX 4090 128 x 1536 = 196 608 (Ada whitepaper). WebGPU does not report it, so one target for all.
 */
const GPU_RESIDENT_THREADS = 2 ** 18;

/** Fraction of the expected run time slept before waiting on the map (see run()). */
const SLEEP_FRACTION = 0.8;
/**
 * The longest sleep before a map, whatever the estimate: the runner aims at 0.5 s chunks (twice that is the
 * slowest chunk it keeps after adapting), so a longer sleep only comes from an estimate gone stale, and an
 * oversleep then costs at most this.
 */
const MAX_SLEEP_MS = 1000;
/**
 * A map that resolves sooner than this after the sleep ended was already done while we slept: the sleep
 * overshot the work by an unknown amount, so the run's wall time says nothing about the work.
 */
const OVERSLEPT_MS = 1;

/**
 * How long run() sleeps before it maps the results. The estimate is a time per cell measured from submit to
 * mapped, and only from runs whose wall time is the work's:
 * - the first run of a kernel is ignored: lavapipe compiles the shader to machine code at the first dispatch
 *   (seconds with a cold shader cache), which says nothing about later chunks;
 * - a run that slept and found the map already done (it overslept by an unknown amount) is ignored too, and
 *   the next run does not sleep, so that it measures the work afresh;
 * - every sleep is capped at MAX_SLEEP_MS.
 * So a sleep never exceeds SLEEP_FRACTION of the last measured time for as many cells, and the wall time the
 * chunk sizer sees is the work's, not the pacing's. Exported for its unit test.
 */
export class MapPacer {
  private runs = 0;
  private secondsPerCell: number | null = null;

  sleepMs(count: number): number {
    if (this.secondsPerCell === null) return 0;
    const ms = SLEEP_FRACTION * this.secondsPerCell * count * 1000;
    return ms > 2 ? Math.min(ms, MAX_SLEEP_MS) : 0;
  }

  /** Times of one run (performance.now() ms): submitted, woke from the sleep, results mapped. */
  record(count: number, sleptMs: number, tSubmit: number, tWake: number, tMapped: number): void {
    this.runs++;
    if (this.runs === 1) return;
    const overslept = sleptMs > 0 && tMapped - tWake < OVERSLEPT_MS;
    this.secondsPerCell = overslept ? null : (tMapped - tSubmit) / 1000 / count;
  }
}

export async function webgpuBackend(): Promise<Backend> {
  const p = await probeWebgpu();
  if (!p.ok || !context) throw new Error(p.detail);
  const ctx = context;
  return {
    name: 'webgpu',
    precision: 'float32',
    description: `${p.detail} (float32)`,
    // A hardware GPU: as many threads in flight as a datacenter part keeps resident. A software adapter
    // runs a few SIMD lanes per core, so splitting loops would only add work there.
    residentThreads: p.isSoftware ? undefined : GPU_RESIDENT_THREADS,
    async prepare(kernel: KernelCode, buffers: KernelBuffers): Promise<PreparedKernel> {
      const { device } = ctx;
      const stride = kernel.outputs.length;
      device.pushErrorScope('validation');
      // A software adapter gets the variant with the static tables as shader constants (compile.ts wgslSoftware).
      const code = p.isSoftware && kernel.wgslSoftware !== undefined ? kernel.wgslSoftware : kernel.wgsl;
      const module = device.createShaderModule({ code, label: 'u1x kernel' });
      const info = await module.getCompilationInfo();
      const errors = info.messages.filter((m) => m.type === 'error');
      if (errors.length) {
        await device.popErrorScope();
        throw new Error(`WGSL compilation failed:\n${errors.map((m) => `  line ${m.lineNum}: ${m.message}`).join('\n')}`);
      }
      // An explicit layout: with 'auto', a kernel that reads no model or table values would drop those
      // bindings and the bind group below would not match it.
      const storage = (binding: number, type: GPUBufferBindingType): GPUBindGroupLayoutEntry => ({
        binding,
        visibility: GPUShaderStage.COMPUTE,
        buffer: { type },
      });
      const layout = device.createBindGroupLayout({
        entries: [
          storage(0, 'read-only-storage'),
          storage(1, 'read-only-storage'),
          storage(2, 'read-only-storage'),
          storage(3, 'storage'),
          storage(4, 'uniform'),
        ],
      });
      const pipeline = await device.createComputePipelineAsync({
        layout: device.createPipelineLayout({ bindGroupLayouts: [layout] }),
        compute: { module, entryPoint: 'main' },
      });
      const upload = (data: Float32Array, label: string) => {
        const buf = device.createBuffer({ size: data.byteLength, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST, label });
        device.queue.writeBuffer(buf, 0, data);
        return buf;
      };
      const tables = upload(toF32(buffers.tables, 'tables'), 'tables');
      const models = upload(toF32(buffers.models, 'models'), 'models');
      const axes = upload(toF32(buffers.axes, 'axes'), 'axes');
      const maxBinding = Math.min(device.limits.maxStorageBufferBindingSize, device.limits.maxBufferSize);
      const maxGroups = device.limits.maxComputeWorkgroupsPerDimension;
      const maxCellsPerRun = Math.min(Math.floor(maxBinding / (4 * stride)), maxGroups * maxGroups * WORKGROUP_SIZE);
      let capacity = 0;
      let out: GPUBuffer | null = null;
      let readback: GPUBuffer | null = null;
      let host = new Uint32Array(0);
      const pacer = new MapPacer();
      const params = device.createBuffer({ size: 16, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST, label: 'params' });
      const scopeError = await device.popErrorScope();
      if (scopeError) throw new Error(`WebGPU pipeline setup failed: ${scopeError.message}`);

      // One bind group per output buffer (not per run): fewer native objects left for the GC per chunk.
      let bound: GPUBindGroup | null = null;
      const bindGroup = () =>
        (bound ??= device.createBindGroup({
          layout,
          entries: [tables, models, axes, out!, params].map((buffer, binding) => ({ binding, resource: { buffer } })),
        }));
      const ensureCapacity = (cells: number) => {
        if (cells <= capacity) return;
        bound = null;
        out?.destroy();
        readback?.destroy();
        capacity = Math.min(maxCellsPerRun, Math.max(cells, capacity * 2));
        const size = capacity * stride * 4;
        out = device.createBuffer({ size, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC, label: 'out' });
        readback = device.createBuffer({ size, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST, label: 'readback' });
      };

      return {
        maxCellsPerRun,
        async run(base, count): Promise<OutputBlock> {
          if (ctx.lost) throw new DeviceLostError(ctx.lost);
          if (count > maxCellsPerRun) throw new Error(`run of ${count} cells exceeds ${maxCellsPerRun}`);
          ensureCapacity(count);
          const groups = Math.ceil(count / WORKGROUP_SIZE);
          const gx = Math.min(groups, maxGroups);
          const gy = Math.ceil(groups / gx);
          device.queue.writeBuffer(params, 0, new Uint32Array([base, count, gx * WORKGROUP_SIZE, 0]));
          const bind = bindGroup();
          const enc = device.createCommandEncoder();
          const pass = enc.beginComputePass();
          pass.setPipeline(pipeline);
          pass.setBindGroup(0, bind);
          pass.dispatchWorkgroups(gx, gy);
          pass.end();
          const bytes = count * stride * 4;
          enc.copyBufferToBuffer(out!, 0, readback!, 0, bytes);
          device.queue.submit([enc.finish()]);
          const tSubmit = performance.now();
          // Sleep through most of the expected run before mapAsync: while a map is pending, dawn.node pumps
          // its events from setImmediate, a busy loop that takes a core from lavapipe's threads and churns
          // the heap (measured: the global Delta chi2 scan 25 % faster, 20 % less CPU). See MapPacer for
          // where the estimate comes from.
          const sleepMs = pacer.sleepMs(count);
          if (sleepMs > 0) await new Promise((r) => setTimeout(r, sleepMs));
          const tWake = performance.now();
          try {
            await readback!.mapAsync(GPUMapMode.READ, 0, bytes);
          } catch (e) {
            throw ctx.lost ? new DeviceLostError(ctx.lost) : e;
          }
          const tMapped = performance.now();
          // Copied into memory kept across runs: the mapped range dies at unmap(), and a fresh copy per
          // chunk would be external memory that V8 collects late.
          if (host.length < count * stride) host = new Uint32Array(capacity * stride);
          const words = host;
          words.set(new Uint32Array(readback!.getMappedRange(0, bytes)));
          readback!.unmap();
          pacer.record(count, sleepMs, tSubmit, tWake, tMapped);
          const floats = new Float32Array(words.buffer);
          return { count, stride, floats, uints: words, float: (c, s) => floats[c * stride + s], uint: (c, s) => words[c * stride + s] };
        },
        dispose() {
          for (const b of [tables, models, axes, params, out, readback]) b?.destroy();
        },
      };
    },
  };
}

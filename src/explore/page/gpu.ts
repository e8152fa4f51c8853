// The map kernel on the browser's WebGPU: the server's compiled WGSL and float64 tables, converted to
// float32 here exactly as the Node backend does (src/backends/webgpu.ts toF32), dispatched over every cell
// of the map, read back. The mixing slider only rewrites one float of the axes buffer and runs again.

import { decodeF64, type WireKernel } from '../wire.js';

/** Invocations per workgroup: @workgroup_size of the driver (src/kernel/wgslTemplate.ts WORKGROUP_SIZE). */
const WORKGROUP_SIZE = 64;
/** Smallest positive normal float32 (IEEE 754 binary32): smaller values are stored as exact zeros. */
const F32_MIN_NORMAL = 1.1754943508222875e-38;

function toF32(src: Float64Array): Float32Array<ArrayBuffer> {
  const out = new Float32Array(Math.max(src.length, 4));
  for (let i = 0; i < src.length; i++) out[i] = Math.abs(src[i]) < F32_MIN_NORMAL ? 0 : src[i];
  return out;
}

export interface MapOutput {
  chi2: Float64Array;
  masks: Uint32Array;
  /** Dispatch to decoded results, milliseconds. */
  ms: number;
}

export class BrowserMapRunner {
  private constructor(
    private readonly device: GPUDevice,
    readonly adapterName: string,
  ) {}

  /** A runner, or why this browser has none. */
  static async create(): Promise<BrowserMapRunner | string> {
    if (!('gpu' in navigator) || !navigator.gpu) return 'this browser has no WebGPU (navigator.gpu is missing)';
    const adapter = await navigator.gpu.requestAdapter({ powerPreference: 'high-performance' });
    if (!adapter) return 'WebGPU is present but offers no adapter';
    const device = await adapter.requestDevice({
      requiredLimits: {
        maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
        maxBufferSize: adapter.limits.maxBufferSize,
      },
    });
    const i = adapter.info;
    const name = [i.vendor, i.architecture, i.device, i.description].filter(Boolean).join(' / ') || 'unnamed adapter';
    return new BrowserMapRunner(device, name);
  }

  private pipeline: GPUComputePipeline | null = null;
  private bind: GPUBindGroup | null = null;
  private buffers: GPUBuffer[] = [];
  private axes: Float32Array<ArrayBuffer> = new Float32Array(0);
  private axesBuffer: GPUBuffer | null = null;
  private out: GPUBuffer | null = null;
  private readback: GPUBuffer | null = null;
  private kernel: WireKernel | null = null;
  private cells = 0;

  async load(k: WireKernel): Promise<void> {
    for (const b of this.buffers) b.destroy();
    this.buffers = [];
    const device = this.device;
    device.pushErrorScope('validation');
    const module = device.createShaderModule({ code: k.wgsl, label: 'u1x map kernel' });
    const info = await module.getCompilationInfo();
    const errors = info.messages.filter((m) => m.type === 'error');
    if (errors.length) {
      await device.popErrorScope();
      throw new Error(`WGSL compilation failed: ${errors.map((m) => `line ${m.lineNum}: ${m.message}`).join('; ')}`);
    }
    const entry = (binding: number, type: GPUBufferBindingType): GPUBindGroupLayoutEntry => ({
      binding,
      visibility: GPUShaderStage.COMPUTE,
      buffer: { type },
    });
    const layout = device.createBindGroupLayout({
      entries: [
        entry(0, 'read-only-storage'),
        entry(1, 'read-only-storage'),
        entry(2, 'read-only-storage'),
        entry(3, 'storage'),
        entry(4, 'uniform'),
      ],
    });
    this.pipeline = await device.createComputePipelineAsync({
      layout: device.createPipelineLayout({ bindGroupLayouts: [layout] }),
      compute: { module, entryPoint: 'main' },
    });
    const upload = (data: Float32Array<ArrayBuffer> | Uint32Array<ArrayBuffer>, usage: number) => {
      const buf = device.createBuffer({ size: data.byteLength, usage: usage | GPUBufferUsage.COPY_DST });
      device.queue.writeBuffer(buf, 0, data);
      this.buffers.push(buf);
      return buf;
    };
    const tables = upload(toF32(decodeF64(k.buffers.tables)), GPUBufferUsage.STORAGE);
    const models = upload(toF32(decodeF64(k.buffers.models)), GPUBufferUsage.STORAGE);
    this.axes = toF32(decodeF64(k.buffers.axes));
    this.axesBuffer = upload(this.axes, GPUBufferUsage.STORAGE);
    this.cells = k.mx.length * k.gx.length;
    const bytes = this.cells * k.stride * 4;
    this.out = device.createBuffer({ size: bytes, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC });
    this.readback = device.createBuffer({ size: bytes, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
    this.buffers.push(this.out, this.readback);
    const params = upload(new Uint32Array(4), GPUBufferUsage.UNIFORM);
    const groups = Math.ceil(this.cells / WORKGROUP_SIZE);
    const maxGroups = device.limits.maxComputeWorkgroupsPerDimension;
    this.groupsX = Math.min(groups, maxGroups);
    this.groupsY = Math.ceil(groups / this.groupsX);
    device.queue.writeBuffer(params, 0, new Uint32Array([0, this.cells, this.groupsX * WORKGROUP_SIZE, 0]));
    this.bind = device.createBindGroup({
      layout,
      entries: [tables, models, this.axesBuffer, this.out, params].map((buffer, binding) => ({ binding, resource: { buffer } })),
    });
    const err = await device.popErrorScope();
    if (err) throw new Error(`WebGPU setup failed: ${err.message}`);
    this.kernel = k;
  }

  private groupsX = 1;
  private groupsY = 1;

  /** Set the fixed eps or k of the map (the value the slider shows). */
  setMixing(value: number): void {
    if (!this.kernel || !this.axesBuffer) throw new Error('no kernel loaded');
    this.axes[this.kernel.mixOffset] = value;
    this.device.queue.writeBuffer(this.axesBuffer, this.kernel.mixOffset * 4, this.axes, this.kernel.mixOffset, 1);
  }

  async run(): Promise<MapOutput> {
    const k = this.kernel;
    if (!k || !this.pipeline || !this.bind || !this.out || !this.readback) throw new Error('no kernel loaded');
    const t0 = performance.now();
    const enc = this.device.createCommandEncoder();
    const pass = enc.beginComputePass();
    pass.setPipeline(this.pipeline);
    pass.setBindGroup(0, this.bind);
    pass.dispatchWorkgroups(this.groupsX, this.groupsY);
    pass.end();
    const bytes = this.cells * k.stride * 4;
    enc.copyBufferToBuffer(this.out, 0, this.readback, 0, bytes);
    this.device.queue.submit([enc.finish()]);
    await this.readback.mapAsync(GPUMapMode.READ, 0, bytes);
    const words = new Uint32Array(this.readback.getMappedRange(0, bytes).slice(0));
    this.readback.unmap();
    const floats = new Float32Array(words.buffer);
    const nWords = k.slots.maskWords.length;
    const chi2 = new Float64Array(this.cells);
    const masks = new Uint32Array(this.cells * nWords);
    for (let c = 0; c < this.cells; c++) {
      chi2[c] = floats[c * k.stride + k.slots.chi2];
      for (let w = 0; w < nWords; w++) masks[c * nWords + w] = words[c * k.stride + k.slots.maskWords[w]];
    }
    return { chi2, masks, ms: performance.now() - t0 };
  }
}

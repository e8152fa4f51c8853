// The machine a bench ran on: CPU model, cores, SIMD flags, clock, memory, load, the WebGPU adapter, and the
// peak-throughput assumptions the roofline uses (stated, never measured).

import { readFileSync } from 'node:fs';
import { availableParallelism, cpus, freemem, hostname, loadavg, platform, release, totalmem } from 'node:os';
import type { AdapterProbe } from '../backends/webgpu.js';

export interface CpuInfo {
  model: string;
  vendor: string | null;
  family: number | null;
  modelNumber: number | null;
  /** Logical CPUs this process may use. */
  cores: number;
  /** Clock from /proc/cpuinfo "cpu MHz" (the current or nominal clock a VM reports; boost unknown). */
  mhz: number | null;
  simd: { sse42: boolean; avx: boolean; avx2: boolean; fma: boolean; avx512f: boolean };
  hypervisor: boolean;
}

export interface MachineInfo {
  host: string;
  platform: string;
  node: string;
  cpu: CpuInfo;
  memoryGiB: number;
  freeMemoryGiB: number;
  /** 1/5/15-minute load averages at the start of the run (other work on a shared machine). */
  loadAverage: number[];
  adapter: {
    ok: boolean;
    description: string;
    isSoftware: boolean;
    /** lavapipe/llvmpipe vector width in bits, from its device name (e.g. "llvmpipe (LLVM 15.0.6, 256 bits)"). */
    vectorBits: number | null;
    limits: Record<string, number>;
  };
}

export function cpuInfo(): CpuInfo {
  let text = '';
  try {
    text = readFileSync('/proc/cpuinfo', 'utf8');
  } catch {
    // not Linux: os.cpus() only
  }
  const first = text.split(/\n\n/)[0] ?? '';
  const field = (name: string) => new RegExp(`^${name}\\s*:\\s*(.*)$`, 'm').exec(first)?.[1]?.trim() ?? null;
  const flags = new Set((field('flags') ?? '').split(/\s+/));
  const num = (s: string | null) => (s === null || s === '' || !Number.isFinite(Number(s)) ? null : Number(s));
  return {
    model: field('model name') ?? cpus()[0]?.model?.trim() ?? 'unknown CPU',
    vendor: field('vendor_id'),
    family: num(field('cpu family')),
    modelNumber: num(field('model')),
    cores: availableParallelism(),
    mhz: num(field('cpu MHz')) ?? (cpus()[0]?.speed || null),
    simd: {
      sse42: flags.has('sse4_2'),
      avx: flags.has('avx'),
      avx2: flags.has('avx2'),
      fma: flags.has('fma'),
      avx512f: flags.has('avx512f'),
    },
    hypervisor: flags.has('hypervisor'),
  };
}

export function machineInfo(probe: AdapterProbe | null): MachineInfo {
  const desc = probe?.detail ?? 'not probed';
  const bits = /(\d+)[ -]bits/.exec(desc);
  return {
    host: hostname(),
    platform: `${platform()} ${release()}`,
    node: process.version,
    cpu: cpuInfo(),
    memoryGiB: +(totalmem() / 2 ** 30).toFixed(1),
    freeMemoryGiB: +(freemem() / 2 ** 30).toFixed(1),
    loadAverage: loadavg().map((x) => +x.toFixed(2)),
    adapter: {
      ok: probe?.ok ?? false,
      description: desc,
      isSoftware: probe?.isSoftware ?? false,
      vectorBits: bits ? Number(bits[1]) : null,
      limits: probe?.limits ?? {},
    },
  };
}

/** A peak-throughput model: the numbers and the reasoning, so that a reader can redo it. */
export interface PeakModel {
  name: string;
  /** Single-precision (GPU, lavapipe) or double-precision scalar (the JavaScript reference) flops per second. */
  flopsPerSecond: number;
  /** Bytes per second the model assumes for the relevant memory level. */
  bytesPerSecond: number | null;
  assumptions: string;
}

/**
 * Peak f32 throughput of lavapipe on this CPU: cores x (vector bits / 32) lanes x 2 FMA pipes x 2 flops x
 * clock. lavapipe runs the shader as SIMD over invocations at llvmpipe's vector width (256 bits with AVX2,
 * even on AVX-512 CPUs), two FMA pipes per core is AMD Zen 1-5 and Intel since Haswell at 256 bits.
 */
export function lavapipePeak(m: MachineInfo): PeakModel {
  const bits = m.adapter.vectorBits ?? (m.cpu.simd.avx2 ? 256 : 128);
  const lanes = bits / 32;
  const ghz = (m.cpu.mhz ?? 2000) / 1000;
  const fmaPipes = m.cpu.simd.fma ? 2 : 1;
  const flopsPerCycle = lanes * fmaPipes * 2;
  return {
    name: `lavapipe f32 on ${m.cpu.cores} x ${m.cpu.model}`,
    flopsPerSecond: m.cpu.cores * flopsPerCycle * ghz * 1e9,
    bytesPerSecond: null,
    assumptions:
      `${m.cpu.cores} cores x ${lanes} f32 lanes (${bits}-bit llvmpipe vectors) x ${fmaPipes} FMA pipes x 2 flops x ` +
      `${ghz.toFixed(2)} GHz (/proc/cpuinfo; turbo not counted) = ${(m.cpu.cores * flopsPerCycle * ghz).toFixed(0)} GFLOP/s. ` +
      'An FMA counts 2 flops: kernels without fused multiply-adds reach at most half of it.',
  };
}

/**
 * Peak f64 throughput of the JavaScript reference: V8 does not vectorise, so one scalar add and one scalar
 * multiply per cycle per core (2 flops/cycle) is the practical ceiling.
 */
export function scalarJsPeak(m: MachineInfo, threads: number): PeakModel {
  const ghz = (m.cpu.mhz ?? 2000) / 1000;
  return {
    name: `JavaScript f64 scalar on ${threads} core${threads === 1 ? '' : 's'}`,
    flopsPerSecond: threads * 2 * ghz * 1e9,
    bytesPerSecond: null,
    assumptions: `${threads} x 2 scalar f64 flops/cycle (one add + one multiply pipe, no SIMD in V8) x ${ghz.toFixed(2)} GHz`,
  };
}

/** Workstation / data-centre GPUs for the prediction (vendor datasheet numbers, FP32 non-tensor, boost clock). */
export const GPU_MODELS: readonly (PeakModel & { l1BytesPerSecond: number; sfuRatio: number })[] = [
  {
    name: 'NVIDIA RTX 4090',
    flopsPerSecond: 82.6e12,
    bytesPerSecond: 1008e9,
    l1BytesPerSecond: 128 * 128 * 2.52e9,
    sfuRatio: 1 / 4,
    assumptions: '82.6 TFLOP/s FP32 (16384 lanes x 2 x 2.52 GHz), 1008 GB/s GDDR6X, 128 SMs x 128 B/clk L1',
  },
  {
    name: 'NVIDIA H100 SXM',
    flopsPerSecond: 66.9e12,
    bytesPerSecond: 3350e9,
    l1BytesPerSecond: 132 * 128 * 1.98e9,
    sfuRatio: 1 / 4,
    assumptions: '66.9 TFLOP/s FP32 non-tensor (16896 lanes x 2 x 1.98 GHz), 3.35 TB/s HBM3, 132 SMs x 128 B/clk L1',
  },
  {
    // NVIDIA H200 Tensor Core GPU datasheet (2024): the H100's GH100 SMs (FP32 67 TFLOP/s) with 4.8 TB/s HBM3e.
    name: 'NVIDIA H200 SXM',
    flopsPerSecond: 66.9e12,
    bytesPerSecond: 4800e9,
    l1BytesPerSecond: 132 * 128 * 1.98e9,
    sfuRatio: 1 / 4,
    assumptions: '66.9 TFLOP/s FP32 non-tensor (16896 lanes x 2 x 1.98 GHz), 4.8 TB/s HBM3e, 132 SMs x 128 B/clk L1',
  },
];

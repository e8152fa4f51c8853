// What every backend offers the runner: take a compiled kernel and its buffers, then evaluate
// ranges of cells. Backends know nothing about constraints or scans.

import type { CompiledKernel } from '../kernel/compile.js';

/** What a backend runs: the two sources and the output layout's width (a CompiledKernel is one). */
export type KernelCode = Pick<CompiledKernel, 'wgsl' | 'wgslSoftware' | 'js' | 'outputs' | 'pointsPerCell'>;

export interface KernelBuffers {
  tables: Float64Array;
  models: Float64Array;
  axes: Float64Array;
}

/** Results of one range of cells: `stride` words per cell. */
export interface OutputBlock {
  count: number;
  stride: number;
  float(cell: number, slot: number): number;
  uint(cell: number, slot: number): number;
  /**
   * The same words as arrays, word `cell * stride + slot`, for hot decode loops (a call per word through
   * the accessors above allocates a heap number per float read).
   */
  floats: Float32Array | Float64Array;
  uints: Uint32Array | Float64Array;
}

export interface PreparedKernel {
  /**
   * Evaluate cells [base, base + count). The block is valid until the next run() of this kernel: backends
   * reuse their output memory, so that a long scan allocates nothing per chunk.
   */
  run(base: number, count: number): Promise<OutputBlock>;
  /** Largest count one run() accepts. */
  maxCellsPerRun: number;
  dispose(): void;
}

export interface Backend {
  name: 'webgpu' | 'cpu';
  /** Human-readable device description (adapter or CPU model and threads). */
  description: string;
  precision: 'float32' | 'float64';
  /**
   * Threads the device keeps in flight at once, where that is far more than its cores (a GPU); absent
   * otherwise. Grids with fewer cells than this split their profiled loops (kernel/occupancy.ts).
   */
  residentThreads?: number;
  prepare(kernel: KernelCode, buffers: KernelBuffers): Promise<PreparedKernel>;
}

/** Raised when the GPU device is lost mid-run; the runner checkpoints and stops. */
export class DeviceLostError extends Error {
  constructor(reason: string) {
    super(`GPU device lost: ${reason}`);
    this.name = 'DeviceLostError';
  }
}

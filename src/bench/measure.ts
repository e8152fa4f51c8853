// One timed evaluation of a prepared case on one backend, the way src/scan/runner.ts drives it: the same
// chunk sizing (first chunk 2^18 points, then sized for 0.5 s (WebGPU) or 1 s (CPU) per chunk), every chunk
// run through the backend (dispatch, kernel, readback) and decoded (chi2, argmin, mask words, per-segment
// minima) as the runner's absorb() does, minus the .npy writes. A "null" kernel with the same outputs and no
// work, replayed over the same chunks, measures the dispatch + readback floor that the kernel time sits on.

import type { Backend, KernelCode, PreparedKernel } from '../backends/types.js';
import { openKernel, type KernelOutputs, type KernelSession } from '../kernel/session.js';
import { driverWgsl } from '../kernel/wgslTemplate.js';
import type { PreparedCase } from './cases.js';
import { ChunkSizer } from '../scan/chunks.js';

export type PathId = 'webgpu' | 'cpu-all' | 'cpu-1';

export interface BenchPath {
  id: PathId;
  backend: Backend;
}

export interface PreparedPath {
  path: BenchPath;
  pcase: PreparedCase;
  kernel: KernelSession;
  nullKernel: PreparedKernel;
  /** backend.prepare() of the real kernel (WGSL -> pipeline, buffer uploads; CPU: Function compile). */
  prepareMs: number;
  /** The first dispatch, 64 cells: lavapipe compiles the shader to machine code here, the CPU path starts workers. */
  firstRunMs: number;
  /** Untimed warm-up passes after it (V8 optimises the kernel function in each worker only once it is hot). */
  warmupMs: number;
}

export interface RunSample {
  /** Sum over chunks of backend run() (dispatch + kernel + readback; CPU: worker round trips). */
  runMs: number;
  /** Sum over chunks of decoding the block (the runner's absorb without file writes). */
  decodeMs: number;
  /** Wall time of the whole loop. */
  wallMs: number;
  /** Null-kernel replay of the same chunks: dispatch + readback floor. */
  floorMs: number;
  /** CPU time (user + system, all threads of this process: workers, lavapipe's threads) during the loop. */
  cpuMs: number;
  chunks: number;
  points: number;
}

export interface CellResults {
  chi2: Float64Array;
  argmin: Uint32Array;
}

/** A kernel with the outputs of `k` and no work: every output word is zero. */
export function nullKernel(k: KernelCode): KernelCode {
  const stride = k.outputs.length;
  const stores = k.outputs.map((_, i) => `  out[o + ${i}u] = 0u;`).join('\n');
  return {
    ...k,
    wgsl: driverWgsl({ header: '// u1x bench: null kernel (dispatch + readback floor)', body: '', stores, stride }),
    wgslSoftware: undefined,
    js: [
      '"use strict";',
      'for (let local = 0; local < count; local++) {',
      `  const o = local * ${stride};`,
      ...k.outputs.map((_, i) => `  out[o + ${i}] = 0;`),
      '}',
    ].join('\n'),
  };
}

export async function preparePath(path: BenchPath, pcase: PreparedCase): Promise<PreparedPath> {
  const kernel = await openKernel(pcase.build, path.backend);
  const prepareMs = kernel.prepareMs;
  const nullK = await path.backend.prepare(nullKernel(pcase.build.kernel), pcase.build.buffers);
  // A small first dispatch: what it costs beyond its few cells is one-time work (lavapipe compiles the
  // shader to machine code at the first dispatch; the CPU path starts its workers).
  const first = Math.min(64, pcase.plan.cells);
  const t1 = performance.now();
  await kernel.run(0, first);
  const firstRunMs = performance.now() - t1;
  await nullK.run(0, first);
  // Warm-up: runner-sized chunks for at least WARMUP_MS (or the whole grid), so that the timed passes run
  // optimised code on every path (V8 tiers the kernel up per worker, on background threads).
  const t2 = performance.now();
  let next = 0;
  const sizer = new ChunkSizer(kernel.maxCellsPerRun, kernel.pointsPerCell, 0.25);
  while (next < pcase.plan.cells && performance.now() - t2 < WARMUP_MS) {
    const count = sizer.next(pcase.plan.cells - next);
    const tc = performance.now();
    await kernel.run(next, count);
    next += count;
    sizer.record(count, (performance.now() - tc) / 1000);
  }
  return { path, pcase, kernel, nullKernel: nullK, prepareMs, firstRunMs, warmupMs: performance.now() - t2 };
}

const WARMUP_MS = 2000;

/** Decode one block as the runner's absorb() does (typed arrays per output, per-segment minima). */
function decode(
  pcase: PreparedCase,
  base: number,
  out: KernelOutputs,
  minima: Float64Array,
  keep: CellResults | null,
  float32: boolean,
): void {
  const words = pcase.build.kernel.maskWords;
  const n = out.count;
  const chi2 = float32 ? new Float32Array(n) : new Float64Array(n);
  const argmin = new Uint32Array(n);
  const mask = new Uint32Array(n * words);
  const segmentCells = pcase.plan.segmentCells;
  for (let c = 0; c < n; c++) {
    chi2[c] = out.chi2(c);
    argmin[c] = out.argmin(c);
    for (let w = 0; w < words; w++) mask[c * words + w] = out.maskWord(c, w);
    const seg = Math.floor((base + c) / segmentCells);
    if (chi2[c] < minima[seg]) minima[seg] = chi2[c];
  }
  if (keep) {
    keep.chi2.set(chi2, base);
    keep.argmin.set(argmin, base);
  }
}

/** One pass over every cell of the case. */
export async function runOnce(pp: PreparedPath, keepCells = false): Promise<{ sample: RunSample; cells: CellResults | null }> {
  const { pcase, kernel } = pp;
  const plan = pcase.plan;
  const float32 = pp.path.backend.precision === 'float32';
  const target = pp.path.backend.name === 'webgpu' ? 0.5 : 1;
  const minima = new Float64Array(plan.cells / plan.segmentCells).fill(Infinity);
  const cells = keepCells ? { chi2: new Float64Array(plan.cells), argmin: new Uint32Array(plan.cells) } : null;
  const chunks: number[] = [];
  const sizer = new ChunkSizer(kernel.maxCellsPerRun, kernel.pointsPerCell, target);
  let next = 0;
  let runMs = 0;
  let decodeMs = 0;
  const r0 = process.resourceUsage();
  const t0 = performance.now();
  while (next < plan.cells) {
    const count = sizer.next(plan.cells - next);
    const tc = performance.now();
    const out = await kernel.run(next, count);
    const tr = performance.now();
    decode(pcase, next, out, minima, cells, float32);
    const td = performance.now();
    runMs += tr - tc;
    decodeMs += td - tr;
    chunks.push(count);
    next += count;
    sizer.record(count, (td - tc) / 1000);
  }
  const wallMs = performance.now() - t0;
  const r1 = process.resourceUsage();
  const cpuMs = (r1.userCPUTime - r0.userCPUTime + r1.systemCPUTime - r0.systemCPUTime) / 1000;
  // The floor: the same chunk sequence through the null kernel.
  let floorMs = 0;
  let base = 0;
  for (const count of chunks) {
    const tc = performance.now();
    await pp.nullKernel.run(base, count);
    floorMs += performance.now() - tc;
    base += count;
  }
  return { sample: { runMs, decodeMs, wallMs, floorMs, cpuMs, chunks: chunks.length, points: plan.totalPoints }, cells };
}

export function disposePath(pp: PreparedPath): void {
  pp.kernel.dispose();
  pp.nullKernel.dispose();
}

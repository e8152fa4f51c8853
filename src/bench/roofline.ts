// The roofline of a generated kernel: operations and loads per grid point counted from its scheduled
// Program (src/bench/cost.ts), the executed counts on sampled cells (pruning and Newton early exits as they
// happen), the SIMD-lockstep counts for lavapipe (8 lanes) and a GPU warp (32), and what they imply.

import {
  bufferLoads,
  costTree,
  boundCounts,
  executedCounts,
  flops,
  loopSummary,
  otherFloatOps,
  scaleCounts,
  specialFunctions,
  zeroCounts,
  addCounts,
  type OpCounts,
} from './cost.js';
import type { PreparedCase } from './cases.js';
import { GPU_MODELS } from './machine.js';

export interface CountSummary {
  /** add+sub, mul, div, special functions (sqrt, exp, log, pow): one flop each. */
  flops: number;
  special: number;
  /** min/max, abs/neg, floor, float compares and selects. */
  otherFloat: number;
  /** u32 index arithmetic, loop counters, bool/bit logic, conversions. */
  intAndLogic: number;
  /** Buffer element loads (4 bytes on the GPU, 8 on the CPU reference). */
  loads: number;
  /** Private-array (IR vec) element writes and reads. */
  privateArray: number;
  /** Loop iterations (each an increment, a bound test and a branch). */
  loopIterations: number;
  /** Every counted operation: an instruction-issue proxy. */
  instructions: number;
}

export function summarize(c: OpCounts): CountSummary {
  const intAndLogic = c.int + c.intDivMod + c.logic + c.convert;
  const privateArray = c.vecWrite + c.vecRead;
  return {
    flops: flops(c),
    special: specialFunctions(c),
    otherFloat: otherFloatOps(c),
    intAndLogic,
    loads: bufferLoads(c),
    privateArray,
    loopIterations: c.loopIter,
    instructions: flops(c) + otherFloatOps(c) + intAndLogic + bufferLoads(c) + privateArray + c.store + 2 * c.loopIter,
  };
}

export interface KernelCost {
  caseId: string;
  pointsPerCell: number;
  /** Per grid point. */
  perPoint: {
    upper: CountSummary;
    lower: CountSummary;
    executed: CountSummary;
    executedByClass: OpCounts;
    lockstep: { width: number; counts: CountSummary; byClass: OpCounts; flopEfficiency: number }[];
  };
  bytesLoadedPerPointF32: number;
  bytesLoadedPerPointF64: number;
  outputBytesPerPointF32: number;
  /** float32 bytes of the tables + model records + axes the kernel reads (its whole DRAM footprint). */
  footprintBytesF32: number;
  loops: ReturnType<typeof loopSummary>;
  /** Mean visits per cell of each data-dependent block, from the sample. */
  visits: { label: string; kind: 'loop' | 'if'; perCell: number; bound: number }[];
  sample: { cells: number; groups: number; ms: number };
}

/**
 * Count the case's kernel. Sample: `groups` runs of 32 consecutive cells (one warp / four lavapipe vectors
 * each), spread evenly over the grid.
 */
export function kernelCost(pcase: PreparedCase, groups = 32): KernelCost {
  const { plan } = pcase;
  const { kernel, buffers } = pcase.build;
  const { program } = kernel;
  const tree = costTree(program);
  const ppc = kernel.pointsPerCell;
  const W = 32;
  const nGroups = Math.max(1, Math.min(groups, Math.floor(plan.cells / W)));
  const t0 = performance.now();
  const exec = zeroCounts();
  const lock = new Map<number, OpCounts>();
  const visits = new Map<string, { label: string; kind: 'loop' | 'if'; perCell: number; bound: number }>();
  let cells = 0;
  for (let g = 0; g < nGroups; g++) {
    const base = Math.floor((g * plan.cells) / nGroups / W) * W;
    const count = Math.min(W, plan.cells - base);
    const r = executedCounts(program, buffers, base, count, [8, 32]);
    addCounts(exec, r.perCell, count);
    for (const l of r.lockstep) addCounts(lock.get(l.width) ?? lock.set(l.width, zeroCounts()).get(l.width)!, l.perCell, count);
    r.visits.forEach((v, i) => {
      const key = `${i}`;
      const acc = visits.get(key) ?? { ...v, perCell: 0 };
      acc.perCell += v.perCell * count;
      visits.set(key, acc);
    });
    cells += count;
  }
  const ms = performance.now() - t0;
  const perPoint = (c: OpCounts) => scaleCounts(c, 1 / (cells * ppc));
  const executed = perPoint(exec);
  const lockstep = [...lock].map(([width, c]) => {
    const pp = perPoint(c);
    return { width, counts: summarize(pp), byClass: pp, flopEfficiency: flops(executed) / Math.max(flops(pp), 1e-300) };
  });
  const stride = kernel.outputs.length;
  return {
    caseId: pcase.def.id,
    pointsPerCell: ppc,
    perPoint: {
      upper: summarize(scaleCounts(boundCounts(tree, 'upper'), 1 / ppc)),
      lower: summarize(scaleCounts(boundCounts(tree, 'lower'), 1 / ppc)),
      executed: summarize(executed),
      executedByClass: executed,
      lockstep,
    },
    bytesLoadedPerPointF32: 4 * bufferLoads(executed),
    bytesLoadedPerPointF64: 8 * bufferLoads(executed),
    outputBytesPerPointF32: (4 * stride) / ppc,
    footprintBytesF32: 4 * (buffers.tables.length + buffers.models.length + buffers.axes.length),
    loops: loopSummary(tree),
    visits: [...visits.values()].map((v) => ({ ...v, perCell: v.perCell / cells })),
    sample: { cells, groups: nGroups, ms },
  };
}

export interface GpuPrediction {
  gpu: string;
  assumptions: string;
  points: number;
  /** Seconds if limited only by FP32 issue (lockstep-32 flops + 4x-cost special functions, no FMA fusion). */
  computeBoundS: number;
  /** Seconds if limited only by instruction issue (every counted operation one lane-instruction, a loop iteration two). */
  issueBoundS: number;
  /** Seconds if limited by L1 load bandwidth (executed loads x 4 bytes). */
  l1BoundS: number;
  /** Seconds to write the outputs and read the tables once from DRAM. */
  dramBoundS: number;
  /** The largest of the bounds: the roofline prediction at 100 % of the binding resource. */
  predictedS: number;
  binding: string;
}

/** Roofline predictions for the workstation GPUs of machine.ts from a kernel's per-point counts. */
export function predictGpus(cost: KernelCost, points: number, cells: number, outputWordsPerCell: number): GpuPrediction[] {
  const w32 = cost.perPoint.lockstep.find((l) => l.width === 32)!.counts;
  return GPU_MODELS.map((g) => {
    const lanesClock = g.flopsPerSecond / 2; // FP32 lane-instructions per second (FMA = 2 flops)
    const flopTime = (points * (w32.flops + w32.special * (1 / g.sfuRatio - 1))) / lanesClock;
    const issue = (points * w32.instructions) / lanesClock;
    const l1 = (points * cost.bytesLoadedPerPointF32) / g.l1BytesPerSecond;
    const dram = (cells * outputWordsPerCell * 4 + cost.footprintBytesF32) / g.bytesPerSecond!;
    const bounds: [string, number][] = [
      ['FP32 arithmetic', flopTime],
      ['instruction issue', issue],
      ['L1 loads', l1],
      ['DRAM', dram],
    ];
    const [binding, predictedS] = bounds.reduce((a, b) => (b[1] > a[1] ? b : a));
    return {
      gpu: g.name,
      assumptions: g.assumptions,
      points,
      computeBoundS: flopTime,
      issueBoundS: issue,
      l1BoundS: l1,
      dramBoundS: dram,
      predictedS,
      binding,
    };
  });
}

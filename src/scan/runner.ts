// Runs a planned scan: compiles the kernel, streams index ranges of cells through the backend in
// chunks sized for short dispatches, writes per-cell results straight into preallocated .npy files,
// keeps per-segment minima, checkpoints, and commits the output directory atomically at the end.
// The output is locked for the whole run (src/io/lock.ts); --force replaces only what u1x wrote
// (src/io/outputTarget.ts); checkpoints are verified before a resume (checkpoint.ts) and kept until the
// finished output is in place, so a full disk or a signal at any point can be resumed.

import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { SelectedBackend } from '../backends/select.js';
import { DeviceLostError, type OutputBlock } from '../backends/types.js';
import { compileKernel, type CompiledKernel } from '../kernel/compile.js';
import { buildModelData, buildTables } from '../kernel/layout.js';
import { commitDir, partialDirFor } from '../io/atomic.js';
import { DiskFullError, isDiskFull } from '../io/checkedWrite.js';
import { acquireOutputLock } from '../io/lock.js';
import { dtypeBytes, npyHeader, NpyStream, type NpyDtype } from '../io/npy.js';
import { checkOutputTarget } from '../io/outputTarget.js';
import { StoppedError, UserError } from '../util/errors.js';
import { CheckpointWriter, pruneToCheckpoint, readCheckpointState, verifyCheckpointFiles, type CellFile, type CheckpointState } from './checkpoint.js';
import { allocatedBytes, checkScanFits, estimateScanNeeds } from './outputSize.js';
import { resumeKey } from './resumeKey.js';
import type { ScanPlan } from './plan.js';
import { createProgress, type ProgressMode } from './progress.js';
import { writeScanOutputs, type ScanProvenance } from './outputs.js';
import { writeProducts } from './products/index.js';
import { versionText, writeManifest } from './manifest.js';
import { ChunkSizer } from './chunks.js';

export interface RunOptions {
  plan: ScanPlan;
  specText: string;
  specFile: string | null;
  outDir: string;
  selected: SelectedBackend;
  resume: boolean;
  force: boolean;
  progress: ProgressMode;
  log: (line: string) => void;
  /** Set by the CLI's SIGINT/SIGTERM handler; the runner checkpoints after the chunk in flight and stops. */
  stop: StopRequest;
  /** --quick was given (part of the resume key). */
  quick?: boolean;
  /** The u1x installation, which no output may replace. */
  installRoot?: string | null;
  /** Seconds between checkpoints (default 10; 0: after every chunk). */
  checkpointSeconds?: number;
  provenance: Omit<ScanProvenance, 'backend' | 'precision'>;
  /** Output every term's chi2 at the argmin. */
  terms?: boolean;
  /** Observables ('<constraint>.<name>') to output at the argmin. */
  observables?: readonly string[];
  /** Write per-cell arrays (default true). */
  cells?: boolean;
  /** Seconds of work per chunk to aim for. */
  chunkSeconds?: number;
}

export interface SegmentMinima {
  chi2: Float64Array;
  /** Global cell index of the minimum (-1 while unset). */
  cell: Float64Array;
  /** eps index of the minimum within its cell's profile. */
  eps: Uint32Array;
}

export interface ScanResult {
  outDir: string;
  kernel: CompiledKernel;
  minima: SegmentMinima;
  timings: { tablesMs: number; compileMs: number; kernelMs: number; totalMs: number };
  /** Points evaluated by this run (less than the grid when resumed). */
  pointsThisRun: number;
}

/** A stop asked for by a signal: SIGINT exits 130, SIGTERM 143 (128 + the signal number, as shells do). */
export interface StopRequest {
  requested: boolean;
  signal?: 'SIGINT' | 'SIGTERM';
}

export function stopExitCode(stop: StopRequest): number {
  return stop.signal === 'SIGTERM' ? 143 : 130;
}

/** Thrown when a run stops early after writing a checkpoint. */
export class ScanInterrupted extends StoppedError {
  constructor(readonly reason: string, readonly partialDir: string, readonly fraction: number, exitCode = 130) {
    super(`${reason}: checkpoint written at ${(100 * fraction).toFixed(1)}% in ${partialDir}; run again with --resume to finish`, exitCode);
    this.name = 'ScanInterrupted';
  }
}

/** At least this many chunks per scan: a stop request is honoured within ~1/32 of a short scan. */
const MIN_CHUNKS = 32;

function cellShape(plan: ScanPlan): number[] {
  const shape = [plan.models.length, plan.mx.values.length, plan.gx.values.length];
  if (!plan.profileEps) shape.push(plan.mix.values.length);
  return shape;
}

export async function runScan(o: RunOptions): Promise<ScanResult> {
  const partial = partialDirFor(o.outDir);
  // Refuse a bad location before anything is written, then again under the lock (time has passed).
  checkOutputTarget(o.outDir, { force: o.force, installRoot: o.installRoot });
  const lock = acquireOutputLock(o.outDir, o.log);
  try {
    checkOutputTarget(o.outDir, { force: o.force, installRoot: o.installRoot });
    return await runLocked(o, partial);
  } catch (e) {
    const resumable = existsSync(join(partial, 'checkpoint', 'state.json'));
    // A new run that failed before its first checkpoint leaves nothing worth resuming: remove it all.
    if (!o.resume && !resumable) rmSync(partial, { recursive: true, force: true });
    if (isDiskFull(e)) {
      const path = (e as { path?: string }).path ?? partial;
      throw new DiskFullError(path, resumable ? `free space, then run again with --resume (the checkpoint in ${partial} is kept)` : 'free space and run again (nothing was kept)');
    }
    throw e;
  } finally {
    lock.release();
  }
}

async function runLocked(o: RunOptions, partial: string): Promise<ScanResult> {
  const { plan, selected } = o;
  const t0 = performance.now();
  const key = resumeKey({
    plan, quick: o.quick ?? false, backend: selected.backend, u1xVersion: o.provenance.u1xVersion, gitSha: o.provenance.gitSha,
    dataFiles: o.provenance.dataDirs, terms: o.terms ?? false, cells: o.cells ?? true, observables: o.observables ?? [],
  });
  let resumed: CheckpointState | undefined;
  if (o.resume) {
    if (!existsSync(partial)) throw new UserError(`--resume: no checkpoint for ${o.outDir} (looked in ${partial})`);
    resumed = readCheckpointState(partial, key, plan.cells);
  } else if (existsSync(partial)) {
    if (!o.force) throw new UserError(`an interrupted run of ${o.outDir} exists in ${partial}; pass --resume to finish it or --force to start over`);
    rmSync(partial, { recursive: true, force: true });
  }
  const startCell = resumed?.nextCell ?? 0;

  // Tables, model records and the kernel (cheap compared with the grid; rebuilt on resume).
  const tTables = performance.now();
  const tables = buildTables(plan.active, plan.tableMasses, plan.models);
  const models = buildModelData(plan.models, plan.active);
  const tablesMs = performance.now() - tTables;
  const tCompile = performance.now();
  const nEps = plan.mix.values.length;
  const kernel = compileKernel({
    mode: {
      kind: 'grid', nModels: plan.models.length, nMx: plan.mx.values.length, nGx: plan.gx.values.length, nEps,
      profileEps: plan.profileEps, prune: plan.profileEps, termsAtBest: o.terms ?? false,
      observablesAtBest: o.observables ?? [],
    },
    active: plan.active, objective: plan.objective,
    mixing: { convention: plan.mixing, axis: plan.mix.kind },
    tables, models, exactMass: plan.exactTables,
  });
  const writeCells = o.cells ?? true;
  const floatType: NpyDtype = selected.backend.precision === 'float32' ? '<f4' : '<f8';
  const shape = cellShape(plan);
  const slot = new Map(kernel.outputs.map((s, k) => [s.name, k]));
  // Extra float outputs per cell: each term's chi2 and requested observables at the minimum.
  const termIds = kernel.outputs.filter((s) => s.name.startsWith('chi2_') || s.name.startsWith('obs_')).map((s) => s.name);
  const cellFiles = writeCells ? cellFilesOf(plan, shape, floatType, kernel.maskWords, termIds) : [];
  const nSegments = plan.cells / plan.segmentCells;
  const minimaBytes = 20 * nSegments; // chi2 (f8), cell (f8), eps (u4) per segment

  // Everything that can refuse the run is checked before anything is allocated on the device or disk.
  const needs = estimateScanNeeds(plan, { cellFiles, writeCells, constraints: plan.active.length, maskWords: kernel.maskWords, stride: kernel.outputs.length });
  checkScanFits(o.outDir, needs, resumed ? allocatedBytes(partial, cellFiles) : 0);
  const savedMinima = resumed ? verifyCheckpointFiles(partial, resumed, cellFiles, minimaBytes) : null;
  if (resumed) pruneToCheckpoint(partial, resumed);

  const prepared = await selected.backend.prepare(kernel, { tables: tables.data, models: models.data, axes: axesFor(plan, kernel) });
  const compileMs = performance.now() - tCompile;

  mkdirSync(join(partial, 'checkpoint'), { recursive: true });
  mkdirSync(join(partial, 'cells'), { recursive: true });
  const mode = resumed ? 'reopen' : 'create';
  const stream = (rel: string, dtype: NpyDtype, s: number[]) => new NpyStream(join(partial, rel), dtype, s, mode);
  const streams = writeCells
    ? {
        chi2: stream('cells/chi2.npy', floatType, shape),
        argmin: plan.profileEps ? stream('cells/argmin_eps.npy', '<u4', shape) : null,
        mask: stream('cells/mask.npy', '<u4', [...shape, kernel.maskWords]),
        terms: termIds.map((name) => stream(`cells/${name}.npy`, floatType, shape)),
      }
    : null;

  const minima: SegmentMinima = { chi2: new Float64Array(nSegments).fill(Infinity), cell: new Float64Array(nSegments).fill(-1), eps: new Uint32Array(nSegments) };
  if (savedMinima) {
    const ab = new Uint8Array(savedMinima).slice().buffer; // a copy at offset 0: aligned for the typed views
    minima.chi2.set(new Float64Array(ab, 0, nSegments));
    minima.cell.set(new Float64Array(ab, 8 * nSegments, nSegments));
    minima.eps.set(new Uint32Array(ab, 16 * nSegments, nSegments));
  }
  // Cells in which each constraint's chi2 was non-finite (anywhere in the profile for objective terms,
  // at the reported point for the others): such points count as excluded and never as a minimum.
  const nonfinite = new Array<number>(kernel.bits.length).fill(0);
  if (resumed) {
    if (resumed.nonfinite.length !== nonfinite.length) throw new UserError(`--resume: the checkpoint in ${partial} is damaged (non-finite counts for ${resumed.nonfinite.length} constraints, the kernel has ${nonfinite.length})`);
    resumed.nonfinite.forEach((n, b) => (nonfinite[b] = n));
  }
  const sNonfinite = Array.from({ length: kernel.maskWords }, (_, w) => slot.get(`nonfinite${w}`)!);
  const checkpoint = new CheckpointWriter(partial, key, plan.cells, cellFiles, resumed);
  const saveCheckpoint = (nextCell: number) => {
    if (streams) for (const s of [streams.chi2, streams.argmin, streams.mask, ...streams.terms]) s?.sync();
    const bytes = new Uint8Array(minimaBytes);
    bytes.set(new Uint8Array(minima.chi2.buffer), 0);
    bytes.set(new Uint8Array(minima.cell.buffer), 8 * nSegments);
    bytes.set(new Uint8Array(minima.eps.buffer), 16 * nSegments);
    checkpoint.save(nextCell, bytes, nonfinite);
  };
  if (!resumed) saveCheckpoint(0);
  const interrupted = (next: number) => {
    saveCheckpoint(next);
    return new ScanInterrupted(o.stop.signal === 'SIGTERM' ? 'terminated' : 'interrupted', partial, next / plan.cells, stopExitCode(o.stop));
  };

  // Decode buffers sized for the largest chunk and reused: the scan allocates nothing per chunk.
  const floats = (n: number) => (floatType === '<f4' ? new Float32Array(n) : new Float64Array(n));
  const decoded = { cells: 0, chi2: floats(0), argmin: new Uint32Array(0), mask: new Uint32Array(0), terms: termIds.map(() => floats(0)) };
  const decodeBuffers = (n: number) => {
    if (n > decoded.cells) {
      Object.assign(decoded, { cells: n, chi2: floats(n), argmin: new Uint32Array(n), mask: new Uint32Array(n * kernel.maskWords), terms: termIds.map(() => floats(n)) });
    }
    return {
      chi2: decoded.chi2.subarray(0, n), argmin: decoded.argmin.subarray(0, n), mask: decoded.mask.subarray(0, n * kernel.maskWords),
      terms: decoded.terms.map((t) => t.subarray(0, n)),
    };
  };
  const sChi2 = slot.get('chi2')!;
  const sArg = slot.get('argmin_eps')!;
  const sMask = Array.from({ length: kernel.maskWords }, (_, w) => slot.get(`mask${w}`)!);
  const sTerms = termIds.map((id) => slot.get(id)!);

  const absorb = (base: number, block: OutputBlock) => {
    const n = block.count;
    const { chi2, argmin, mask, terms } = decodeBuffers(n);
    const { floats, uints, stride } = block;
    for (let c = 0; c < n; c++) {
      const o = c * stride;
      chi2[c] = floats[o + sChi2];
      argmin[c] = uints[o + sArg];
      for (let w = 0; w < sMask.length; w++) mask[c * sMask.length + w] = uints[o + sMask[w]];
      for (let k = 0; k < sTerms.length; k++) terms[k][c] = floats[o + sTerms[k]];
      for (let w = 0; w < sNonfinite.length; w++) {
        for (let word = uints[o + sNonfinite[w]], b = w * 32; word !== 0; word >>>= 1, b++) if (word & 1) nonfinite[b]++;
      }
      const cell = base + c;
      const seg = Math.floor(cell / plan.segmentCells);
      // Strictly smaller wins: the lowest cell index keeps ties, as on the device.
      if (chi2[c] < minima.chi2[seg]) {
        minima.chi2[seg] = chi2[c];
        minima.cell[seg] = cell;
        minima.eps[seg] = argmin[c];
      }
    }
    if (streams) {
      streams.chi2.write(base, chi2);
      streams.argmin?.write(base, argmin);
      streams.mask.write(base * kernel.maskWords, mask);
      streams.terms.forEach((s, k) => s.write(base, terms[k]));
    }
  };

  const label = `scan ${plan.name}`;
  const progress = createProgress(o.progress, plan.totalPoints, label, process.stderr, startCell * kernel.pointsPerCell);
  const target = o.chunkSeconds ?? (selected.backend.name === 'webgpu' ? 0.5 : 1);
  const sizer = new ChunkSizer(Math.min(prepared.maxCellsPerRun, Math.ceil(plan.cells / MIN_CHUNKS)), kernel.pointsPerCell, target);
  const checkpointMs = 1000 * (o.checkpointSeconds ?? 10);
  let next = startCell;
  let lastCheckpoint = performance.now();
  const tKernel = performance.now();
  try {
    while (next < plan.cells) {
      // Checked before every chunk, the first included: a signal during table building or compilation stops here.
      if (o.stop.requested) throw interrupted(next);
      const count = sizer.next(plan.cells - next);
      const tc = performance.now();
      let block: OutputBlock;
      try {
        block = await prepared.run(next, count);
      } catch (e) {
        if (e instanceof DeviceLostError) {
          saveCheckpoint(next);
          throw new ScanInterrupted(e.message, partial, next / plan.cells);
        }
        throw e;
      }
      absorb(next, block);
      next += count;
      progress.update(next * kernel.pointsPerCell);
      sizer.record(count, (performance.now() - tc) / 1000);
      if (performance.now() - lastCheckpoint >= checkpointMs) {
        saveCheckpoint(next);
        lastCheckpoint = performance.now();
      }
    }
    // Every cell is computed: checkpoint that, so that a full disk or a signal while the products are
    // written resumes without recomputing.
    if (resumed?.nextCell !== plan.cells) saveCheckpoint(plan.cells);
  } finally {
    progress.finish();
    prepared.dispose();
    if (streams) for (const s of [streams.chi2, streams.argmin, streams.mask, ...streams.terms]) s?.close();
  }
  const kernelMs = performance.now() - tKernel;

  // The checkpoint goes only after the output is in place (below).
  if (o.stop.requested) throw interrupted(plan.cells);
  const manifest = writeScanOutputs(partial, {
    plan, kernel, minima, specText: o.specText, specFile: o.specFile, tables, floatType,
    provenance: { ...o.provenance, backend: selected.backend.description, precision: selected.backend.precision },
    run: {
      backendReason: selected.reason, tablesMs, compileMs, kernelMs, totalMs: performance.now() - t0, resumedFromCell: startCell,
      pointsThisRun: (plan.cells - startCell) * kernel.pointsPerCell,
      nonfinite: Object.fromEntries(kernel.bits.map((id, b) => [id, nonfinite[b]])),
    },
  });
  const nonfiniteIds = kernel.bits.filter((_, b) => nonfinite[b] > 0);
  if (nonfiniteIds.length) {
    o.log(`non-finite chi2 (counted as excluded, never a minimum) in ${nonfiniteIds.map((id) => `${id}: ${nonfinite[kernel.bits.indexOf(id)]} cells`).join(', ')} (run.json "nonfinite")`);
  }
  if (writeCells) {
    manifest.products = await writeProducts(partial, {
      plan, kernel, floatType, plots: plan.spec.outputs?.plots ?? [], csv: plan.spec.outputs?.csv,
      provenance: { backend: selected.backend.description, precision: selected.backend.precision },
      version: versionText(manifest),
    });
  }
  writeManifest(partial, manifest);
  if (o.stop.requested) throw interrupted(plan.cells);
  commitDir(partial, o.outDir, o.force, (dir) => checkOutputTarget(dir, { force: o.force, installRoot: o.installRoot }));
  rmSync(join(o.outDir, 'checkpoint'), { recursive: true, force: true });
  return {
    outDir: o.outDir, kernel, minima, timings: { tablesMs, compileMs, kernelMs, totalMs: performance.now() - t0 },
    pointsThisRun: (plan.cells - startCell) * kernel.pointsPerCell,
  };
}

/** The per-cell files of a scan with their layout, for checkpoints and the size estimate. */
function cellFilesOf(plan: ScanPlan, shape: number[], floatType: NpyDtype, maskWords: number, termIds: readonly string[]): CellFile[] {
  // `trailing` null: one value per cell and the file has the grid's shape; a number: a trailing axis.
  const file = (rel: string, dtype: NpyDtype, trailing: number | null): CellFile => {
    const perCell = trailing ?? 1;
    const headerBytes = npyHeader(dtype, trailing === null ? shape : [...shape, trailing]).length;
    const bytesPerCell = dtypeBytes(dtype) * perCell;
    return { rel, headerBytes, bytesPerCell, totalBytes: headerBytes + plan.cells * bytesPerCell };
  };
  return [
    file('cells/chi2.npy', floatType, null),
    ...(plan.profileEps ? [file('cells/argmin_eps.npy', '<u4', null)] : []),
    file('cells/mask.npy', '<u4', maskWords),
    ...termIds.map((name) => file(`cells/${name}.npy`, floatType, null)),
  ];
}

/** The axes buffer of a scan kernel: grid values and mass-table nodes at the offsets the kernel expects. */
export function axesFor(plan: ScanPlan, kernel: CompiledKernel): Float64Array {
  const a = kernel.axes!;
  const axes = new Float64Array(a.length);
  axes.set(plan.mx.values, a.mx);
  axes.set(plan.massNodes.index, a.mIndex);
  axes.set(plan.massNodes.frac, a.mFrac);
  axes.set(plan.gx.values, a.gx);
  axes.set(plan.mix.values, a.eps);
  return axes;
}

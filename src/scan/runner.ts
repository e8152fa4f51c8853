// Runs a planned scan: compiles the kernel, streams index ranges of cells through the backend in
// chunks sized for short dispatches, writes per-cell results straight into preallocated .npy files,
// keeps per-segment minima, checkpoints, and commits the output directory atomically at the end.
// The output is locked for the whole run (src/io/lock.ts); --force replaces only what u1x wrote
// (src/io/outputTarget.ts); checkpoints are verified before a resume (checkpoint.ts) and kept until the
// finished output is in place, so a full disk or a signal at any point can be resumed.

import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { SelectedBackend } from '../backends/select.js';
import { DeviceLostError } from '../backends/types.js';
import type { CompiledKernel } from '../kernel/compile.js';
import { buildKernel, openKernel, setHeavyBounds, type KernelBuild, type KernelOutputs, type KernelSession } from '../kernel/session.js';
import { commitDir, partialDirFor } from '../io/atomic.js';
import { DiskFullError, isDiskFull } from '../io/checkedWrite.js';
import { acquireOutputLock } from '../io/lock.js';
import { dtypeBytes, npyHeader, NpyStream, type NpyDtype } from '../io/npy.js';
import { checkOutputTarget } from '../io/outputTarget.js';
import { StoppedError, UserError } from '../util/errors.js';
import {
  CheckpointWriter,
  pruneToCheckpoint,
  readCheckpointState,
  verifyCheckpointFiles,
  type CellFile,
  type CheckpointState,
} from './checkpoint.js';
import { heavyBoundsSkipReason, scanHeavyBounds, staticHeavyBounds } from './scanHeavyBounds.js';
import { allocatedBytes, checkScanFits, estimateScanNeeds } from './outputSize.js';
import { resumeKey, type ResumeKey } from './resumeKey.js';
import type { ScanPlan } from './plan.js';
import { createProgress, type ProgressMode } from './progress.js';
import { writeScanOutputs, type ScanProvenance } from './outputs.js';
import { writeProducts } from './products/index.js';
import { versionText, writeManifest } from './manifest.js';
import { ChunkSizer } from './chunks.js';
import { scanKernelRequest } from './kernelRequest.js';
import { emptyMinima, type SegmentMinima } from './minima.js';
import type { ShardRecord } from './shard.js';

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
  /**
   * This run is one shard of a larger grid (scan/shard.ts): the plan is the shard's block, the record goes
   * into manifest.json `shard` and the resume key, and the map products are left to `u1x merge`.
   */
  shard?: ShardRecord;
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
  constructor(
    readonly reason: string,
    readonly partialDir: string,
    readonly fraction: number,
    exitCode = 130,
  ) {
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

/**
 * Run a planned scan, holding the output lock for the whole run. A failed new run leaves nothing behind
 * unless it wrote a checkpoint; a full disk is reported with what to do next.
 */
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
      throw new DiskFullError(
        path,
        resumable
          ? `free space, then run again with --resume (the checkpoint in ${partial} is kept)`
          : 'free space and run again (nothing was kept)',
      );
    }
    throw e;
  } finally {
    lock.release();
  }
}

/**
 * The run in named phases: claim the output (or the checkpoint to resume), build the kernel, check that
 * the run fits before anything is allocated on the device or disk, open the kernel session, open the
 * per-cell stores, evaluate every cell in chunks, then write and commit the outputs.
 */
async function runLocked(o: RunOptions, partial: string): Promise<ScanResult> {
  const t0 = performance.now();
  const claim = claimOutput(o, partial);
  // Computed COHERENT bounds for the pruning where the grid's rows are long enough to pay for their search: the
  // kernel is built with the constraints' static bound in their place, and they are searched only once the run
  // is known to fit (a refused scan costs no search).
  const boundsWanted = heavyBoundsSkipReason(o.plan) === null;
  const build = buildKernel(
    scanKernelRequest(o.plan, {
      prune: true,
      terms: o.terms ?? false,
      observables: o.observables ?? [],
      heavyBound: boundsWanted ? staticHeavyBounds(o.plan) : undefined,
    }),
  );
  const files = planCellFiles(o, build);
  const savedMinima = checkRunFits(o, claim, build, files);
  if (boundsWanted) setHeavyBounds(build, (await scanHeavyBounds(o.plan, o.log)).bounds);
  const session = await openKernel(build, o.selected.backend);
  const tablesMs = build.timings.tablesMs;
  const compileMs = build.timings.compileMs + session.prepareMs;
  let store: CellStore;
  try {
    store = openCellStore(o, claim, session, files, savedMinima);
  } catch (e) {
    session.dispose();
    throw e;
  }
  const kernelMs = await evaluateCells(o, claim, session, store);
  const pointsThisRun = (o.plan.cells - claim.startCell) * session.pointsPerCell;
  await writeOutputs(o, claim, session, store, { tablesMs, compileMs, kernelMs, totalMs: performance.now() - t0, pointsThisRun });
  return {
    outDir: o.outDir,
    kernel: session.kernel,
    minima: store.minima,
    timings: { tablesMs, compileMs, kernelMs, totalMs: performance.now() - t0 },
    pointsThisRun,
  };
}

/** Where this run writes, and from which checkpoint (if any) it continues. */
interface OutputClaim {
  partial: string;
  key: ResumeKey;
  resumed: CheckpointState | undefined;
  startCell: number;
}

/** Find and read the checkpoint to resume, or clear a stale partial directory (with --force). */
function claimOutput(o: RunOptions, partial: string): OutputClaim {
  const { plan, selected } = o;
  const key = resumeKey({
    plan,
    quick: o.quick ?? false,
    backend: selected.backend,
    u1xVersion: o.provenance.u1xVersion,
    gitSha: o.provenance.gitSha,
    dataFiles: o.provenance.dataDirs,
    terms: o.terms ?? false,
    cells: o.cells ?? true,
    observables: o.observables ?? [],
    shard: o.shard ? `${o.shard.index}/${o.shard.count}` : undefined,
  });
  let resumed: CheckpointState | undefined;
  if (o.resume) {
    if (!existsSync(partial)) throw new UserError(`--resume: no checkpoint for ${o.outDir} (looked in ${partial})`);
    resumed = readCheckpointState(partial, key, plan.cells);
  } else if (existsSync(partial)) {
    if (!o.force)
      throw new UserError(`an interrupted run of ${o.outDir} exists in ${partial}; pass --resume to finish it or --force to start over`);
    rmSync(partial, { recursive: true, force: true });
  }
  return { partial, key, resumed, startCell: resumed?.nextCell ?? 0 };
}

/** The per-cell files a run writes, with their layout, and how each extra float output is read. */
interface CellFilesPlan {
  writeCells: boolean;
  floatType: NpyDtype;
  shape: number[];
  /** Empty when cells are not written. */
  cellFiles: CellFile[];
  /** Extra float outputs per cell: each term's chi2 and requested observables at the minimum. */
  extras: { file: string; read: (out: KernelOutputs, c: number) => number }[];
  nSegments: number;
  /** chi2 (f8), cell (f8), eps (u4) per segment. */
  minimaBytes: number;
}

function planCellFiles(o: RunOptions, build: KernelBuild): CellFilesPlan {
  const { plan, selected } = o;
  const { kernel, layout } = build;
  const writeCells = o.cells ?? true;
  const floatType: NpyDtype = selected.backend.precision === 'float32' ? '<f4' : '<f8';
  const shape = cellShape(plan);
  const extras = [
    ...layout.termIds.map((id) => ({ file: `chi2_${id}`, read: (out: KernelOutputs, c: number) => out.term(c, id) })),
    ...layout.observableNames.map((name) => ({ file: `obs_${name}`, read: (out: KernelOutputs, c: number) => out.observable(c, name) })),
  ];
  const cellFiles = writeCells
    ? cellFilesOf(
        plan,
        shape,
        floatType,
        kernel.maskWords,
        extras.map((x) => x.file),
      )
    : [];
  const nSegments = plan.cells / plan.segmentCells;
  return { writeCells, floatType, shape, cellFiles, extras, nSegments, minimaBytes: 20 * nSegments };
}

/**
 * Everything that can refuse the run, checked before anything is allocated on the device or disk: the
 * estimated output size against free space, and on a resume the checkpoint's files against their
 * checksums (then cut back to the checkpoint). Returns the saved minima of a resume.
 */
function checkRunFits(o: RunOptions, claim: OutputClaim, build: KernelBuild, files: CellFilesPlan): Buffer | null {
  const { plan } = o;
  const { kernel } = build;
  const { partial, resumed } = claim;
  const needs = estimateScanNeeds(plan, {
    cellFiles: files.cellFiles,
    writeCells: files.writeCells,
    constraints: plan.active.length,
    maskWords: kernel.maskWords,
    stride: kernel.outputs.length,
  });
  checkScanFits(o.outDir, needs, resumed ? allocatedBytes(partial, files.cellFiles) : 0);
  const savedMinima = resumed ? verifyCheckpointFiles(partial, resumed, files.cellFiles, files.minimaBytes) : null;
  if (resumed) pruneToCheckpoint(partial, resumed);
  return savedMinima;
}

/** Per-cell arrays streamed to cells/*.npy, the per-segment minima, non-finite counts, and the checkpoint that saves them. */
interface CellStore {
  floatType: NpyDtype;
  minima: SegmentMinima;
  /** Cells in which each constraint (in mask-bit order) had a non-finite chi2. */
  nonfinite: number[];
  /** Decode one block of cells starting at global cell `base`, update minima and counts, and write the cells. */
  absorb(base: number, out: KernelOutputs): void;
  saveCheckpoint(nextCell: number): void;
  close(): void;
}

function openCellStore(
  o: RunOptions,
  claim: OutputClaim,
  session: KernelSession,
  files: CellFilesPlan,
  savedMinima: Buffer | null,
): CellStore {
  const { plan } = o;
  const { partial, resumed } = claim;
  const { kernel, layout } = session;
  const { floatType, shape, extras, nSegments } = files;
  mkdirSync(join(partial, 'checkpoint'), { recursive: true });
  mkdirSync(join(partial, 'cells'), { recursive: true });
  const mode = resumed ? 'reopen' : 'create';
  const stream = (rel: string, dtype: NpyDtype, s: number[]) => new NpyStream(join(partial, rel), dtype, s, mode);
  const streams = files.writeCells
    ? {
        chi2: stream('cells/chi2.npy', floatType, shape),
        argmin: plan.profileEps ? stream('cells/argmin_eps.npy', '<u4', shape) : null,
        mask: stream('cells/mask.npy', '<u4', [...shape, kernel.maskWords]),
        terms: extras.map((x) => stream(`cells/${x.file}.npy`, floatType, shape)),
      }
    : null;
  const allStreams = streams ? [streams.chi2, streams.argmin, streams.mask, ...streams.terms] : [];

  const minima = emptyMinima(nSegments);
  if (savedMinima) {
    const ab = new Uint8Array(savedMinima).slice().buffer; // a copy at offset 0: aligned for the typed views
    minima.chi2.set(new Float64Array(ab, 0, nSegments));
    minima.cell.set(new Float64Array(ab, 8 * nSegments, nSegments));
    minima.eps.set(new Uint32Array(ab, 16 * nSegments, nSegments));
  }
  // Cells in which each constraint's chi2 was non-finite (anywhere in the profile for objective terms,
  // at the reported point for the others): such points count as excluded and never as a minimum.
  const nonfinite = new Array<number>(layout.constraintIds.length).fill(0);
  if (resumed) {
    if (resumed.nonfinite.length !== nonfinite.length)
      throw new UserError(
        `--resume: the checkpoint in ${partial} is damaged (non-finite counts for ${resumed.nonfinite.length} constraints, the kernel has ${nonfinite.length})`,
      );
    resumed.nonfinite.forEach((n, b) => (nonfinite[b] = n));
  }
  const checkpoint = new CheckpointWriter(partial, claim.key, plan.cells, files.cellFiles, resumed);
  let closed = false;
  const saveCheckpoint = (nextCell: number) => {
    // Once closed, every cell was already synced by the checkpoint at the end of the grid.
    if (!closed) for (const s of allStreams) s?.sync();
    const bytes = new Uint8Array(files.minimaBytes);
    bytes.set(new Uint8Array(minima.chi2.buffer), 0);
    bytes.set(new Uint8Array(minima.cell.buffer), 8 * nSegments);
    bytes.set(new Uint8Array(minima.eps.buffer), 16 * nSegments);
    checkpoint.save(nextCell, bytes, nonfinite);
  };
  if (!resumed) saveCheckpoint(0);

  // Decode buffers sized for the largest chunk and reused: the scan allocates nothing per chunk.
  const words = kernel.maskWords;
  const floats = (n: number) => (floatType === '<f4' ? new Float32Array(n) : new Float64Array(n));
  const decoded = { cells: 0, chi2: floats(0), argmin: new Uint32Array(0), mask: new Uint32Array(0), terms: extras.map(() => floats(0)) };
  const decodeBuffers = (n: number) => {
    if (n > decoded.cells) {
      Object.assign(decoded, {
        cells: n,
        chi2: floats(n),
        argmin: new Uint32Array(n),
        mask: new Uint32Array(n * words),
        terms: extras.map(() => floats(n)),
      });
    }
    return {
      chi2: decoded.chi2.subarray(0, n),
      argmin: decoded.argmin.subarray(0, n),
      mask: decoded.mask.subarray(0, n * words),
      terms: decoded.terms.map((t) => t.subarray(0, n)),
    };
  };

  const absorb = (base: number, out: KernelOutputs) => {
    const n = out.count;
    const { chi2, argmin, mask, terms } = decodeBuffers(n);
    for (let c = 0; c < n; c++) {
      chi2[c] = out.chi2(c);
      argmin[c] = out.argmin(c);
      for (let w = 0; w < words; w++) mask[c * words + w] = out.maskWord(c, w);
      for (let k = 0; k < extras.length; k++) terms[k][c] = extras[k].read(out, c);
      out.countNonfinite(c, nonfinite);
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
      streams.mask.write(base * words, mask);
      streams.terms.forEach((s, k) => s.write(base, terms[k]));
    }
  };
  const close = () => {
    if (closed) return;
    closed = true;
    for (const s of allStreams) s?.close();
  };
  return { floatType, minima, nonfinite, absorb, saveCheckpoint, close };
}

/** Checkpoint at `next` and say the run stopped on a signal (exit 130 for SIGINT, 143 for SIGTERM). */
function interrupted(o: RunOptions, claim: OutputClaim, store: CellStore, next: number): ScanInterrupted {
  store.saveCheckpoint(next);
  return new ScanInterrupted(
    o.stop.signal === 'SIGTERM' ? 'terminated' : 'interrupted',
    claim.partial,
    next / o.plan.cells,
    stopExitCode(o.stop),
  );
}

/**
 * Stream every remaining cell through the session in chunks sized for short dispatches (at least
 * MIN_CHUNKS of them); checkpoint every `checkpointSeconds`, on a stop request and on a lost device, and
 * once more when every cell is computed. Returns the evaluation loop's wall time (ms).
 */
async function evaluateCells(o: RunOptions, claim: OutputClaim, session: KernelSession, store: CellStore): Promise<number> {
  const { plan, selected } = o;
  const label = `scan ${plan.name}`;
  const progress = createProgress(o.progress, plan.totalPoints, label, process.stderr, claim.startCell * session.pointsPerCell);
  const target = o.chunkSeconds ?? (selected.backend.name === 'webgpu' ? 0.5 : 1);
  const sizer = new ChunkSizer(Math.min(session.maxCellsPerRun, Math.ceil(plan.cells / MIN_CHUNKS)), session.pointsPerCell, target);
  const checkpointMs = 1000 * (o.checkpointSeconds ?? 10);
  let next = claim.startCell;
  let lastCheckpoint = performance.now();
  const tKernel = performance.now();
  try {
    while (next < plan.cells) {
      // A turn of the event loop, so that a pending SIGINT/SIGTERM handler runs even when the backend
      // answers synchronously (the CPU backend evaluates small chunks on this thread).
      await new Promise((r) => setImmediate(r));
      // Checked before every chunk, the first included: a signal during table building or compilation stops here.
      if (o.stop.requested) throw interrupted(o, claim, store, next);
      const count = sizer.next(plan.cells - next);
      const tc = performance.now();
      let out: KernelOutputs;
      try {
        out = await session.run(next, count);
      } catch (e) {
        if (e instanceof DeviceLostError) {
          store.saveCheckpoint(next);
          throw new ScanInterrupted(e.message, claim.partial, next / plan.cells);
        }
        throw e;
      }
      store.absorb(next, out);
      next += count;
      progress.update(next * session.pointsPerCell);
      sizer.record(count, (performance.now() - tc) / 1000);
      if (performance.now() - lastCheckpoint >= checkpointMs) {
        store.saveCheckpoint(next);
        lastCheckpoint = performance.now();
      }
    }
    // Every cell is computed: checkpoint that, so that a full disk or a signal while the products are
    // written resumes without recomputing.
    if (claim.resumed?.nextCell !== plan.cells) store.saveCheckpoint(plan.cells);
  } finally {
    progress.finish();
    session.dispose();
    store.close();
  }
  return performance.now() - tKernel;
}

/**
 * The scan's files besides the cells (axes, minima, manifest, run.json with the non-finite counts), the
 * map products, the manifest, then the commit. The checkpoint goes only after the output is in place.
 */
async function writeOutputs(
  o: RunOptions,
  claim: OutputClaim,
  session: KernelSession,
  store: CellStore,
  run: { tablesMs: number; compileMs: number; kernelMs: number; totalMs: number; pointsThisRun: number },
): Promise<void> {
  const { plan, selected } = o;
  const { partial } = claim;
  const ids = session.layout.constraintIds;
  if (o.stop.requested) throw interrupted(o, claim, store, plan.cells);
  const manifest = writeScanOutputs(partial, {
    plan,
    kernel: session.kernel,
    minima: store.minima,
    specText: o.specText,
    specFile: o.specFile,
    tables: session.tables,
    floatType: store.floatType,
    provenance: { ...o.provenance, backend: selected.backend.description, precision: selected.backend.precision },
    run: {
      backendReason: selected.reason,
      ...run,
      resumedFromCell: claim.startCell,
      nonfinite: Object.fromEntries(ids.map((id, b) => [id, store.nonfinite[b]])),
    },
  });
  const nonfiniteIds = ids.filter((_, b) => store.nonfinite[b] > 0);
  if (nonfiniteIds.length) {
    o.log(
      `non-finite chi2 (counted as excluded, never a minimum) in ${nonfiniteIds.map((id) => `${id}: ${store.nonfinite[ids.indexOf(id)]} cells`).join(', ')} (run.json "nonfinite")`,
    );
  }
  if (o.shard) manifest.shard = o.shard;
  else if (o.cells ?? true) {
    manifest.products = await writeProducts(partial, {
      plan,
      kernel: session.kernel,
      floatType: store.floatType,
      plots: plan.spec.outputs?.plots ?? [],
      csv: plan.spec.outputs?.csv,
      provenance: { backend: selected.backend.description, precision: selected.backend.precision },
      version: versionText(manifest),
    });
  }
  writeManifest(partial, manifest);
  if (o.stop.requested) throw interrupted(o, claim, store, plan.cells);
  commitDir(partial, o.outDir, o.force, (dir) => checkOutputTarget(dir, { force: o.force, installRoot: o.installRoot }));
  rmSync(join(o.outDir, 'checkpoint'), { recursive: true, force: true });
}

/** The per-cell files of a scan with their layout, for checkpoints and the size estimate. */
function cellFilesOf(plan: ScanPlan, shape: number[], floatType: NpyDtype, maskWords: number, extraFiles: readonly string[]): CellFile[] {
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
    ...extraFiles.map((name) => file(`cells/${name}.npy`, floatType, null)),
  ];
}

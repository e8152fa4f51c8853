// Runs a planned scan: compiles the kernel, streams index ranges of cells through the backend in
// chunks sized for short dispatches, writes per-cell results straight into preallocated .npy files,
// keeps per-segment minima, checkpoints, and commits the output directory atomically at the end.

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { SelectedBackend } from '../backends/select.js';
import { DeviceLostError } from '../backends/types.js';
import type { CompiledKernel } from '../kernel/compile.js';
import { openKernel, type KernelOutputs, type KernelSession } from '../kernel/session.js';
import { commitDir, partialDirFor, writeFileAtomic } from '../io/atomic.js';
import { npyBytes, NpyStream, type NpyDtype } from '../io/npy.js';
import { readNpy } from '../io/npyRead.js';
import { UserError } from '../util/errors.js';
import type { ScanPlan } from './plan.js';
import { createProgress, type ProgressMode } from './progress.js';
import { writeScanOutputs, type ScanProvenance } from './outputs.js';
import { writeMapOutputs } from './maps.js';
import { ChunkSizer } from './chunks.js';
import { scanKernelRequest } from './kernelRequest.js';
import { emptyMinima, type SegmentMinima } from './minima.js';


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
  /** Set by the CLI's SIGINT handler; the runner checkpoints after the chunk in flight and stops. */
  stop: { requested: boolean };
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

export interface ScanResult {
  outDir: string;
  kernel: CompiledKernel;
  minima: SegmentMinima;
  timings: { tablesMs: number; compileMs: number; kernelMs: number; totalMs: number };
  /** Points evaluated by this run (less than the grid when resumed). */
  pointsThisRun: number;
}

/** Thrown when a run stops early after writing a checkpoint. */
export class ScanInterrupted extends Error {
  constructor(readonly reason: string, readonly partialDir: string, readonly fraction: number) {
    super(`${reason}: checkpoint written at ${(100 * fraction).toFixed(1)}% in ${partialDir}; run again with --resume to finish`);
    this.name = 'ScanInterrupted';
  }
}

interface Checkpoint {
  version: 1;
  key: string;
  nextCell: number;
  cells: number;
}

function runKey(o: RunOptions): string {
  return createHash('sha256')
    .update(o.specText)
    .update(`\0${o.selected.backend.name}\0${o.selected.backend.precision}\0${o.terms ?? false}\0${o.cells ?? true}\0${(o.observables ?? []).join(',')}`)
    .update(JSON.stringify(o.plan.active.map((a) => [a.def.id, a.inst.variant ?? '', a.datasetId, a.options])))
    .digest('hex');
}

function cellShape(plan: ScanPlan): number[] {
  const shape = [plan.models.length, plan.mx.values.length, plan.gx.values.length];
  if (!plan.profileEps) shape.push(plan.mix.values.length);
  return shape;
}


/**
 * Run a planned scan in named phases: claim the output directory (or the checkpoint to resume), open the
 * kernel session, open the per-cell stores, evaluate every cell in chunks, then write and commit the outputs.
 */
export async function runScan(o: RunOptions): Promise<ScanResult> {
  const t0 = performance.now();
  const claim = claimOutput(o);
  const { session, tablesMs, compileMs } = await openScanKernel(o);
  const store = openCellStore(o, claim, session);
  const kernelMs = await evaluateCells(o, claim, session, store);
  const pointsThisRun = (o.plan.cells - claim.startCell) * session.pointsPerCell;
  await writeOutputs(o, claim, session, store, { tablesMs, compileMs, kernelMs, totalMs: performance.now() - t0, pointsThisRun });
  return { outDir: o.outDir, kernel: session.kernel, minima: store.minima, timings: { tablesMs, compileMs, kernelMs, totalMs: performance.now() - t0 }, pointsThisRun };
}

/** Where this run writes, and from which cell it starts. */
interface OutputClaim {
  partial: string;
  key: string;
  startCell: number;
  checkpointFile: string;
}

/** Refuse to overwrite without --force; find the checkpoint to resume, or clear a stale partial directory. */
function claimOutput(o: RunOptions): OutputClaim {
  const partial = partialDirFor(o.outDir);
  if (existsSync(o.outDir) && !o.force) throw new UserError(`output directory ${o.outDir} exists; pass --force to replace it`);
  const key = runKey(o);
  let startCell = 0;
  const checkpointFile = join(partial, 'checkpoint', 'state.json');
  if (o.resume) {
    if (!existsSync(checkpointFile)) throw new UserError(`--resume: no checkpoint for ${o.outDir} (looked in ${partial})`);
    const cp = JSON.parse(readFileSync(checkpointFile, 'utf8')) as Checkpoint;
    if (cp.key !== key) throw new UserError(`--resume: the checkpoint in ${partial} belongs to a different spec, backend or option set`);
    startCell = cp.nextCell;
  } else if (existsSync(partial)) {
    if (!o.force) throw new UserError(`an interrupted run of ${o.outDir} exists in ${partial}; pass --resume to finish it or --force to start over`);
    rmSync(partial, { recursive: true, force: true });
  }
  return { partial, key, startCell, checkpointFile };
}

/** Tables, model records, the kernel and the prepared backend (cheap compared with the grid; rebuilt on resume). */
async function openScanKernel(o: RunOptions): Promise<{ session: KernelSession; tablesMs: number; compileMs: number }> {
  const request = scanKernelRequest(o.plan, { prune: true, terms: o.terms ?? false, observables: o.observables ?? [] });
  const session = await openKernel(request, o.selected.backend);
  return { session, tablesMs: session.timings.tablesMs, compileMs: session.timings.compileMs + session.prepareMs };
}

/** Per-cell arrays streamed to cells/*.npy, the per-segment minima, and the checkpoint that saves both. */
interface CellStore {
  floatType: NpyDtype;
  minima: SegmentMinima;
  /** Decode one block of cells starting at global cell `base`, update the minima and write the cells. */
  absorb(base: number, out: KernelOutputs): void;
  saveCheckpoint(nextCell: number): void;
  close(): void;
}

function openCellStore(o: RunOptions, claim: OutputClaim, session: KernelSession): CellStore {
  const { plan, selected } = o;
  const { partial } = claim;
  const { kernel, layout } = session;
  mkdirSync(join(partial, 'checkpoint'), { recursive: true });
  mkdirSync(join(partial, 'cells'), { recursive: true });
  const writeCells = o.cells ?? true;
  const floatType: NpyDtype = selected.backend.precision === 'float32' ? '<f4' : '<f8';
  const shape = cellShape(plan);
  const mode = o.resume ? 'reopen' : 'create';
  // Extra float outputs per cell: each term's chi2 and requested observables at the minimum.
  const extras = [
    ...layout.termIds.map((id) => ({ file: `chi2_${id}`, read: (out: KernelOutputs, c: number) => out.term(c, id) })),
    ...layout.observableNames.map((name) => ({ file: `obs_${name}`, read: (out: KernelOutputs, c: number) => out.observable(c, name) })),
  ];
  const streams = writeCells
    ? {
        chi2: new NpyStream(join(partial, 'cells', 'chi2.npy'), floatType, shape, mode),
        argmin: plan.profileEps ? new NpyStream(join(partial, 'cells', 'argmin_eps.npy'), '<u4', shape, mode) : null,
        mask: new NpyStream(join(partial, 'cells', 'mask.npy'), '<u4', [...shape, kernel.maskWords], mode),
        terms: extras.map((x) => new NpyStream(join(partial, 'cells', `${x.file}.npy`), floatType, shape, mode)),
      }
    : null;

  const nSegments = plan.cells / plan.segmentCells;
  const minima = emptyMinima(nSegments);
  const minimaFiles = { chi2: join(partial, 'checkpoint', 'minima_chi2.npy'), cell: join(partial, 'checkpoint', 'minima_cell.npy'), eps: join(partial, 'checkpoint', 'minima_eps.npy') };
  if (o.resume && claim.startCell > 0) {
    minima.chi2.set(readNpy(minimaFiles.chi2).data);
    minima.cell.set(readNpy(minimaFiles.cell).data);
    minima.eps.set(readNpy(minimaFiles.eps).data);
  }

  const saveCheckpoint = (nextCell: number) => {
    if (streams) for (const s of [streams.chi2, streams.argmin, streams.mask, ...streams.terms]) s?.sync();
    writeFileAtomic(minimaFiles.chi2, npyBytes('<f8', [nSegments], minima.chi2));
    writeFileAtomic(minimaFiles.cell, npyBytes('<f8', [nSegments], minima.cell));
    writeFileAtomic(minimaFiles.eps, npyBytes('<u4', [nSegments], minima.eps));
    const cp: Checkpoint = { version: 1, key: claim.key, nextCell, cells: plan.cells };
    writeFileAtomic(claim.checkpointFile, JSON.stringify(cp));
  };
  if (!o.resume) saveCheckpoint(0);

  // Decode buffers sized for the largest chunk and reused: the scan allocates nothing per chunk.
  const words = kernel.maskWords;
  const floats = (n: number) => (floatType === '<f4' ? new Float32Array(n) : new Float64Array(n));
  const decoded = { cells: 0, chi2: floats(0), argmin: new Uint32Array(0), mask: new Uint32Array(0), terms: extras.map(() => floats(0)) };
  const decodeBuffers = (n: number) => {
    if (n > decoded.cells) {
      Object.assign(decoded, { cells: n, chi2: floats(n), argmin: new Uint32Array(n), mask: new Uint32Array(n * words), terms: extras.map(() => floats(n)) });
    }
    return {
      chi2: decoded.chi2.subarray(0, n), argmin: decoded.argmin.subarray(0, n), mask: decoded.mask.subarray(0, n * words),
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
    if (streams) for (const s of [streams.chi2, streams.argmin, streams.mask, ...streams.terms]) s?.close();
  };
  return { floatType, minima, absorb, saveCheckpoint, close };
}

/**
 * Stream every remaining cell through the session in chunks sized for short dispatches; checkpoint every
 * 10 s, on Ctrl-C and on a lost device. Returns the evaluation loop's wall time (ms).
 */
async function evaluateCells(o: RunOptions, claim: OutputClaim, session: KernelSession, store: CellStore): Promise<number> {
  const { plan, selected } = o;
  const label = `scan ${plan.name}`;
  const progress = createProgress(o.progress, plan.totalPoints, label, process.stderr, claim.startCell * session.pointsPerCell);
  const target = o.chunkSeconds ?? (selected.backend.name === 'webgpu' ? 0.5 : 1);
  const sizer = new ChunkSizer(session.maxCellsPerRun, session.pointsPerCell, target);
  let next = claim.startCell;
  let lastCheckpoint = performance.now();
  const tKernel = performance.now();
  try {
    while (next < plan.cells) {
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
      if (o.stop.requested) {
        store.saveCheckpoint(next);
        throw new ScanInterrupted('interrupted', claim.partial, next / plan.cells);
      }
      if (performance.now() - lastCheckpoint > 10_000) {
        store.saveCheckpoint(next);
        lastCheckpoint = performance.now();
      }
    }
  } finally {
    progress.finish();
    session.dispose();
    store.close();
  }
  return performance.now() - tKernel;
}

/** The scan's files besides the cells (axes, minima, manifest, run.json), the map products, then the commit. */
async function writeOutputs(
  o: RunOptions,
  claim: OutputClaim,
  session: KernelSession,
  store: CellStore,
  run: { tablesMs: number; compileMs: number; kernelMs: number; totalMs: number; pointsThisRun: number },
): Promise<void> {
  const { plan, selected } = o;
  const { partial } = claim;
  rmSync(join(partial, 'checkpoint'), { recursive: true, force: true });
  writeScanOutputs(partial, {
    plan, kernel: session.kernel, minima: store.minima, specText: o.specText, specFile: o.specFile, tables: session.tables, floatType: store.floatType,
    provenance: { ...o.provenance, backend: selected.backend.description, precision: selected.backend.precision },
    run: { backendReason: selected.reason, ...run, resumedFromCell: claim.startCell },
  });
  if (o.cells ?? true) {
    await writeMapOutputs(partial, {
      plan, kernel: session.kernel, floatType: store.floatType, plots: plan.spec.outputs?.plots ?? [], csv: plan.spec.outputs?.csv,
      provenance: { backend: selected.backend.description, precision: selected.backend.precision },
    });
  }
  commitDir(partial, o.outDir, o.force);
}

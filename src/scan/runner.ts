// Runs a planned scan: compiles the kernel, streams index ranges of cells through the backend in
// chunks sized for short dispatches, writes per-cell results straight into preallocated .npy files,
// keeps per-segment minima, checkpoints, and commits the output directory atomically at the end.

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { SelectedBackend } from '../backends/select.js';
import { DeviceLostError, type OutputBlock } from '../backends/types.js';
import { compileKernel, type CompiledKernel } from '../kernel/compile.js';
import { buildModelData, buildTables } from '../kernel/layout.js';
import { commitDir, partialDirFor, writeFileAtomic } from '../io/atomic.js';
import { npyBytes, NpyStream, type NpyDtype } from '../io/npy.js';
import { UserError } from '../util/errors.js';
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

export async function runScan(o: RunOptions): Promise<ScanResult> {
  const { plan, selected } = o;
  const t0 = performance.now();
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
  const prepared = await selected.backend.prepare(kernel, { tables: tables.data, models: models.data, axes: axesFor(plan, kernel) });
  const compileMs = performance.now() - tCompile;

  mkdirSync(join(partial, 'checkpoint'), { recursive: true });
  mkdirSync(join(partial, 'cells'), { recursive: true });
  const writeCells = o.cells ?? true;
  const floatType: NpyDtype = selected.backend.precision === 'float32' ? '<f4' : '<f8';
  const shape = cellShape(plan);
  const mode = o.resume ? 'reopen' : 'create';
  const slot = new Map(kernel.outputs.map((s, k) => [s.name, k]));
  // Extra float outputs per cell: each term's chi2 and requested observables at the minimum.
  const termIds = kernel.outputs.filter((s) => s.name.startsWith('chi2_') || s.name.startsWith('obs_')).map((s) => s.name);
  const streams = writeCells
    ? {
        chi2: new NpyStream(join(partial, 'cells', 'chi2.npy'), floatType, shape, mode),
        argmin: plan.profileEps ? new NpyStream(join(partial, 'cells', 'argmin_eps.npy'), '<u4', shape, mode) : null,
        mask: new NpyStream(join(partial, 'cells', 'mask.npy'), '<u4', [...shape, kernel.maskWords], mode),
        terms: termIds.map((name) => new NpyStream(join(partial, 'cells', `${name}.npy`), floatType, shape, mode)),
      }
    : null;

  const nSegments = plan.cells / plan.segmentCells;
  const minima: SegmentMinima = { chi2: new Float64Array(nSegments).fill(Infinity), cell: new Float64Array(nSegments).fill(-1), eps: new Uint32Array(nSegments) };
  const minimaFiles = { chi2: join(partial, 'checkpoint', 'minima_chi2.npy'), cell: join(partial, 'checkpoint', 'minima_cell.npy'), eps: join(partial, 'checkpoint', 'minima_eps.npy') };
  if (o.resume && startCell > 0) {
    minima.chi2.set(readNpyF64(minimaFiles.chi2));
    minima.cell.set(readNpyF64(minimaFiles.cell));
    minima.eps.set(new Uint32Array(readNpyRaw(minimaFiles.eps).buffer.slice(0)));
  }

  const saveCheckpoint = (nextCell: number) => {
    if (streams) for (const s of [streams.chi2, streams.argmin, streams.mask, ...streams.terms]) s?.sync();
    writeFileAtomic(minimaFiles.chi2, npyBytes('<f8', [nSegments], minima.chi2));
    writeFileAtomic(minimaFiles.cell, npyBytes('<f8', [nSegments], minima.cell));
    writeFileAtomic(minimaFiles.eps, npyBytes('<u4', [nSegments], minima.eps));
    const cp: Checkpoint = { version: 1, key, nextCell, cells: plan.cells };
    writeFileAtomic(checkpointFile, JSON.stringify(cp));
  };
  if (!o.resume) saveCheckpoint(0);

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
  const sizer = new ChunkSizer(prepared.maxCellsPerRun, kernel.pointsPerCell, target);
  let next = startCell;
  let lastCheckpoint = performance.now();
  const tKernel = performance.now();
  try {
    while (next < plan.cells) {
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
      if (o.stop.requested) {
        saveCheckpoint(next);
        throw new ScanInterrupted('interrupted', partial, next / plan.cells);
      }
      if (performance.now() - lastCheckpoint > 10_000) {
        saveCheckpoint(next);
        lastCheckpoint = performance.now();
      }
    }
  } finally {
    progress.finish();
    prepared.dispose();
    if (streams) for (const s of [streams.chi2, streams.argmin, streams.mask, ...streams.terms]) s?.close();
  }
  const kernelMs = performance.now() - tKernel;

  rmSync(join(partial, 'checkpoint'), { recursive: true, force: true });
  const manifest = writeScanOutputs(partial, {
    plan, kernel, minima, specText: o.specText, specFile: o.specFile, tables, floatType,
    provenance: { ...o.provenance, backend: selected.backend.description, precision: selected.backend.precision },
    run: {
      backendReason: selected.reason, tablesMs, compileMs, kernelMs, totalMs: performance.now() - t0, resumedFromCell: startCell,
      pointsThisRun: (plan.cells - startCell) * kernel.pointsPerCell,
    },
  });
  if (writeCells) {
    manifest.products = await writeProducts(partial, {
      plan, kernel, floatType, plots: plan.spec.outputs?.plots ?? [], csv: plan.spec.outputs?.csv,
      provenance: { backend: selected.backend.description, precision: selected.backend.precision },
      version: versionText(manifest),
    });
  }
  writeManifest(partial, manifest);
  commitDir(partial, o.outDir, o.force);
  return {
    outDir: o.outDir, kernel, minima, timings: { tablesMs, compileMs, kernelMs, totalMs: performance.now() - t0 },
    pointsThisRun: (plan.cells - startCell) * kernel.pointsPerCell,
  };
}

function readNpyRaw(path: string): Uint8Array {
  const buf = readFileSync(path);
  const headerLen = 10 + buf.readUInt16LE(8);
  return new Uint8Array(buf.buffer.slice(buf.byteOffset + headerLen, buf.byteOffset + buf.length));
}

function readNpyF64(path: string): Float64Array {
  return new Float64Array(readNpyRaw(path).buffer);
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

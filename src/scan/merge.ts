// `u1x merge SHARD_DIR... --out DIR`: join the shards of one grid scan (./shard.ts) into the output a
// single-machine run writes. Every shard is checked first — finished, one of the same N siblings (same
// resolved spec, u1x version and commit, data files, precision, stored outputs), no index twice, none
// missing, each block where the partition puts it — and anything wrong is refused (exit 2) naming the
// shards, before anything is written. Then the per-cell arrays are copied into whole-grid cells/*.npy,
// the per-segment minima are taken over them in cell order exactly as the runner takes them (strictly
// smaller wins, so the lowest cell keeps ties), and the runner's own writers (writeScanOutputs,
// writeProducts, writeManifest) write the rest: the result is the same bytes as a single-machine run,
// except run.json, which describes this merge (timings; kernel time summed over the shards).

import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { buildKernel, type KernelBuild } from '../kernel/session.js';
import { commitDir, partialDirFor } from '../io/atomic.js';
import { DiskFullError, isDiskFull } from '../io/checkedWrite.js';
import { acquireOutputLock } from '../io/lock.js';
import { NpyStream, type NpyDtype } from '../io/npy.js';
import { NpyFile } from '../io/npyRead.js';
import { checkOutputTarget } from '../io/outputTarget.js';
import { UserError } from '../util/errors.js';
import { scanKernelRequest } from './kernelRequest.js';
import { versionText, writeManifest, type ScanManifest } from './manifest.js';
import { emptyMinima, type SegmentMinima } from './minima.js';
import { modelsOfSpec } from './models.js';
import { writeScanOutputs } from './outputs.js';
import { planScan, type ScanPlan } from './plan.js';
import { writeProducts } from './products/index.js';
import { modelIdsSha, SHARD_FORMAT, shardBlock, type ShardRecord } from './shard.js';

export interface MergeOptions {
  shardDirs: readonly string[];
  outDir: string;
  force: boolean;
  installRoot: string | null;
  log: (line: string) => void;
}

/** A finished shard directory as merge reads it. */
interface Shard {
  dir: string;
  manifest: ScanManifest;
  record: ShardRecord;
  run: { backend_choice?: string; nonfinite?: Record<string, number>; timings_ms?: { kernel?: number } };
}

/** The fields every sibling shares, with the words that name them in a refusal. */
const SIBLING_FIELDS: [keyof ShardRecord, string][] = [
  ['count', 'the number of shards'],
  ['spec_sha256', 'the scan spec'],
  ['name', 'the scan name'],
  ['quick', '--quick'],
  ['u1x_version', 'the u1x version'],
  ['git_sha', 'the u1x commit'],
  ['data_sha256', 'the external data files'],
  ['precision', 'the backend precision'],
  ['outputs', 'the stored outputs (--terms, observables)'],
  ['model_ids_sha256', 'the models'],
];

/** Read one shard directory, or say why it is not a finished shard. */
function readShard(dir: string): Shard | string {
  const manifestPath = join(dir, 'manifest.json');
  if (!existsSync(manifestPath)) {
    const partial = partialDirFor(dir);
    if (existsSync(partial)) return `${dir}: not finished (its run is in progress or was interrupted: ${partial})`;
    return existsSync(dir) ? `${dir}: not a finished shard (no manifest.json)` : `${dir}: does not exist`;
  }
  let manifest: ScanManifest;
  let run: Shard['run'];
  try {
    manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as ScanManifest;
    run = JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')) as Shard['run'];
  } catch (e) {
    return `${dir}: unreadable manifest.json or run.json (${(e as Error).message.split('\n')[0]})`;
  }
  const record = manifest.shard;
  if (manifest.tool !== 'u1x' || !record) return `${dir}: not a shard (its manifest.json has no shard record; was it run with --shard?)`;
  if (record.format !== SHARD_FORMAT) return `${dir}: shard format ${record.format}, this u1x reads ${SHARD_FORMAT}`;
  return { dir, manifest, record, run };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Every check of the issue: finished, siblings, disjoint, complete. Returns the shards in index order. */
function checkShards(dirs: readonly string[]): Shard[] {
  if (dirs.length === 0) throw new UserError('merge: give the shard directories to join');
  const read = dirs.map((d) => readShard(resolve(d)));
  const problems = read.filter((r): r is string => typeof r === 'string');
  if (problems.length) throw new UserError(`merge: ${problems.join('; ')}; nothing written`);
  const shards = read as Shard[];
  const first = shards[0];
  for (const s of shards.slice(1)) {
    const differs = SIBLING_FIELDS.filter(([k]) => !same(s.record[k], first.record[k])).map(([, label]) => label);
    if (differs.length)
      throw new UserError(`merge: ${s.dir} is not a sibling of ${first.dir} (they differ in ${differs.join(', ')}); nothing written`);
  }
  const n = first.record.count;
  const byIndex = new Map<number, Shard>();
  for (const s of shards) {
    const other = byIndex.get(s.record.index);
    if (other) throw new UserError(`merge: shard ${s.record.index}/${n} given twice (${other.dir} and ${s.dir}); nothing written`);
    byIndex.set(s.record.index, s);
  }
  const missing = Array.from({ length: n }, (_, i) => i + 1).filter((i) => !byIndex.has(i));
  if (missing.length)
    throw new UserError(
      `merge: missing shard(s) ${missing.map((i) => `${i}/${n}`).join(', ')} of ${first.record.name}` +
        ` (given ${shards.length} of ${n}); nothing written`,
    );
  return [...byIndex.keys()].sort((a, b) => a - b).map((i) => byIndex.get(i)!);
}

/** The whole grid's plan, made again from the shards' resolved spec; each shard's block is checked against it. */
function wholePlan(shards: readonly Shard[]): ScanPlan {
  const r = shards[0].record;
  const plan = planScan(r.spec, {
    name: r.name,
    dataDirs: r.data_dirs,
    force: true,
    resolveModels: (s) => modelsOfSpec(s, r.spec_dir),
  });
  if (modelIdsSha(plan) !== r.model_ids_sha256)
    throw new UserError(
      `merge: the models of ${r.name} resolve differently here than where the shards ran (model files in ${r.spec_dir}?)`,
    );
  for (const s of shards) {
    const expected = shardBlock(plan.models.length, plan.mx.values.length, { index: s.record.index, count: r.count });
    if (!same(expected, s.record.block))
      throw new UserError(`merge: ${s.dir} does not hold the block of shard ${s.record.index}/${r.count} of this grid; nothing written`);
  }
  return plan;
}

/** A per-cell array: its file and how many values each cell has (the mask's words are a trailing axis, even of length 1). */
interface CellArray {
  rel: string;
  dtype: NpyDtype;
  perCell: number;
  trailing: boolean;
}

function arrayShape(a: CellArray, grid: number[]): number[] {
  return a.trailing ? [...grid, a.perCell] : grid;
}

function cellArrays(plan: ScanPlan, build: KernelBuild, floatType: NpyDtype): CellArray[] {
  return [
    { rel: 'cells/chi2.npy', dtype: floatType, perCell: 1, trailing: false },
    ...(plan.profileEps ? [{ rel: 'cells/argmin_eps.npy', dtype: '<u4' as const, perCell: 1, trailing: false }] : []),
    { rel: 'cells/mask.npy', dtype: '<u4', perCell: build.kernel.maskWords, trailing: true },
    ...build.layout.termIds.map((id) => ({ rel: `cells/chi2_${id}.npy`, dtype: floatType, perCell: 1, trailing: false })),
    ...build.layout.observableNames.map((name) => ({ rel: `cells/obs_${name}.npy`, dtype: floatType, perCell: 1, trailing: false })),
  ];
}

function gridShape(plan: ScanPlan, nModels: number, nMx: number): number[] {
  return [nModels, nMx, plan.gx.values.length, ...(plan.profileEps ? [] : [plan.mix.values.length])];
}

/** Each shard's files are the ones the whole grid has, with its block's shape and the same mask bits. */
function checkShardFiles(plan: ScanPlan, build: KernelBuild, arrays: readonly CellArray[], shards: readonly Shard[]): void {
  const bits = Object.fromEntries(build.kernel.bits.map((id, b) => [id, b]));
  for (const s of shards) {
    const theirs = Object.fromEntries(s.manifest.constraints.map((c) => [c.id, c.mask_bit]));
    if (!same(theirs, bits))
      throw new UserError(`merge: ${s.dir} has other constraints or mask bits than this u1x builds; nothing written`);
    const b = s.record.block;
    const blockShape = gridShape(plan, b.models[1] - b.models[0], b.mx[1] - b.mx[0]);
    const present = new Set(existsSync(join(s.dir, 'cells')) ? readdirSync(join(s.dir, 'cells')).map((f) => `cells/${f}`) : []);
    for (const a of arrays) {
      const want = arrayShape(a, blockShape);
      if (!present.has(a.rel)) throw new UserError(`merge: ${s.dir} lacks ${a.rel}; nothing written`);
      const f = new NpyFile(join(s.dir, a.rel));
      try {
        if (f.dtype !== a.dtype || !same(f.shape, want))
          throw new UserError(
            `merge: ${s.dir}/${a.rel} is ${f.dtype} (${f.shape.join(', ')}), expected ${a.dtype} (${want.join(', ')}); nothing written`,
          );
      } finally {
        f.close();
      }
    }
  }
}

/** Most values copied at once (bounds memory for large shards). */
const COPY_VALUES = 1 << 22;

/** Copy every shard's block of every per-cell array into the whole grid's files under `dir`. */
function joinCells(dir: string, plan: ScanPlan, arrays: readonly CellArray[], shards: readonly Shard[]): void {
  mkdirSync(join(dir, 'cells'), { recursive: true });
  const nMx = plan.mx.values.length;
  const cellsPerMx = plan.cells / (plan.models.length * nMx);
  for (const a of arrays) {
    const out = new NpyStream(join(dir, a.rel), a.dtype, arrayShape(a, gridShape(plan, plan.models.length, nMx)), 'create');
    try {
      const perMx = cellsPerMx * a.perCell;
      for (const s of shards) {
        const { models, mx } = s.record.block;
        const xs = mx[1] - mx[0];
        const f = new NpyFile(join(s.dir, a.rel));
        try {
          // Within a model the block's m_X values are contiguous in both layouts: copy rows of m_X values.
          const rows = Math.max(1, Math.floor(COPY_VALUES / Math.max(1, perMx)));
          for (let m = models[0]; m < models[1]; m++) {
            for (let x = 0; x < xs; x += rows) {
              const n = Math.min(rows, xs - x);
              const values = f.read(((m - models[0]) * xs + x) * perMx, n * perMx);
              out.write((m * nMx + mx[0] + x) * perMx, values);
            }
          }
        } finally {
          f.close();
        }
      }
      out.sync();
    } finally {
      out.close();
    }
  }
}

/** Per-segment minima over the joined cells, in cell order, as the runner keeps them (runner.ts absorb). */
function segmentMinima(dir: string, plan: ScanPlan): SegmentMinima {
  const minima = emptyMinima(plan.cells / plan.segmentCells);
  const chi2File = new NpyFile(join(dir, 'cells/chi2.npy'));
  const argminFile = plan.profileEps ? new NpyFile(join(dir, 'cells/argmin_eps.npy')) : null;
  try {
    for (let base = 0; base < plan.cells; base += COPY_VALUES) {
      const n = Math.min(COPY_VALUES, plan.cells - base);
      const chi2 = chi2File.read(base, n);
      const argmin = argminFile?.read(base, n);
      for (let c = 0; c < n; c++) {
        const cell = base + c;
        const seg = Math.floor(cell / plan.segmentCells);
        if (chi2[c] < minima.chi2[seg]) {
          minima.chi2[seg] = chi2[c];
          minima.cell[seg] = cell;
          minima.eps[seg] = argmin ? argmin[c] : 0;
        }
      }
    }
  } finally {
    chi2File.close();
    argminFile?.close();
  }
  return minima;
}

/** Join the shards into `outDir`; refuses (UserError, nothing written) anything that is not a complete set of siblings. */
export async function mergeShards(o: MergeOptions): Promise<{ outDir: string; shards: number; seconds: number }> {
  const t0 = performance.now();
  const shards = checkShards(o.shardDirs);
  const plan = wholePlan(shards);
  const r = shards[0].record;
  const build = buildKernel(scanKernelRequest(plan, { prune: true, terms: r.outputs.terms, observables: r.outputs.observables }));
  const floatType: NpyDtype = r.precision === 'float32' ? '<f4' : '<f8';
  const arrays = cellArrays(plan, build, floatType);
  checkShardFiles(plan, build, arrays, shards);
  const specRel = `spec${extname(r.spec_file) || '.yaml'}`;
  const specText = readFileSync(join(shards[0].dir, specRel), 'utf8');
  for (const s of shards.slice(1)) {
    if (readFileSync(join(s.dir, specRel), 'utf8') !== specText)
      throw new UserError(`merge: ${s.dir}/${specRel} differs from ${shards[0].dir}/${specRel}; nothing written`);
  }

  checkOutputTarget(o.outDir, { force: o.force, installRoot: o.installRoot });
  const lock = acquireOutputLock(o.outDir, o.log);
  const partial = partialDirFor(o.outDir);
  try {
    checkOutputTarget(o.outDir, { force: o.force, installRoot: o.installRoot });
    // A merge keeps no checkpoint: a partial directory left by a killed merge is simply redone.
    rmSync(partial, { recursive: true, force: true });
    mkdirSync(partial, { recursive: true });
    joinCells(partial, plan, arrays, shards);
    const minima = segmentMinima(partial, plan);
    const ids = build.layout.constraintIds;
    const backends = [...new Set(shards.map((s) => s.record.backend))];
    const manifest = writeScanOutputs(partial, {
      plan,
      kernel: build.kernel,
      minima,
      specText,
      specFile: r.spec_file,
      tables: build.tables,
      floatType,
      provenance: {
        u1xVersion: r.u1x_version,
        gitSha: r.git_sha,
        backend: backends.join(' | '),
        precision: r.precision,
        dataDirs: shards[0].manifest.data,
      },
      run: {
        backendReason: [...new Set(shards.map((s) => s.run.backend_choice ?? ''))].join(' | '),
        tablesMs: build.timings.tablesMs,
        compileMs: build.timings.compileMs,
        kernelMs: shards.reduce((t, s) => t + (s.run.timings_ms?.kernel ?? 0), 0),
        totalMs: performance.now() - t0,
        resumedFromCell: 0,
        pointsThisRun: plan.totalPoints,
        nonfinite: Object.fromEntries(ids.map((id) => [id, shards.reduce((n, s) => n + (s.run.nonfinite?.[id] ?? 0), 0)])),
      },
    });
    manifest.products = await writeProducts(partial, {
      plan,
      kernel: build.kernel,
      floatType,
      plots: plan.spec.outputs?.plots ?? [],
      csv: plan.spec.outputs?.csv,
      provenance: { backend: manifest.backend, precision: r.precision },
      version: versionText(manifest),
    });
    writeManifest(partial, manifest);
    commitDir(partial, o.outDir, o.force, (dir) => checkOutputTarget(dir, { force: o.force, installRoot: o.installRoot }));
  } catch (e) {
    rmSync(partial, { recursive: true, force: true });
    if (isDiskFull(e)) throw new DiskFullError((e as { path?: string }).path ?? o.outDir, 'free space and run the merge again');
    throw e;
  } finally {
    lock.release();
  }
  return { outDir: o.outDir, shards: shards.length, seconds: (performance.now() - t0) / 1000 };
}

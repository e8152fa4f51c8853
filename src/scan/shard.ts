// Sharding a grid scan: `u1x scan SPEC --shard I/N` runs one of N independent pieces of the grid, and
// `u1x merge` (./merge.ts) puts them back together. A shard is a rectangular block of the grid — a run of
// whole models, or one model's contiguous block of m_X values — so it is itself an ordinary grid plan
// (runner.ts runs it with its own lock, checkpoint and manifest) and its tables are small. The partition
// is a pure function of (models, m_X points, N): every task of an array computes the same one.
//
//   N <= models: shard i (0-based) takes models [floor(i M / N), floor((i+1) M / N)) with every m_X.
//   N >  models: model m gets floor(N / M) shards (one more for the first N mod M models), in model
//                order, and splits its m_X axis into that many contiguous blocks.
//
// Only grid scans shard: the fit, modelSpace and massBound kinds reduce over the whole model set in one
// pass (profiles, maxima over models), have no per-cell arrays to reassemble, and take seconds to
// minutes on one machine — `--shard` refuses them (exit 2).

import { createHash } from 'node:crypto';
import { UserError } from '../util/errors.js';
import { scanKindOf } from './kinds/registry.js';
import type { ScanPlan } from './plan.js';
import type { ScanSpec } from './spec.js';

/** Version of the shard record (manifest.json `shard`); merge refuses another. */
export const SHARD_FORMAT = 1;

export interface ShardIndex {
  /** 1-based, as written on the command line and in Slurm's array index. */
  index: number;
  count: number;
}

/** A rectangular block of the grid: models [m0, m1), m_X indices [x0, x1). */
export interface ShardBlock {
  models: [number, number];
  mx: [number, number];
}

/** Parse `I/N` (1 <= I <= N, integers). */
export function parseShardArg(raw: string): ShardIndex {
  const m = /^([1-9][0-9]*)\/([1-9][0-9]*)$/.exec(raw);
  if (!m) throw new UserError(`--shard must be I/N with integers 1 <= I <= N, e.g. 2/4 (got '${raw}')`);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (index > count) throw new UserError(`--shard ${raw}: the shard number must be at most the number of shards (${count})`);
  if (count > 1e6) throw new UserError(`--shard ${raw}: at most 1000000 shards`);
  return { index, count };
}

/**
 * Refuse what cannot be sharded, before anything is planned: kinds other than grid (see the header) and
 * a grid without per-cell arrays (merge joins them). `what` names the command in the message.
 */
export function checkShardable(spec: ScanSpec, o: { cells: boolean; what: string }): void {
  const kind = scanKindOf(spec).id;
  if (kind !== 'grid')
    throw new UserError(
      `${o.what}: ${kind} scans are not sharded (they reduce over every model in one pass and store no per-cell arrays to join); run them with u1x scan on one machine`,
    );
  if (!o.cells || spec.outputs?.cells === false)
    throw new UserError(`${o.what}: a sharded scan needs its per-cell arrays (merge joins them); drop --no-cells / outputs.cells: false`);
}

/** The block of shard `index` of `count` over `models` x `mx` grid points (see the header). */
export function shardBlock(nModels: number, nMx: number, s: ShardIndex): ShardBlock {
  const { count } = s;
  const i = s.index - 1;
  if (count <= nModels) {
    return { models: [Math.floor((i * nModels) / count), Math.floor(((i + 1) * nModels) / count)], mx: [0, nMx] };
  }
  const base = Math.floor(count / nModels);
  const extra = count % nModels;
  if (base + (extra > 0 ? 1 : 0) > nMx) {
    throw new UserError(
      `--shard: ${count} shards is more than the grid's ${nModels} model(s) x ${nMx} m_X points can be split into (at most ${nModels * nMx})`,
    );
  }
  // Shards of model m start at first(m); the first `extra` models get base + 1 each.
  const first = (m: number) => m * base + Math.min(m, extra);
  let model = 0;
  while (model + 1 < nModels && first(model + 1) <= i) model++;
  const k = base + (model < extra ? 1 : 0);
  const j = i - first(model);
  return { models: [model, model + 1], mx: [Math.floor((j * nMx) / k), Math.floor(((j + 1) * nMx) / k)] };
}

/**
 * The plan of one block: the same spec, constraints and axes, restricted to the block's models and m_X
 * values. Tables stay exactly at the m_X axis when the full plan's are (so every cell sees the same
 * table values), and otherwise keep the full plan's log-spaced nodes (the same interpolation).
 */
export function blockPlan(plan: ScanPlan, b: ShardBlock): ScanPlan {
  const models = plan.models.slice(b.models[0], b.models[1]);
  const mxValues = plan.mx.values.slice(b.mx[0], b.mx[1]);
  const pointsPerMx = plan.gx.values.length * plan.mix.values.length;
  const totalPoints = models.length * mxValues.length * pointsPerMx;
  const cells = totalPoints / (plan.profileEps ? plan.mix.values.length : 1);
  return {
    ...plan,
    models,
    mx: { ...plan.mx, values: mxValues },
    tableMasses: plan.exactTables ? mxValues : plan.tableMasses,
    totalPoints,
    cells,
    segmentCells: plan.profileGx
      ? plan.gx.values.length
      : mxValues.length * plan.gx.values.length * (plan.profileEps ? 1 : plan.mix.values.length),
  };
}

/** Everything a shard records (manifest.json `shard`) so that merge can check its siblings and rebuild the whole plan. */
export interface ShardRecord {
  format: number;
  index: number;
  count: number;
  /** sha256 of the resolved spec (after --quick, --dataset, --option): equal for every sibling. */
  spec_sha256: string;
  /** The resolved spec itself, from which merge plans the whole grid. */
  spec: ScanSpec;
  /** The spec file as given on the command line (the merged manifest's spec_file) and its directory (for model files). */
  spec_file: string;
  spec_dir: string;
  name: string;
  quick: boolean;
  u1x_version: string;
  git_sha: string | null;
  /** sha256 over every external data file's sha256 (paths left out). */
  data_sha256: string;
  /** The data directories the plan was made with (null: none), which merge plans with again. */
  data_dirs: { coherent: string | null; darkcast: string | null };
  backend: string;
  precision: 'float32' | 'float64';
  outputs: { terms: boolean; observables: string[] };
  block: ShardBlock;
  /** Model ids of the whole grid, in order (merge checks it resolves the same ones). */
  model_ids_sha256: string;
}

export const sha256 = (v: unknown): string =>
  createHash('sha256')
    .update(typeof v === 'string' ? v : JSON.stringify(v))
    .digest('hex');

/** sha256 of the data provenance's file hashes only: the same files elsewhere are the same data. */
export function dataFilesSha(dataDirs: Record<string, { sha256?: Record<string, string> } | null>): string {
  return sha256(Object.fromEntries(Object.entries(dataDirs).map(([k, v]) => [k, v?.sha256 ?? null])));
}

export function modelIdsSha(plan: Pick<ScanPlan, 'models'>): string {
  return sha256(plan.models.map((m) => m.id));
}

/** The default output of shard I/N: `results/<name>.shard-I-of-N`. */
export function shardDirName(name: string, s: ShardIndex): string {
  return `${name}.shard-${s.index}-of-${s.count}`;
}

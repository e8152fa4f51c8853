// The two batch scripts of a sharded scan on Slurm (`u1x slurm`): an array job with one task per shard,
// each running `u1x scan SPEC --shard I/N` into its own shard directory (resuming from its checkpoint when
// a requeue or a resubmission finds one), and a merge job that runs `u1x merge` once every task has
// succeeded (`--dependency=afterok`, given at submission; `--kill-on-invalid-dep=yes`, so that a failed
// task cancels the merge instead of leaving it pending forever).
//
// The scripts call node and the u1x entry point by absolute path (the installation that submitted them),
// so the compute nodes need the same file system, as Slurm clusters have.

import { join } from 'node:path';

export interface ClusterResources {
  partition?: string;
  account?: string;
  /** Slurm time limit (e.g. 1:00:00), for each task and for the merge. */
  time?: string;
  /** GPUs per shard task (--gpus-per-task); 0 or undefined: none requested. */
  gpusPerTask?: number;
  /** Generic resources per shard task (--gres, e.g. gpu:a100:1). */
  gres?: string;
  cpusPerTask?: number;
}

export interface JobLayout {
  /** The job directory: scripts, job.json, shards/, logs/. */
  jobDir: string;
  /** The merged output. */
  outDir: string;
  name: string;
  shards: number;
  node: string;
  u1xMain: string;
  /** Absolute path of the scan spec. */
  specPath: string;
  /** Arguments given to every `u1x scan` after the spec (--quick, --backend, --dataset ...). */
  scanArgs: readonly string[];
  /** Pass --force to the merge (replace an earlier merged output). */
  forceMerge: boolean;
  resources: ClusterResources;
}

export function shardDir(jobDir: string, index: number, count: number): string {
  return join(jobDir, 'shards', `shard-${index}-of-${count}`);
}

/** Quote for bash: single quotes, with embedded ones closed and escaped. */
export function shellQuote(s: string): string {
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

function resourceLines(r: ClusterResources, gpus: boolean): string[] {
  const lines: string[] = [];
  if (r.partition) lines.push(`#SBATCH --partition=${r.partition}`);
  if (r.account) lines.push(`#SBATCH --account=${r.account}`);
  if (r.time) lines.push(`#SBATCH --time=${r.time}`);
  if (gpus && r.gpusPerTask) lines.push('#SBATCH --ntasks=1', `#SBATCH --gpus-per-task=${r.gpusPerTask}`);
  if (gpus && r.gres) lines.push(`#SBATCH --gres=${r.gres}`);
  if (gpus && r.cpusPerTask) lines.push(`#SBATCH --cpus-per-task=${r.cpusPerTask}`);
  return lines;
}

/** The array job: task I runs shard I/N (resuming from a checkpoint when one is there). */
export function shardScript(j: JobLayout): string {
  const scan = [j.node, j.u1xMain, 'scan', j.specPath].map(shellQuote).join(' ');
  return [
    '#!/bin/bash',
    `# u1x slurm: shard tasks of ${j.name} (${j.shards} shards). Written by u1x; resubmit failed shards with`,
    `#   u1x slurm resubmit ${j.jobDir}`,
    `#SBATCH --job-name=${shellQuote(`u1x-${j.name}`)}`,
    `#SBATCH --array=1-${j.shards}`,
    `#SBATCH --output=${shellQuote(join(j.jobDir, 'logs', 'shard-%a.out'))}`,
    '#SBATCH --open-mode=append',
    '#SBATCH --requeue',
    ...resourceLines(j.resources, true),
    'set -euo pipefail',
    'I="${SLURM_ARRAY_TASK_ID:?run as a Slurm array task}"',
    `OUT=${shellQuote(join(j.jobDir, 'shards'))}/shard-"$I"-of-${j.shards}`,
    'PARTIAL="$(dirname "$OUT")/.$(basename "$OUT").u1x-partial"',
    'echo "u1x slurm: shard $I/' +
      j.shards +
      ' on $(hostname) (job ${SLURM_JOB_ID:-?}, restart ${SLURM_RESTART_COUNT:-0}) at $(date -u +%FT%TZ)"',
    'if [ -f "$OUT/manifest.json" ]; then echo "u1x slurm: shard $I already finished in $OUT"; exit 0; fi',
    '# A checkpoint left by a requeued, cancelled or failed run is resumed; a partial directory without one is started over.',
    'MODE=()',
    'if [ -f "$PARTIAL/checkpoint/state.json" ]; then MODE=(--resume); elif [ -d "$PARTIAL" ]; then MODE=(--force); fi',
    `exec ${scan} --shard "$I/${j.shards}" --out "$OUT" --progress plain ${j.scanArgs.map(shellQuote).join(' ')} "\${MODE[@]}"`.replace(
      /  +/g,
      ' ',
    ),
    '',
  ].join('\n');
}

/** The merge job: joins every shard into the output (submitted with --dependency=afterok on the shard tasks). */
export function mergeScript(j: JobLayout): string {
  const shards = `${shellQuote(join(j.jobDir, 'shards'))}/shard-{1..${j.shards}}-of-${j.shards}`;
  const merge = [j.node, j.u1xMain, 'merge'].map(shellQuote).join(' ');
  return [
    '#!/bin/bash',
    `# u1x slurm: merge of ${j.name} (${j.shards} shards) into ${j.outDir}. Written by u1x.`,
    `#SBATCH --job-name=${shellQuote(`u1x-${j.name}-merge`)}`,
    `#SBATCH --output=${shellQuote(join(j.jobDir, 'logs', 'merge-%j.out'))}`,
    '#SBATCH --kill-on-invalid-dep=yes',
    ...resourceLines(j.resources, false),
    'set -euo pipefail',
    'echo "u1x slurm: merge on $(hostname) (job ${SLURM_JOB_ID:-?}) at $(date -u +%FT%TZ)"',
    `exec ${merge} ${shards} --out ${shellQuote(j.outDir)}${j.forceMerge ? ' --force' : ''}`,
    '',
  ].join('\n');
}

// A sharded scan submitted to Slurm: the job directory (`<out>.slurm/`) with its two batch scripts
// (./sbatch.ts), the shard directories, the logs and job.json, the record of every submission (job ids).
// `status` reads the state of each shard from its directory (finished, or a checkpoint left) and from
// squeue (queued or running); `resubmit` submits only the shards that are neither finished nor queued,
// and a new merge job that waits for them (and for any still-queued task of earlier submissions).

import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { partialDirFor } from '../io/atomic.js';
import { UserError } from '../util/errors.js';
import { mergeScript, shardDir, shardScript, type JobLayout } from './sbatch.js';
import { sbatch, scancel, squeue, type QueuedJob } from './slurmCommands.js';

export const JOB_RECORD = 'job.json';
const SHARD_SCRIPT = 'shards.sbatch';
const MERGE_SCRIPT = 'merge.sbatch';

export interface Submission {
  /** ISO 8601 time of submission. */
  at: string;
  /** Array job id of the shard tasks (null: none submitted in this round). */
  arrayJob: string | null;
  /** The shard indices of that array. */
  tasks: number[];
  mergeJob: string | null;
}

export interface JobRecord {
  tool: 'u1x';
  kind: 'slurm';
  layout: JobLayout;
  submissions: Submission[];
}

/** `<out>.slurm`: where a submission keeps its scripts, shards and logs. */
export function jobDirFor(outDir: string): string {
  return join(dirname(outDir), `${basename(outDir)}.slurm`);
}

/** The job directory named on the command line: the job directory itself or the merged output beside it. */
export function resolveJobDir(given: string): string {
  if (existsSync(join(given, JOB_RECORD))) return given;
  const beside = jobDirFor(given);
  if (existsSync(join(beside, JOB_RECORD))) return beside;
  throw new UserError(`${given}: not a u1x slurm job directory (no ${JOB_RECORD} in it or in ${beside})`);
}

export function readJobRecord(jobDir: string): JobRecord {
  let r: JobRecord;
  try {
    r = JSON.parse(readFileSync(join(jobDir, JOB_RECORD), 'utf8')) as JobRecord;
  } catch (e) {
    throw new UserError(`${join(jobDir, JOB_RECORD)}: unreadable (${(e as Error).message.split('\n')[0]})`);
  }
  if (r.tool !== 'u1x' || r.kind !== 'slurm') throw new UserError(`${join(jobDir, JOB_RECORD)}: not a u1x slurm job record`);
  return r;
}

function writeJobRecord(r: JobRecord): void {
  const path = join(r.layout.jobDir, JOB_RECORD);
  writeFileSync(`${path}.tmp`, JSON.stringify(r, null, 2) + '\n');
  // renamed into place: a reader never sees half a record
  renameSync(`${path}.tmp`, path);
}

/**
 * Write the job directory (scripts, job.json, shards/, logs/). An existing one is replaced only with
 * `force` and only when it is a u1x job directory.
 */
export function prepareJobDir(layout: JobLayout, force: boolean): { shardScript: string; mergeScript: string } {
  const { jobDir } = layout;
  if (existsSync(jobDir)) {
    if (!existsSync(join(jobDir, JOB_RECORD)))
      throw new UserError(`${jobDir} exists and is not a u1x slurm job directory; choose another --out`);
    if (!force)
      throw new UserError(
        `${jobDir} holds an earlier submission: see u1x slurm status ${jobDir}, resubmit its failed shards with u1x slurm resubmit ${jobDir}, or pass --force to start over`,
      );
    readJobRecord(jobDir);
    rmSync(jobDir, { recursive: true, force: true });
  }
  mkdirSync(join(jobDir, 'shards'), { recursive: true });
  mkdirSync(join(jobDir, 'logs'), { recursive: true });
  const scripts = { shardScript: join(jobDir, SHARD_SCRIPT), mergeScript: join(jobDir, MERGE_SCRIPT) };
  writeFileSync(scripts.shardScript, shardScript(layout), { mode: 0o755 });
  writeFileSync(scripts.mergeScript, mergeScript(layout), { mode: 0o755 });
  writeJobRecord({ tool: 'u1x', kind: 'slurm', layout, submissions: [] });
  return scripts;
}

const afterok = (ids: readonly string[]) => ['--dependency', `afterok:${ids.join(':')}`];

/** Submit every shard and the merge; returns the submission (also appended to job.json). */
export function submitAll(jobDir: string): Submission {
  const record = readJobRecord(jobDir);
  const arrayJob = sbatch(join(jobDir, SHARD_SCRIPT));
  const mergeJob = sbatch(join(jobDir, MERGE_SCRIPT), afterok([arrayJob]));
  const tasks = Array.from({ length: record.layout.shards }, (_, i) => i + 1);
  const s: Submission = { at: new Date().toISOString(), arrayJob, tasks, mergeJob };
  writeJobRecord({ ...record, submissions: [...record.submissions, s] });
  return s;
}

export type ShardState = 'finished' | 'queued' | 'interrupted' | 'missing';

export interface ShardStatus {
  index: number;
  state: ShardState;
  /** The queue's state (PENDING, RUNNING, ...) and job id when queued. */
  slurm?: { job: string; state: string; reason: string };
  dir: string;
}

export interface JobStatus {
  record: JobRecord;
  shards: ShardStatus[];
  merge: { state: 'finished' | 'queued' | 'not queued'; slurm?: { job: string; state: string; reason: string } };
}

/** Our array tasks and merge jobs in the queue, the latest submission's first. */
function ourQueue(record: JobRecord, queue: readonly QueuedJob[]) {
  const arrays = record.submissions.flatMap((s) => (s.arrayJob ? [s.arrayJob] : [])).reverse();
  const merges = record.submissions.flatMap((s) => (s.mergeJob ? [s.mergeJob] : [])).reverse();
  const task = (index: number) =>
    arrays.map((a) => queue.find((q) => q.arrayJobId === a && q.arrayTaskId === index)).find((q) => q !== undefined);
  const merge = merges.map((m) => queue.find((q) => q.jobId === m)).find((q) => q !== undefined);
  return { task, merge };
}

export function jobStatus(jobDir: string, queue: readonly QueuedJob[] = squeue()): JobStatus {
  const record = readJobRecord(jobDir);
  const { layout } = record;
  const q = ourQueue(record, queue);
  const shards = Array.from({ length: layout.shards }, (_, i): ShardStatus => {
    const index = i + 1;
    const dir = shardDir(jobDir, index, layout.shards);
    const queued = q.task(index);
    const slurm = queued && { job: queued.jobId, state: queued.state, reason: queued.reason };
    if (existsSync(join(dir, 'manifest.json'))) return { index, state: 'finished', dir };
    if (slurm) return { index, state: 'queued', slurm, dir };
    if (existsSync(join(partialDirFor(dir), 'checkpoint', 'state.json'))) return { index, state: 'interrupted', dir };
    return { index, state: 'missing', dir };
  });
  const m = q.merge;
  const merge: JobStatus['merge'] = existsSync(join(layout.outDir, 'manifest.json'))
    ? { state: 'finished' }
    : m
      ? { state: 'queued', slurm: { job: m.jobId, state: m.state, reason: m.reason } }
      : { state: 'not queued' };
  return { record, shards, merge };
}

/** Human-readable status lines. */
export function statusLines(s: JobStatus): string[] {
  const n = s.record.layout.shards;
  const lines = s.shards.map((sh) => {
    const what =
      sh.state === 'finished'
        ? 'finished'
        : sh.state === 'queued'
          ? `${sh.slurm!.state.toLowerCase()} (job ${sh.slurm!.job}${sh.slurm!.reason && sh.slurm!.reason !== 'None' ? `, ${sh.slurm!.reason}` : ''})`
          : sh.state === 'interrupted'
            ? 'interrupted: not queued, checkpoint kept (u1x slurm resubmit resumes it)'
            : 'missing: not finished and not queued (failed or cancelled; u1x slurm resubmit runs it again)';
    return `shard ${sh.index}/${n}: ${what}`;
  });
  const m = s.merge;
  lines.push(
    `merge: ${
      m.state === 'finished'
        ? `finished: ${s.record.layout.outDir}`
        : m.state === 'queued'
          ? `${m.slurm!.state.toLowerCase()} (job ${m.slurm!.job}${m.slurm!.reason && m.slurm!.reason !== 'None' ? `, ${m.slurm!.reason}` : ''})`
          : 'not queued'
    }`,
  );
  const done = s.shards.filter((sh) => sh.state === 'finished').length;
  lines.push(`${done} of ${n} shard(s) finished; output ${s.record.layout.outDir}${m.state === 'finished' ? '' : ' (not yet written)'}`);
  return lines;
}

/**
 * Submit again the shards that are neither finished nor queued, and a merge job after them (and after the
 * shards still queued from earlier submissions). An earlier merge job still queued can never run once one
 * of its tasks failed; it is cancelled. Returns null when there is nothing to do.
 */
export function resubmit(jobDir: string, queue: readonly QueuedJob[] = squeue()): Submission | null {
  const status = jobStatus(jobDir, queue);
  const { record } = status;
  if (status.merge.state === 'finished') return null;
  const tasks = status.shards.filter((s) => s.state === 'missing' || s.state === 'interrupted').map((s) => s.index);
  const stillQueued = status.shards.filter((s) => s.state === 'queued').map((s) => s.slurm!.job);
  if (tasks.length === 0 && status.merge.state === 'queued') return null;
  if (status.merge.state === 'queued') scancel([status.merge.slurm!.job]);
  const arrayJob = tasks.length ? sbatch(join(jobDir, SHARD_SCRIPT), ['--array', tasks.join(',')]) : null;
  const waitFor = [...(arrayJob ? [arrayJob] : []), ...stillQueued];
  const mergeJob = sbatch(join(jobDir, MERGE_SCRIPT), waitFor.length ? afterok(waitFor) : []);
  const s: Submission = { at: new Date().toISOString(), arrayJob, tasks, mergeJob };
  writeJobRecord({ ...record, submissions: [...record.submissions, s] });
  return s;
}

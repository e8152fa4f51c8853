// The Slurm client commands u1x calls (sbatch, squeue, scancel), and the parsing of what they print.
// Only squeue is asked about jobs: sacct needs slurmdbd, which many clusters (and the test cluster) lack;
// finished work is read from the shard directories instead.

import { spawnSync } from 'node:child_process';
import { UserError } from '../util/errors.js';

/** One line of `squeue -r`: a job, or one task of an array. */
export interface QueuedJob {
  jobId: string;
  /** The array's job id (the job's own id when it is not an array task). */
  arrayJobId: string;
  /** The array index, or null when the job is not an array task. */
  arrayTaskId: number | null;
  state: string;
  reason: string;
}

/** The squeue output format parsed below: job id, array job id, array task id, state, reason. */
export const SQUEUE_FORMAT = '%i|%F|%K|%T|%r';

export function parseSqueue(text: string): QueuedJob[] {
  const jobs: QueuedJob[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const [jobId, arrayJobId, task, state, reason] = line.trim().split('|');
    if (state === undefined) throw new Error(`squeue: unexpected line '${line}'`);
    // %K is N/A for a job that is not an array task.
    const arrayTaskId = /^[0-9]+$/.test(task) ? Number(task) : null;
    jobs.push({ jobId, arrayJobId, arrayTaskId, state, reason: reason ?? '' });
  }
  return jobs;
}

function run(cmd: string, args: readonly string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.error) {
    const code = (r.error as NodeJS.ErrnoException).code;
    throw new UserError(
      code === 'ENOENT' ? `${cmd} not found: is this a Slurm login node (slurm-client installed)?` : `${cmd}: ${r.error.message}`,
    );
  }
  if (r.status !== 0)
    throw new UserError(`${cmd} ${args.join(' ')} failed (exit ${r.status}): ${(r.stderr || r.stdout).trim().split('\n')[0]}`);
  return r.stdout;
}

/** Every job and array task the queue holds (pending, running, completing...). */
export function squeue(): QueuedJob[] {
  return parseSqueue(run('squeue', ['-h', '-r', '-o', SQUEUE_FORMAT]));
}

/** Submit a batch script; returns the job id (`sbatch --parsable` prints `id` or `id;cluster`). */
export function sbatch(script: string, args: readonly string[] = []): string {
  const out = run('sbatch', ['--parsable', ...args, script]).trim();
  const id = out.split(';')[0];
  if (!/^[0-9]+$/.test(id)) throw new UserError(`sbatch printed '${out}', not a job id`);
  return id;
}

export function scancel(jobIds: readonly string[]): void {
  if (jobIds.length) run('scancel', [...jobIds]);
}

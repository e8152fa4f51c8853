// A real one-node Slurm cluster for the cluster tests, brought up by scripts/dev-slurm.sh (idempotent:
// a cluster already up is used as it is, and left up). Under CI=true a cluster that does not come up
// fails the run (.ci/run installs Slurm); elsewhere the tests skip and say why.
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { afterAll } from 'vitest';
import { REPO_ROOT } from './shared.js';

const STATE = process.env.U1X_SLURM_DIR ?? '/tmp/u1x-slurm';
const SCRIPT = resolve(REPO_ROOT, 'scripts', 'dev-slurm.sh');
/** The environment Slurm clients (and u1x slurm) need to find the test cluster. */
export const slurmEnv: NodeJS.ProcessEnv = { ...process.env, SLURM_CONF: join(STATE, 'slurm.conf'), U1X_SLURM_DIR: STATE };

function bringUp(): { ok: true; broughtUp: boolean; seconds: number } | { ok: false; reason: string } {
  if (process.getuid?.() !== 0) return { ok: false, reason: 'not root (the one-node cluster runs its daemons as root)' };
  const which = spawnSync('bash', ['-c', 'command -v slurmctld slurmd sbatch munged'], { encoding: 'utf8' });
  if (which.status !== 0) return { ok: false, reason: 'Slurm is not installed (apt-get install slurmctld slurmd slurm-client munge)' };
  const t0 = performance.now();
  const r = spawnSync('bash', [SCRIPT, 'up'], { encoding: 'utf8', env: slurmEnv, timeout: 120_000 });
  if (r.status !== 0) return { ok: false, reason: `scripts/dev-slurm.sh up failed: ${(r.stderr || r.stdout).trim().split('\n').pop()}` };
  return { ok: true, broughtUp: !/already up/.test(r.stderr), seconds: (performance.now() - t0) / 1000 };
}

export const slurm = bringUp();

if (!slurm.ok) {
  if (process.env.CI === 'true' || process.env.CI === '1') throw new Error(`CI=true but no Slurm cluster: ${slurm.reason}`);
  process.stderr.write(`\n[u1x tests] skipping the Slurm cluster tests: ${slurm.reason}\n`);
} else {
  process.stderr.write(`\n[u1x tests] Slurm one-node cluster ${slurm.broughtUp ? `up in ${slurm.seconds.toFixed(1)} s` : 'already up'}\n`);
}

/** Take down at the end of the file a cluster this file brought up (one that was already up stays). */
export function downAfterAll(): void {
  afterAll(() => {
    if (slurm.ok && slurm.broughtUp) spawnSync('bash', [SCRIPT, 'down'], { encoding: 'utf8', env: slurmEnv, timeout: 120_000 });
  });
}

/** Job ids (%i, e.g. 12_3 for an array task) and array job ids (%F) in the queue. */
export function queued(): { id: string; array: string }[] {
  const r = spawnSync('squeue', ['-h', '-r', '-o', '%i %F'], { encoding: 'utf8', env: slurmEnv });
  if (r.status !== 0) throw new Error(`squeue failed: ${r.stderr}`);
  return r.stdout
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => {
      const [id, array] = l.trim().split(' ');
      return { id, array };
    });
}

/** Poll squeue until none of `jobIds` (jobs or whole arrays) is queued; resolves with the seconds waited. */
export async function waitForJobs(jobIds: readonly string[], timeoutSeconds = 300): Promise<number> {
  const t0 = performance.now();
  for (;;) {
    const left = queued().filter((q) => jobIds.includes(q.id) || jobIds.includes(q.array));
    if (left.length === 0) return (performance.now() - t0) / 1000;
    if (performance.now() - t0 > timeoutSeconds * 1000)
      throw new Error(`jobs still queued after ${timeoutSeconds} s: ${left.map((q) => q.id).join(' ')}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export function scancel(jobId: string): void {
  const r = spawnSync('scancel', [jobId], { encoding: 'utf8', env: slurmEnv });
  if (r.status !== 0) throw new Error(`scancel ${jobId} failed: ${r.stderr}`);
}

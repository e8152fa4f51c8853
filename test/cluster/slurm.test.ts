// `u1x slurm` against a real one-node Slurm cluster (scripts/dev-slurm.sh): a 4-shard quick scan goes
// through sbatch as an array job and an afterok merge job, and the merged output is byte-identical to one
// `u1x scan`; a cancelled array task shows in `u1x slurm status`, cancels the merge (--kill-on-invalid-dep),
// leaves `u1x merge` refusing the incomplete shards, and `u1x slurm resubmit` runs only that shard and the
// merge, again byte-identical. Prints the measured wall times (README "Running on a cluster").
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, U1X } from '../helpers/cli.js';
import { compareOutputs } from '../helpers/compareOutputs.js';
import { REPO_ROOT } from '../helpers/shared.js';
import { downAfterAll, scancel, slurm, slurmEnv, waitForJobs } from '../helpers/slurm.js';
import { suiteTempDir } from '../helpers/tmp.js';
import { readFileSync } from 'node:fs';

downAfterAll();
const describeSlurm = slurm.ok ? describe : describe.skip;
// The same absolute spec path as u1x slurm gives its tasks (the manifests record it).
const SPEC = resolve(REPO_ROOT, 'scans', 'lmu-ltau-map.yaml');

interface Submitted {
  arrayJob: string;
  mergeJob: string;
  stdout: string;
}

async function submit(out: string): Promise<Submitted> {
  const r = await runCli(['slurm', SPEC, '--shards', '4', '--quick', '--backend', 'cpu', '--out', out], { env: slurmEnv });
  expect(r.code, r.stderr).toBe(0);
  const arrayJob = /^shards: job ([0-9]+) \(array 1-4/m.exec(r.stdout)?.[1];
  const mergeJob = /^merge: job ([0-9]+) \(afterok:([0-9]+)\)/m.exec(r.stdout);
  expect(arrayJob, r.stdout).toBeDefined();
  expect(mergeJob?.[2]).toBe(arrayJob);
  expect(r.stdout).toContain(`output: ${out}`);
  return { arrayJob: arrayJob!, mergeJob: mergeJob![1], stdout: r.stdout };
}

interface Status {
  shards: { index: number; state: string }[];
  merge: { state: string };
}

async function status(dir: string): Promise<Status> {
  const r = await runCli(['slurm', 'status', dir, '--json'], { env: slurmEnv });
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Status;
}

const timing = (what: string, seconds: number) => process.stderr.write(`[u1x slurm test] ${what}: ${seconds.toFixed(1)} s\n`);

describeSlurm('u1x slurm on a real one-node Slurm cluster', () => {
  const tmp = suiteTempDir('slurm');
  const single = join(tmp, 'single');
  const reference = (async () => {
    const t0 = performance.now();
    const r = await runCli(['scan', SPEC, '--quick', '--backend', 'cpu', '--progress', 'none', '--out', single]);
    expect(r.code, r.stderr).toBe(0);
    timing('single-machine u1x scan --quick --backend cpu', (performance.now() - t0) / 1000);
  })();

  it('runs 4 shards as an array job and merges them after afterok: byte-identical to one run', async () => {
    const out = join(tmp, 'four');
    const t0 = performance.now();
    const s = await submit(out);
    // The batch scripts run this checkout's dist/cli/main.js with this node, by absolute path.
    const script = readFileSync(join(`${out}.slurm`, 'shards.sbatch'), 'utf8');
    expect(script).toContain(`${process.execPath} ${U1X} scan ${SPEC} --shard "$I/4"`);
    await waitForJobs([s.arrayJob, s.mergeJob]);
    timing('4 shards + merge, submit to merged output', (performance.now() - t0) / 1000);
    const st = await status(`${out}.slurm`);
    expect(st.shards.map((x) => x.state)).toEqual(['finished', 'finished', 'finished', 'finished']);
    expect(st.merge.state).toBe('finished');
    await reference;
    const cmp = compareOutputs(single, out);
    expect(cmp.same, cmp.report).toBe(true);
  });

  const out = join(tmp, 'cancelled');
  const jobDir = `${out}.slurm`;
  const shardDirs = [1, 2, 3, 4].map((i) => join(jobDir, 'shards', `shard-${i}-of-4`));

  it('a cancelled array task shows in status, and the merge job is cancelled, not left pending', async () => {
    const t0 = performance.now();
    const s = await submit(out);
    // Task 4 is still pending on two CPUs (or, on a larger machine, just started): cancel it alone.
    scancel(`${s.arrayJob}_4`);
    await waitForJobs([s.arrayJob, s.mergeJob]);
    timing('4 shards with task 4 cancelled, until the queue is empty', (performance.now() - t0) / 1000);
    const st = await status(jobDir);
    expect(st.shards.slice(0, 3).map((x) => x.state)).toEqual(['finished', 'finished', 'finished']);
    expect(['missing', 'interrupted']).toContain(st.shards[3].state);
    expect(st.merge.state).toBe('not queued');
    expect(existsSync(out)).toBe(false);
    const text = await runCli(['slurm', 'status', jobDir], { env: slurmEnv });
    expect(text.stdout).toMatch(/^shard 4\/4: (missing|interrupted): not (finished and not )?queued/m);
    expect(text.stdout).toMatch(/^3 of 4 shard\(s\) finished/m);
  });

  it('merge over the incomplete shards refuses, naming shard 4, and writes nothing', async () => {
    const target = join(tmp, 'incomplete-merge');
    const r = await runCli(['merge', ...shardDirs, '--out', target]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/shard-4-of-4: (does not exist|not finished)/);
    expect(existsSync(target)).toBe(false);
    const r3 = await runCli(['merge', ...shardDirs.slice(0, 3), '--out', target]);
    expect(r3.code).toBe(2);
    expect(r3.stderr).toMatch(/missing shard\(s\) 4\/4/);
    expect(existsSync(target)).toBe(false);
  });

  it('resubmit runs only the cancelled shard and the merge: byte-identical again', async () => {
    const t0 = performance.now();
    const r = await runCli(['slurm', 'resubmit', jobDir], { env: slurmEnv });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^resubmitted shard\(s\) 4: job [0-9]+$/m);
    const arrayJob = /^resubmitted shard\(s\) 4: job ([0-9]+)$/m.exec(r.stdout)![1];
    const mergeJob = /^merge: job ([0-9]+)$/m.exec(r.stdout)![1];
    await waitForJobs([arrayJob, mergeJob]);
    timing('resubmit of shard 4 + merge', (performance.now() - t0) / 1000);
    const st = await status(jobDir);
    expect(st.shards.map((x) => x.state)).toEqual(['finished', 'finished', 'finished', 'finished']);
    expect(st.merge.state).toBe('finished');
    await reference;
    const cmp = compareOutputs(single, out);
    expect(cmp.same, cmp.report).toBe(true);
    // Nothing is left to do.
    const again = await runCli(['slurm', 'resubmit', jobDir], { env: slurmEnv });
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^nothing to resubmit/);
  });
});

// `u1x slurm --dry-run` writes the job directory and the two batch scripts without a cluster: one array
// task per shard resuming from its checkpoint, the requested resources, a merge job that a failed task
// cancels; bad requests are refused (exit 2) before anything is written.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectRejected, runCli, U1X } from '../helpers/cli.js';
import { REPO_ROOT } from '../helpers/shared.js';
import { suiteTempDir } from '../helpers/tmp.js';

const SPEC = resolve(REPO_ROOT, 'scans', 'benchmark-maps.yaml');
const tmp = suiteTempDir('slurm-dry');

describe('u1x slurm --dry-run', () => {
  it('writes the array and merge scripts with the resources asked for', async () => {
    const out = join(tmp, 'gpu');
    const r = await runCli([
      'slurm',
      SPEC,
      '--shards',
      '3',
      '--quick',
      '--partition',
      'gpu',
      '--account',
      'phys42',
      '--time',
      '1:30:00',
      '--gpus-per-task',
      '1',
      '--dry-run',
      '--out',
      out,
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/dry run: nothing submitted/);
    const shards = readFileSync(join(`${out}.slurm`, 'shards.sbatch'), 'utf8');
    for (const line of [
      '#SBATCH --array=1-3',
      '#SBATCH --requeue',
      '#SBATCH --partition=gpu',
      '#SBATCH --account=phys42',
      '#SBATCH --time=1:30:00',
      '#SBATCH --gpus-per-task=1',
      `${process.execPath} ${U1X} scan ${SPEC} --shard "$I/3" --out "$OUT" --progress plain --backend auto --quick "\${MODE[@]}"`,
      'if [ -f "$PARTIAL/checkpoint/state.json" ]; then MODE=(--resume);',
    ])
      expect(shards).toContain(line);
    const merge = readFileSync(join(`${out}.slurm`, 'merge.sbatch'), 'utf8');
    expect(merge).toContain('#SBATCH --kill-on-invalid-dep=yes');
    expect(merge).toContain('#SBATCH --partition=gpu');
    expect(merge).not.toContain('gpus-per-task');
    expect(merge).toContain(`${process.execPath} ${U1X} merge ${out}.slurm/shards/shard-{1..3}-of-3 --out ${out}`);
    const job = JSON.parse(readFileSync(join(`${out}.slurm`, 'job.json'), 'utf8')) as {
      submissions: unknown[];
      layout: { shards: number };
    };
    expect(job.layout.shards).toBe(3);
    expect(job.submissions).toEqual([]);
    expect(existsSync(out)).toBe(false);
  });

  it('on a CPU-only partition requests no GPU', async () => {
    const out = join(tmp, 'cpu');
    const r = await runCli(['slurm', SPEC, '--shards', '2', '--backend', 'cpu', '--cpus-per-task', '4', '--dry-run', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const shards = readFileSync(join(`${out}.slurm`, 'shards.sbatch'), 'utf8');
    expect(shards).not.toMatch(/--gpus|--gres/);
    expect(shards).toContain('#SBATCH --cpus-per-task=4');
    expect(shards).toContain('--backend cpu');
  });

  it('refuses an earlier job directory without --force', async () => {
    const out = join(tmp, 'cpu');
    await expectRejected(['slurm', SPEC, '--shards', '2', '--dry-run', '--out', out], /holds an earlier submission.*--force/);
  });

  it.each([
    [['--shards', '2', '--dry-run'], 'fit-vector-200mev.yaml', /fit scans are not sharded/],
    [['--dry-run'], 'benchmark-maps.yaml', /--shards N is required/],
    // 2 models x 25 m_X at --quick: at most 50 shards.
    [['--shards', '51', '--quick', '--dry-run'], 'benchmark-maps.yaml', /51 shards is more than the grid's 2 model\(s\) x 25 m_X points/],
    [['--shards', '2', '--partition', 'a b', '--dry-run'], 'benchmark-maps.yaml', /--partition 'a b'/],
  ])('refuses %j (exit 2, nothing written)', async (args, spec, pattern) => {
    const out = join(tmp, `bad-${args.join('')}`.replace(/[^A-Za-z0-9-]/g, ''));
    await expectRejected(['slurm', resolve(REPO_ROOT, 'scans', spec), ...args, '--out', out], pattern, out);
    expect(existsSync(`${out}.slurm`)).toBe(false);
  });
});

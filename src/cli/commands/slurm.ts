// `u1x slurm SPEC --shards N`: run a grid scan as a Slurm array job (one task per shard) and a merge job
// after it (src/cluster/); `u1x slurm status DIR` and `u1x slurm resubmit DIR` follow it up.

import { dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { jobDirFor, jobStatus, prepareJobDir, resolveJobDir, resubmit, statusLines, submitAll } from '../../cluster/submission.js';
import type { ClusterResources, JobLayout } from '../../cluster/sbatch.js';
import { checkOutputTarget } from '../../io/outputTarget.js';
import { modelsOfSpec } from '../../scan/models.js';
import { planScan } from '../../scan/plan.js';
import { quickSpec } from '../../scan/quick.js';
import { checkShardable, shardBlock } from '../../scan/shard.js';
import { readScanSpec, specName } from '../../scan/spec.js';
import { UserError } from '../../util/errors.js';
import { collectPairs, constraintOptions, dataDirOptions, dataDirsFrom, PACKAGE_ROOT, parseCount } from '../common.js';
import { withDatasets, withOptions } from '../specOverrides.js';

interface SlurmOptions {
  shards?: string;
  out?: string;
  partition?: string;
  account?: string;
  time?: string;
  gpusPerTask?: string;
  gres?: string;
  cpusPerTask?: string;
  backend: string;
  quick?: boolean;
  dataset?: Record<string, string>;
  option?: Record<string, string>;
  coherentData?: string;
  darkcast?: string;
  dryRun?: boolean;
  force?: boolean;
  json?: boolean;
}

const SLURM_VALUE = /^[A-Za-z0-9_.:,=+-]+$/;

function slurmValue(name: string, v: string | undefined): string | undefined {
  if (v !== undefined && !SLURM_VALUE.test(v)) throw new UserError(`${name} '${v}': letters, digits and _ . : , = + - only`);
  return v;
}

export function registerSlurmCommand(program: Command): void {
  const cmd = program
    .command('slurm')
    .description('run a grid scan on a Slurm cluster: one array task per shard, then a merge job; `u1x slurm status|resubmit DIR`')
    .argument('<spec|status|resubmit>', 'the scan spec to submit, or status / resubmit')
    .argument('[dir]', 'status / resubmit: the job directory (<out>.slurm) or the output')
    .option('--shards <N>', 'number of shards (array tasks)')
    .option('--out <dir>', 'merged output directory (default: results/<spec name>); the job directory is <out>.slurm')
    .option('--partition <P>', 'Slurm partition')
    .option('--account <A>', 'Slurm account')
    .option('--time <T>', 'time limit of each task and of the merge (Slurm format, e.g. 2:00:00)')
    .option('--gpus-per-task <G>', 'GPUs per shard task (--gpus-per-task)')
    .option('--gres <spec>', 'generic resources per shard task (--gres, e.g. gpu:a100:1)')
    .option('--cpus-per-task <C>', 'CPUs per shard task')
    .option('--backend <name>', 'backend of each task: auto | webgpu | cpu (auto: WebGPU where the node has an adapter)', 'auto')
    .option('--quick', 'the scan at reduced resolution (as u1x scan --quick)')
    .option('--dataset <family=id>', 'dataset choice, as for u1x scan (repeatable)', collectPairs)
    .option('--option <id.name=value>', 'constraint option, as for u1x scan (repeatable)', collectPairs)
    .option('--dry-run', 'write the job directory and batch scripts, submit nothing')
    .option('--force', 'replace an earlier job directory and merged output of this name')
    .option('--json', 'status: print JSON');
  for (const o of dataDirOptions()) cmd.addOption(o);
  cmd.action((first: string, dir: string | undefined, opts: SlurmOptions) => {
    if (first === 'status' || first === 'resubmit') {
      if (!dir) throw new UserError(`u1x slurm ${first} DIR: give the job directory`);
      const jobDir = resolveJobDir(resolve(dir));
      if (first === 'status') {
        const s = jobStatus(jobDir);
        process.stdout.write(
          opts.json
            ? JSON.stringify({ jobDir, out: s.record.layout.outDir, shards: s.shards, merge: s.merge }, null, 2) + '\n'
            : statusLines(s).join('\n') + '\n',
        );
        return;
      }
      const sub = resubmit(jobDir);
      if (!sub)
        process.stdout.write(`nothing to resubmit in ${jobDir}: every shard is finished or queued, and the merge is done or queued\n`);
      else
        process.stdout.write(
          `${sub.arrayJob ? `resubmitted shard(s) ${sub.tasks.join(',')}: job ${sub.arrayJob}\n` : ''}merge: job ${sub.mergeJob}\noutput: ${jobStatus(jobDir).record.layout.outDir}\n`,
        );
      return;
    }
    if (dir !== undefined) throw new UserError(`u1x slurm SPEC takes one spec (got also '${dir}')`);
    submit(first, opts);
  });
}

function submit(specArg: string, opts: SlurmOptions): void {
  if (opts.shards === undefined) throw new UserError('u1x slurm: --shards N is required');
  const shards = parseCount('--shards', opts.shards);
  if (shards < 1) throw new UserError('--shards must be at least 1');
  const resources: ClusterResources = {
    partition: slurmValue('--partition', opts.partition),
    account: slurmValue('--account', opts.account),
    time: slurmValue('--time', opts.time),
    gres: slurmValue('--gres', opts.gres),
    gpusPerTask: opts.gpusPerTask === undefined ? undefined : parseCount('--gpus-per-task', opts.gpusPerTask),
    cpusPerTask: opts.cpusPerTask === undefined ? undefined : parseCount('--cpus-per-task', opts.cpusPerTask),
  };
  if (!['auto', 'webgpu', 'cpu'].includes(opts.backend))
    throw new UserError(`--backend must be auto, webgpu or cpu (got '${opts.backend}')`);

  // Plan the scan here, as each task will: a bad spec, a non-grid kind or too many shards is refused now, not on the cluster.
  const specPath = resolve(specArg);
  const read = withOptions(withDatasets(readScanSpec(specPath), opts.dataset), constraintOptions(opts.option ?? {}));
  const spec = opts.quick ? quickSpec(read.spec) : read.spec;
  checkShardable(spec, { cells: true, what: 'u1x slurm' });
  const name = specName(spec, specPath);
  const dirs = dataDirsFrom(opts);
  const plan = planScan(spec, {
    name,
    dataDirs: { coherent: dirs.coherent.dir, darkcast: dirs.darkcast.dir },
    force: false,
    resolveModels: (s) => modelsOfSpec(s, dirname(specPath)),
  });
  shardBlock(plan.models.length, plan.mx.values.length, { index: shards, count: shards });

  const outDir = resolve(opts.out ?? `results/${name}`);
  checkOutputTarget(outDir, { force: opts.force ?? false, installRoot: PACKAGE_ROOT });
  const scanArgs = [
    '--backend',
    opts.backend,
    ...(opts.quick ? ['--quick'] : []),
    ...Object.entries(opts.dataset ?? {}).flatMap(([k, v]) => ['--dataset', `${k}=${v}`]),
    ...Object.entries(opts.option ?? {}).flatMap(([k, v]) => ['--option', `${k}=${v}`]),
    ...(opts.coherentData ? ['--coherent-data', dirs.coherent.dir ?? 'none'] : []),
    ...(opts.darkcast ? ['--darkcast', dirs.darkcast.dir ?? 'none'] : []),
  ];
  const layout: JobLayout = {
    jobDir: jobDirFor(outDir),
    outDir,
    name,
    shards,
    // The node and u1x that submitted the job run it (absolute paths: compute nodes share the file system).
    node: process.execPath,
    u1xMain: join(PACKAGE_ROOT, 'dist', 'cli', 'main.js'),
    specPath,
    scanArgs,
    forceMerge: opts.force ?? false,
    resources,
  };
  const scripts = prepareJobDir(layout, opts.force ?? false);
  if (opts.dryRun) {
    process.stdout.write(
      `wrote ${scripts.shardScript} and ${scripts.mergeScript} (dry run: nothing submitted)\n` +
        `submit with: sbatch ${scripts.shardScript}, then sbatch --dependency=afterok:<array job id> ${scripts.mergeScript}\n` +
        `output: ${outDir}\n`,
    );
    return;
  }
  const s = submitAll(layout.jobDir);
  process.stdout.write(
    `shards: job ${s.arrayJob} (array 1-${shards}, ${name})\nmerge: job ${s.mergeJob} (afterok:${s.arrayJob})\n` +
      `output: ${outDir}\njob directory: ${layout.jobDir} (u1x slurm status ${layout.jobDir})\n`,
  );
}

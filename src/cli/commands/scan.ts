// `u1x scan <spec>`: run a scan spec to an output directory.

import { dirname, resolve } from 'node:path';
import { Command, Option } from 'commander';
import { parseBackendChoice } from '../../backends/select.js';
import { jobKindOf, selectBackendFor } from '../../scan/autoBackend.js';
import { planScan } from '../../scan/plan.js';
import { modelsOfSpec } from '../../scan/models.js';
import { autoProgressMode, type ProgressMode } from '../../scan/progress.js';
import { quickSpec } from '../../scan/quick.js';
import { runScanKind } from '../../scan/kinds/registry.js';
import { readScanSpec, specName } from '../../scan/spec.js';
import { handleStopSignals } from '../stopSignals.js';
import { UserError } from '../../util/errors.js';
import {
  backendOption,
  collectPairs,
  constraintOptions,
  dataDirOptions,
  dataDirsFrom,
  PACKAGE_ROOT,
  parseNumber,
  parseProgressMode,
  skippedLines,
  u1xGitSha,
  u1xBuild,
  u1xVersion,
} from '../common.js';
import { withDatasets, withOptions } from '../specOverrides.js';
import { observablesToStore } from '../../scan/kinds/grid.js';
import {
  blockPlan,
  checkShardable,
  dataFilesSha,
  modelIdsSha,
  parseShardArg,
  sha256,
  shardBlock,
  shardDirName,
  SHARD_FORMAT,
  type ShardBlock,
  type ShardIndex,
  type ShardRecord,
} from '../../scan/shard.js';
import type { ScanPlan } from '../../scan/plan.js';
import type { ScanProvenance } from '../../scan/manifest.js';
import { dataProvenance } from '../provenance.js';

/** The main job of the README's quick start. */
export const DEFAULT_SCAN = 'scans/lmu-ltau-map.yaml';

interface ScanOptions {
  out?: string;
  backend: string;
  resume?: boolean;
  force?: boolean;
  progress?: string;
  terms?: boolean;
  cells: boolean;
  quick?: boolean;
  dataset?: Record<string, string>;
  coherentData?: string;
  darkcast?: string;
  checkpointEvery?: string;
  option?: Record<string, string>;
  shard?: string;
}

export function registerScanCommand(program: Command): void {
  const cmd = program
    .command('scan')
    .description('run a scan spec (JSON or YAML) to an output directory')
    .argument('[spec]', `scan spec file (default: the built-in ${DEFAULT_SCAN})`)
    .option('--out <dir>', 'output directory (default: results/<spec name>)')
    .addOption(backendOption())
    .option('--resume', 'finish an interrupted run from its checkpoint')
    .option('--force', 'replace an existing output written by u1x; allow grids above 1e12 points')
    .option('--checkpoint-every <seconds>', 'seconds between checkpoints of a grid scan (0: after every chunk)', '10')
    .addOption(new Option('--progress <mode>', 'tty | plain | json | none (default: tty on a terminal, else plain)'))
    .option('--terms', "also store every constraint's chi2 at the profiled minimum")
    .option('--no-cells', 'do not store per-cell arrays (only per-model minima)')
    .option('--quick', 'the same scan at reduced resolution (every range axis thinned 8x): smoke runs, CI')
    .option('--shard <I/N>', 'run shard I of N of a grid scan (blocks of models and m_X) into its own directory; `u1x merge` joins them')
    .option('--dataset <family=id>', "dataset choice, e.g. amu=amu-2025, over the spec's datasets (repeatable)", collectPairs)
    .option('--option <id.name=value>', "constraint option over the spec's options, e.g. ccfr.nucleon=true (repeatable)", collectPairs);
  for (const o of dataDirOptions()) cmd.addOption(o);
  cmd.action(async (given: string | undefined, opts: ScanOptions) => {
    const progressMode = parseProgressMode(opts.progress);
    const shardIndex = opts.shard === undefined ? undefined : parseShardArg(opts.shard);
    const specPath = given ?? resolve(PACKAGE_ROOT, DEFAULT_SCAN);
    const checkpointSeconds = parseNumber('--checkpoint-every', opts.checkpointEvery ?? '10');
    if (!(checkpointSeconds >= 0))
      throw new UserError(`--checkpoint-every must be a number of seconds >= 0 (got '${opts.checkpointEvery}')`);
    if (!given) process.stderr.write(`no spec given: running the built-in default scan ${DEFAULT_SCAN}\n`);
    // --dataset and --option rewrite the spec (and so its text, which names the run in spec.yaml and the resume key).
    const read = withOptions(withDatasets(readScanSpec(specPath), opts.dataset), constraintOptions(opts.option ?? {}));
    const spec = opts.quick ? quickSpec(read.spec) : read.spec;
    const text = read.text;
    const name = specName(spec, specPath);
    const dirs = dataDirsFrom(opts);
    const progress: ProgressMode = progressMode ?? autoProgressMode();
    if (shardIndex) checkShardable(spec, { cells: opts.cells, what: '--shard' });
    const plan = planScan(spec, {
      name,
      dataDirs: { coherent: dirs.coherent.dir, darkcast: dirs.darkcast.dir },
      force: opts.force ?? false,
      resolveModels: (s) => modelsOfSpec(s, dirname(resolve(specPath))),
    });
    const shard = shardIndex && shardOf(plan, shardIndex, { terms: opts.terms });
    const log = (line: string) => process.stderr.write(`${line}\n`);
    const selected = await selectBackendFor(parseBackendChoice(opts.backend), jobKindOf(plan.active), { u1xVersion: u1xBuild(), log });
    log(selected.reason);
    if (opts.quick) log('--quick: every range axis thinned 8x');
    const provenance = { u1xVersion: u1xVersion(), gitSha: u1xGitSha(), dataDirs: dataProvenance(plan, dirs) };
    const record =
      shard &&
      shardRecord(shard, {
        specFile: specPath,
        quick: opts.quick ?? false,
        backend: selected.backend,
        provenance,
        dataDirs: { coherent: dirs.coherent.dir, darkcast: dirs.darkcast.dir },
      });
    if (shard) {
      const b = shard.block;
      log(
        `shard ${shard.index.index}/${shard.index.count}: models ${b.models[0] + 1}-${b.models[1]}, m_X points ${b.mx[0] + 1}-${b.mx[1]}`,
      );
    }
    await runScanKind({
      plan: shard ? shard.plan : plan,
      shard: record,
      specFile: specPath,
      specText: text,
      outDir: resolve(opts.out ?? `results/${shardIndex ? shardDirName(name, shardIndex) : name}`),
      selected,
      log,
      progressMode: progress,
      flags: { resume: opts.resume ?? false, force: opts.force ?? false, quick: opts.quick ?? false, terms: opts.terms, cells: opts.cells },
      provenance,
      skipped: skippedLines(plan.skipped),
      installRoot: PACKAGE_ROOT,
      checkpointSeconds,
      stopSignals: (what) => handleStopSignals(log, what),
    });
  });
}

interface PlannedShard {
  index: ShardIndex;
  block: ShardBlock;
  /** The whole grid's plan and the block's. */
  whole: ScanPlan;
  plan: ScanPlan;
  terms: boolean;
  observables: string[];
}

/** Check that the scan can be sharded, and plan shard `index`'s block. */
/** Plan shard `index`'s block (the scan passed checkShardable). */
function shardOf(plan: ScanPlan, index: ShardIndex, flags: { terms: boolean | undefined }): PlannedShard {
  const block = shardBlock(plan.models.length, plan.mx.values.length, index);
  return {
    index,
    block,
    whole: plan,
    plan: blockPlan(plan, block),
    terms: flags.terms ?? plan.spec.outputs?.terms ?? false,
    observables: observablesToStore(plan.spec, plan) ?? [],
  };
}

function shardRecord(
  s: PlannedShard,
  o: {
    specFile: string;
    quick: boolean;
    backend: { description: string; precision: 'float32' | 'float64' };
    provenance: Omit<ScanProvenance, 'backend' | 'precision'>;
    dataDirs: { coherent: string | null; darkcast: string | null };
  },
): ShardRecord {
  return {
    format: SHARD_FORMAT,
    index: s.index.index,
    count: s.index.count,
    spec_sha256: sha256(s.whole.spec),
    spec: s.whole.spec,
    spec_file: o.specFile,
    spec_dir: dirname(resolve(o.specFile)),
    name: s.whole.name,
    quick: o.quick,
    u1x_version: o.provenance.u1xVersion,
    git_sha: o.provenance.gitSha,
    data_sha256: dataFilesSha(o.provenance.dataDirs),
    data_dirs: o.dataDirs,
    backend: o.backend.description,
    precision: o.backend.precision,
    outputs: { terms: s.terms, observables: s.observables },
    block: s.block,
    model_ids_sha256: modelIdsSha(s.whole),
  };
}

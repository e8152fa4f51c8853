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
  u1xVersion,
} from '../common.js';
import { withDatasets, withOptions } from '../specOverrides.js';
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
    .option('--dataset <family=id>', "dataset choice, e.g. amu=amu-2025, over the spec's datasets (repeatable)", collectPairs)
    .option('--option <id.name=value>', "constraint option over the spec's options, e.g. ccfr.nucleon=true (repeatable)", collectPairs);
  for (const o of dataDirOptions()) cmd.addOption(o);
  cmd.action(async (given: string | undefined, opts: ScanOptions) => {
    const progressMode = parseProgressMode(opts.progress);
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
    const plan = planScan(spec, {
      name,
      dataDirs: { coherent: dirs.coherent.dir, darkcast: dirs.darkcast.dir },
      force: opts.force ?? false,
      resolveModels: (s) => modelsOfSpec(s, dirname(resolve(specPath))),
    });
    const log = (line: string) => process.stderr.write(`${line}\n`);
    const selected = await selectBackendFor(parseBackendChoice(opts.backend), jobKindOf(plan.active), { u1xVersion: u1xVersion(), log });
    log(selected.reason);
    if (opts.quick) log('--quick: every range axis thinned 8x');
    await runScanKind({
      plan,
      specFile: specPath,
      specText: text,
      outDir: resolve(opts.out ?? `results/${name}`),
      selected,
      log,
      progressMode: progress,
      flags: { resume: opts.resume ?? false, force: opts.force ?? false, quick: opts.quick ?? false, terms: opts.terms, cells: opts.cells },
      provenance: { u1xVersion: u1xVersion(), gitSha: u1xGitSha(), dataDirs: dataProvenance(plan, dirs) },
      skipped: skippedLines(plan.skipped),
      installRoot: PACKAGE_ROOT,
      checkpointSeconds,
      stopSignals: (what) => handleStopSignals(log, what),
    });
  });
}

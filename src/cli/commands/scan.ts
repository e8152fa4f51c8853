// `u1x scan <spec>`: run a scan spec to an output directory.

import { dirname, resolve } from 'node:path';
import { Command, Option } from 'commander';
import { parseBackendChoice, selectBackend } from '../../backends/select.js';
import { planScan, type ScanPlan } from '../../scan/plan.js';
import { modelsOfSpec } from '../../scan/models.js';
import { runScan } from '../../scan/runner.js';
import { autoProgressMode, createProgress, type ProgressMode } from '../../scan/progress.js';
import { quickSpec } from '../../scan/quick.js';
import { refuseResume, runOtherKind } from '../../scan/runKind.js';
import { handleStopSignals } from '../stopSignals.js';
import { readScanSpec, specName, type ScanSpec } from '../../scan/spec.js';
import { UserError } from '../../util/errors.js';
import { backendOption, collectPairs, dataDirOptions, dataDirsFrom, PACKAGE_ROOT, parseProgressMode, skippedLines, u1xGitSha, u1xVersion } from '../common.js';
import { withDatasets } from '../specOverrides.js';

/** The main job of the README's quick start. */
export const DEFAULT_SCAN = 'scans/lmu-ltau-map.yaml';
import { dataProvenance } from '../provenance.js';

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
}

/**
 * The spec's observables, plus Delta a_mu when exclusion maps are asked for and (g-2)_mu is active:
 * the maps draw the band's central line from it (src/scan/maps.ts).
 */
export function observablesToStore(spec: ScanSpec, plan: Pick<ScanPlan, 'active'>): string[] | undefined {
  const given = spec.outputs?.observables;
  const wantsCentral = (spec.outputs?.plots ?? []).includes('exclusion') && plan.active.some((a) => a.def.id === 'amu');
  if (!wantsCentral) return given;
  return [...new Set([...(given ?? []), 'amu.delta_amu'])];
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
    .option('--dataset <family=id>', "dataset choice, e.g. amu=amu-2025, over the spec's datasets (repeatable)", collectPairs);
  for (const o of dataDirOptions()) cmd.addOption(o);
  cmd.action(async (given: string | undefined, opts: ScanOptions) => {
    const progressMode = parseProgressMode(opts.progress);
    const specPath = given ?? resolve(PACKAGE_ROOT, DEFAULT_SCAN);
    const checkpointSeconds = Number(opts.checkpointEvery ?? '10');
    if (!(opts.checkpointEvery ?? '10').trim() || !(checkpointSeconds >= 0) || !Number.isFinite(checkpointSeconds)) {
      throw new UserError(`--checkpoint-every must be a number of seconds >= 0 (got '${opts.checkpointEvery}')`);
    }
    if (!given) process.stderr.write(`no spec given: running the built-in default scan ${DEFAULT_SCAN}\n`);
    // --dataset rewrites the spec (and so its text, which names the run in spec.yaml and the resume key).
    const read = withDatasets(readScanSpec(specPath), opts.dataset);
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
    const selected = await selectBackend(parseBackendChoice(opts.backend));
    const log = (line: string) => process.stderr.write(`${line}\n`);
    log(selected.reason);
    if (opts.quick) log('--quick: every range axis thinned 8x');
    const kind = spec.kind ?? 'grid';
    if (kind !== 'grid') {
      if (opts.resume) refuseResume(kind);
      const outDir = resolve(opts.out ?? `results/${name}`);
      for (const line of skippedLines(plan.skipped)) log(line);
      const signals = handleStopSignals(log, 'stopping after the dispatch in flight; nothing will be written');
      const ctx = {
        plan, outDir, force: opts.force ?? false, selected, log, specText: text, stop: signals.stop, installRoot: PACKAGE_ROOT,
        progress: (stage: string, total: number) => createProgress(progress, total, stage),
        manifestBase: {
          tool: 'u1x', u1x_version: u1xVersion(), git_sha: u1xGitSha(), name, spec_file: specPath, quick: opts.quick ?? false,
          backend: selected.backend.description, precision: selected.backend.precision,
          constraints: plan.active.filter((a) => plan.objective.has(a.def.id)).map((a) => ({ id: a.def.id, variant: a.inst.variant ?? null, dataset: a.datasetId, notes: a.inst.notes ?? [] })),
          skipped_constraints: plan.skipped.map((s) => ({ id: s.def.id, reason: s.reason })),
          data: dataProvenance(plan, dirs),
        },
      };
      const t0 = performance.now();
      try {
        await runOtherKind(kind, ctx);
      } finally {
        signals.dispose();
      }
      log(`wrote ${outDir} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
      return;
    }
    // Installed before anything is printed about the scan: a signal from here on gets a checkpoint.
    const signals = handleStopSignals(log, 'finishing the chunk in flight and writing a checkpoint');
    const stop = signals.stop;
    log(`scan ${name}: ${plan.models.length} model(s) x ${plan.mx.values.length} m_X x ${plan.gx.values.length} g_X x ${plan.mix.values.length} ${plan.mix.kind} = ${plan.totalPoints.toExponential(3)} points` +
      `${plan.profileEps ? `, profiled over ${plan.profileGx ? 'g_X and ' : ''}${plan.mix.kind}` : ''}`);
    log(`constraints: ${plan.active.map((a) => a.def.id + (a.inst.variant ? ` (${a.inst.variant})` : '')).join(', ')}`);
    for (const line of skippedLines(plan.skipped)) log(line);
    try {
      const outDir = resolve(opts.out ?? `results/${name}`);
      const result = await runScan({
        plan, specText: text, specFile: specPath, outDir, selected,
        resume: opts.resume ?? false, force: opts.force ?? false, progress, log, stop,
        quick: opts.quick ?? false, installRoot: PACKAGE_ROOT, checkpointSeconds,
        terms: opts.terms ?? spec.outputs?.terms, cells: opts.cells && (spec.outputs?.cells ?? true),
        observables: observablesToStore(spec, plan),
        provenance: { u1xVersion: u1xVersion(), gitSha: u1xGitSha(), dataDirs: dataProvenance(plan, dirs) },
      });
      const t = result.timings;
      log(`wrote ${result.outDir} (tables ${(t.tablesMs / 1000).toFixed(2)} s, kernel ${(t.kernelMs / 1000).toFixed(2)} s, ` +
        `${(result.pointsThisRun / Math.max(t.kernelMs / 1000, 1e-9)).toExponential(2)} points/s, total ${(t.totalMs / 1000).toFixed(2)} s)`);
    } finally {
      signals.dispose();
    }
  });
}
